import Foundation

/// What the web servers on one database share so that, behind one address, they behave as
/// one: the signed-in sessions and the failed log-ins (issue 12). A store that several
/// processes open at once (PostgreSQL) offers it; the SQLite file is one process's, and the
/// web app keeps both in its memory there.
///
/// This is not the books: rows are replaced and removed, no seal covers them, and losing them
/// signs people out and forgets failed log-ins, nothing more. Each call stands alone (no
/// transaction of the store's, no writer's lock), so a page view never waits for a posting.
///
/// Keys are digests, never secrets (``SharedWebKey/digest(_:)``): a session's key is the SHA-256 of the id
/// its cookie carries, so someone who reads the table cannot present it as a cookie, and a
/// log-in key is the SHA-256 of the user name and address it counts. No password or NIK is
/// ever given to it, as key or value.
public protocol SharedWebState: Sendable {
    /// The session stored under `key` and when it expires (nil: never), unless it expired by `now`.
    func session(key: String, now: Date) throws -> (value: Data, expires: Date?)?
    /// Stores `value` under `key`, replacing what was there. `expires` nil keeps the expiry the
    /// key had (none for a new key). Sessions that expired by `now` may be removed on the way.
    func setSession(key: String, value: Data, expires: Date?, now: Date) throws
    func removeSession(key: String) throws

    /// The failures recorded under `key` after `since`: how many, and the oldest of them.
    func loginFailures(key: String, since: Date) throws -> (count: Int, oldest: Date?)
    /// Records one failure at `at` under each key; failures from before `forgetBefore` (under
    /// any key) may be removed on the way.
    func recordLoginFailure(keys: [String], at: Date, forgetBefore: Date) throws
    /// Forgets every failure under `key` (after a successful log-in).
    func clearLoginFailures(key: String) throws
}

/// The keys ``SharedWebState`` is given.
public enum SharedWebKey {
    /// The key under which `secret` (a cookie's session id, a user name and address) is kept:
    /// its SHA-256 in hex, 64 digits.
    public static func digest(_ secret: String) -> String { EntryHash.sha256Hex(secret) }
}
