import BekalCore
import Foundation
import Hummingbird

/// The partner's pages: the business register and business pages, without personal data.
extension WebApp {
    func addMitraRoutes(to router: Router<WebContext>) {
    }

    func mitraDashboard(user: AppUser, context: WebContext) throws -> Response {
        views.page("dashboard-mitra", title: "Beranda mitra", context: context, data: [:])
    }
}
