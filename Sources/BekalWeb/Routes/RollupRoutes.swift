import BekalCore
import Foundation
import Hummingbird

/// The offices a roll-up adds up, each with the operations on its own books: every office of a
/// shared PostgreSQL database, opened when the page is asked for (an office added meanwhile
/// is there). The web app knows no store: `bekal serve` hands it this.
public struct RollupOffices: Sendable {
    public let open: @Sendable () throws -> [(office: Office, operations: Operations)]
    public init(_ open: @escaping @Sendable () throws -> [(office: Office, operations: Operations)]) { self.open = open }
}

/// `/rekap`: the roll-up across offices (``Rollup``), the monitor's (pemantau) first page and
/// the admin's too. Totals only: no names, no codes of people, and the outcome counts of an
/// office too small to be shown alone are hidden.
extension WebApp {
    func addRollupRoutes(to doors: Doors) {
        doors.permitted(ViewRollup.self).get("/rekap") { _, context in
            try rollupPage(context: context)
        }
    }

    func rollupPage(context: some PageContext) throws -> Response {
        let offices = try configuration.rollupOffices?.open()
            ?? [(office: try Office(code: Office.defaultCode, name: try operations.settings().officeName), operations: operations)]
        let actor = context.signedInUser.map { "web:\($0.username)" } ?? "web"
        let rollup = try Operations.rollup(offices, asOf: try today(), context: OperationContext(actor: actor, now: configuration.clock()))
        // The core's captions carry the ISO date (for the CSV); the page reads it as officers do.
        func dated(_ table: Table) -> [String: Any] {
            var data = TableView.data(table)
            data["title"] = table.title.replacingOccurrences(of: "per \(rollup.asOf)", with: "per \(Format.date(rollup.asOf))")
            return data
        }
        let officeTable = dated(rollup.table), accountTable = dated(rollup.accountsTable)
        return views.page("rekap", title: "Rekapitulasi antar kantor", context: context, data: [
            "asOf": Format.date(rollup.asOf), "count": rollup.rows.count, "smallest": Rollup.smallestShownGroup,
            "offices": officeTable, "accounts": accountTable,
        ])
    }
}
