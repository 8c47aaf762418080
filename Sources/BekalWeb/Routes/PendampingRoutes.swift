import BekalCore
import Foundation
import Hummingbird

/// The aftercare worker's pages: her caseload, who is due, the visit and outcome forms.
/// A pendamping sees and edits only her own caseload (``AccessPolicy/limitedToOwnCaseload(_:)``).
extension WebApp {
    func addPendampingRoutes(to router: Router<WebContext>) {
    }

    /// The worker whose caseload this user sees: her own for a pendamping, everyone's (nil) otherwise.
    func caseloadWorker(of user: AppUser) throws -> String? {
        guard AccessPolicy.limitedToOwnCaseload(user.role) else { return nil }
        guard let id = user.workerID, let worker = try operations.store.read({ tx in try tx.worker(id: id) }) else {
            throw WebDenial.forbidden
        }
        return worker.code
    }

    /// My overdue visits and my caseload.
    func pendampingDashboard(user: AppUser, context: WebContext) throws -> Response {
        let worker = try caseloadWorker(of: user)
        let due = try operations.followUpDue(worker: worker, asOf: today(), context: self.context(user))
        return views.page("dashboard-pendamping", title: "Beranda pendamping", context: context,
                          data: ["due": TableView.data(due.table), "dueCount": due.rows.count])
    }
}
