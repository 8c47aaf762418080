import BekalCore
import Foundation
import Hummingbird

extension WebApp {
    /// `/`: each role's own first page.
    func addDashboardRoutes(to router: Router<WebContext>) {
        router.get("/") { request, context in
            let user = try context.requireUser()
            switch user.role {
            case .bendahara: return try bendaharaDashboard(user: user, context: context)
            case .pendamping: return try pendampingDashboard(user: user, context: context)
            case .admin: return try adminDashboard(user: user, context: context)
            case .mitra: return try mitraDashboard(user: user, context: context)
            }
        }
    }
}
