import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/pendamping`: the aftercare workers (*pekerja sosial*, PSM) with the size of their
/// caseloads, and a form to add one, as `bekal worker add` does. Assigning people to them is
/// `/penugasan`; giving one a sign-in is `/pengguna`.
extension WebApp {
    static let workerFields: Set<String> = ["code", "name"]

    func addWorkerRoutes(to doors: Doors) {
        let admin = doors.permitted(Administer.self)
        admin.get("/pendamping") { _, context in
            try workersPage(MoneyForm(fields: Self.workerFields, values: [:]), context: context)
        }
        admin.post("/pendamping") { _, context in
            var form = MoneyForm(fields: Self.workerFields, form: context.form)
            form.aliases = ["worker": "code"]
            if form["code"] == nil { form.refuse(InputError(.code(.worker), input: "", .empty)) }
            if form["name"] == nil { form.refuse(InputError(.workerName, input: "", .empty)) }
            guard form.isValid else { return try workersPage(form, context: context, status: .unprocessableContent) }
            do {
                let worker = try operations.addWorker(code: form["code"] ?? "", name: form["name"] ?? "", context: self.context(context.user))
                context.setFlash("Pendamping \(worker.name) (\(worker.code)) ditambahkan. Tugaskan binaan kepadanya di halaman penugasan.")
                return Response.seeOther("/pendamping")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try workersPage(form, context: context, status: .unprocessableContent)
            }
        }
    }

    private func workersPage(_ form: MoneyForm, context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        let workers = try operations.store.read { tx in
            try tx.workers().map { worker in
                (worker, people: try tx.caseSummaries(workerID: worker.id).count, kelompok: try tx.caseloadKelompokIDs(workerID: worker.id).count)
            }
        }
        var data = form.data
        data["workers"] = workers.map { w in
            ["code": w.0.code, "name": w.0.name, "people": w.people, "kelompok": w.kelompok] as [String: Any]
        }
        data["hasWorkers"] = !workers.isEmpty
        return views.page("pendamping-daftar", title: "Para pendamping", context: context, data: data, status: status)
    }
}
