import BekalCore

extension Schema {
    /// Equipment after issue: the two entry kinds that move or mend it (the journal's table
    /// rebuilt with the longer list, as `v6-entry-kinds` explains), the event that says what
    /// each such entry did, and the stock-takes; and a business's way to the market (its
    /// licences, koperasi or KUBE, sales channels, exhibitions): all append-only.
    static let v13EquipmentAndMarket: [String] = [
        """
        CREATE TABLE journal_entry_v13 (
          id INTEGER PRIMARY KEY,
          book_id INTEGER NOT NULL REFERENCES book(id),
          kind TEXT NOT NULL CHECK (kind = 'budget_receipt' OR kind = 'grant' OR kind = 'grant_capital'
                                    OR kind = 'equipment_purchase' OR kind = 'equipment_issue' OR kind = 'aftercare_expense'
                                    OR kind = 'cash_transfer' OR kind = 'usaha_report' OR kind = 'reversal'
                                    OR kind = 'equipment_move' OR kind = 'equipment_repair'),
          value_date TEXT NOT NULL CHECK (value_date \(date)),
          recorded_at TEXT NOT NULL,
          actor TEXT NOT NULL,
          memo TEXT NOT NULL,
          document_ref TEXT,
          idempotency_key TEXT NOT NULL UNIQUE,
          reverses_entry_id INTEGER UNIQUE REFERENCES journal_entry(id),
          linked_entry_id INTEGER REFERENCES journal_entry(id),
          previous_hash TEXT NOT NULL,
          hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
        ) STRICT
        """,
        "INSERT INTO journal_entry_v13 SELECT * FROM journal_entry",
        "DROP TABLE journal_entry",
        "ALTER TABLE journal_entry_v13 RENAME TO journal_entry",
        "CREATE INDEX journal_entry_date ON journal_entry(book_id, value_date, id)",
    ] + ["UPDATE", "DELETE"].map { action in
        """
        CREATE TRIGGER journal_entry_no_\(action.lowercased()) BEFORE \(action) ON journal_entry
        BEGIN SELECT RAISE(ABORT, 'journal_entry is append-only: correct it with a reversal entry'); END
        """
    } + [
        // One per entry; what each kind names is checked here as in the core.
        """
        CREATE TABLE equipment_event (
          entry_id INTEGER PRIMARY KEY REFERENCES journal_entry(id),
          kind TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(EquipmentEventKind.allCases.map(\.rawValue), column: "kind"))),
          item_id INTEGER NOT NULL REFERENCES equipment_item(id),
          quantity INTEGER NOT NULL CHECK (quantity > 0),
          from_kelompok_id INTEGER REFERENCES kelompok(id),
          to_kelompok_id INTEGER REFERENCES kelompok(id),
          visit_id INTEGER REFERENCES visit(id),
          reason TEXT NOT NULL CHECK (length(trim(reason)) >= \(EquipmentEvent.minimumReasonCharacters)),
          CHECK ((kind = 'transfer') = (to_kelompok_id IS NOT NULL)),
          CHECK (kind NOT IN ('transfer', 'return') OR from_kelompok_id IS NOT NULL),
          CHECK (to_kelompok_id IS NULL OR to_kelompok_id <> from_kelompok_id)
        ) STRICT
        """,
        "CREATE INDEX equipment_event_from ON equipment_event(from_kelompok_id, item_id)",
        """
        CREATE TABLE equipment_count (
          id INTEGER PRIMARY KEY,
          count_ref TEXT NOT NULL CHECK (length(trim(count_ref)) > 0),
          counted_on TEXT NOT NULL CHECK (counted_on \(date)),
          item_id INTEGER NOT NULL REFERENCES equipment_item(id),
          kelompok_id INTEGER REFERENCES kelompok(id),
          expected INTEGER NOT NULL,
          counted INTEGER NOT NULL CHECK (counted >= 0),
          note TEXT,
          actor TEXT NOT NULL,
          recorded_at TEXT NOT NULL
        ) STRICT
        """,
        "CREATE UNIQUE INDEX equipment_count_key ON equipment_count(count_ref, item_id, ifnull(kelompok_id, 0))",
    ] + MarketSQL.create(integer: "INTEGER", id: "INTEGER PRIMARY KEY", strict: " STRICT", date: date)
      + ["equipment_event", "equipment_count"].flatMap { table in
        ["UPDATE", "DELETE"].map { action in
            """
            CREATE TRIGGER \(table)_no_\(action.lowercased()) BEFORE \(action) ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(table) is append-only: record a new one instead'); END
            """
        }
    } + MarketSQL.tables.flatMap { table in
        ["UPDATE", "DELETE"].map { action in
            """
            CREATE TRIGGER \(table)_no_\(action.lowercased()) BEFORE \(action) ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(table) is append-only: record a new one instead'); END
            """
        }
    }
}
