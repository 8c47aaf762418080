import BekalCore
import Foundation

/// One web user per role for the demo programme: an admin, a bendahara, a pendamping for
/// each demo worker, and a partner from the Dinas Koperasi. Made only when there are no users.
public enum DemoUsers {
    /// The demo's office date: the first working day after the demo's clock (2012-12-31).
    public static let today = LocalDate(year: 2013, month: 1, day: 2)!

    public struct Login: Sendable {
        public let username: String
        public let role: String
        public let password: String
    }

    /// `hash` turns a password into its stored hash (bcrypt is the adapter's); `password`
    /// makes each user's password.
    public static func ensure(in operations: Operations, hash: (String) -> String, password: () -> String) throws -> [Login] {
        guard try operations.users().isEmpty else { return [] }
        var drafts = [
            UserDraft(username: "admin", displayName: "Admin Program", role: .admin),
            UserDraft(username: "bendahara", displayName: "Bendahara Dinas", role: .bendahara),
            UserDraft(username: "koperasi", displayName: "Dinas Koperasi", role: .mitra),
            UserDraft(username: "provinsi", displayName: "Pemantau Dinas Sosial Provinsi", role: .pemantau),
            UserDraft(username: "kepala", displayName: "Kepala Dinas Sosial", role: .kepala),
        ]
        for (index, worker) in DemoAftercare.workers.enumerated() {
            drafts.append(UserDraft(username: "pendamping\(index + 1)", displayName: worker.name, role: .pendamping, worker: worker.code))
        }
        return try drafts.map { draft in
            let secret = password()
            _ = try operations.addUser(draft, password: secret, hash: hash, context: OperationContext(actor: "demo"))
            return Login(username: draft.username, role: draft.role.rawValue, password: secret)
        }
    }
}
