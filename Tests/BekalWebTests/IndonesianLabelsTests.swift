import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// Officers read names, not codes: no page a role may open shows, in its visible text, an
/// equipment item's, a track's or an entry kind's code where the name exists (`mesin-jahit`,
/// `tata-boga`, `budget_receipt`), nor a "Hash" (the chain's fingerprint is for auditors, on
/// the command line). Codes in attributes (a form's values) are not text and stay, nor are
/// codes set in `<code>` as what to type.
@Suite struct IndonesianLabelsTests {
    static let codes = ["hair-dryer", "kompor-gas", "kursi-salon", "mesin-jahit", "mesin-obras", "tata-boga",
                        "budget_receipt", "equipment_purchase", "equipment_issue", "grant_capital", "aftercare_expense",
                        "usaha_report", "dropped_out", "home_visit", "Hash", "hash"]

    /// The page's visible text: tags, comments, scripts and styles removed, entities as they read.
    static func visibleText(_ html: String) -> String {
        // A code set in <code> is one the officer is shown to type (a CSV column's values): not a label.
        html.replacing(/<(script|style|svg|code)[\s\S]*?<\/\1>/, with: " ")
            .replacing(/<!--[\s\S]*?-->/, with: " ")
            .replacing(/<[^>]*>/, with: " ")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test(arguments: RouteMatrixTests.Who.allCases.filter { $0 != .anonymous })
    func everyPageOfTheRoleNamesThingsInIndonesian(_ who: RouteMatrixTests.Who) async throws {
        let f = try WebFixture.aftercare()
        let paths = RouteMatrixTests.routes.filter { $0.expected[who] == .ok && !$0.path.contains("/unduh/") && !$0.path.hasPrefix("/static/") }
            .map(\.path)
        let found = Found()
        try await f.test { browser in
            try await browser.login(try #require(who.username))
            for path in paths {
                let page = try await browser.get(path)
                guard page.status == .ok else { continue }
                let text = Self.visibleText(page.body)
                for code in Self.codes where text.contains(try Regex("(^|[^\\w-])\(code)($|[^\\w-])")) {
                    found.add("\(path): \(code)")
                }
            }
        }
        #expect(found.all.isEmpty, "\(who.rawValue) reads codes: \(found.all.joined(separator: "; "))")
    }

    final class Found: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func add(_ item: String) { lock.withLock { items.append(item) } }
        var all: [String] { lock.withLock { items } }
    }
}
