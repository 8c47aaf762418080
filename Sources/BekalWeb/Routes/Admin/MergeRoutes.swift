import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/binaan/{code}/gabung`: a woman registered twice, made one person (``PersonMerge``), by the
/// admin. The page is the duplicate record's: she names the record kept and why; a confirmation
/// page says what the merge does before anything is written, since it is never undone. After
/// it, every page of the duplicate's code leads to the kept record's (see `Middleware.swift`).
extension WebApp {
    static let mergeFields: Set<String> = ["kept", "reason"]

    func addMergeRoutes(to doors: Doors) {
        let admin = doors.permitted(Administer.self)
        admin.get("/binaan/:code/gabung") { _, context in
            let person = try mergePerson(context.parameters.get("code") ?? "")
            return try mergePage(MoneyForm(fields: Self.mergeFields, values: [:]), person: person, context: context)
        }
        admin.post("/binaan/:code/gabung") { _, context in
            let person = try mergePerson(context.parameters.get("code") ?? "")
            var form = MoneyForm(fields: Self.mergeFields, form: context.form)
            let keptText = form["kept"] ?? ""
            var kept: Beneficiary?
            if keptText.isEmpty {
                form.add(Refusal(field: "kept", message: "Tulis kode data yang disimpan (mis. B-00017)."))
            } else {
                // Every rule but the confirmation's, before it is asked.
                do { kept = try operations.checkMerge(duplicate: person.code, into: keptText).kept } catch { form.refuse(error) }
            }
            do { _ = try PersonMerge.checkedReason(form["reason"] ?? "") } catch { form.refuse(error) }
            guard form.isValid, let kept else { return try mergePage(form, person: person, context: context, status: .unprocessableContent) }
            if Confirmation.editing(context.form) { return try mergePage(form, person: person, context: context) }
            if !Confirmation.confirmed(context.form) {
                var confirmation = Confirmation(
                    action: "/binaan/\(person.code)/gabung",
                    question: "Gabungkan \(person.name) (\(person.code)) ke \(kept.name) (\(kept.code))?",
                    values: Confirmation.values(context.form, Self.mergeFields), yes: "Ya, gabungkan", cancel: "/binaan/\(person.code)/data")
                confirmation.facts = [
                    ("Data yang disimpan", "\(kept.code) — orang yang sama mulai sekarang"),
                    ("Data ganda", "\(person.code) — tidak dapat dipakai lagi untuk catatan baru dan tidak tampil di daftar binaan"),
                    ("Riwayat", "Semua catatan kedua data tetap ada seperti dicatat, dan tampil bersama di riwayat \(kept.code)"),
                    ("Alasan", form["reason"] ?? ""),
                ]
                confirmation.warnings = ["Penggabungan tidak dapat dibatalkan."]
                return confirmationPage(confirmation, title: "Periksa penggabungan data", context: context)
            }
            do {
                let result = try operations.mergePerson(duplicate: person.code, into: kept.code, reason: form["reason"] ?? "",
                                                        context: self.context(context.user))
                let merge = result.merge
                context.setFlash("\(merge.duplicateCode) digabung ke \(merge.keptCode); pakai \(merge.keptCode) mulai sekarang."
                                 + (result.endedAssignment.map { " Penugasan \(merge.duplicateCode) kepada \($0) diakhiri; tugaskan \(merge.keptCode) bila belum didampingi." } ?? ""))
                return Response.seeOther("/binaan/\(merge.keptCode)/data")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try mergePage(form, person: person, context: context, status: .unprocessableContent)
            }
        }
    }

    private func mergePerson(_ code: String) throws -> Beneficiary {
        try Self.notFoundIfMissing { try operations.store.read { tx in try Resolve.beneficiary(code, in: tx) } }
    }

    private func mergePage(_ form: MoneyForm, person: Beneficiary, context: some PageContext,
                           status: HTTPResponse.Status = .ok) throws -> Response {
        var data = form.data
        data["code"] = person.code
        data["name"] = person.name
        data["minimum"] = PersonMerge.minimumReasonCharacters
        return views.page("binaan-gabung", title: "Gabungkan data ganda \(person.code)", context: context, data: data, status: status)
    }

    /// The records merged into hers, for her data page.
    func mergedInto(_ person: Beneficiary) throws -> [[String: Any]] {
        try operations.personMerges(of: person.code).map { m in
            ["code": m.duplicateCode, "date": Format.date(m.onDate), "actor": m.actor, "reason": m.reason]
        }
    }
}
