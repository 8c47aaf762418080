import BekalCore
import Foundation
import Hummingbird

/// The partner's pages: the business register and one business's page, without personal data
/// (``Permission/viewBusinesses``).
///
/// Both are built from the rows of ``KoperasiProfile/register(from:asOf:)``, the same table
/// as the Koperasi spreadsheet: a business the spreadsheet leaves out (closed, or an owner who
/// did not agree to share) has no page, and a page shows no column the spreadsheet lacks but
/// the business's own monthly sales and equipment condition.
extension WebApp {
    func addMitraRoutes(to doors: Doors) {
        let businesses = doors.permitted(ViewBusinesses.self)
        businesses.get("/usaha") { _, context in
            let today = try today()
            let register = try koperasiRegister(asOf: today)
            return views.page("usaha", title: "Daftar usaha binaan", context: context, data: [
                "asOf": Format.date(today), "count": register.rows.count, "register": Self.registerTableData(register, asOf: today),
                "download": context.user.may(.downloadKoperasi),
            ])
        }

        businesses.get("/usaha/:code") { _, context in
            let code = (context.parameters.get("code") ?? "").trimmingCharacters(in: .whitespaces).uppercased()
            return try businessPage(code: code, context: context)
        }
    }

    /// Counts from the register, and the way to it and to its spreadsheet.
    func mitraDashboard(context: SignedInContext) throws -> Response {
        let register = try koperasiRegister(asOf: today())
        let members = register.rows.reduce(Int64(0)) { sum, row in
            if case .integer(let n) = row[Self.index(.activeMembers)] { return sum + n }
            return sum
        }
        let withNeeds = register.rows.filter { row in
            if case .text(let needs) = row[Self.index(.needs)] { return !needs.isEmpty }
            return false
        }.count
        return views.page("dashboard-mitra", title: "Beranda mitra", context: context, data: [
            "counts": [
                ["key": "usaha", "label": "Usaha aktif yang dapat dibantu", "value": String(register.rows.count)],
                ["key": "anggota", "label": "Orang yang menjalankan usaha", "value": String(members)],
                ["key": "kebutuhan", "label": "Usaha dengan kebutuhan pemasaran atau merek", "value": String(withNeeds)],
            ],
            "download": context.user.may(.downloadKoperasi),
        ])
    }

    /// Where a profile column is in a register row.
    static func index(_ column: KoperasiProfile.Column) -> Int { KoperasiProfile.Column.allCases.firstIndex(of: column)! }

    /// A register cell as the pages print it (`Rp1.500.000`, `12`, text); the month of the
    /// latest sales, kept as `2009-06` in the spreadsheet, reads `Juni 2009`.
    static func cellText(_ cell: Table.Cell, column: KoperasiProfile.Column) -> String {
        if column == .latestSalesPeriod, case .text(let text) = cell, let month = try? YearMonth.parse(text) {
            return Format.month(month)
        }
        let cells = TableView.row([cell])["cells"] as? [[String: Any]]
        return cells?.first?["text"] as? String ?? ""
    }

    /// The partner's register as of a day: exactly the rows and columns of the Koperasi spreadsheet.
    func koperasiRegister(asOf: LocalDate) throws -> Table {
        try operations.store.read { tx in try KoperasiProfile.register(from: tx, asOf: asOf) }
    }

    /// The register for the `table` markup, each business code a link to its page.
    static func registerTableData(_ register: Table, asOf: LocalDate) -> [String: Any] {
        var data = TableView.data(register)
        data["title"] = "Daftar usaha binaan per \(Format.date(asOf))"
        data["rows"] = register.rows.map { cells -> [String: Any] in
            var row = TableView.row(cells, columns: register.columns)["cells"] as? [[String: Any]] ?? []
            let month = index(.latestSalesPeriod)
            row[month]["text"] = cellText(cells[month], column: .latestSalesPeriod)
            let code = index(.code)
            if case .text(let text) = cells[code] { row[code]["href"] = "/usaha/\(FormData.encode(text))" }
            return ["cells": row]
        }
        return data
    }

    /// One business: its register row, column by column, then its monthly sales and the
    /// condition of its equipment. A code that is not in the register is "not found", whether
    /// the business does not exist or is not shared: the page does not tell which.
    func businessPage(code: String, context: Permitted<ViewBusinesses>) throws -> Response {
        let today = try today()
        let register = try koperasiRegister(asOf: today)
        guard let row = register.rows.first(where: { $0[Self.index(.code)] == .text(code) }) else { throw WebDenial.notFound }
        let (business, items) = try operations.store.read { tx -> (BusinessFollowUp.Business?, [String: String]) in
            let usaha = try Resolve.usaha(code, in: tx)
            let followUp = try BusinessFollowUp.build(from: tx, usahaID: usaha.id, asOf: today)
            return (followUp.businesses.first, Dictionary(uniqueKeysWithValues: try tx.equipmentItems().map { ($0.code, $0.name) }))
        }
        let facts = zip(KoperasiProfile.Column.allCases, row).map { column, cell -> [String: Any] in
            let text = Self.cellText(cell, column: column)
            return ["label": column.column.title, "text": text.isEmpty ? "—" : text]
        }
        let sales = (business?.monthlySales ?? []).reversed().map { ["month": Format.month($0.month), "sales": Format.rupiah($0.sales)] }
        let equipment = (business?.equipment ?? []).map { item -> [String: Any] in
            ["item": items[item.item] ?? item.item, "condition": item.condition.label, "seenOn": Format.date(item.seenOn)]
        }
        let title: String = if case .text(let brand) = row[Self.index(.brand)] { "\(code) · \(brand)" } else { code }
        return views.page("usaha-detail", title: title, context: context, data: [
            "code": code, "asOf": Format.date(today), "facts": facts, "sales": sales, "hasSales": !sales.isEmpty,
            "salesChart": business.map { Charts.sales($0) } ?? Charts.empty,
            "equipment": equipment, "hasEquipment": !equipment.isEmpty,
        ])
    }
}
