import BekalCore
import Foundation
import GRDB

extension SQLiteTransaction: UserPort {
    static func user(_ row: Row) -> AppUser {
        AppUser(id: row["id"], username: row["username"], displayName: row["display_name"],
                role: Role(rawValue: row["role"]) ?? .mitra, workerID: row["worker_id"],
                passwordHash: row["password_hash"], active: (row["active"] as Int64) == 1, createdAt: row["created_at"],
                sessionEpoch: row["session_epoch"])
    }

    func user(id: Int64) throws -> AppUser? { try one("SELECT * FROM app_user WHERE id = ?", [id]).map(Self.user) }
    func user(username: String) throws -> AppUser? { try one("SELECT * FROM app_user WHERE username = ?", [username]).map(Self.user) }
    func users() throws -> [AppUser] { try all("SELECT * FROM app_user ORDER BY role, username").map(Self.user) }

    func insertUser(_ draft: UserDraft, workerID: Int64?, passwordHash: String, createdAt: String) throws -> AppUser {
        try run("""
            INSERT INTO app_user (username, display_name, role, worker_id, password_hash, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, [draft.username, draft.displayName, draft.role.rawValue, workerID, passwordHash, createdAt])
        return AppUser(id: db.lastInsertedRowID, username: draft.username, displayName: draft.displayName, role: draft.role,
                       workerID: workerID, passwordHash: passwordHash, active: true, createdAt: createdAt)
    }

    func setPasswordHash(userID: Int64, passwordHash: String) throws {
        try run("UPDATE app_user SET password_hash = ?, session_epoch = session_epoch + 1 WHERE id = ?", [passwordHash, userID])
    }

    func setActive(userID: Int64, active: Bool) throws {
        // Switched off, her sessions end; switched on again, they stay ended.
        try run("UPDATE app_user SET active = ?, session_epoch = session_epoch + 1 WHERE id = ?", [active ? 1 : 0, userID])
    }

    func nextSessionEpoch(userID: Int64) throws -> Int64 {
        try run("UPDATE app_user SET session_epoch = session_epoch + 1 WHERE id = ?", [userID])
        return try Int64.fetchOne(statement("SELECT session_epoch FROM app_user WHERE id = ?"), arguments: [userID]) ?? 0
    }
}
