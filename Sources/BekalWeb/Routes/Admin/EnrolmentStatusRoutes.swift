import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/registrasi/status`: the admin records that a woman enrolled in a cohort graduated (lulus)
/// or left (keluar) on a date, as `bekal enrol --status` does; a graduate is then offered for
/// her grant. Leaving takes its coded reason ("lainnya" with a text), kept with the change.
extension WebApp {
    static let enrolmentStatusFields: Set<String> = ["beneficiary", "cohort", "status", "date", "reasonCode", "reasonText", "lowAttendance"]

    func addEnrolmentStatusRoutes(to doors: Doors) {
        let admin = doors.permitted(Administer.self)
        admin.get("/registrasi/status") { request, context in
            var values = ["date": try today().description, "status": Enrolment.Status.completed.rawValue]
            if let code = request.uri.queryParameters.get("binaan") { values["beneficiary"] = code }
            return try enrolmentStatusPage(MoneyForm(fields: Self.enrolmentStatusFields, values: values), context: context)
        }
        admin.post("/registrasi/status") { _, context in
            var form = MoneyForm(fields: Self.enrolmentStatusFields, form: context.form)
            let date = form.date()
            if form["beneficiary"] == nil { form.add(Refusal(field: "beneficiary", message: "Tulis kode binaan, misalnya B-00012.")) }
            if form["cohort"] == nil { form.add(Refusal(field: "cohort", message: "Pilih angkatannya.")) }
            let status = Enrolment.Status(rawValue: form["status"] ?? "")
            if status == nil { form.add(Refusal(field: "status", message: "Pilih lulus, keluar atau terdaftar.")) }
            form.aliases = ["reason": "reasonText"]
            let reason = form.parse("reasonCode") { try ExitReason.parse($0) }
            guard form.isValid, let status else { return try enrolmentStatusPage(form, context: context, status: .unprocessableContent) }
            do {
                let enrolment = try operations.setEnrolmentStatus(beneficiary: form["beneficiary"] ?? "", cohort: form["cohort"] ?? "",
                                                                  status: status, on: date, reason: reason, reasonText: form["reasonText"],
                                                                  despiteLowAttendance: form["lowAttendance"] != nil,
                                                                  context: self.context(context.user))
                let code = Beneficiary.code(for: enrolment.beneficiaryID)
                context.setFlash("\(code) di angkatan \(form["cohort"] ?? ""): \(Self.statusLabel(status))\(date.map { " per \(Format.date($0))" } ?? "").")
                return Response.seeOther("/registrasi/status")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                var page = form
                if case TrainingRejection.attendanceBelowThreshold = failure { page.values["askLowAttendance"] = "1" }
                return try enrolmentStatusPage(page, context: context, status: .unprocessableContent)
            }
        }
    }

    private func enrolmentStatusPage(_ form: MoneyForm, context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        let cohorts = try operations.store.read { tx in try tx.cohorts() }
        var data = form.data
        data["cohorts"] = MoneyForm.options(cohorts.map { ($0.code, "\($0.code) · \($0.name)") }, selected: form["cohort"])
        data["statuses"] = MoneyForm.options(Enrolment.Status.allCases.map { ($0.rawValue, Self.statusLabel($0)) }, selected: form["status"])
        data["reasons"] = MoneyForm.options(ExitReason.dropOut.map { ($0.rawValue, Self.exitReasonLabel($0)) }, selected: form["reasonCode"])
        return views.page("registrasi-status", title: "Status pelatihan binaan", context: context, data: data, status: status)
    }
}
