import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/peralatan/serah`: hand equipment from the store room to a kelompok (*serah terima*), one
/// berita acara (BAST) for the whole kit. The BAST number is the idempotency key.
extension WebApp {
    static let equipmentFields: Set<String> = ["kelompok", "item", "quantity", "ref", "date"]
    /// Item rows on the form; blank rows are left out.
    static let equipmentRows = 4

    func addEquipmentRoutes(to doors: Doors) {
        addEquipmentCareRoutes(to: doors)
        let money = doors.permitted(RecordMoney.self)
        money.get("/peralatan/serah") { request, context in
            let form = MoneyForm(fields: Self.equipmentFields, values: ["date": try today().description])
            return try equipmentPage(form, lines: [("", "1")], printing: try printable(request, kind: .equipmentIssue), context: context)
        }

        money.post("/peralatan/serah") { _, context in
            var form = MoneyForm(fields: Self.equipmentFields, form: context.form)
            let date = form.date()
            let typed = Self.itemRows(context.form)
            var lines: [EquipmentIssue.Line] = []
            for (item, quantityText) in typed {
                do { lines.append(EquipmentIssue.Line(item: item, quantity: try Self.quantity(quantityText))) } catch { form.refuse(error) }
            }
            guard form.isValid else { return try equipmentPage(form, lines: typed, context: context, status: .unprocessableContent) }
            let issue = EquipmentIssue(kelompok: form["kelompok"] ?? "", lines: lines, documentRef: form["ref"] ?? "", valueDate: date)
            do {
                let result = try operations.issueEquipment(issue, context: self.context(context.user))
                let entry = result.entry
                context.setFlash(result.isReplay
                    ? "Berita acara \(entry.documentRef ?? "") sudah tercatat sebagai entri #\(entry.id); tidak dicatat dua kali."
                    : "Penyerahan peralatan tercatat sebagai entri #\(entry.id) (bukti \(entry.documentRef ?? "")).")
                return Response.seeOther("/peralatan/serah?cetak=\(entry.id)")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try equipmentPage(form, lines: typed, context: context, status: .unprocessableContent)
            }
        }
    }

    /// The item rows as typed, in order: (item, quantity); rows without an item are left out.
    static func itemRows(_ form: FormData?) -> [(String, String)] {
        let fields = form?.fields ?? [:]
        let items = fields["item"] ?? [], quantities = fields["quantity"] ?? []
        return items.indices.compactMap { index -> (String, String)? in
            let item = items[index].trimmingCharacters(in: .whitespaces)
            let quantity = index < quantities.count ? quantities[index].trimmingCharacters(in: .whitespaces) : ""
            return item.isEmpty ? nil : (item, quantity)
        }
    }

    /// A count of items: whole and written in digits. Whether it is more than zero is the core's rule.
    static func quantity(_ text: String) throws -> Int64 {
        if text.isEmpty { throw InputError(.quantity, input: "", .empty) }
        guard let value = Int64(text) else {
            throw InputError(.quantity, input: text, .notAWholeNumber)
        }
        return value
    }

    private func equipmentPage(_ form: MoneyForm, lines: [(String, String)], printing: JournalEntry? = nil, context: some PageContext,
                               status: HTTPResponse.Status = .ok) throws -> Response {
        let (kelompoks, cohorts, stock) = try operations.store.read { tx in
            (try tx.kelompoks(), try tx.cohorts(),
             try tx.equipmentItems().map { ($0, try tx.stock(itemID: $0.id)) })
        }
        let cohortCodes = Dictionary(uniqueKeysWithValues: cohorts.map { ($0.id, $0.code) })
        var data = form.data
        if let printing { data["printBAST"] = ["href": "/jurnal/\(printing.id)/bast.pdf", "ref": printing.documentRef ?? "#\(printing.id)"] }
        data["kelompoks"] = MoneyForm.options(kelompoks.map { k in
            (k.code, "\(k.code) · \(k.name) · angkatan \(cohortCodes[k.cohortID] ?? "?")")
        }, selected: form["kelompok"])
        let choices = stock.map { item, stock in (item.code, "\(item.name) · stok \(stock.quantity) \(item.unit)") }
        let padded = lines + Array(repeating: ("", ""), count: max(0, Self.equipmentRows - lines.count))
        data["rows"] = padded.enumerated().map { index, line -> [String: Any] in
            ["number": index + 1, "quantity": line.1, "items": MoneyForm.options(choices, selected: line.0)]
        }
        return views.page("peralatan-serah", title: "Serahkan peralatan ke kelompok", context: context, data: data, status: status)
    }
}

extension WebApp {
    /// The entry just recorded, from `?cetak=ID` after the redirect, when it is of `kind`: its
    /// paper is offered at the top of the form ("Cetak kuitansi", "Cetak BAST").
    func printable(_ request: Request, kind: EntryKind) throws -> JournalEntry? {
        guard let text = request.uri.queryParameters.get("cetak"), let id = Int64(text) else { return nil }
        return try operations.store.read { tx in try tx.entry(id: id) }.flatMap { $0.kind == kind && $0.reversesEntryID == nil ? $0 : nil }
    }
}
