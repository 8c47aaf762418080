import BekalCore
import Foundation
import GRDB

extension SQLiteStore {
    /// Runs `body` on one read transaction of the whole file (`bekal migrate`): every table as
    /// plain rows (``SQLiteCopySource``) and the core's ports on the same snapshot.
    public func readForCopy<T>(_ body: (SQLiteCopySource) throws -> T) throws -> T {
        do {
            return try writer.read { db in try body(SQLiteCopySource(db: db, name: path ?? ":memory:")) }
        } catch let error as DatabaseError {
            throw StoreError(error, path: path ?? ":memory:")
        }
    }
}

/// The file's tables as the schema declares them (`pragma_table_info`), and their rows as
/// ``CopyValue``s in key order, inside one read transaction.
public struct SQLiteCopySource {
    let db: Database
    let name: String
    /// The core's ports on the same snapshot, to verify the file and read its seals.
    public let transaction: any StoreTransaction

    init(db: Database, name: String) {
        self.db = db
        self.name = name
        transaction = SQLiteTransaction(db: db)
    }

    /// Tables that belong to SQLite or to GRDB, not to the books.
    static let storeOnlyTables: Set<String> = ["grdb_migrations"]

    /// Every table of the books, in the order the migrations created them.
    public func tables() throws -> [CopyTable] {
        let names = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid
            """).filter { !Self.storeOnlyTables.contains($0) }
        return try names.map { table in
            let rows = try Row.fetchAll(db, sql: "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
            let columns = rows.map { row in CopyColumn(name: row["name"], kind: Self.kind(row["type"])) }
            let key = rows.filter { (row: Row) in (row["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }
                .map { (row: Row) -> String in row["name"] }
            return CopyTable(name: table, columns: columns, orderBy: key.isEmpty ? ["rowid"] : key)
        }
    }

    /// A declared type as a kind of value; STRICT tables allow INTEGER, INT, REAL, TEXT, BLOB, ANY.
    static func kind(_ declared: String) -> CopyColumn.Kind {
        switch declared.uppercased() {
        case "INTEGER", "INT": .integer
        case "TEXT": .text
        case "BLOB": .blob
        default: .other(declared.lowercased())
        }
    }

    /// Every row of `table` in key order, handed over `size` rows at a time.
    public func forEachBatch(of table: CopyTable, size: Int, _ body: ([[CopyValue]]) throws -> Void) throws {
        let columns = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let order = table.orderBy.map { "\"\($0)\"" }.joined(separator: ", ")
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM \"\(table.name)\" ORDER BY \(order)")
        var batch: [[CopyValue]] = []
        batch.reserveCapacity(size)
        while let row = try cursor.next() {
            var values: [CopyValue] = []
            values.reserveCapacity(table.columns.count)
            for (index, value) in row.databaseValues.enumerated() {
                switch value.storage {
                case .null: values.append(.null)
                case .int64(let i): values.append(.integer(i))
                case .string(let s): values.append(.text(s))
                case .blob(let data): values.append(.blob(data))
                case .double:
                    throw TableCopyError.unsupportedValue(store: name, table: table.name, column: table.columns[index].name, kind: "real number")
                }
            }
            batch.append(values)
            if batch.count >= size {
                try body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try body(batch) }
    }
}
