import BekalCore

extension Schema {
    /// A woman registered twice, made one person (``PersonMerge``): one append-only row per
    /// duplicate record. No chains: a record merged away is never kept for another merge, and
    /// a record that holds merges is never merged away — the schema refuses both, as it would an
    /// insider's INSERT.
    static let v11PersonMerge: [String] = [
        """
        CREATE TABLE person_merge (
          id INTEGER PRIMARY KEY,
          duplicate_id INTEGER NOT NULL UNIQUE REFERENCES beneficiary(id),
          kept_id INTEGER NOT NULL REFERENCES beneficiary(id),
          on_date TEXT NOT NULL CHECK (on_date \(date)),
          reason TEXT NOT NULL CHECK (length(trim(reason)) >= \(PersonMerge.minimumReasonCharacters)),
          actor TEXT NOT NULL,
          recorded_at TEXT NOT NULL,
          CHECK (duplicate_id <> kept_id)
        ) STRICT
        """,
        "CREATE INDEX person_merge_kept ON person_merge(kept_id)",
        // The closed cases every due list and outcome report reads: one in twenty, not every stage.
        "CREATE INDEX case_stage_closing ON case_stage(id) WHERE closes = 1",
        """
        CREATE TRIGGER person_merge_no_chain BEFORE INSERT ON person_merge
        WHEN EXISTS (SELECT 1 FROM person_merge WHERE duplicate_id = NEW.kept_id OR kept_id = NEW.duplicate_id)
        BEGIN SELECT RAISE(ABORT, 'a merged record is not kept, and a record holding merges is not merged away'); END
        """,
    ] + ["UPDATE", "DELETE"].map { action in
        """
        CREATE TRIGGER person_merge_no_\(action.lowercased()) BEFORE \(action) ON person_merge
        BEGIN SELECT RAISE(ABORT, 'person_merge is append-only: both histories stay'); END
        """
    }
}
