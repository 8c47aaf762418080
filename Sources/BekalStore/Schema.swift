import BekalCore
import GRDB

/// The schema, as named migrations that are never edited once shipped: a change is a new
/// migration appended at the end.
///
/// What the schema can hold it holds: STRICT tables, NOT NULL, CHECK, UNIQUE, foreign keys,
/// and triggers that make the books append-only. The core's rules come first; these are the
/// second line that catches a bug in the core or a hand-edit of the file.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger-and-registry") { db in
            for statement in v1 { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v2-aftercare") { db in
            for statement in v2Aftercare { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v3-users") { db in
            for statement in v3Users { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v4-grant-guardrails") { db in
            for statement in v4GrantGuardrails { try db.execute(sql: statement) }
            // The name key of everyone registered before it existed, computed by the core's rule.
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM beneficiary") {
                let name: String = row["name"]
                try db.execute(sql: "UPDATE beneficiary SET name_key = ? WHERE id = ?", arguments: [LikelyDuplicate.nameKey(name), row["id"]])
            }
        }
        migrator.registerMigration("v5-seals") { db in
            for statement in v5Seals { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v6-entry-kinds") { db in
            for statement in v6EntryKinds { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v7-monitor-role") { db in
            for statement in v7MonitorRole { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v8-registry-changes") { db in
            for statement in v8RegistryChanges { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v9-recipient-lists") { db in
            for statement in v9RecipientLists { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v10-case-path") { db in
            for statement in v10CasePath { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v11-person-merge") { db in
            for statement in v11PersonMerge { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v12-budget-and-targets") { db in
            for statement in v12BudgetAndTargets { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v13-equipment-and-market") { db in
            for statement in v13EquipmentAndMarket { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v14-training") { db in
            for statement in v14Training { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v15-performance-reads") { db in
            for statement in PerformanceSQL.migration(date: date) { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v16-visit-schedule") { db in
            for statement in v16VisitSchedule { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v17-phone-receipts") { db in
            for statement in v17PhoneReceipts { try db.execute(sql: statement) }
        }
        return migrator
    }

    /// Opens the schema of a file: refuses a file that is not Bekal's or that a newer Bekal
    /// wrote, then migrates it (`migrate`), or checks that it needs no migration (a reading
    /// command, which may not write).
    static func check(_ writer: any DatabaseWriter, path: String, isNew: Bool, migrate: Bool) throws {
        let migrator = Self.migrator
        let known = migrator.migrations
        let (applied, hasTables) = try writer.read { db -> ([String], Bool) in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            guard tables.contains("grdb_migrations") else { return ([], !tables.isEmpty) }
            return (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"), true)
        }
        if applied.isEmpty && hasTables { throw StoreError.notBekal(path: path) }
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknown: unknown.sorted()) }
        if applied.isEmpty && !isNew && !migrate { throw StoreError.notBekal(path: path) }
        if migrate {
            try migrator.migrate(writer)
        } else if applied.count < known.count {
            throw StoreError.schemaOutdated(path: path, applied: known.last { applied.contains($0) } ?? "none", expected: known.last!)
        }
    }

    static let date = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"
    static let month = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'"

    static let appendOnlyTables = ["journal_entry", "posting", "grant_payment", "grant_exception",
                                   "equipment_movement", "period_closing"]

    static let v1: [String] = [
        """
        CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT
        """,
        """
        CREATE TABLE book (
          id INTEGER PRIMARY KEY,
          code TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('office', 'usaha'))
        ) STRICT
        """,
        """
        CREATE TABLE account (
          id INTEGER PRIMARY KEY,
          book_id INTEGER NOT NULL REFERENCES book(id),
          code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
          name TEXT NOT NULL,
          type TEXT NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'income', 'expense')),
          no_negative INTEGER NOT NULL CHECK (no_negative IN (0, 1)),
          role TEXT,
          UNIQUE (book_id, code),
          UNIQUE (book_id, role)
        ) STRICT
        """,
        // Running balances, moved in the same transaction as the postings.
        """
        CREATE TABLE account_balance (
          account_id INTEGER PRIMARY KEY REFERENCES account(id),
          debit INTEGER NOT NULL DEFAULT 0 CHECK (debit >= 0),
          credit INTEGER NOT NULL DEFAULT 0 CHECK (credit >= 0),
          balance INTEGER NOT NULL DEFAULT 0,
          CHECK (balance = debit - credit)
        ) STRICT
        """,
        """
        CREATE TABLE journal_entry (
          id INTEGER PRIMARY KEY,
          book_id INTEGER NOT NULL REFERENCES book(id),
          kind TEXT NOT NULL,
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
        "CREATE INDEX journal_entry_date ON journal_entry(book_id, value_date, id)",
        """
        CREATE TABLE posting (
          entry_id INTEGER NOT NULL REFERENCES journal_entry(id),
          line INTEGER NOT NULL CHECK (line >= 0),
          account_id INTEGER NOT NULL REFERENCES account(id),
          amount INTEGER NOT NULL CHECK (amount <> 0),
          beneficiary_id INTEGER REFERENCES beneficiary(id),
          kelompok_id INTEGER REFERENCES kelompok(id),
          usaha_id INTEGER REFERENCES usaha(id),
          cohort_id INTEGER REFERENCES cohort(id),
          budget_year INTEGER,
          PRIMARY KEY (entry_id, line)
        ) STRICT, WITHOUT ROWID
        """,
        "CREATE INDEX posting_account ON posting(account_id, entry_id)",
        """
        CREATE TABLE period_closing (
          id INTEGER PRIMARY KEY,
          book_id INTEGER NOT NULL REFERENCES book(id),
          month TEXT NOT NULL CHECK (month \(month)),
          closed_at TEXT NOT NULL,
          actor TEXT NOT NULL,
          UNIQUE (book_id, month)
        ) STRICT
        """,
        "CREATE TABLE track (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL) STRICT",
        """
        CREATE TABLE cohort (
          id INTEGER PRIMARY KEY,
          code TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          training_start TEXT CHECK (training_start \(date)),
          training_end TEXT CHECK (training_end \(date)),
          budget INTEGER NOT NULL DEFAULT 0 CHECK (budget >= 0),
          budget_year INTEGER
        ) STRICT
        """,
        """
        CREATE TABLE beneficiary (
          id INTEGER PRIMARY KEY,
          external_ref TEXT UNIQUE,
          name TEXT NOT NULL CHECK (length(name) > 0),
          nik TEXT UNIQUE CHECK (nik IS NULL OR (length(nik) = 16 AND nik NOT GLOB '*[^0-9]*')),
          birth_year INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100),
          origin_area TEXT,
          kelurahan TEXT,
          consent_share INTEGER NOT NULL DEFAULT 0 CHECK (consent_share IN (0, 1)),
          consent_name TEXT
        ) STRICT
        """,
        """
        CREATE TABLE enrolment (
          id INTEGER PRIMARY KEY,
          beneficiary_id INTEGER NOT NULL REFERENCES beneficiary(id),
          cohort_id INTEGER NOT NULL REFERENCES cohort(id),
          track_id INTEGER NOT NULL REFERENCES track(id),
          status TEXT NOT NULL CHECK (status IN ('enrolled', 'completed', 'dropped_out')),
          status_date TEXT CHECK (status_date \(date)),
          UNIQUE (beneficiary_id, cohort_id)
        ) STRICT
        """,
        """
        CREATE TABLE kelompok (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL,
          cohort_id INTEGER NOT NULL REFERENCES cohort(id),
          track_id INTEGER REFERENCES track(id)
        ) STRICT
        """,
        """
        CREATE TABLE kelompok_member (
          id INTEGER PRIMARY KEY,
          kelompok_id INTEGER NOT NULL REFERENCES kelompok(id),
          beneficiary_id INTEGER NOT NULL REFERENCES beneficiary(id),
          joined_on TEXT NOT NULL CHECK (joined_on \(date)),
          left_on TEXT CHECK (left_on \(date)),
          CHECK (left_on IS NULL OR left_on >= joined_on)
        ) STRICT
        """,
        "CREATE INDEX kelompok_member_kelompok ON kelompok_member(kelompok_id)",
        """
        CREATE TABLE usaha (
          id INTEGER PRIMARY KEY,
          owner_beneficiary_id INTEGER REFERENCES beneficiary(id),
          owner_kelompok_id INTEGER REFERENCES kelompok(id),
          product TEXT NOT NULL,
          brand TEXT,
          location TEXT,
          kelurahan TEXT,
          CHECK ((owner_beneficiary_id IS NULL) <> (owner_kelompok_id IS NULL))
        ) STRICT
        """,
        "CREATE TABLE equipment_item (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, unit TEXT NOT NULL) STRICT",
        """
        CREATE TABLE equipment_stock (
          item_id INTEGER PRIMARY KEY REFERENCES equipment_item(id),
          quantity INTEGER NOT NULL CHECK (quantity >= 0),
          value INTEGER NOT NULL CHECK (value >= 0)
        ) STRICT
        """,
        """
        CREATE TABLE equipment_movement (
          id INTEGER PRIMARY KEY,
          entry_id INTEGER NOT NULL REFERENCES journal_entry(id),
          item_id INTEGER NOT NULL REFERENCES equipment_item(id),
          kelompok_id INTEGER REFERENCES kelompok(id),
          quantity INTEGER NOT NULL CHECK (quantity <> 0),
          value INTEGER NOT NULL
        ) STRICT
        """,
        "CREATE INDEX equipment_movement_entry ON equipment_movement(entry_id)",
        "CREATE INDEX equipment_movement_kelompok ON equipment_movement(kelompok_id)",
        """
        CREATE TABLE grant_exception (
          id INTEGER PRIMARY KEY,
          beneficiary_id INTEGER NOT NULL REFERENCES beneficiary(id),
          cohort_id INTEGER NOT NULL REFERENCES cohort(id),
          reason TEXT NOT NULL CHECK (length(reason) >= 10),
          actor TEXT NOT NULL,
          recorded_at TEXT NOT NULL
        ) STRICT
        """,
        """
        CREATE TABLE grant_payment (
          id INTEGER PRIMARY KEY,
          beneficiary_id INTEGER NOT NULL REFERENCES beneficiary(id),
          cohort_id INTEGER NOT NULL REFERENCES cohort(id),
          entry_id INTEGER NOT NULL UNIQUE REFERENCES journal_entry(id),
          usaha_entry_id INTEGER UNIQUE REFERENCES journal_entry(id),
          usaha_id INTEGER REFERENCES usaha(id),
          amount INTEGER NOT NULL CHECK (amount > 0),
          exception_id INTEGER UNIQUE REFERENCES grant_exception(id)
        ) STRICT
        """,
        "CREATE INDEX grant_payment_person ON grant_payment(beneficiary_id, cohort_id)",
    ] + appendOnlyTables.flatMap { table in
        ["UPDATE", "DELETE"].map { action in
            """
            CREATE TRIGGER \(table)_no_\(action.lowercased()) BEFORE \(action) ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(table) is append-only: correct it with a reversal entry'); END
            """
        }
    }
}

extension Schema {
    /// Aftercare: workers and caseloads, visits, outcomes, the audit log, and a summary per
    /// person kept in the same transaction as what it summarises, so the follow-up list and
    /// the outcome report read one row per graduate and never scan millions of visits.
    static let v2Aftercare: [String] = [
        "CREATE TABLE worker (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL) STRICT",
        """
        CREATE TABLE case_assignment (
          id INTEGER PRIMARY KEY,
          worker_id INTEGER NOT NULL REFERENCES worker(id),
          beneficiary_id INTEGER REFERENCES beneficiary(id),
          kelompok_id INTEGER REFERENCES kelompok(id),
          from_date TEXT NOT NULL CHECK (from_date \(date)),
          to_date TEXT CHECK (to_date \(date)),
          CHECK ((beneficiary_id IS NULL) <> (kelompok_id IS NULL)),
          CHECK (to_date IS NULL OR to_date >= from_date)
        ) STRICT
        """,
        "CREATE UNIQUE INDEX case_current_beneficiary ON case_assignment(beneficiary_id) WHERE to_date IS NULL AND beneficiary_id IS NOT NULL",
        "CREATE UNIQUE INDEX case_current_kelompok ON case_assignment(kelompok_id) WHERE to_date IS NULL AND kelompok_id IS NOT NULL",
        "CREATE INDEX case_worker ON case_assignment(worker_id) WHERE to_date IS NULL",
        "CREATE INDEX kelompok_member_person ON kelompok_member(beneficiary_id)",
        """
        CREATE TABLE visit (
          id INTEGER PRIMARY KEY,
          visit_date TEXT NOT NULL CHECK (visit_date \(date)),
          worker_id INTEGER NOT NULL REFERENCES worker(id),
          beneficiary_id INTEGER REFERENCES beneficiary(id),
          kelompok_id INTEGER REFERENCES kelompok(id),
          usaha_id INTEGER REFERENCES usaha(id),
          contact_mode TEXT NOT NULL CHECK (contact_mode IN ('home_visit', 'phone', 'through_rt_head', 'through_other')),
          whereabouts TEXT CHECK (whereabouts IN ('here', 'moved_within_city', 'went_home_to_village', 'unreachable')),
          business_status TEXT CHECK (business_status IN ('running', 'paused', 'closed', 'never_started')),
          sales_amount INTEGER CHECK (sales_amount >= 0),
          sales_start TEXT CHECK (sales_start \(date)),
          sales_end TEXT CHECK (sales_end \(date)),
          sales_entry_id INTEGER REFERENCES journal_entry(id),
          support TEXT NOT NULL DEFAULT '',
          grant_use TEXT,
          needs TEXT,
          notes TEXT,
          next_visit_due TEXT CHECK (next_visit_due \(date)),
          natural_key TEXT NOT NULL UNIQUE,
          recorded_at TEXT NOT NULL,
          actor TEXT NOT NULL,
          CHECK (beneficiary_id IS NOT NULL OR kelompok_id IS NOT NULL OR usaha_id IS NOT NULL),
          CHECK ((sales_amount IS NULL) = (sales_start IS NULL) AND (sales_start IS NULL) = (sales_end IS NULL))
        ) STRICT
        """,
        "CREATE INDEX visit_worker_date ON visit(worker_id, visit_date)",
        "CREATE INDEX visit_usaha_date ON visit(usaha_id, visit_date) WHERE usaha_id IS NOT NULL",
        "CREATE INDEX visit_beneficiary_date ON visit(beneficiary_id, visit_date) WHERE beneficiary_id IS NOT NULL",
        """
        CREATE TABLE visit_equipment (
          visit_id INTEGER NOT NULL REFERENCES visit(id),
          item_id INTEGER NOT NULL REFERENCES equipment_item(id),
          condition TEXT NOT NULL CHECK (condition IN ('working', 'broken', 'sold', 'lost')),
          PRIMARY KEY (visit_id, item_id)
        ) STRICT, WITHOUT ROWID
        """,
        // One row per beneficiary: what the follow-up list and the outcome report need,
        // kept in the same transaction as the grants, enrolments, memberships, assignments,
        // visits and outcomes it is derived from (see SQLiteTransaction+CaseSummary.swift).
        """
        CREATE TABLE case_summary (
          beneficiary_id INTEGER PRIMARY KEY REFERENCES beneficiary(id),
          grant_id INTEGER REFERENCES grant_payment(id),
          grant_entry_id INTEGER REFERENCES journal_entry(id),
          grant_amount INTEGER,
          grant_date TEXT CHECK (grant_date \(date)),
          cohort_id INTEGER REFERENCES cohort(id),
          track_id INTEGER REFERENCES track(id),
          kelompok_id INTEGER REFERENCES kelompok(id),
          worker_id INTEGER REFERENCES worker(id),
          last_contact TEXT CHECK (last_contact \(date)),
          last_whereabouts TEXT,
          last_whereabouts_date TEXT CHECK (last_whereabouts_date \(date)),
          outcome_returned TEXT,
          outcome_as_of TEXT CHECK (outcome_as_of \(date))
        ) STRICT
        """,
        "CREATE INDEX case_summary_worker ON case_summary(worker_id) WHERE grant_date IS NOT NULL",
        """
        CREATE TABLE outcome (
          id INTEGER PRIMARY KEY,
          beneficiary_id INTEGER NOT NULL REFERENCES beneficiary(id),
          as_of TEXT NOT NULL CHECK (as_of \(date)),
          returned TEXT NOT NULL CHECK (returned IN ('yes', 'no', 'unknown')),
          source TEXT NOT NULL CHECK (source IN ('self_report', 'worker_observation', 'community_report')),
          recorded_by TEXT NOT NULL,
          recorded_at TEXT NOT NULL
        ) STRICT
        """,
        "CREATE INDEX outcome_person ON outcome(beneficiary_id, as_of, id)",
        """
        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          subject TEXT NOT NULL,
          detail TEXT NOT NULL
        ) STRICT
        """,
        "CREATE INDEX audit_at ON audit_log(at)",
    ] + ["visit", "visit_equipment", "outcome", "audit_log"].flatMap { table in
        ["UPDATE", "DELETE"].map { action in
            """
            CREATE TRIGGER \(table)_no_\(action.lowercased()) BEFORE \(action) ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(table) is append-only: record a new one instead'); END
            """
        }
    }

    /// People who sign in to the web app. The password is a bcrypt hash; a pendamping is
    /// linked to the worker whose caseload she sees, and only a pendamping is.
    static let v3Users: [String] = [
        """
        CREATE TABLE app_user (
          id INTEGER PRIMARY KEY,
          username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 3 AND 32),
          display_name TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('admin', 'bendahara', 'pendamping', 'mitra')),
          worker_id INTEGER REFERENCES worker(id),
          password_hash TEXT NOT NULL,
          active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
          created_at TEXT NOT NULL,
          CHECK ((role = 'pendamping') = (worker_id IS NOT NULL))
        ) STRICT
        """,
    ]
}

extension Schema {
    /// Issue 9's guardrails on grants and registrations: a cohort's own standard grant, the
    /// reason stated for a grant of another amount, and the name key that finds a woman who
    /// may be registered twice (with the records she was confirmed different from).
    static let v4GrantGuardrails: [String] = [
        "ALTER TABLE cohort ADD COLUMN grant_amount INTEGER CHECK (grant_amount IS NULL OR grant_amount > 0)",
        "ALTER TABLE grant_payment ADD COLUMN amount_reason TEXT CHECK (amount_reason IS NULL OR length(amount_reason) >= 10)",
        "ALTER TABLE beneficiary ADD COLUMN name_key TEXT",
        "ALTER TABLE beneficiary ADD COLUMN distinct_from TEXT",
        "CREATE INDEX beneficiary_name_key ON beneficiary(name_key, birth_year)",
    ]
}

extension Schema {
    /// Signed seals of the books (see ``BekalCore/Seal``), append-only like the books; and each
    /// user's session epoch, which a new sign-in, a password change or switching her off moves
    /// on, ending every session of hers that carries an older one.
    static let v5Seals: [String] = [
        "ALTER TABLE app_user ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0 CHECK (session_epoch >= 0)",
        """
        CREATE TABLE seal (
          id INTEGER PRIMARY KEY CHECK (id > 0),
          sealed_at TEXT NOT NULL,
          actor TEXT NOT NULL,
          reason TEXT NOT NULL,
          entry_id INTEGER NOT NULL CHECK (entry_id >= 0),
          entry_hash TEXT NOT NULL,
          tables TEXT NOT NULL,
          public_key TEXT NOT NULL CHECK (length(public_key) = 64),
          signature TEXT NOT NULL CHECK (length(signature) = 128)
        ) STRICT
        """,
    ] + ["UPDATE", "DELETE"].map { action in
        """
        CREATE TRIGGER seal_no_\(action.lowercased()) BEFORE \(action) ON seal
        BEGIN SELECT RAISE(ABORT, 'seal is append-only: seal again instead'); END
        """
    }
}

extension Schema {
    /// The entry kinds this version writes, as a CHECK of `journal_entry` (SQLite cannot add
    /// a CHECK to a table, so the table is rebuilt: created anew with it, filled, swapped in,
    /// its index and append-only triggers made again). Written as `=` … `OR`, not `IN (…)`:
    /// SQLite builds an ephemeral index for an IN list on every insert, measured at about 39,000
    /// instructions per entry on the bulk path (a trigger with the list, 47,000); the ORs cost
    /// a few hundred. A version that adds a kind rebuilds the table again in its own migration.
    static let v6EntryKinds = journalEntryRebuild(version: 6, kinds: ["budget_receipt", "grant", "grant_capital", "equipment_purchase",
                                                                    "equipment_issue", "aftercare_expense", "cash_transfer", "usaha_report",
                                                                    "reversal"])

    /// The journal's table rebuilt with `kinds` as its CHECK (see ``v6EntryKinds``): the same
    /// columns, rows, index and append-only triggers, under a CHECK of `=` … `OR`.
    static func journalEntryRebuild(version: Int, kinds: [String]) -> [String] {
        let check = kinds.map { "kind = '\($0)'" }.joined(separator: " OR ")
        return [
            """
            CREATE TABLE journal_entry_v\(version) (
              id INTEGER PRIMARY KEY,
              book_id INTEGER NOT NULL REFERENCES book(id),
              kind TEXT NOT NULL CHECK (\(check)),
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
            "INSERT INTO journal_entry_v\(version) SELECT * FROM journal_entry",
            "DROP TABLE journal_entry",
            "ALTER TABLE journal_entry_v\(version) RENAME TO journal_entry",
            "CREATE INDEX journal_entry_date ON journal_entry(book_id, value_date, id)",
        ] + ["UPDATE", "DELETE"].map { action in
            """
            CREATE TRIGGER journal_entry_no_\(action.lowercased()) BEFORE \(action) ON journal_entry
            BEGIN SELECT RAISE(ABORT, 'journal_entry is append-only: correct it with a reversal entry'); END
            """
        }
    }

    /// The BEFORE UPDATE and BEFORE DELETE triggers that make each table append-only.
    static func appendOnlyTriggers(_ tables: [String], remedy: String) -> [String] {
        tables.flatMap { table in
            ["UPDATE", "DELETE"].map { action in
                """
                CREATE TRIGGER \(table)_no_\(action.lowercased()) BEFORE \(action) ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only: \(remedy)'); END
                """
            }
        }
    }
}

extension Schema {
    /// The province's or the ministry's monitor (`pemantau`), who sees the roll-up across
    /// offices only. SQLite cannot change a CHECK in place: the users' table is built again
    /// with the new list of roles, its rows and ids kept (the audit log names users by name).
    static let v7MonitorRole: [String] = [
        """
        CREATE TABLE app_user_v7 (
          id INTEGER PRIMARY KEY,
          username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 3 AND 32),
          display_name TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('admin', 'bendahara', 'pendamping', 'mitra', 'pemantau')),
          worker_id INTEGER REFERENCES worker(id),
          password_hash TEXT NOT NULL,
          active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
          created_at TEXT NOT NULL,
          session_epoch INTEGER NOT NULL DEFAULT 0 CHECK (session_epoch >= 0),
          CHECK ((role = 'pendamping') = (worker_id IS NOT NULL))
        ) STRICT
        """,
        """
        INSERT INTO app_user_v7 (id, username, display_name, role, worker_id, password_hash, active, created_at, session_epoch)
        SELECT id, username, display_name, role, worker_id, password_hash, active, created_at, session_epoch FROM app_user
        """,
        "DROP TABLE app_user",
        "ALTER TABLE app_user_v7 RENAME TO app_user",
    ]
}

extension Schema {
    /// Changes to registry records after they were written (``BekalCore/RegistryChange``):
    /// append-only, one row per change and one per field it changed, with the value before and
    /// after. The rows of `beneficiary` and `usaha` hold the current values; the views
    /// `beneficiary_as_registered` and `usaha_as_registered` give them back as first written
    /// (each changed field's first old value), which is what a seal digests, so that a seal
    /// made before a correction still verifies after it and a hand edit of a row does not.
    static let v8RegistryChanges: [String] = [
        """
        CREATE TABLE registry_change (
          id INTEGER PRIMARY KEY,
          subject TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(RegistryChange.Subject.allCases.map(\.rawValue), column: "subject"))),
          subject_id INTEGER NOT NULL,
          on_date TEXT NOT NULL CHECK (on_date \(date)),
          reason_code TEXT CHECK (reason_code IS NULL OR \(RegistrySQL.oneOf(ExitReason.allCases.map(\.rawValue), column: "reason_code"))),
          reason TEXT,
          actor TEXT NOT NULL,
          recorded_at TEXT NOT NULL
        ) STRICT
        """,
        "CREATE INDEX registry_change_subject ON registry_change(subject, subject_id, id)",
        """
        CREATE TABLE registry_change_field (
          id INTEGER PRIMARY KEY,
          change_id INTEGER NOT NULL REFERENCES registry_change(id),
          field TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(RegistryChange.Field.allCases.map(\.rawValue), column: "field"))),
          old_value TEXT,
          new_value TEXT,
          UNIQUE (change_id, field)
        ) STRICT
        """,
        RegistrySQL.asRegistered(.beneficiary, integer: "INTEGER"),
        RegistrySQL.asRegistered(.usaha, integer: "INTEGER"),
    ] + ["registry_change", "registry_change_field"].flatMap { table in
        ["UPDATE", "DELETE"].map { action in
            """
            CREATE TRIGGER \(table)_no_\(action.lowercased()) BEFORE \(action) ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(table) is append-only: record a new change instead'); END
            """
        }
    }
}

extension Schema {
    /// Recipient lists (``BekalCore/RecipientList``), maker-checker: the list and its lines as
    /// drafted, the approval with the SK, and the grant entries that paid its lines. Every table
    /// is append-only, and triggers keep the rules an insider with the file could otherwise
    /// break: no line added to an approved list, no approval by the one who drafted the list, no
    /// payment recorded against a list that is not approved. The `kepala` role (the head of the
    /// office, who approves) joins the users' roles; a purchase's papers (supplier, invoice,
    /// goods-received report) get their table.
    static let v9RecipientLists: [String] = [
        """
        CREATE TABLE app_user_v9 (
          id INTEGER PRIMARY KEY,
          username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 3 AND 32),
          display_name TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('admin', 'bendahara', 'pendamping', 'mitra', 'pemantau', 'kepala')),
          worker_id INTEGER REFERENCES worker(id),
          password_hash TEXT NOT NULL,
          active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
          created_at TEXT NOT NULL,
          session_epoch INTEGER NOT NULL DEFAULT 0 CHECK (session_epoch >= 0),
          CHECK ((role = 'pendamping') = (worker_id IS NOT NULL))
        ) STRICT
        """,
        """
        INSERT INTO app_user_v9 (id, username, display_name, role, worker_id, password_hash, active, created_at, session_epoch)
        SELECT id, username, display_name, role, worker_id, password_hash, active, created_at, session_epoch FROM app_user
        """,
        "DROP TABLE app_user",
        "ALTER TABLE app_user_v9 RENAME TO app_user",
        """
        CREATE TABLE recipient_list (
          id INTEGER PRIMARY KEY,
          code TEXT NOT NULL UNIQUE,
          cohort_id INTEGER NOT NULL REFERENCES cohort(id),
          track_id INTEGER REFERENCES track(id),
          amount INTEGER NOT NULL CHECK (amount > 0),
          amount_reason TEXT,
          supersedes_id INTEGER UNIQUE REFERENCES recipient_list(id),
          supersede_reason TEXT,
          drafted_by TEXT NOT NULL,
          drafted_at TEXT NOT NULL,
          CHECK ((supersedes_id IS NULL) = (supersede_reason IS NULL))
        ) STRICT
        """,
        """
        CREATE TABLE recipient_list_line (
          list_id INTEGER NOT NULL REFERENCES recipient_list(id),
          number INTEGER NOT NULL CHECK (number > 0),
          beneficiary_id INTEGER NOT NULL REFERENCES beneficiary(id),
          amount INTEGER NOT NULL CHECK (amount > 0),
          PRIMARY KEY (list_id, number),
          UNIQUE (list_id, beneficiary_id)
        ) STRICT
        """,
        """
        CREATE TABLE recipient_list_approval (
          id INTEGER PRIMARY KEY,
          list_id INTEGER NOT NULL UNIQUE REFERENCES recipient_list(id),
          approved_by TEXT NOT NULL,
          approved_at TEXT NOT NULL,
          decree_number TEXT NOT NULL CHECK (length(trim(decree_number)) > 0),
          decree_date TEXT NOT NULL CHECK (decree_date \(date)),
          -- A list is approved with its lines: its first line must exist (so a copy, too, loads
          -- the lines before the approval that freezes them).
          first_line INTEGER NOT NULL DEFAULT 1 CHECK (first_line = 1),
          FOREIGN KEY (list_id, first_line) REFERENCES recipient_list_line(list_id, number)
        ) STRICT
        """,
        """
        CREATE TABLE recipient_payment (
          entry_id INTEGER PRIMARY KEY REFERENCES journal_entry(id),
          list_id INTEGER NOT NULL,
          beneficiary_id INTEGER NOT NULL,
          FOREIGN KEY (list_id, beneficiary_id) REFERENCES recipient_list_line(list_id, beneficiary_id)
        ) STRICT
        """,
        """
        CREATE TABLE recipient_list_equipment (
          list_id INTEGER NOT NULL REFERENCES recipient_list(id),
          number INTEGER NOT NULL CHECK (number > 0),
          kelompok_id INTEGER NOT NULL REFERENCES kelompok(id),
          item_id INTEGER NOT NULL REFERENCES equipment_item(id),
          quantity INTEGER NOT NULL CHECK (quantity > 0),
          PRIMARY KEY (list_id, number),
          UNIQUE (list_id, kelompok_id, item_id)
        ) STRICT
        """,
        """
        CREATE TRIGGER recipient_list_equipment_frozen BEFORE INSERT ON recipient_list_equipment
        WHEN EXISTS (SELECT 1 FROM recipient_list_approval WHERE list_id = NEW.list_id)
        BEGIN SELECT RAISE(ABORT, 'recipient list is approved and frozen: draft a new list that supersedes it'); END
        """,
        """
        CREATE TABLE purchase_document (
          entry_id INTEGER PRIMARY KEY REFERENCES journal_entry(id),
          supplier TEXT,
          invoice_number TEXT,
          receipt_report TEXT
        ) STRICT
        """,
        """
        CREATE TRIGGER recipient_list_line_frozen BEFORE INSERT ON recipient_list_line
        WHEN EXISTS (SELECT 1 FROM recipient_list_approval WHERE list_id = NEW.list_id)
        BEGIN SELECT RAISE(ABORT, 'recipient list is approved and frozen: draft a new list that supersedes it'); END
        """,
        """
        CREATE TRIGGER recipient_list_approval_checker BEFORE INSERT ON recipient_list_approval
        WHEN NEW.approved_by = (SELECT drafted_by FROM recipient_list WHERE id = NEW.list_id)
        BEGIN SELECT RAISE(ABORT, 'recipient list approved by the one who drafted it: another officer approves'); END
        """,
        """
        CREATE TRIGGER recipient_payment_approved BEFORE INSERT ON recipient_payment
        WHEN NOT EXISTS (SELECT 1 FROM recipient_list_approval WHERE list_id = NEW.list_id)
        BEGIN SELECT RAISE(ABORT, 'payment against a recipient list that is not approved'); END
        """,
    ] + ["recipient_list", "recipient_list_line", "recipient_list_equipment", "recipient_list_approval", "recipient_payment"].flatMap { table in
        ["UPDATE", "DELETE"].map { action in
            """
            CREATE TRIGGER \(table)_no_\(action.lowercased()) BEFORE \(action) ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(table) is append-only: draft a new list that supersedes it'); END
            """
        }
    } + ["UPDATE", "DELETE"].map { action in
        """
        CREATE TRIGGER purchase_document_no_\(action.lowercased()) BEFORE \(action) ON purchase_document
        BEGIN SELECT RAISE(ABORT, 'purchase_document is append-only: reverse the purchase and record it again'); END
        """
    }
}
