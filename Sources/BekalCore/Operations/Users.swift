import Foundation

/// Users of the web app. Hashing is the adapter's: these operations take a function that
/// turns a checked password into a hash, so the core needs no bcrypt. Each change is written
/// to the audit log (who did it, to which user name; never the password or its hash).
extension Operations {
    public func addUser(_ draft: UserDraft, password: String, hash: (String) -> String,
                        context: OperationContext) throws -> AppUser {
        var draft = draft
        draft.username = try Credentials.username(draft.username)
        draft.displayName = draft.displayName.trimmedOfWhitespace
        if draft.displayName.isEmpty { draft.displayName = draft.username }
        try Credentials.checkPassword(password)
        return try store.write { tx in
            if try tx.user(username: draft.username) != nil { throw AccessRejection.duplicateUsername(draft.username) }
            var workerID: Int64?
            switch (draft.role, draft.worker) {
            case (.pendamping, nil): throw AccessRejection.workerRequired
            case (.pendamping, let code?):
                let code = code.trimmedOfWhitespace.uppercased()
                guard let worker = try tx.worker(code: code) else {
                    throw ProgrammeRejection.notFound(.worker, reference: code)
                }
                workerID = worker.id
                draft.worker = code
            case (let role, _?): throw AccessRejection.workerNotAllowed(role: role)
            case (_, nil): break
            }
            let user = try tx.insertUser(draft, workerID: workerID, passwordHash: hash(password), createdAt: context.recordedAt)
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .userAdd, subject: user.username,
                               detail: "role \(user.role.rawValue)" + (draft.worker.map { ", worker \($0)" } ?? ""))
            return user
        }
    }

    public func setPassword(username: String, password: String, hash: (String) -> String, context: OperationContext) throws {
        try Credentials.checkPassword(password)
        try store.write { tx in
            guard let user = try tx.user(username: username.trimmedOfWhitespace.lowercased()) else {
                throw AccessRejection.unknownUser(username)
            }
            try tx.setPasswordHash(userID: user.id, passwordHash: hash(password))
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .userPassword, subject: user.username, detail: "")
        }
    }

    /// Switches a user off or on. The last active admin cannot be switched off: nobody could
    /// then add users or read the audit log from the web app.
    public func setUserActive(username: String, active: Bool, context: OperationContext) throws {
        try store.write { tx in
            guard let user = try tx.user(username: username.trimmedOfWhitespace.lowercased()) else {
                throw AccessRejection.unknownUser(username)
            }
            if !active, user.active, user.role == .admin,
               try tx.users().filter({ $0.role == .admin && $0.active }).count == 1 {
                throw AccessRejection.lastAdmin(user.username)
            }
            try tx.setActive(userID: user.id, active: active)
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: active ? .userEnable : .userDisable,
                               subject: user.username, detail: "")
        }
    }

    /// A sign-in whose password was right: her earlier sessions end (the new one carries the
    /// returned epoch) and it is audited with the address it came from; never the password.
    public func signIn(_ user: AppUser, from address: String, context: OperationContext) throws -> Int64 {
        try store.write { tx in
            let epoch = try tx.nextSessionEpoch(userID: user.id)
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .authLogin,
                               subject: user.username, detail: "from \(address)")
            return epoch
        }
    }

    /// A failed sign-in or a lock-out, audited. A name that is no user is not written down
    /// (people type their own names there by mistake): it is recorded as unknown.
    public func recordSignInRefusal(username: String, locked: Bool, from address: String, context: OperationContext) throws {
        try store.write { tx in
            let known = try tx.user(username: username) != nil
            try tx.insertAudit(at: context.recordedAt, actor: context.actor,
                               action: locked ? .authLocked : .authFailed,
                               subject: known ? username : "(unknown user)", detail: "from \(address)")
        }
    }

    public func signOut(_ user: AppUser, context: OperationContext) throws {
        try store.write { tx in
            _ = try tx.nextSessionEpoch(userID: user.id)
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .authLogout,
                               subject: user.username, detail: "")
        }
    }

    public func user(username: String) throws -> AppUser? {
        try store.read { tx in try tx.user(username: username.trimmedOfWhitespace.lowercased()) }
    }

    public func user(id: Int64) throws -> AppUser? {
        try store.read { tx in try tx.user(id: id) }
    }

    /// The user and, for a pendamping, the worker she is linked to, in one read (every request
    /// of the web app asks).
    public func userAndWorker(id: Int64) throws -> (user: AppUser, worker: AftercareWorker?)? {
        try store.read { tx in
            guard let user = try tx.user(id: id) else { return nil }
            return (user, try user.workerID.flatMap { try tx.worker(id: $0) })
        }
    }

    public func users() throws -> [AppUser] {
        try store.read { tx in try tx.users() }
    }
}
