import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/hibah/baru`: pay a graduate her working-capital grant against a kuitansi or SP2D.
/// The reference is the idempotency key: the same kuitansi posted twice pays once.
extension WebApp {
    static let grantFields: Set<String> = ["beneficiary", "ref", "amount", "amountReason", "date", "cohort", "usaha", "paidFrom", "line"]
    /// The picker lists at most this many unpaid graduates; more can still be typed by code.
    static let grantCandidateLimit = 500

    func addGrantRoutes(to doors: Doors) {
        let money = doors.permitted(RecordMoney.self)
        money.get("/hibah/baru") { request, context in
            let settings = try operations.settings()
            var values = ["amount": settings.grantAmountDefault.groupedDigits, "date": try today().description]
            // From a search hit: her code chosen already.
            if let code = request.uri.queryParameters.get("binaan"), !code.isEmpty { values["beneficiary"] = code }
            let form = MoneyForm(fields: Self.grantFields, values: values)
            return try grantPage(form, printing: try printable(request, kind: .grant), context: context)
        }

        money.post("/hibah/baru") { _, context in
            var form = MoneyForm(fields: Self.grantFields, form: context.form)
            form.aliases = ["reason": "amountReason"]
            let amount = form.amount()
            let date = form.date()
            guard form.isValid else { return try grantPage(form, context: context, status: .unprocessableContent) }
            if Confirmation.editing(context.form) { return try grantPage(form, context: context) }
            if !Confirmation.confirmed(context.form) {
                do {
                    return try grantConfirmation(form, amount: amount, date: date, posted: context.form, context: context)
                } catch let failure as any BekalFailure {
                    form.refuse(failure)
                    return try grantPage(form, context: context, status: .unprocessableContent)
                }
            }
            var request = GrantRequest(beneficiary: form["beneficiary"] ?? "", documentRef: form["ref"] ?? "", amount: amount,
                                       valueDate: date, cohort: form["cohort"], usaha: form["usaha"],
                                       paidFrom: form["paidFrom"] == CashSubBook.bank.rawValue ? .bank : .cash,
                                       amountReason: form["amountReason"])
            request.budget = Self.budgetChoice(form)
            do {
                let result = try operations.disburseGrant(request, context: self.context(context.user))
                let code = Beneficiary.code(for: result.grant.beneficiaryID)
                let ref = result.entry.documentRef ?? ""
                context.setFlash(result.replayed
                    ? "Kuitansi \(ref) sudah tercatat sebagai entri #\(result.entry.id) (bantuan untuk \(code)); tidak dibayar dua kali."
                    : "Bantuan modal kerja \(Format.rupiah(result.grant.amount)) untuk \(code) tercatat sebagai entri #\(result.entry.id) (bukti \(ref)).")
                return Response.seeOther("/hibah/baru?cetak=\(result.entry.id)")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try grantPage(form, context: context, status: .unprocessableContent)
            }
        }
    }

    /// "Bayar Rp1.500.000 kepada Siti Nurhaliza (B-00169), kuitansi KW/…?", with a warning when
    /// the amount is not the usual grant (the cohort's, else the office's).
    private func grantConfirmation(_ form: MoneyForm, amount: Rupiah?, date: LocalDate?, posted: FormData?,
                                   context: some PageContext) throws -> Response {
        let settings = try operations.settings()
        let (person, cohort) = try operations.store.read { tx in
            (try Resolve.beneficiary(form["beneficiary"] ?? "", in: tx), try form["cohort"].map { try Resolve.cohort($0, in: tx) })
        }
        let usual = cohort?.standardGrant(settings) ?? settings.grantAmountDefault
        let paid = amount ?? usual
        let ref = form["ref"] ?? ""
        var confirmation = Confirmation(
            action: "/hibah/baru",
            question: "Bayar \(Format.rupiah(paid)) kepada \(person.name) (\(person.code)), kuitansi \(ref.isEmpty ? "(belum diisi)" : ref)?",
            values: Confirmation.values(posted, Self.grantFields), yes: "Ya, bayar \(Format.rupiah(paid))", cancel: "/hibah/baru")
        confirmation.facts = [
            ("Penerima", "\(person.name) · \(person.code)\(person.externalRef.map { " · \($0)" } ?? "")"),
            ("Jumlah", Format.rupiah(paid)),
            ("Tanggal", try Format.date(date ?? today())),
            ("Dibayar dari", form["paidFrom"] == CashSubBook.bank.rawValue ? "Bank (transfer)" : "Kas tunai"),
        ]
        if let cohort { confirmation.facts.append(("Angkatan", "\(cohort.name) (\(cohort.code))")) }
        if let usaha = form["usaha"] { confirmation.facts.append(("Dimasukkan ke modal usaha", usaha)) }
        if let line = form["line"], !line.isEmpty { confirmation.facts.append(("Mata anggaran", line)) }
        if paid != usual {
            confirmation.warnings.append("Jumlah ini berbeda dari bantuan yang biasa (\(Format.rupiah(usual))). "
                + "Pastikan angkanya benar; bila memang berbeda, isikan alasannya di formulir.")
        }
        return confirmationPage(confirmation, title: "Periksa pembayaran", context: context)
    }

    /// The form with the pickers: unpaid graduates (by name: she signs the kuitansi), the
    /// cohorts, the usaha a grant can be paid into.
    private func grantPage(_ form: MoneyForm, printing: JournalEntry? = nil, context: some PageContext,
                           status: HTTPResponse.Status = .ok) throws -> Response {
        let (candidates, cohorts, usahas) = try operations.store.read { tx in
            (try tx.grantCandidates(limit: Self.grantCandidateLimit), try tx.cohorts(), try tx.usahas())
        }
        var data = form.data
        if let printing { data["printKuitansi"] = ["href": "/jurnal/\(printing.id)/kuitansi.pdf", "ref": printing.documentRef ?? "#\(printing.id)"] }
        data["candidates"] = candidates.map { c -> [String: Any] in
            ["code": c.code, "label": [c.name, c.externalRef, "angkatan \(c.cohortCode)"].compactMap { $0 }.joined(separator: " · ")]
        }
        data["candidateCount"] = candidates.count
        data["paidFrom"] = MoneyForm.options([(CashSubBook.cash.rawValue, "Kas tunai (diserahkan langsung)"),
                                              (CashSubBook.bank.rawValue, "Bank (transfer ke rekeningnya)")],
                                             selected: form["paidFrom"] ?? CashSubBook.cash.rawValue)
        data["cohorts"] = MoneyForm.options(cohorts.map { ($0.code, "\($0.code) · \($0.name)") }, selected: form["cohort"])
        data["budgetLineField"] = try budgetLineField(purpose: .grants, form: form)
        data["usahas"] = MoneyForm.options(usahas.map { u in
            (u.code, [u.code, u.product, u.brand].compactMap { $0 }.joined(separator: " · "))
        }, selected: form["usaha"])
        return views.page("hibah-baru", title: "Bayar bantuan modal kerja", context: context, data: data, status: status)
    }
}
