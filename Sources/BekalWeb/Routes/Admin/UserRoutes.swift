import BekalCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt

/// `/pengguna`: the users of the web app (``Permission/administer``). The list never shows a
/// password hash; the form calls ``Operations/addUser(_:password:hash:)`` like `bekal user add`,
/// and switching a user off or on calls ``Operations/setUserActive(username:active:)``.
extension WebApp {
    func addUserRoutes(to doors: Doors) {
        let users = doors.permitted(Administer.self)
        users.get("/pengguna") { _, context in
            try usersPage(context: context)
        }

        users.post("/pengguna") { _, context in
            try await addUser(form: context.form ?? FormData(""), context: context)
        }

        users.post("/pengguna/:username/nonaktifkan") { _, context in
            let username = context.parameters.get("username") ?? ""
            if !Confirmation.confirmed(context.form) {
                // Ask first: her sessions end at once, wherever she is signed in.
                guard let user = try operations.users().first(where: { $0.username == username.lowercased() }) else {
                    return try setUserActive(username, active: false, context: context)  // the core's refusal
                }
                var confirmation = Confirmation(
                    action: "/pengguna/\(user.username)/nonaktifkan",
                    question: "Nonaktifkan \(user.displayName) (\(user.username), \(user.role.label))?",
                    values: [], yes: "Ya, nonaktifkan", editable: false, cancel: "/pengguna")
                confirmation.facts = [
                    ("Akibatnya", "Semua sesinya berakhir saat itu juga dan ia tidak dapat masuk lagi sampai diaktifkan kembali. "
                        + "Catatan yang sudah ia buat tetap ada."),
                ]
                return confirmationPage(confirmation, title: "Periksa penonaktifan", context: context)
            }
            return try setUserActive(username, active: false, context: context)
        }

        users.post("/pengguna/:username/aktifkan") { _, context in
            try setUserActive(context.parameters.get("username") ?? "", active: true, context: context)
        }
    }

    /// The user list and the add form; after a refusal, the form keeps what was typed
    /// (never the password) and shows the refusal next to its field.
    func usersPage(context: Permitted<Administer>, form: FormData? = nil, status: HTTPResponse.Status = .ok,
                   refusal: Refusal? = nil) throws -> Response {
        let users = try operations.users()
        let workers = try operations.store.read { tx in try tx.workers() }
        let workerCodes = Dictionary(uniqueKeysWithValues: workers.map { ($0.id, $0.code) })
        let zone = try officeZone()
        let chosenRole = form?["role"]
        let chosenWorker = form?["worker"]?.uppercased()
        var data: [String: Any] = [
            "users": users.map { user -> [String: Any] in
                ["username": user.username, "name": user.displayName, "role": user.role.label,
                 "worker": user.workerID.flatMap { workerCodes[$0] } ?? "", "active": user.active,
                 "createdAt": Self.officeTime(user.createdAt, zone: zone)]
            },
            "roles": Role.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == chosenRole] },
            "workers": workers.map { ["code": $0.code, "name": $0.name, "selected": $0.code == chosenWorker] },
            "username": form?["username"] ?? "", "name": form?["name"] ?? "",
            "passwordMinimum": Credentials.minimumPasswordLength,
        ]
        if let refusal {
            if let field = refusal.field, Self.userFormFields.contains(field) {
                data["errors"] = [field: refusal.message]
            } else {
                data["error"] = refusal.message
            }
        }
        return views.page("pengguna", title: "Pengguna", context: context, data: data, status: status)
    }

    static let userFormFields: Set<String> = ["username", "name", "role", "worker", "password", "password2"]

    func addUser(form: FormData, context: Permitted<Administer>) async throws -> Response {
        let password = form.raw("password") ?? ""
        do {
            let role = try Role.parse(form["role"] ?? "")
            guard password == (form.raw("password2") ?? "") else {
                return try usersPage(context: context, form: form, status: .unprocessableContent, refusal: Refusal(
                    field: "password2", message: "Ulangan kata sandi tidak sama dengan kata sandi; ketik keduanya lagi."))
            }
            let draft = UserDraft(username: form["username"] ?? "", displayName: form["name"] ?? "", role: role,
                                  worker: form["worker"])
            // Hashed before the write: bcrypt at cost 12 takes a while, and the write
            // transaction would otherwise hold the store's lock for all of it.
            let cost = configuration.bcryptCost
            let hash = try await passwords.run { Bcrypt.hash(password, cost: cost) }
            let user = try operations.addUser(draft, password: password, hash: { _ in hash }, context: self.context(context.user))
            context.setFlash("Pengguna \(user.username) (\(user.role.label)) ditambahkan. Sampaikan kata sandinya secara langsung.")
            return Response.seeOther("/pengguna")
        } catch let error as any BekalFailure {
            return try usersPage(context: context, form: form, status: .unprocessableContent, refusal: Refusal.of(error))
        }
    }

    func setUserActive(_ username: String, active: Bool, context: Permitted<Administer>) throws -> Response {
        do {
            try operations.setUserActive(username: username, active: active, context: self.context(context.user))
        } catch let error as any BekalFailure {
            return try usersPage(context: context, status: .unprocessableContent, refusal: Refusal.of(error))
        }
        context.setFlash(active ? "Pengguna \(username) diaktifkan kembali." : "Pengguna \(username) dinonaktifkan; sesinya berakhir saat itu juga.")
        return Response.seeOther("/pengguna")
    }
}
