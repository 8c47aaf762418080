import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/pelatihan`: the training months of a cohort for the admin: each trainee's attendance and
/// evaluation against the threshold, the sessions by kind, the training room's tools per
/// trainee, and the instructors with their certificates. Sessions are recorded with
/// `bekal training session`.
extension WebApp {
    func addTrainingRoutes(to doors: Doors) {
        doors.permitted(Administer.self).get("/pelatihan") { request, context in
            let today = try today()
            let asked: String? = request.uri.queryParameters.get("angkatan").map { String($0) }
            let (cohorts, chosen, attendance, tools, instructors) = try operations.store.read { tx in
                let cohorts = try tx.cohorts()
                // The latest cohort with sessions, unless one is asked for.
                let withSessions = try cohorts.filter { !(try tx.sessions(cohortID: $0.id)).isEmpty }
                let code = asked ?? withSessions.last?.code ?? cohorts.last?.code
                guard let code, let cohort = cohorts.first(where: { $0.code == code }) else { throw WebDenial.notFound }
                let names = try CodeNames(tx)
                let certificates = Dictionary(grouping: try tx.certificates(instructorID: nil), by: \.instructorID)
                let instructors = try tx.instructors().map { i -> [String: Any] in
                    ["code": i.code, "name": i.name, "expertise": i.expertise ?? "—",
                     "certificates": (certificates[i.id] ?? []).map { c in
                         "\(c.name) \(c.number)" + (c.validUntil.map { " (s.d. \(Format.date($0))\(c.isValid(on: today) ? "" : ", sudah habis"))" } ?? "")
                     }.joined(separator: "; ")]
                }
                return (cohorts, cohort, names.named(try TrainingAttendanceReport.build(cohort: cohort.code, in: tx).table),
                        names.named(try TrainingToolsReport.build(cohort: cohort.code, in: tx).table), instructors)
            }
            return views.page("pelatihan", title: "Pelatihan angkatan \(chosen.code)", context: context, data: [
                "cohorts": MoneyForm.options(cohorts.map { ($0.code, "\($0.code) · \($0.name)") }, selected: chosen.code),
                "attendance": TableView.data(attendance), "tools": TableView.data(tools), "instructors": instructors,
                "hasInstructors": !instructors.isEmpty,
            ])
        }
    }
}
