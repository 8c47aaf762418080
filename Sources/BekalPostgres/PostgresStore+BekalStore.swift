import BekalCore

/// The store contract on PostgreSQL (``PostgresStore``'s doc says how each promise is kept).
extension PostgresStore: BekalStore {
    /// The office's writer lock is taken by the transaction when it first needs it: a visit or
    /// an outcome never waits for the books (``PostgresStore``).
    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try writing(lazily: true) { db, lockLater in
            let tx = PostgresTransaction(db: db)
            if lockLater { tx.takeWriterLock = { [self] in try lockBooks(db) } }
            return try body(tx)
        }
    }

    public func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try withReadTransaction { db in try body(PostgresTransaction(db: db)) }
    }
}
