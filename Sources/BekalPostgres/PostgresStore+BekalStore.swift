import BekalCore

/// The store contract on PostgreSQL (``PostgresStore``'s doc says how each promise is kept).
extension PostgresStore: BekalStore {
    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try withWriteTransaction { db in try body(PostgresTransaction(db: db)) }
    }

    public func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try withReadTransaction { db in try body(PostgresTransaction(db: db)) }
    }
}
