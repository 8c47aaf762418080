import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/hibah/baru`: pay a graduate her working-capital grant against a kuitansi or SP2D.
/// The reference is the idempotency key: the same kuitansi posted twice pays once.
extension WebApp {
    static let grantFields: Set<String> = ["beneficiary", "ref", "amount", "amountReason", "date", "cohort", "usaha", "paidFrom"]
    /// The picker lists at most this many unpaid graduates; more can still be typed by code.
    static let grantCandidateLimit = 500

    func addGrantRoutes(to doors: Doors) {
        let money = doors.permitted(RecordMoney.self)
        money.get("/hibah/baru") { _, context in
            let settings = try operations.settings()
            let form = MoneyForm(fields: Self.grantFields, values: [
                "amount": settings.grantAmountDefault.groupedDigits, "date": try today().description,
            ])
            return try grantPage(form, context: context)
        }

        money.post("/hibah/baru") { _, context in
            var form = MoneyForm(fields: Self.grantFields, form: context.form)
            form.aliases = ["reason": "amountReason"]
            let amount = form.amount()
            let date = form.date()
            guard form.isValid else { return try grantPage(form, context: context, status: .unprocessableContent) }
            let request = GrantRequest(beneficiary: form["beneficiary"] ?? "", documentRef: form["ref"] ?? "", amount: amount,
                                       valueDate: date, cohort: form["cohort"], usaha: form["usaha"],
                                       paidFrom: form["paidFrom"] == CashSubBook.bank.rawValue ? .bank : .cash,
                                       amountReason: form["amountReason"])
            do {
                let result = try operations.disburseGrant(request, context: self.context(context.user))
                let code = Beneficiary.code(for: result.grant.beneficiaryID)
                let ref = result.entry.documentRef ?? ""
                context.setFlash(result.replayed
                    ? "Kuitansi \(ref) sudah tercatat sebagai entri #\(result.entry.id) (bantuan untuk \(code)); tidak dibayar dua kali."
                    : "Bantuan modal kerja \(Format.rupiah(result.grant.amount)) untuk \(code) tercatat sebagai entri #\(result.entry.id) (bukti \(ref)).")
                return Response.seeOther("/hibah/baru")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try grantPage(form, context: context, status: .unprocessableContent)
            }
        }
    }

    /// The form with the pickers: unpaid graduates (by name: she signs the kuitansi), the
    /// cohorts, the usaha a grant can be paid into.
    private func grantPage(_ form: MoneyForm, context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        let (candidates, cohorts, usahas) = try operations.store.read { tx in
            (try tx.grantCandidates(limit: Self.grantCandidateLimit), try tx.cohorts(), try tx.usahas())
        }
        var data = form.data
        data["candidates"] = candidates.map { c -> [String: Any] in
            ["code": c.code, "label": [c.name, c.externalRef, "angkatan \(c.cohortCode)"].compactMap { $0 }.joined(separator: " · ")]
        }
        data["candidateCount"] = candidates.count
        data["paidFrom"] = MoneyForm.options([(CashSubBook.cash.rawValue, "Kas tunai (diserahkan langsung)"),
                                              (CashSubBook.bank.rawValue, "Bank (transfer ke rekeningnya)")],
                                             selected: form["paidFrom"] ?? CashSubBook.cash.rawValue)
        data["cohorts"] = MoneyForm.options(cohorts.map { ($0.code, "\($0.code) · \($0.name)") }, selected: form["cohort"])
        data["usahas"] = MoneyForm.options(usahas.map { u in
            (u.code, [u.code, u.product, u.brand].compactMap { $0 }.joined(separator: " · "))
        }, selected: form["usaha"])
        return views.page("hibah-baru", title: "Bayar bantuan modal kerja", context: context, data: data, status: status)
    }
}
