import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/biaya/baru`: an aftercare cost (labels printed for a brand, an exhibition fee, transport),
/// booked against a kelompok, a usaha or a woman and so against its cohort; and
/// `/pindah-buku`: money moved between the bank account and the treasurer's cash. The document
/// number is the idempotency key of each.
extension WebApp {
    static let expenseFields: Set<String> = ["amount", "ref", "memo", "date", "subject", "paidFrom", "line"]
    static let transferFields: Set<String> = ["amount", "to", "ref", "date", "memo"]

    func addCashFormRoutes(to doors: Doors) {
        let money = doors.permitted(RecordMoney.self)
        money.get("/biaya/baru") { _, context in
            try expensePage(MoneyForm(fields: Self.expenseFields, values: ["date": try today().description]), context: context)
        }
        money.post("/biaya/baru") { _, context in
            var form = MoneyForm(fields: Self.expenseFields, form: context.form)
            form.aliases = ["kelompok": "subject", "usaha": "subject", "beneficiary": "subject"]
            let amount = form.amount(), date = form.date()
            if form["amount"] == nil { form.refuse(InputError(.amount, input: "", .empty)) }
            if form["memo"] == nil { form.add(Refusal(field: "memo", message: "Uraian belum diisi: tulis untuk apa biaya ini, misalnya cetak label merek.")) }
            guard form.isValid, let amount else { return try expensePage(form, context: context, status: .unprocessableContent) }
            let subject = form["subject"] ?? ""
            let expense = AftercareExpense(amount: amount, documentRef: form["ref"] ?? "", memo: form["memo"] ?? "", valueDate: date,
                                           kelompok: subject.hasPrefix("K-") ? subject : nil, usaha: subject.hasPrefix("U-") ? subject : nil,
                                           beneficiary: subject.hasPrefix("B-") ? subject : nil,
                                           paidFrom: form["paidFrom"] == CashSubBook.bank.rawValue ? .bank : .cash, budget: Self.budgetChoice(form))
            do {
                let result = try operations.recordAftercareExpense(expense, context: self.context(context.user))
                context.setFlash(Self.postedFlash(result, what: "Biaya pendampingan \(Format.rupiah(amount))"))
                return Response.seeOther("/biaya/baru")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try expensePage(form, context: context, status: .unprocessableContent)
            }
        }

        money.get("/pindah-buku") { _, context in
            try transferPage(MoneyForm(fields: Self.transferFields, values: ["date": try today().description]), context: context)
        }
        money.post("/pindah-buku") { _, context in
            var form = MoneyForm(fields: Self.transferFields, form: context.form)
            let amount = form.amount(), date = form.date()
            if form["amount"] == nil { form.refuse(InputError(.amount, input: "", .empty)) }
            guard form.isValid, let amount else { return try transferPage(form, context: context, status: .unprocessableContent) }
            let to: CashSubBook = form["to"] == CashSubBook.bank.rawValue ? .bank : .cash
            let transfer = CashTransfer(amount: amount, to: to, documentRef: form["ref"] ?? "", valueDate: date, memo: form["memo"])
            do {
                let result = try operations.transferCash(transfer, context: self.context(context.user))
                context.setFlash(Self.postedFlash(result, what: to == .cash ? "Penarikan \(Format.rupiah(amount)) dari bank ke kas"
                                                                     : "Setoran \(Format.rupiah(amount)) dari kas ke bank"))
                return Response.seeOther("/pindah-buku")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try transferPage(form, context: context, status: .unprocessableContent)
            }
        }
    }

    /// "… tercatat sebagai entri #N (bukti X)", or that the same document was recorded already.
    static func postedFlash(_ result: PostResult, what: String) -> String {
        let entry = result.entry
        return result.isReplay
            ? "Bukti \(entry.documentRef ?? "") sudah tercatat sebagai entri #\(entry.id); tidak dicatat dua kali."
            : "\(what) tercatat sebagai entri #\(entry.id) (bukti \(entry.documentRef ?? ""))."
    }

    static func paidFromOptions(_ form: MoneyForm) -> [[String: Any]] {
        MoneyForm.options([(CashSubBook.cash.rawValue, "Kas tunai"), (CashSubBook.bank.rawValue, "Bank (transfer)")],
                          selected: form["paidFrom"] ?? CashSubBook.cash.rawValue)
    }

    private func expensePage(_ form: MoneyForm, context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        let (kelompoks, usahas) = try operations.store.read { tx in (try tx.kelompoks(), try tx.usahas()) }
        var data = form.data
        data["budgetLineField"] = try budgetLineField(purpose: .aftercare, form: form)
        data["subjects"] = MoneyForm.options(
            usahas.map { u in (u.code, "Usaha " + [u.code, u.product, u.brand].compactMap { $0 }.joined(separator: " · ")) }
                + kelompoks.map { k in (k.code, "Kelompok \(k.code) · \(k.name)") },
            selected: form["subject"])
        data["paidFrom"] = Self.paidFromOptions(form)
        return views.page("biaya-baru", title: "Catat biaya pendampingan", context: context, data: data, status: status)
    }

    private func transferPage(_ form: MoneyForm, context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        var data = form.data
        data["to"] = MoneyForm.options([(CashSubBook.cash.rawValue, "Tarik dari bank ke kas tunai"),
                                        (CashSubBook.bank.rawValue, "Setor dari kas tunai ke bank")],
                                       selected: form["to"] ?? CashSubBook.cash.rawValue)
        return views.page("pindah-buku", title: "Pemindahbukuan bank dan kas", context: context, data: data, status: status)
    }
}
