import BekalCore
import Foundation
import Hummingbird

/// The finance officer's pages: cash on hand, forms that post to the books, the reports and
/// the downloads. Each area has its own file in `Routes/Money/`. An admin may use every one.
extension WebApp {
    func addBendaharaRoutes(to doors: Doors) {
        addGrantRoutes(to: doors)
        addBudgetRoutes(to: doors)
        addEquipmentRoutes(to: doors)
        addPurchaseRoutes(to: doors)
        addCashFormRoutes(to: doors)
        addEntryRoutes(to: doors)
        addClosingRoutes(to: doors)
        addRecipientListRoutes(to: doors)
        addMoneyReportRoutes(to: doors)
        addMoneyDownloadRoutes(to: doors)
    }

    /// How many of the latest entries the dashboard lists.
    static let recentEntryCount = 10

    /// Cash on hand, budget use per cohort, the latest entries of the office's book, how many
    /// were made today: all in one read.
    func bendaharaDashboard(context: SignedInContext) throws -> Response {
        let user = context.user
        let today = try today()
        let (cash, budget, recent, todayCount, broken) = try operations.store.read { tx -> ([[String: Any]], BudgetUse, [[String: Any]], Int, Int) in
            guard let book = try tx.book(code: Book.officeCode) else { throw ProgrammeRejection.notInitialised }
            let cash = try CashOnHand.build(from: tx).lines
                .map { ["code": $0.accountCode, "name": $0.accountName, "balance": Format.rupiah($0.balance)] as [String: Any] }
            let names = try CodeNames(tx)
            let recent = try tx.recentEntries(bookID: book.id, limit: Self.recentEntryCount).map { entry in
                var row = EntryView.row(entry, reversedBy: try tx.reversalID(of: entry.id))
                if let memo = row["memo"] as? String { row["memo"] = names.memo(memo) }
                return row
            }
            return (cash, try BudgetUse.build(in: tx), recent, try todayRecords(for: user, settings: try tx.settings(), in: tx).count,
                    try BrokenEquipmentWork.build(asOf: today, in: tx).rows.count)
        }
        return views.page("dashboard-bendahara", title: "Beranda bendahara", context: context,
                          data: ["cash": cash, "budget": TableView.data(budget.table), "budgetChart": Charts.budgetUse(budget), "recent": recent,
                                 "mayRecord": user.may(.recordMoney), "mayClose": user.may(.closeMonth),
                                 "mayDownload": user.may(.downloadKeuangan), "todayCount": todayCount, "brokenCount": broken])
    }
}
