import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/anggaran/terima`: record a budget transfer (the APBD's SP2D) into cash or into the bank,
/// optionally for a cohort. The SP2D number is the idempotency key: posted twice, it is
/// recorded once.
extension WebApp {
    static let budgetFields: Set<String> = ["amount", "ref", "date", "into", "cohort", "budgetYear", "memo", "line"]

    func addBudgetRoutes(to doors: Doors) {
        let money = doors.permitted(RecordMoney.self)
        money.get("/anggaran/terima") { _, context in
            let form = MoneyForm(fields: Self.budgetFields, values: ["date": try today().description])
            return try budgetPage(form, context: context)
        }

        money.post("/anggaran/terima") { _, context in
            var form = MoneyForm(fields: Self.budgetFields, form: context.form)
            form.aliases = ["budget": "amount"]
            let amount = form.amount()
            let date = form.date()
            let year = form.parse("budgetYear") { text -> Int in
                guard let year = Int(text), (1900...2200).contains(year) else {
                    throw InputError(.option("tahun anggaran"), input: text, .outOfRange)
                }
                return year
            }
            if form["amount"] == nil { form.refuse(InputError(.amount, input: "", .empty)) }
            guard form.isValid, let amount else { return try budgetPage(form, context: context, status: .unprocessableContent) }
            let receipt = BudgetReceipt(amount: amount, documentRef: form["ref"] ?? "", valueDate: date, memo: form["memo"],
                                        intoBank: form["into"] == CashSubBook.bank.rawValue, budgetYear: year, cohort: form["cohort"],
                                        budget: Self.budgetChoice(form))
            do {
                let result = try operations.receiveBudget(receipt, context: self.context(context.user))
                let entry = result.entry
                context.setFlash(result.isReplay
                    ? "SP2D \(entry.documentRef ?? "") sudah tercatat sebagai entri #\(entry.id); tidak dicatat dua kali."
                    : "Penerimaan anggaran \(Format.rupiah(amount)) tercatat sebagai entri #\(entry.id) (bukti \(entry.documentRef ?? "")).")
                return Response.seeOther("/anggaran/terima")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try budgetPage(form, context: context, status: .unprocessableContent)
            }
        }
    }

    private func budgetPage(_ form: MoneyForm, context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        let cohorts = try operations.store.read { tx in try tx.cohorts() }
        var data = form.data
        data["into"] = MoneyForm.options([(CashSubBook.cash.rawValue, "Kas tunai bendahara"),
                                          (CashSubBook.bank.rawValue, "Rekening bank bendahara")],
                                         selected: form["into"] ?? CashSubBook.cash.rawValue)
        data["cohorts"] = MoneyForm.options(cohorts.map { ($0.code, "\($0.code) · \($0.name)") }, selected: form["cohort"])
        data["budgetLineField"] = try budgetLineField(purpose: nil, form: form)
        return views.page("anggaran-terima", title: "Catat penerimaan anggaran", context: context, data: data, status: status)
    }
}
