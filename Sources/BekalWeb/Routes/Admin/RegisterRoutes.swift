import BekalCore
import Foundation
import Hummingbird

/// `/registrasi`: the register of beneficiaries, newest registered first, 25 to a page, found
/// by name, register number, Bekal code or NIK (the NIK itself is never shown). Admin only.
extension WebApp {
    static let registerPageSize = 25

    func addRegisterRoutes(to doors: Doors) {
        let admin = doors.permitted(Administer.self)
        admin.get("/registrasi") { request, context in
            let query = request.uri.queryParameters
            let text = (query.get("q") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let page = query.get("hal").flatMap { Int($0) } ?? 1
            let register = try operations.register(matching: text.isEmpty ? nil : text, page: page, pageSize: Self.registerPageSize)
            let base = text.isEmpty ? "/registrasi?" : "/registrasi?q=\(Format.queryEscaped(text))&"
            let first = register.total == 0 ? 0 : (register.page - 1) * register.pageSize + 1
            var data: [String: Any] = [
                "searched": !text.isEmpty,
                "people": register.lines.map { line -> [String: Any] in
                    var row = Self.registerLineData(line)
                    row["link"] = "/binaan/\(line.code)/data"
                    return row
                },
                "total": register.total,
                "shown": register.total == 0 ? "Tidak ada binaan\(text.isEmpty ? " terdaftar" : " yang cocok dengan “\(text)”")."
                    : "Binaan \(first)–\(first + register.lines.count - 1) dari \(register.total)\(text.isEmpty ? "" : " yang cocok dengan “\(text)”"), terbaru di atas.",
                "page": register.page, "pageCount": register.pageCount,
            ]
            // Mustache shows a section for any value, even an empty text: what is missing is left out.
            if !text.isEmpty { data["q"] = text }
            if register.page > 1 { data["previous"] = "\(base)hal=\(register.page - 1)" }
            if register.page < register.pageCount { data["next"] = "\(base)hal=\(register.page + 1)" }
            return views.page("registrasi", title: "Daftar binaan", context: context, data: data)
        }
    }
}
