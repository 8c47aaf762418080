import BekalCore
import Foundation
import Hummingbird

/// The programme admin's pages: the outcome summary and reports (admin only), the audit log.
extension WebApp {
    func addAdminRoutes(to router: Router<WebContext>) {
    }

    /// The outcome summary per cohort, with its honest range. Viewing it is audited by the core.
    func adminDashboard(user: AppUser, context: WebContext) throws -> Response {
        let report = try operations.outcomeReport(by: .cohort, asOf: today(), context: self.context(user))
        return views.page("dashboard-admin", title: "Beranda admin", context: context,
                          data: ["outcomes": TableView.data(report.table)])
    }
}
