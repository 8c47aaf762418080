import BekalCore
import Foundation

extension PostgresStore {
    /// The SQLite schema version whose tables this PostgreSQL schema holds: the version a file
    /// must be at for `bekal migrate` to copy it.
    public static var sqliteEquivalent: String { PostgresSchema.sqliteEquivalent }

    /// Runs `body` in one write transaction with a ``PostgresLoader`` (`bekal migrate`): if it
    /// throws, nothing it loaded stays.
    public func load<T>(_ body: (PostgresLoader) throws -> T) throws -> T {
        try withWriteTransaction { db in try body(PostgresLoader(db: db)) }
    }
}

/// Whole tables into the database, inside one write transaction: the schema's tables
/// (`information_schema`), in an order their foreign keys allow, rows inserted many to a
/// statement with their ids, the identity sequences moved past them, and the rows read back.
public final class PostgresLoader {
    let db: PGConnection
    /// The core's ports on the same transaction, to read back and verify what was loaded.
    public let transaction: any StoreTransaction

    init(db: PGConnection) {
        self.db = db
        transaction = PostgresTransaction(db: db)
    }

    /// Tables of the server's own, not of the books, which SQLite does not have and a copy
    /// neither fills nor compares: the schema's migrations, and what the web servers sharing
    /// the database keep (sessions, failed log-ins; pg2).
    public static let serverOnlyTables: Set<String> = ["bekal_migration", "web_session", "login_failure"]

    /// The most parameters one statement may carry (the protocol counts them in 16 bits).
    static let parameterLimit = 65_535
    /// The most rows one INSERT carries.
    static let rowsPerStatement = 1_000

    /// Every table of the books, each after the tables its foreign keys refer to.
    public func tables() throws -> [CopyTable] {
        let columns = try db.query("""
            SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
            ORDER BY c.table_name, c.ordinal_position
            """)
        var byTable: [(name: String, columns: [CopyColumn])] = []
        for row in 0..<columns.count {
            guard let table = columns.text(row, 0), let column = columns.text(row, 1), let type = columns.text(row, 2) else { continue }
            if Self.serverOnlyTables.contains(table) { continue }
            if byTable.last?.name != table { byTable.append((table, [])) }
            byTable[byTable.count - 1].columns.append(CopyColumn(name: column, kind: Self.kind(type)))
        }
        let keys = try db.query("""
            SELECT c.relname, a.attname FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE i.indisprimary AND c.relnamespace = current_schema()::regnamespace
            ORDER BY c.relname, array_position(i.indkey::int2[], a.attnum)
            """)
        var primaryKeys: [String: [String]] = [:]
        for row in 0..<keys.count {
            guard let table = keys.text(row, 0), let column = keys.text(row, 1) else { continue }
            primaryKeys[table, default: []].append(column)
        }
        let references = try db.query("""
            SELECT c.relname, p.relname FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
            WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace
            """)
        var refers: [String: Set<String>] = [:]
        for row in 0..<references.count {
            guard let child = references.text(row, 0), let parent = references.text(row, 1) else { continue }
            refers[child, default: []].insert(parent)
        }
        let tables = byTable.map { CopyTable(name: $0.name, columns: $0.columns, orderBy: primaryKeys[$0.name] ?? ["ctid"]) }
        return TableCopy.loadOrder(tables, references: refers)
    }

    /// A column's SQL type as a kind of value: the integer types as integers (SQLite's 0/1
    /// flags are `integer` here too), `text` as text, `bytea` as blobs.
    static func kind(_ type: String) -> CopyColumn.Kind {
        switch type {
        case "bigint", "integer", "smallint": .integer
        case "text": .text
        case "bytea": .blob
        default: .other(type)
        }
    }

    /// The tables of the books that hold at least one row.
    public func tablesWithRows() throws -> [String] {
        try tables().map(\.name).filter { table in
            try db.query("SELECT EXISTS (SELECT 1 FROM \"\(table)\")").bool(0, 0) == true
        }
    }

    /// Inserts `rows` (values in `table.columns`' order) with their ids, many to a statement.
    public func insert(_ rows: [[CopyValue]], into table: CopyTable) throws {
        guard !rows.isEmpty else { return }
        let width = table.columns.count
        let perStatement = max(1, min(Self.rowsPerStatement, Self.parameterLimit / max(1, width)))
        let names = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        var start = 0
        var parameters: [PGValue] = []
        while start < rows.count {
            let chunk = rows[start..<min(start + perStatement, rows.count)]
            parameters.removeAll(keepingCapacity: true)
            var tuples: [String] = []
            tuples.reserveCapacity(chunk.count)
            for row in chunk {
                let first = parameters.count
                for (index, value) in row.enumerated() {
                    parameters.append(try Self.parameter(value, table: table.name, column: table.columns[index].name))
                }
                tuples.append("(" + (first + 1...first + width).map { "$\($0)" }.joined(separator: ", ") + ")")
            }
            try db.query("INSERT INTO \"\(table.name)\" (\(names)) VALUES \(tuples.joined(separator: ", "))", parameters)
            start += chunk.count
        }
    }

    static func parameter(_ value: CopyValue, table: String, column: String) throws -> PGValue {
        switch value {
        case .null: return .null
        case .integer(let i): return .int(i)
        case .text(let s):
            if s.utf8.contains(0) { throw TableCopyError.nulCharacter(store: "the source", table: table, column: column) }
            return .text(s)
        case .blob(let data):
            // bytea's hex input form, `\x0a1b…`.
            let digits = Array("0123456789abcdef".utf8)
            var hex: [UInt8] = Array("\\x".utf8)
            hex.reserveCapacity(2 + data.count * 2)
            for byte in data {
                hex.append(digits[Int(byte >> 4)])
                hex.append(digits[Int(byte & 0x0f)])
            }
            return .text(String(decoding: hex, as: UTF8.self))
        }
    }

    /// Moves every identity column's sequence past the largest id now in its table (or back to
    /// 1 for an empty table), so that the next row the store adds gets a new id. The tables moved.
    @discardableResult
    public func resetIdentities() throws -> [String] {
        let identities = try db.query("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name
            """)
        var moved: [String] = []
        for row in 0..<identities.count {
            guard let table = identities.text(row, 0), let column = identities.text(row, 1) else { continue }
            try db.query("""
                SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max("\(column)"), 1), max("\(column)") IS NOT NULL) FROM "\(table)"
                """, [.text("\"\(table)\""), .text(column)])
            moved.append(table)
        }
        return moved
    }

    /// Every row of `table` as it is now in this transaction, in key order, `size` at a time
    /// (through a cursor, so a large table is never held whole).
    public func forEachBatch(of table: CopyTable, size: Int, _ body: ([[CopyValue]]) throws -> Void) throws {
        let columns = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let order = table.orderBy.map { "\"\($0)\"" }.joined(separator: ", ")
        try db.execute("DECLARE bekal_copy_read NO SCROLL CURSOR FOR SELECT \(columns) FROM \"\(table.name)\" ORDER BY \(order)")
        defer { try? db.execute("CLOSE bekal_copy_read") }
        while true {
            let result = try db.query("FETCH \(max(1, size)) FROM bekal_copy_read")
            if result.count == 0 { return }
            var batch: [[CopyValue]] = []
            batch.reserveCapacity(result.count)
            for r in 0..<result.count {
                var values: [CopyValue] = []
                values.reserveCapacity(table.columns.count)
                for (c, column) in table.columns.enumerated() {
                    values.append(try Self.value(result.text(r, c), kind: column.kind, table: table.name, column: column.name))
                }
                batch.append(values)
            }
            try body(batch)
        }
    }

    /// The server's text form of a value as a ``CopyValue`` of the column's kind.
    static func value(_ text: String?, kind: CopyColumn.Kind, table: String, column: String) throws -> CopyValue {
        guard let text else { return .null }
        switch kind {
        case .integer:
            guard let i = Int64(text) else { throw PostgresReadError.unknownValue("\(table).\(column)", "a value that is not an integer") }
            return .integer(i)
        case .blob:
            let hex = Array(text.utf8.dropFirst(2))
            var data = Data(capacity: hex.count / 2)
            var i = 0
            while i + 1 < hex.count, let byte = UInt8(String(decoding: hex[i...i + 1], as: UTF8.self), radix: 16) {
                data.append(byte)
                i += 2
            }
            return .blob(data)
        case .text, .other:
            return .text(text)
        }
    }
}
