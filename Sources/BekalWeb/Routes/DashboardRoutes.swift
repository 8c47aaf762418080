import BekalCore
import Foundation
import Hummingbird

extension WebApp {
    /// `/`: each role's own first page.
    func addDashboardRoutes(to doors: Doors) {
        doors.signedIn.get("/") { _, context in
            switch context.user.role {
            case .bendahara: return try bendaharaDashboard(context: context)
            case .pendamping: return try pendampingDashboard(context: CaseloadContext(context))
            case .admin: return try adminDashboard(context: context)
            case .mitra: return try mitraDashboard(context: context)
            case .pemantau: return try rollupPage(context: context)
            case .kepala: return try recipientListsPage(context: context)
            }
        }
    }
}
