import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/peralatan/beli`: equipment bought into the store room, from cash or from the bank, against
/// the supplier's nota or faktur (the idempotency key): what the hand-over form then has in stock.
extension WebApp {
    static let purchaseFields: Set<String> = ["item", "quantity", "unitCost", "ref", "date", "paidFrom", "memo", "supplier", "invoiceNumber",
                                              "receiptReport", "line"]

    func addPurchaseRoutes(to doors: Doors) {
        let money = doors.permitted(RecordMoney.self)
        money.get("/peralatan/beli") { _, context in
            let form = MoneyForm(fields: Self.purchaseFields, values: ["date": try today().description])
            return try purchasePage(form, lines: [], context: context)
        }

        money.post("/peralatan/beli") { _, context in
            var form = MoneyForm(fields: Self.purchaseFields, form: context.form)
            let date = form.date()
            let typed = Self.purchaseRows(context.form)
            var lines: [EquipmentPurchase.Line] = []
            for row in typed {
                do {
                    lines.append(EquipmentPurchase.Line(item: row.item, quantity: try Self.quantity(row.quantity),
                                                        unitCost: try Rupiah.parsePayment(row.unitCost, field: .unitCost(item: row.item))))
                } catch { form.refuse(error) }
            }
            if typed.isEmpty { form.add(Refusal(field: "item", message: "Pilih sedikitnya satu barang dengan jumlah dan harga satuannya.")) }
            guard form.isValid else { return try purchasePage(form, lines: typed, context: context, status: .unprocessableContent) }
            var purchase = EquipmentPurchase(lines: lines, documentRef: form["ref"] ?? "", valueDate: date, memo: form["memo"],
                                             paidFrom: form["paidFrom"] == CashSubBook.bank.rawValue ? .bank : .cash, budget: Self.budgetChoice(form))
            purchase.documents = PurchaseDocuments(supplier: form["supplier"], invoiceNumber: form["invoiceNumber"],
                                                   receiptReport: form["receiptReport"])
            do {
                let result = try operations.buyEquipment(purchase, context: self.context(context.user))
                let entry = result.entry
                context.setFlash(result.isReplay
                    ? "Nota \(entry.documentRef ?? "") sudah tercatat sebagai entri #\(entry.id); tidak dicatat dua kali."
                    : "Pembelian peralatan tercatat sebagai entri #\(entry.id) (bukti \(entry.documentRef ?? "")); stok bertambah.")
                return Response.seeOther("/peralatan/beli")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try purchasePage(form, lines: typed, context: context, status: .unprocessableContent)
            }
        }
    }

    /// The item rows as typed, in order; rows without an item are left out.
    static func purchaseRows(_ form: FormData?) -> [(item: String, quantity: String, unitCost: String)] {
        let fields = form?.fields ?? [:]
        let items = fields["item"] ?? [], quantities = fields["quantity"] ?? [], costs = fields["unitCost"] ?? []
        func at(_ list: [String], _ index: Int) -> String { index < list.count ? list[index].trimmingCharacters(in: .whitespaces) : "" }
        return items.indices.compactMap { index in
            let item = at(items, index)
            return item.isEmpty ? nil : (item, at(quantities, index), at(costs, index))
        }
    }

    private func purchasePage(_ form: MoneyForm, lines: [(item: String, quantity: String, unitCost: String)], context: some PageContext,
                              status: HTTPResponse.Status = .ok) throws -> Response {
        let stock = try operations.store.read { tx in try tx.equipmentItems().map { ($0, try tx.stock(itemID: $0.id)) } }
        var data = form.data
        data["budgetLineField"] = try budgetLineField(purpose: .equipment, form: form)
        let choices = stock.map { item, stock in (item.code, "\(item.name) · stok \(stock.quantity) \(item.unit)") }
        let padded = lines + Array(repeating: ("", "", ""), count: max(0, Self.equipmentRows - lines.count))
        data["rows"] = padded.enumerated().map { index, line -> [String: Any] in
            ["number": index + 1, "quantity": line.quantity, "unitCost": line.unitCost,
             "items": MoneyForm.options(choices, selected: line.item)]
        }
        data["paidFrom"] = Self.paidFromOptions(form)
        data["noItems"] = stock.isEmpty
        return views.page("peralatan-beli", title: "Catat pembelian peralatan", context: context, data: data, status: status)
    }
}
