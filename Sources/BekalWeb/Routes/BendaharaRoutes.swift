import BekalCore
import Foundation
import Hummingbird

/// The finance officer's pages: cash on hand, forms that post to the books, the reports.
extension WebApp {
    func addBendaharaRoutes(to router: Router<WebContext>) {
    }

    /// Cash on hand, budget use per cohort, the latest entries.
    func bendaharaDashboard(user: AppUser, context: WebContext) throws -> Response {
        let (cash, budget) = try operations.store.read { tx -> ([[String: Any]], Table) in
            guard let book = try tx.book(code: Book.officeCode) else { throw ProgrammeRejection.notInitialised }
            let cash = try [AccountRole.cash, .bank].compactMap { try tx.account(bookID: book.id, role: $0) }
                .map { ["code": $0.code, "name": $0.name, "balance": Format.rupiah(try tx.balance(accountID: $0.id))] as [String: Any] }
            return (cash, try BudgetUse.build(in: tx).table)
        }
        return views.page("dashboard-bendahara", title: "Beranda bendahara", context: context,
                          data: ["cash": cash, "budget": TableView.data(budget)])
    }
}
