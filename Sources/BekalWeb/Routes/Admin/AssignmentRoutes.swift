import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/penugasan`: the aftercare workers with the size of their caseloads, and the graduates paid
/// a grant whom nobody follows (on nobody's due list) as the admin's work to do, each assigned
/// to a pendamping from the same page.
extension WebApp {
    static let assignmentFields: Set<String> = ["beneficiary", "worker", "date"]

    func addAssignmentRoutes(to doors: Doors) {
        let admin = doors.permitted(Administer.self)
        admin.get("/penugasan") { _, context in
            try assignmentPage(MoneyForm(fields: Self.assignmentFields, values: ["date": try today().description]), context: context)
        }
        admin.post("/penugasan") { _, context in
            var form = MoneyForm(fields: Self.assignmentFields, form: context.form)
            let date = form.date()
            if form["worker"] == nil { form.add(Refusal(field: "worker", message: "Pilih pendampingnya.")) }
            if form["beneficiary"] == nil { form.add(Refusal(field: "beneficiary", message: "Pilih binaan yang ditugaskan.")) }
            guard form.isValid, let date else { return try assignmentPage(form, context: context, status: .unprocessableContent) }
            do {
                let assignment = try operations.assign(worker: form["worker"] ?? "", beneficiary: form["beneficiary"], kelompok: nil, from: date,
                                                       context: self.context(context.user))
                let worker = try operations.store.read { tx in try tx.worker(id: assignment.workerID) }
                context.setFlash("\(form["beneficiary"] ?? "") didampingi \(worker?.name ?? "") (\(worker?.code ?? "")) mulai \(Format.date(date)).")
                return Response.seeOther("/penugasan")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try assignmentPage(form, context: context, status: .unprocessableContent)
            }
        }
    }

    private func assignmentPage(_ form: MoneyForm, context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        let workers = try operations.store.read { tx in
            try tx.workers().map { worker in (worker, try tx.caseSummaries(workerID: worker.id).filter { $0.grantDate != nil }.count) }
        }
        let unassigned = try operations.unassignedCases()
        var data = form.data
        data["workers"] = workers.map { worker, count in ["code": worker.code, "name": worker.name, "cases": count] as [String: Any] }
        data["workerOptions"] = MoneyForm.options(workers.map { w, count in (w.code, "\(w.name) (\(w.code)) · \(count) binaan") },
                                                  selected: form["worker"])
        data["unassigned"] = unassigned.map { c -> [String: Any] in
            ["code": c.beneficiaryCode, "name": c.name, "cohort": c.cohortCode, "grantDate": Format.date(c.grantDate),
             "selected": c.beneficiaryCode == form["beneficiary"]]
        }
        data["unassignedCount"] = unassigned.count
        return views.page("penugasan", title: "Penugasan pendamping", context: context, data: data, status: status)
    }
}
