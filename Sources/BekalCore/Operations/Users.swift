import Foundation

/// Users of the web app. Hashing is the adapter's: these operations take a function that
/// turns a checked password into a hash, so the core needs no bcrypt.
extension Operations {
    public func addUser(_ draft: UserDraft, password: String, hash: (String) -> String) throws -> AppUser {
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
                    throw ProgrammeRejection.notFound(kind: "worker", reference: code, hint: "list workers with `bekal worker list`")
                }
                workerID = worker.id
                draft.worker = code
            case (let role, _?): throw AccessRejection.workerNotAllowed(role: role)
            case (_, nil): break
            }
            let now = OperationContext(actor: "system").recordedAt
            return try tx.insertUser(draft, workerID: workerID, passwordHash: hash(password), createdAt: now)
        }
    }

    public func setPassword(username: String, password: String, hash: (String) -> String) throws {
        try Credentials.checkPassword(password)
        try store.write { tx in
            guard let user = try tx.user(username: username.trimmedOfWhitespace.lowercased()) else {
                throw AccessRejection.unknownUser(username)
            }
            try tx.setPasswordHash(userID: user.id, passwordHash: hash(password))
        }
    }

    public func setUserActive(username: String, active: Bool) throws {
        try store.write { tx in
            guard let user = try tx.user(username: username.trimmedOfWhitespace.lowercased()) else {
                throw AccessRejection.unknownUser(username)
            }
            try tx.setActive(userID: user.id, active: active)
        }
    }

    public func user(username: String) throws -> AppUser? {
        try store.read { tx in try tx.user(username: username.trimmedOfWhitespace.lowercased()) }
    }

    public func user(id: Int64) throws -> AppUser? {
        try store.read { tx in try tx.user(id: id) }
    }

    public func users() throws -> [AppUser] {
        try store.read { tx in try tx.users() }
    }
}
