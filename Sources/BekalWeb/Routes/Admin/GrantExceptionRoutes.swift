import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/hibah/pengecualian`: the admin allows one more grant to a woman already paid one, in a
/// cohort she is enrolled in, with a reason of at least ten letters, as `bekal grant
/// exception` does. The permission is kept on the grant register and in the audit log.
extension WebApp {
    static let exceptionFields: Set<String> = ["beneficiary", "cohort", "reason"]

    func addGrantExceptionRoutes(to doors: Doors) {
        let admin = doors.permitted(Administer.self)
        admin.get("/hibah/pengecualian") { _, context in
            try exceptionPage(MoneyForm(fields: Self.exceptionFields, values: [:]), context: context)
        }
        admin.post("/hibah/pengecualian") { _, context in
            var form = MoneyForm(fields: Self.exceptionFields, form: context.form)
            if form["beneficiary"] == nil { form.add(Refusal(field: "beneficiary", message: "Tulis kode binaan, misalnya B-00012.")) }
            if form["cohort"] == nil { form.add(Refusal(field: "cohort", message: "Pilih angkatannya.")) }
            guard form.isValid else { return try exceptionPage(form, context: context, status: .unprocessableContent) }
            do {
                let exception = try operations.recordGrantException(beneficiary: form["beneficiary"] ?? "", cohort: form["cohort"] ?? "",
                                                                    reason: form["reason"] ?? "", context: self.context(context.user))
                context.setFlash("Pengecualian #\(exception.id) tercatat: \(Beneficiary.code(for: exception.beneficiaryID)) boleh menerima satu bantuan lagi di angkatan \(form["cohort"] ?? "").")
                return Response.seeOther("/hibah/pengecualian")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try exceptionPage(form, context: context, status: .unprocessableContent)
            }
        }
    }

    private func exceptionPage(_ form: MoneyForm, context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        let cohorts = try operations.store.read { tx in try tx.cohorts() }
        var data = form.data
        data["cohorts"] = MoneyForm.options(cohorts.map { ($0.code, "\($0.code) · \($0.name)") }, selected: form["cohort"])
        return views.page("hibah-pengecualian", title: "Pengecualian bantuan kedua", context: context, data: data, status: status)
    }
}
