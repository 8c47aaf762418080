import BekalCore
import Foundation
import Testing

/// What the money tests need besides ``WebFixture``: a graduate the demo has not paid (the
/// demo pays every graduate), cash drained, and the refusal shown next to a field.
extension WebFixture {
    var operations: Operations { Operations(store: store) }
    var demoContext: OperationContext { OperationContext(actor: "uji", now: WebFixture.now) }

    /// A graduate of cohort 2010 who has not been paid her grant.
    @discardableResult
    func unpaidGraduate(name: String = "Dewi Kartika Uji", register: String = "BL-2010-901",
                        status: Enrolment.Status = .completed) throws -> Beneficiary {
        try operations.addBeneficiary(BeneficiaryDraft(externalRef: register, name: name), enrolIn: ("2010", "salon", status))
    }

    /// Spends cash on aftercare until `left` remains.
    func drainCash(leaving left: Rupiah) throws {
        let balance = try store.read { tx -> Rupiah in
            let book = try #require(try tx.book(code: Book.officeCode))
            let cash = try #require(try tx.account(bookID: book.id, role: .cash))
            return try tx.balance(accountID: cash.id)
        }
        _ = try operations.recordAftercareExpense(AftercareExpense(amount: Rupiah(balance.amount - left.amount), documentRef: "KW/UJI/KURAS",
                                                               memo: "Uji: kas dihabiskan", valueDate: LocalDate(year: 2013, month: 1, day: 2)),
                                              context: demoContext)
    }

    var entryCount: Int { get throws { try count("SELECT count(*) FROM journal_entry") } }
    var auditCount: Int { get throws { try count("SELECT count(*) FROM audit_log WHERE action NOT LIKE 'auth.%'") } }
}

/// The text of the refusal shown next to `field` (`<p class="error" id="amount-error">`), if any.
func fieldError(_ body: String, _ field: String) -> String? {
    guard let start = body.range(of: "<p class=\"error\" id=\"\(field)-error\">"),
          let end = body.range(of: "</p>", range: start.upperBound..<body.endIndex) else { return nil }
    return unescape(String(body[start.upperBound..<end.lowerBound]))
}

/// The page's text with Mustache's HTML escapes undone, to look for a message with quotes.
func unescape(_ html: String) -> String {
    html.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&amp;", with: "&")
}
