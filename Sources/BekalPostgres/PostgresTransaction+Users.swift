import BekalCore

/// User accounts: `SQLiteTransaction+Users.swift` in PostgreSQL's words.
extension PostgresTransaction: UserPort {
    static func appUser(_ row: PGRow) throws -> AppUser {
        // As the SQLite store: a role this version does not know reads as the least one, mitra.
        AppUser(id: try row.int("id"), username: try row.text("username"), displayName: try row.text("display_name"),
                role: Role(rawValue: try row.text("role")) ?? .mitra, workerID: try row.optionalInt("worker_id"),
                passwordHash: try row.text("password_hash"), active: try row.int("active") == 1,
                createdAt: try row.text("created_at"), sessionEpoch: try row.int("session_epoch"))
    }

    func user(id: Int64) throws -> AppUser? {
        try one("SELECT * FROM app_user WHERE id = $1", [.int(id)]).map(Self.appUser)
    }

    func user(username: String) throws -> AppUser? {
        try one("SELECT * FROM app_user WHERE username = $1", [.text(username)]).map(Self.appUser)
    }

    func users() throws -> [AppUser] {
        // SQLite orders text by its bytes (BINARY); so does COLLATE "C", whatever the database's locale.
        try all(#"SELECT * FROM app_user ORDER BY role COLLATE "C", username COLLATE "C""#).map(Self.appUser)
    }

    func insertUser(_ draft: UserDraft, workerID: Int64?, passwordHash: String, createdAt: String) throws -> AppUser {
        let id = try insertReturningID("""
            INSERT INTO app_user (username, display_name, role, worker_id, password_hash, created_at)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
            """, [.text(draft.username), .text(draft.displayName), .text(draft.role.rawValue), PGValue(workerID),
                  .text(passwordHash), .text(createdAt)])
        return AppUser(id: id, username: draft.username, displayName: draft.displayName, role: draft.role,
                       workerID: workerID, passwordHash: passwordHash, active: true, createdAt: createdAt)
    }

    func setPasswordHash(userID: Int64, passwordHash: String) throws {
        try run("UPDATE app_user SET password_hash = $1, session_epoch = session_epoch + 1 WHERE id = $2",
                [.text(passwordHash), .int(userID)])
    }

    func setActive(userID: Int64, active: Bool) throws {
        // Switched off, her sessions end; switched on again, they stay ended.
        try run("UPDATE app_user SET active = $1, session_epoch = session_epoch + 1 WHERE id = $2", [.flag(active), .int(userID)])
    }

    func nextSessionEpoch(userID: Int64) throws -> Int64 {
        // One statement: the epoch it moved to, or 0 when there is no such user (as the SQLite store).
        try scalar("UPDATE app_user SET session_epoch = session_epoch + 1 WHERE id = $1 RETURNING session_epoch", [.int(userID)]) ?? 0
    }
}
