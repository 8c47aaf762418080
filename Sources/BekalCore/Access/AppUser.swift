import Foundation

/// A person who signs in to the web app. The password is kept only as a hash made by the
/// adapter (bcrypt); the core never sees the password itself except to check its length.
public struct AppUser: Hashable, Sendable, Codable {
    public let id: Int64
    public let username: String
    public let displayName: String
    public let role: Role
    /// For a pendamping: the aftercare worker whose caseload she sees. Nil for other roles.
    public let workerID: Int64?
    public let passwordHash: String
    public let active: Bool
    public let createdAt: String
    /// Moves on at every sign-in, password change and switch-off: a session made under an
    /// older epoch has ended.
    public var sessionEpoch: Int64 = 0

    public init(id: Int64, username: String, displayName: String, role: Role, workerID: Int64?,
                passwordHash: String, active: Bool, createdAt: String, sessionEpoch: Int64 = 0) {
        self.sessionEpoch = sessionEpoch
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.workerID = workerID
        self.passwordHash = passwordHash
        self.active = active
        self.createdAt = createdAt
    }

    public func may(_ permission: Permission) -> Bool { active && AccessPolicy.allows(role, permission) }
}

/// A user as asked for, before the password is hashed and she has an id.
public struct UserDraft: Sendable {
    public var username: String
    public var displayName: String
    public var role: Role
    /// The worker code (P-01) for a pendamping.
    public var worker: String?

    public init(username: String, displayName: String, role: Role, worker: String? = nil) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.worker = worker
    }
}

/// Rules for passwords and user names, checked before anything is hashed or stored.
public enum Credentials {
    public static let minimumPasswordLength = 10
    /// bcrypt's work factor for every password Bekal stores (the command line and the web app).
    public static let bcryptCost: UInt8 = 12

    public static func checkPassword(_ password: String) throws {
        if password.count < minimumPasswordLength {
            throw AccessRejection.passwordTooShort(length: password.count, minimum: minimumPasswordLength)
        }
        if password.utf8.count > 72 {
            // bcrypt reads only the first 72 bytes; a longer password would be silently cut.
            throw AccessRejection.passwordTooLong(bytes: password.utf8.count)
        }
    }

    public static let usernameLength = 3...32

    /// Lower-case letters, digits, `.`, `_` and `-`, ``usernameLength`` characters.
    public static func username(_ text: String) throws -> String {
        let name = text.trimmedOfWhitespace.lowercased()
        let allowed = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
        if !usernameLength.contains(name.count) || !allowed {
            throw InputError(.username, input: text, .notAUserName)
        }
        return name
    }
}

/// Why a user operation was refused.
public enum AccessRejection: BekalFailure, Equatable {
    case passwordTooShort(length: Int, minimum: Int)
    case passwordTooLong(bytes: Int)
    case duplicateUsername(String)
    case workerRequired
    case workerNotAllowed(role: Role)
    case unknownUser(String)
    case lastAdmin(String)
    /// The acting user's role does not allow the operation (``AccessPolicy``).
    case notPermitted(role: Role, permission: Permission)

    public var code: String {
        switch self {
        case .passwordTooShort: "password_too_short"
        case .passwordTooLong: "password_too_long"
        case .duplicateUsername: "duplicate_username"
        case .workerRequired: "worker_required"
        case .workerNotAllowed: "worker_not_allowed"
        case .unknownUser: "unknown_user"
        case .lastAdmin: "last_admin"
        case .notPermitted: "not_permitted"
        }
    }

    public var message: String {
        switch self {
        case .passwordTooShort(let length, let minimum):
            "The password has \(length) characters; use at least \(minimum)."
        case .passwordTooLong(let bytes):
            "The password is \(bytes) bytes long; bcrypt reads only 72. Use a shorter one."
        case .duplicateUsername(let name):
            "The user name \"\(name)\" is taken; choose another."
        case .workerRequired:
            "A pendamping user sees one worker's caseload: give the worker code with --worker (list them with `bekal worker list`)."
        case .workerNotAllowed(let role):
            "Only a pendamping user is linked to a worker; a \(role.rawValue) user is not. Leave out --worker."
        case .unknownUser(let name):
            "There is no user \"\(name)\"; list users with `bekal user list`."
        case .lastAdmin(let name):
            "\(name) is the last active admin and cannot be disabled; add or enable another admin first."
        case .notPermitted(let role, let permission):
            "A \(role.rawValue) user may not do this (\(permission.rawValue)); the roles and what each may do are in the README."
        }
    }
}
