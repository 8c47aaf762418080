import ArgumentParser
import BekalCore
import BekalPostgres
import BekalStore
import Foundation

/// `bekal migrate --from FILE --to postgres://…`: an office's SQLite books into an empty
/// PostgreSQL database, verified before they are kept.
///
/// Everything that can refuse is checked before the target is written: the file (a Bekal file
/// at the schema the PostgreSQL one holds, that verifies with its seal key), the keys, and the
/// target (reachable, the same tables and columns, no rows). The copy then runs in one read
/// transaction of the file and one write transaction of the target, which also reads every
/// table back and verifies the books there (the same check as `bekal verify`) before it commits:
/// a failure anywhere leaves the target as it was. The key is copied beside the target last.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Move an office's SQLite books into an empty PostgreSQL database and verify the copy.",
        discussion: """
            The SQLite file is only read. The PostgreSQL database must be new (createdb NAME) or hold Bekal's \
            schema with no rows. Every table is copied with its ids; then every table is read back and compared \
            with the file's, the entries' ids and hashes compared in order, and the hash chain, balances and \
            seals verified on PostgreSQL with the office's seal key, all before the copy is committed. The key \
            is then copied to the database's key file (default: NAME.seal-key in this folder) unless it is there.
            """)

    @Option(help: "The office's SQLite file to copy (it is only read).") var from: String
    @Option(help: "The PostgreSQL database to copy into: postgres://USER@HOST:PORT/NAME, new and empty.") var to: String
    @Option(name: .customLong("seal-key"), help: "The SQLite file's seal key (default: $BEKAL_SEAL_KEY, else FILE.seal-key).")
    var sealKey: String?
    @Option(name: .customLong("to-seal-key"), help: "Where the PostgreSQL database's seal key goes (default: $BEKAL_SEAL_KEY, else NAME.seal-key in this folder).")
    var toSealKey: String?
    @Option(help: "The office on the PostgreSQL database to move the books into (made, named as in the file, when it is not there yet; default: $BEKAL_OFFICE, else the database's only or first office).")
    var office: String?

    /// Rows read from the file and loaded at a time.
    static let batchSize = 1_000

    func run() throws {
        let started = Date()
        let source = try StoreOptions.parse(["--db", from])
        let target = try StoreOptions.parse(["--db", to] + (office.map { ["--office", $0] } ?? []))
        guard !source.isPostgres else { throw MigrateRefusal.sourceIsPostgres(source.shownPath) }
        guard target.isPostgres else { throw MigrateRefusal.targetNotPostgres(to) }

        // The file, and its key: refused before the target is touched.
        let file = try openSource(source)
        let sourceKeyPath = sealKey ?? ProcessInfo.processInfo.environment["BEKAL_SEAL_KEY"] ?? SealKeyOptions.defaultPath(source)
        let targetKeyPath = toSealKey ?? ProcessInfo.processInfo.environment["BEKAL_SEAL_KEY"] ?? SealKeyOptions.defaultPath(target)
        let key = FileManager.default.fileExists(atPath: sourceKeyPath) ? try SealKeyFile.load(sourceKeyPath) : nil
        let targetKey = FileManager.default.fileExists(atPath: targetKeyPath) ? try SealKeyFile.load(targetKeyPath) : nil
        if let key, let targetKey, key.publicKeyHex != targetKey.publicKeyHex {
            throw MigrateRefusal.keyMismatch(source: sourceKeyPath, target: targetKeyPath)
        }
        if key == nil, targetKey != nil, sourceKeyPath != targetKeyPath {
            throw MigrateRefusal.keyOnlyAtTarget(source: sourceKeyPath, target: targetKeyPath)
        }

        let store = try openTarget(target, name: try Operations(store: file).settings().officeName)
        let copied = try file.readForCopy { reading -> Copied in
            try checkSource(reading, key: key, keyPath: sourceKeyPath)
            return try store.load { loader in try copy(from: reading, into: loader, target: store.target, key: key) }
        }

        // Committed: the seal key goes beside the target, then a fresh snapshot confirms the books are there.
        var keyNote = "no seal key (the file has no seals)"
        if let key {
            if targetKey == nil && !FileManager.default.fileExists(atPath: targetKeyPath) {
                try writeKey(key, to: targetKeyPath)
                keyNote = "copied to \(targetKeyPath) (readable by its owner only)"
            } else {
                keyNote = "the same key is already at \(targetKeyPath)"
            }
        }
        let (head, seals) = try store.read { tx in (try tx.chainHead(), try tx.seals().count) }
        guard head?.id == copied.head?.id, head?.hash == copied.head?.hash, seals == copied.seals else {
            throw MigrateRefusal.notCommitted(target: store.target)
        }
        report(copied, target: store.target, keyNote: keyNote, key: key, seconds: Date().timeIntervalSince(started))
    }

    /// The file, read-only, at the schema PostgreSQL's holds.
    func openSource(_ source: StoreOptions) throws -> SQLiteStore {
        let path = source.path
        let file: SQLiteStore
        do {
            file = try SQLiteStore(path: path, access: .readOnly)
        } catch StoreError.noDatabase {
            throw MigrateRefusal.noSource(path)
        } catch StoreError.notBekal {
            throw MigrateRefusal.sourceNotBekal(path)
        } catch StoreError.damaged {
            throw MigrateRefusal.sourceNotBekal(path)
        } catch StoreError.schemaOutdated(_, let applied, _) {
            throw MigrateRefusal.sourceOutdated(path: path, applied: applied, expected: PostgresStore.sqliteEquivalent)
        }
        for notice in file.notices { FileHandle.standardError.write(Data("bekal: note: \(notice)\n".utf8)) }
        guard SQLiteStore.schemaVersion == PostgresStore.sqliteEquivalent else {
            throw MigrateRefusal.schemasApart(sqlite: SQLiteStore.schemaVersion, postgres: PostgresStore.sqliteEquivalent)
        }
        return file
    }

    /// The target office, the one place it is opened; one named with --office that the
    /// database does not hold yet is added, with the file's office name.
    func openTarget(_ target: StoreOptions, name: String) throws -> PostgresStore {
        do {
            if let code = target.officeCode {
                try PostgresStore.addOffice(try Office(code: code, name: name), to: target.path, ifMissing: true)
            }
            return try PostgresStore(target.path, office: target.officeCode, connections: 1)
        } catch PostgresStoreError.cannotConnect(let shown, let reason) {
            let line = reason.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            throw MigrateRefusal.targetUnreachable(target: shown, reason: line.trimmingCharacters(in: CharacterSet(charactersIn: ".")))
        }
    }

    /// The file must verify (chain, balances, seals against its key) before it is copied.
    func checkSource(_ reading: SQLiteCopySource, key: SealKey?, keyPath: String) throws {
        let seals = try reading.transaction.seals()
        if key == nil && !seals.isEmpty { throw SealKeyError.missingWithSeals(path: keyPath) }
        let report = try Verification.run(on: reading.transaction, trustedPublicKey: key?.publicKeyHex)
        if !report.isValid {
            for problem in report.problems.prefix(10) { FileHandle.standardError.write(Data("bekal: \(from): \(problem)\n".utf8)) }
            throw MigrateRefusal.sourceDoesNotVerify(path: from, problems: report.problems.count)
        }
    }

    /// What was copied and checked.
    struct Copied {
        var rows: [(table: String, count: Int)] = []
        var entries = 0
        var head: (id: Int64, hash: String)?
        var seals = 0
    }

    /// Inside the target's write transaction: compare the schemas, refuse rows already there,
    /// load every table, move the identities on, read everything back and verify it.
    func copy(from reading: SQLiteCopySource, into loader: PostgresLoader, target: String, key: SealKey?) throws -> Copied {
        let sourceTables = try reading.tables()
        let targetTables = try loader.tables()
        let differences = TableCopy.differences(source: sourceTables, target: targetTables,
                                                sourceName: "the SQLite file", targetName: "the PostgreSQL schema")
        if !differences.isEmpty { throw MigrateRefusal.tablesDiffer(differences) }
        let filled = try loader.tablesWithRows()
        if !filled.isEmpty { throw MigrateRefusal.targetNotEmpty(target: target, tables: filled) }

        let byName = Dictionary(uniqueKeysWithValues: sourceTables.map { ($0.name, $0) })
        let order = targetTables.compactMap { byName[$0.name] }
        var copied = Copied()
        var digests: [String: RowDigest] = [:]
        var entries: [(id: Int64, hash: String)] = []
        for table in order {
            var digest = RowDigest()
            let entryColumns = table.name == "journal_entry"
                ? (table.columns.firstIndex { $0.name == "id" }, table.columns.firstIndex { $0.name == "hash" }) : (nil, nil)
            try reading.forEachBatch(of: table, size: Self.batchSize) { rows in
                for row in rows {
                    digest.add(row)
                    if let i = entryColumns.0, let h = entryColumns.1, case .integer(let id) = row[i], case .text(let hash) = row[h] {
                        entries.append((id, hash))
                    }
                }
                try loader.insert(rows, into: table)
            }
            digests[table.name] = digest
        }
        try loader.resetIdentities()

        // Read back: every table's rows, the entries in order, the seals; then `verify`'s check.
        for table in order {
            var back = RowDigest()
            try loader.forEachBatch(of: table, size: Self.batchSize) { rows in rows.forEach { back.add($0) } }
            let expected = digests[table.name]!.finish(), found = back.finish()
            if expected != found {
                throw MigrateRefusal.copyDiffers(table: table.name, sourceRows: expected.rows, targetRows: found.rows)
            }
            copied.rows.append((table.name, found.rows))
        }
        var position = 0
        try loader.transaction.forEachEntry { entry in
            guard position < entries.count, entries[position].id == entry.id, entries[position].hash == entry.hash else {
                throw MigrateRefusal.entriesDiffer(position: position + 1, entryID: entry.id)
            }
            position += 1
        }
        if position != entries.count { throw MigrateRefusal.entriesDiffer(position: position + 1, entryID: entries[position].id) }
        guard try loader.transaction.seals() == reading.transaction.seals() else { throw MigrateRefusal.sealsDiffer }
        let report = try Verification.run(on: loader.transaction, trustedPublicKey: key?.publicKeyHex)
        if !report.isValid {
            for problem in report.problems.prefix(10) { FileHandle.standardError.write(Data("bekal: \(target): \(problem)\n".utf8)) }
            throw MigrateRefusal.targetDoesNotVerify(target: target, problems: report.problems.count)
        }
        copied.entries = report.entries
        copied.head = try loader.transaction.chainHead()
        copied.seals = report.seals
        return copied
    }

    /// The office's key in a new file of the target's, readable by its owner only.
    func writeKey(_ key: SealKey, to path: String) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        if fd < 0 { throw MigrateRefusal.keyNotCopied(path: path, reason: String(cString: strerror(errno))) }
        let text = SealKeyFile.heading + "\n" + key.privateKeyHex + "\n"
        let written = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
        if written < 0 { throw MigrateRefusal.keyNotCopied(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Counts, the chain head and the seals; never a row's values.
    func report(_ copied: Copied, target: String, keyNote: String, key: SealKey?, seconds: Double) {
        printLine("Migrated \(from) (schema \(PostgresStore.sqliteEquivalent)) into \(target) in \(String(format: "%.1f", seconds)) s.")
        let width = copied.rows.map(\.table.count).max() ?? 0
        for (table, count) in copied.rows.sorted(by: { $0.table < $1.table }) {
            printLine("  " + table.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(count))
        }
        let head = copied.head.map { "chain head #\($0.id) \($0.hash)" } ?? "no chain yet"
        printLine("\(copied.entries) journal entries, \(head).")
        let fingerprint = key.map { " (key fingerprint \(SealReference.grouped(SealKey.fingerprint(publicKeyHex: $0.publicKeyHex))))" } ?? ""
        printLine("\(copied.seals) seal(s) checked with the office's key\(copied.seals == 0 ? "" : fingerprint); seal key: \(keyNote).")
        printLine("Verified: every table's rows equal the file's, the entries' ids and hashes equal in order, and the hash chain, balances, seals and schema verify on PostgreSQL.")
    }
}

/// What `bekal migrate` refuses; each says what, where and how to fix, and that the target is unchanged.
enum MigrateRefusal: BekalFailure {
    case sourceIsPostgres(String)
    case targetNotPostgres(String)
    case noSource(String)
    case sourceNotBekal(String)
    case sourceOutdated(path: String, applied: String, expected: String)
    case schemasApart(sqlite: String, postgres: String)
    case sourceDoesNotVerify(path: String, problems: Int)
    case keyMismatch(source: String, target: String)
    case keyOnlyAtTarget(source: String, target: String)
    case targetUnreachable(target: String, reason: String)
    case tablesDiffer([String])
    case targetNotEmpty(target: String, tables: [String])
    case copyDiffers(table: String, sourceRows: Int, targetRows: Int)
    case entriesDiffer(position: Int, entryID: Int64)
    case sealsDiffer
    case targetDoesNotVerify(target: String, problems: Int)
    case notCommitted(target: String)
    case keyNotCopied(path: String, reason: String)

    var code: String {
        switch self {
        case .sourceIsPostgres: "migrate_source_postgres"
        case .targetNotPostgres: "migrate_target_not_postgres"
        case .noSource: "migrate_no_source"
        case .sourceNotBekal: "migrate_source_not_bekal"
        case .sourceOutdated: "migrate_source_outdated"
        case .schemasApart: "migrate_schemas_apart"
        case .sourceDoesNotVerify: "migrate_source_does_not_verify"
        case .keyMismatch: "migrate_key_mismatch"
        case .keyOnlyAtTarget: "migrate_key_only_at_target"
        case .targetUnreachable: "migrate_target_unreachable"
        case .tablesDiffer: "migrate_tables_differ"
        case .targetNotEmpty: "migrate_target_not_empty"
        case .copyDiffers: "migrate_copy_differs"
        case .entriesDiffer: "migrate_entries_differ"
        case .sealsDiffer: "migrate_seals_differ"
        case .targetDoesNotVerify: "migrate_target_does_not_verify"
        case .notCommitted: "migrate_not_committed"
        case .keyNotCopied: "migrate_key_not_copied"
        }
    }

    static let unchanged = "The PostgreSQL database was not changed."
    /// After the target was opened (which sets up Bekal's empty schema in a new database).
    static let nothingCopied = "Nothing was copied into the PostgreSQL database."

    /// Up to five names, and how many there are in all.
    static func some(_ names: [String]) -> String {
        let sorted = names.sorted()
        return sorted.count <= 5 ? sorted.joined(separator: ", ") : sorted.prefix(5).joined(separator: ", ") + " and \(sorted.count - 5) more tables"
    }

    var message: String {
        switch self {
        case .sourceIsPostgres(let shown):
            "--from names a PostgreSQL database (\(shown)); bekal migrate copies an SQLite file into PostgreSQL: give the file's path with --from."
        case .targetNotPostgres(let to):
            "--to \(to) is not a PostgreSQL database; give it as postgres://USER@HOST:PORT/NAME (a new database: createdb NAME). To copy an SQLite file, use bekal backup."
        case .noSource(let path):
            "No Bekal database at \(path) (--from); give the path of the office's SQLite file. \(Self.unchanged)"
        case .sourceNotBekal(let path):
            "\(path) (--from) is not a Bekal database; give the path of the office's SQLite file. \(Self.unchanged)"
        case .sourceOutdated(let path, let applied, let expected):
            "\(path) has schema \(applied), older than \(expected), which bekal migrate copies; upgrade it once with `bekal upgrade --db \(path)` (back it up first), then migrate again. \(Self.unchanged)"
        case .schemasApart(let sqlite, let postgres):
            "This Bekal's SQLite schema is \(sqlite) but its PostgreSQL schema holds \(postgres); migrate with a Bekal whose two schemas agree. \(Self.unchanged)"
        case .sourceDoesNotVerify(let path, let problems):
            "\(path) does not verify (\(problems) problem(s), above); bekal migrate copies only books that verify. Run `bekal verify --db \(path)`, restore a verified backup, then migrate. \(Self.unchanged)"
        case .keyMismatch(let source, let target):
            "The seal key at \(target) is not the one at \(source) that sealed these books; move it away or give the file's key with --to-seal-key. \(Self.unchanged)"
        case .keyOnlyAtTarget(let source, let target):
            "There is a seal key at \(target) but none at \(source) for the file; give the file's key with --seal-key, or move \(target) away. \(Self.unchanged)"
        case .targetUnreachable(let target, let reason):
            "Cannot reach the PostgreSQL database \(target) (--to): \(reason). Check that the server runs and that the host, port, user and database name are right (createdb NAME makes the database). Nothing was copied."
        case .tablesDiffer(let differences):
            "The SQLite file's tables differ from the PostgreSQL schema's: \(differences.joined(separator: "; ")). This Bekal cannot migrate this file. \(Self.nothingCopied)"
        case .targetNotEmpty(let target, let tables):
            "The PostgreSQL database \(target) already holds rows (in \(Self.some(tables))); bekal migrate copies only into an empty database: create a new one (createdb NAME) and give it with --to. \(Self.unchanged)"
        case .copyDiffers(let table, let sourceRows, let targetRows):
            "The copy of \(table) read back from PostgreSQL differs from the file (\(sourceRows) row(s) in the file, \(targetRows) read back); the copy was rolled back. Report it. \(Self.nothingCopied)"
        case .entriesDiffer(let position, let entryID):
            "Journal entry #\(entryID) (the \(position). in the chain) read back from PostgreSQL is not the file's; the copy was rolled back. Report it. \(Self.nothingCopied)"
        case .sealsDiffer:
            "The seals read back from PostgreSQL are not the file's; the copy was rolled back. Report it. \(Self.nothingCopied)"
        case .targetDoesNotVerify(let target, let problems):
            "The copy on \(target) does not verify (\(problems) problem(s), above); it was rolled back. Report it. \(Self.nothingCopied)"
        case .notCommitted(let target):
            "The copy on \(target) was committed but a new read of it does not show the file's chain head and seals; run `bekal verify --db \(target)`."
        case .keyNotCopied(let path, let reason):
            "The books were copied and verified, but the seal key could not be written to \(path) (\(reason)); copy the file's seal key there yourself (mode 600) before sealing on PostgreSQL."
        }
    }
}
