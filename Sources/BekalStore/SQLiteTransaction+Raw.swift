import BekalCore
import GRDB
import GRDBSQLite

/// The statements every grant runs, bound and stepped with SQLite's own calls rather than
/// through GRDB's arguments and rows: on the bulk path GRDB's `StatementArguments`, `Row`
/// and column-name lookup cost more than SQLite's work for these small statements.
///
/// Each statement is still prepared and cached by GRDB (``SQLiteTransaction/statement(_:)``)
/// and runs inside GRDB's transaction; it is reset after use, so it never holds a read lock.
/// A failure is thrown as GRDB's `DatabaseError`, exactly as GRDB would throw it, so the
/// schema's refusals (UNIQUE, CHECK, triggers) reach the caller unchanged. A SQL text used
/// here is used only here: GRDB does not know what was bound to it.
extension SQLiteTransaction {
    /// Binds parameters from 1 upwards, in order.
    struct Binder {
        let statement: OpaquePointer
        var index: Int32 = 0

        mutating func int(_ value: Int64?) {
            index += 1
            if let value { sqlite3_bind_int64(statement, index, value) } else { sqlite3_bind_null(statement, index) }
        }

        mutating func int(_ value: Int?) { int(value.map(Int64.init)) }

        mutating func text(_ value: String?) {
            index += 1
            guard let value else { sqlite3_bind_null(statement, index); return }
            // A native string's UTF-8 is contiguous: bound in place, copied once by SQLite.
            let done = value.utf8.withContiguousStorageIfAvailable { bytes in
                sqlite3_bind_text(statement, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                                  Int32(bytes.count), SQLiteTransaction.transient)
            }
            if done == nil { sqlite3_bind_text(statement, index, value, -1, SQLiteTransaction.transient) }
        }
    }

    /// Reads the columns of the current row, from 0.
    struct Columns {
        let statement: OpaquePointer
        func isNull(_ i: Int32) -> Bool { sqlite3_column_type(statement, i) == SQLITE_NULL }
        func int(_ i: Int32) -> Int64 { sqlite3_column_int64(statement, i) }
        func optionalInt(_ i: Int32) -> Int64? { isNull(i) ? nil : int(i) }
        func text(_ i: Int32) -> String {
            guard let bytes = sqlite3_column_text(statement, i) else { return "" }
            let count = Int(sqlite3_column_bytes(statement, i))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
        func optionalText(_ i: Int32) -> String? { isNull(i) ? nil : text(i) }

        /// A stored date read from the column's bytes, making no string (a report reads tens of
        /// thousands); nil for NULL. Text that is not a date is refused, naming the column.
        func date(_ i: Int32, column: String) throws -> LocalDate? {
            guard !isNull(i), let bytes = sqlite3_column_text(statement, i) else { return nil }
            let count = Int(sqlite3_column_bytes(statement, i))
            if let day = LocalDate.iso(UnsafeBufferPointer(start: bytes, count: count)) { return day }
            return try LocalDate.parse(text(i), field: .column(column))
        }
    }

    /// `SQLITE_TRANSIENT`: SQLite copies the bound text before the call returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Runs a statement that returns no rows.
    func execute(_ sql: StaticString, _ bind: (inout Binder) -> Void) throws {
        try query(sql, bind) { _ in }
    }

    /// Runs a statement, handing each row to `row`.
    func query(_ sql: StaticString, _ bind: (inout Binder) -> Void, _ row: (Columns) throws -> Void) throws {
        let prepared = try statement(sql)
        let handle = prepared.sqliteStatement
        // Every parameter is bound anew before each run, so the bindings need no clearing.
        defer { sqlite3_reset(handle) }
        var binder = Binder(statement: handle)
        bind(&binder)
        let columns = Columns(statement: handle)
        while true {
            let code = sqlite3_step(handle)
            switch code {
            case SQLITE_ROW: try row(columns)
            case SQLITE_DONE: return
            default:
                let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql.description)
            }
        }
    }

    /// Ids bound as one parameter, for `IN (SELECT value FROM json_each(?))`.
    static func jsonArray(_ ids: [Int64]) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }

    /// Rows changed by the last statement.
    var changes: Int { Int(sqlite3_changes(db.sqliteConnection)) }
}
