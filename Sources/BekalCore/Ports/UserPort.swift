/// What user accounts need from storage, inside one transaction.
public protocol UserPort {
    func user(id: Int64) throws -> AppUser?
    func user(username: String) throws -> AppUser?
    func users() throws -> [AppUser]
    func insertUser(_ draft: UserDraft, workerID: Int64?, passwordHash: String, createdAt: String) throws -> AppUser
    func setPasswordHash(userID: Int64, passwordHash: String) throws
    /// Switches her on or off; either way her sessions end.
    func setActive(userID: Int64, active: Bool) throws
    /// Moves her session epoch on (ending every session she had) and returns the new one.
    func nextSessionEpoch(userID: Int64) throws -> Int64
}
