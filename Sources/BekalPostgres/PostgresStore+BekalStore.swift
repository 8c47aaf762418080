import BekalCore

/// The store contract on PostgreSQL (``PostgresStore``'s doc says how each promise is kept).
extension PostgresStore: BekalStore {
    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try withWriteTransaction { db in try body(PostgresTransaction(db: db)) }
    }

    /// The office's writer lock is taken by the transaction when a statement first needs it:
    /// a visit or an outcome does not wait for the books (``PostgresStore``). Only these writes
    /// run so: their reads of the registry are never read back into a write of it, which a
    /// read taken before the lock could make stale.
    public func writeAftercare<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
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
