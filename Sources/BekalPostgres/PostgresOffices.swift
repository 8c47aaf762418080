import BekalCore

/// The offices of one PostgreSQL database.
///
/// Each office's books, registry, workers and users are the whole Bekal schema
/// (``PostgresSchema``) in a schema of its own, `kantor_<code>`; a store's connections look only
/// there (`search_path`), so no query of one office can reach another's rows, and every rule,
/// key and trigger holds per office exactly as in a SQLite file. The schema `bekal` lists the
/// offices (`bekal.office`) and records its own migrations (`bekal.migration`).
///
/// A database set up without naming an office gets one, ``Office/defaultCode``; a database
/// holding several needs one named (`--office KODE`).
enum PostgresOffices {
    /// The schema that lists the offices.
    static let schema = "bekal"

    /// An office as the database knows it: the id its write lock is keyed by and its schema.
    struct Record: Sendable, Equatable {
        let id: Int32
        let office: Office
        var schema: String { PostgresOffices.schemaName(office.code) }
    }

    static func schemaName(_ code: String) -> String { "kantor_" + code }

    /// Each migration of the `bekal` schema by its identifier, in order. A later change is a new
    /// entry at the end, never an edit of a shipped one.
    static let migrations: [(identifier: String, statements: [String])] = [
        ("common1-offices", [
            "CREATE SCHEMA bekal",
            "CREATE TABLE bekal.migration (identifier text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
            """
            CREATE TABLE bekal.office (
              id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              code text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_]{0,29}$'),
              name text NOT NULL CHECK (length(btrim(name)) > 0),
              created_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            // An office's code names its schema and its books: it is never changed or removed.
            """
            CREATE FUNCTION bekal.office_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'UPDATE' AND NEW.code = OLD.code AND NEW.id = OLD.id THEN RETURN NEW; END IF;
              RAISE EXCEPTION USING ERRCODE = 'restrict_violation',
                MESSAGE = 'bekal.office: an office''s code and id are fixed and an office is never removed';
            END $$
            """,
            "CREATE TRIGGER office_fixed BEFORE UPDATE OR DELETE ON bekal.office FOR EACH ROW EXECUTE FUNCTION bekal.office_fixed()",
            """
            CREATE TRIGGER office_no_truncate BEFORE TRUNCATE ON bekal.office
            FOR EACH STATEMENT EXECUTE FUNCTION bekal.office_fixed()
            """,
        ]),
    ]

    /// Key of the advisory lock held while the `bekal` schema is set up or an office added
    /// (one 64-bit key: it never conflicts with the offices' two-key write locks).
    static let setupLock: Int64 = 0x62_656b_616c

    /// The office a store on `db` is to use: `code`, or the only one, or — when the database
    /// has none and `migrate` allows — a new ``Office/defaultCode``. Sets up the `bekal` schema
    /// in an empty database first.
    static func open(_ db: PGConnection, target: String, code: String?, migrate: Bool) throws -> Record {
        if let code, !Office.isCode(code) { throw OfficeRejection.notACode(code) }
        try prepare(db, target: target, migrate: migrate)
        let offices = try list(db)
        if let code {
            guard let found = offices.first(where: { $0.office.code == code }) else {
                throw OfficeRejection.unknown(code: code, known: offices.map(\.office.code))
            }
            return found
        }
        switch offices.count {
        case 1: return offices[0]
        case 0:
            guard migrate else { throw OfficeRejection.noOffices }
            return try add(db, try Office(code: Office.defaultCode, name: Office.defaultName), ifMissing: true)
        default: throw OfficeRejection.chooseOne(known: offices.map(\.office.code))
        }
    }

    /// Every office, by code.
    static func list(_ db: PGConnection) throws -> [Record] {
        guard try exists(db) else { return [] }
        let rows = try db.query("SELECT id, code, name FROM bekal.office ORDER BY code")
        return try (0..<rows.count).map { row in
            guard let id = rows.int(row, 0), let code = rows.text(row, 1), let name = rows.text(row, 2) else {
                throw PostgresReadError.null("bekal.office")
            }
            return Record(id: Int32(truncatingIfNeeded: id), office: try Office(code: code, name: name))
        }
    }

    /// Adds `office` with the whole Bekal schema in its own schema, in one transaction: the
    /// office is there with all its tables, or not at all. With `ifMissing`, an office of that
    /// code that another process added first is returned instead of refused.
    @discardableResult
    static func add(_ db: PGConnection, _ office: Office, ifMissing: Bool = false) throws -> Record {
        try PostgresStore.inTransaction(db, begin: "BEGIN") {
            try db.query("SELECT pg_advisory_xact_lock($1)", [.int(setupLock)])
            if let there = try list(db).first(where: { $0.office.code == office.code }) {
                if ifMissing { return there }
                throw OfficeRejection.duplicate(code: office.code)
            }
            let inserted = try db.query("INSERT INTO bekal.office (code, name) VALUES ($1, $2) RETURNING id",
                                        [.text(office.code), .text(office.name)])
            guard let id = inserted.int(0, 0) else { throw PostgresReadError.null("bekal.office.id") }
            let record = Record(id: Int32(truncatingIfNeeded: id), office: office)
            try db.execute("CREATE SCHEMA \(PGConnection.quoted(record.schema))")
            try db.execute("SET LOCAL search_path = \(PGConnection.quoted(record.schema))")
            for migration in PostgresSchema.migrations {
                for statement in migration.statements { try db.execute(statement) }
                try db.query("INSERT INTO bekal_migration (identifier) VALUES ($1)", [.text(migration.identifier)])
            }
            return record
        }
    }

    /// Whether the `bekal` schema is set up. Read from the catalog's rows with this statement's
    /// snapshot, not by `to_regclass`, whose cached "no such table" can outlive another
    /// server's commit while this one waited for the set-up lock.
    static func exists(_ db: PGConnection) throws -> Bool {
        try db.query("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = 'bekal' AND tablename = 'migration')")
            .bool(0, 0) == true
    }

    /// Creates or brings up to date the `bekal` schema. A database that holds tables but no
    /// `bekal` schema belongs to something else and is refused. Whether it is set up is decided
    /// again under the set-up lock: two servers starting on an empty database at once both
    /// find it set up once.
    static func prepare(_ db: PGConnection, target: String, migrate: Bool) throws {
        let known = migrations.map(\.identifier)
        func applied() throws -> [String]? {
            guard try exists(db) else { return nil }
            let rows = try db.query("SELECT identifier FROM bekal.migration ORDER BY applied_at, identifier")
            return (0..<rows.count).compactMap { rows.text($0, 0) }
        }
        if let done = try applied() {
            let unknown = done.filter { !known.contains($0) }
            if !unknown.isEmpty { throw PostgresStoreError.newerSchema(target: target, unknown: unknown) }
            if known.allSatisfy(done.contains) { return }
            guard migrate else { throw PostgresStoreError.schemaOutdated(target: target, applied: done.last ?? "none", expected: known.last!) }
        } else if !migrate {
            throw OfficeRejection.noOffices
        }
        try PostgresStore.inTransaction(db, begin: "BEGIN") {
            try db.query("SELECT pg_advisory_xact_lock($1)", [.int(setupLock)])
            let done = try applied()
            if done == nil {
                let foreign = try db.query("""
                    SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
                    """)
                if (foreign.int(0, 0) ?? 0) > 0 { throw PostgresStoreError.notBekal(target: target) }
            }
            for migration in migrations where !(done ?? []).contains(migration.identifier) {
                for statement in migration.statements { try db.execute(statement) }
                try db.query("INSERT INTO bekal.migration (identifier) VALUES ($1)", [.text(migration.identifier)])
            }
        }
    }
}
