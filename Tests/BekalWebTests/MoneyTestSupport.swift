import BekalCore
import Foundation
import Testing

/// What the money tests need besides ``WebFixture``: a graduate the demo has not paid (the
/// demo pays every graduate), cash drained, and the refusal shown next to a field.
extension WebFixture {
    var operations: Operations { Operations(store: store) }
    var demoContext: OperationContext { OperationContext(actor: "uji", now: WebFixture.now) }

    /// A graduate of cohort 2010 who has not been paid her grant. The demo pays grants only
    /// against approved recipient lists, so a graduate is put on a new list of the cohort that
    /// supersedes the last one, drafted by an admin and approved by the head of office (unless
    /// `listed` is false, or she has not graduated).
    @discardableResult
    func unpaidGraduate(name: String = "Dewi Kartika Uji", register: String = "BL-2010-901",
                        status: Enrolment.Status = .completed, listed: Bool = true) throws -> Beneficiary {
        let person = try operations.addBeneficiary(BeneficiaryDraft(externalRef: register, name: name), enrolIn: ("2010", "salon", status))
        if listed && status == .completed { try listCohort2010Again() }
        return person
    }

    /// A new approved list of every graduate of cohort 2010, replacing the last one.
    func listCohort2010Again() throws { try Self.listAgain(operations, cohort: "2010") }

    /// A new list of every graduate of the cohort, drafted by an admin and approved by the head
    /// of office, replacing the cohort's last one: what the office does for a late graduate.
    static func listAgain(_ operations: Operations, cohort: String, decreeDate: LocalDate = LocalDate(year: 2013, month: 1, day: 2)!) throws {
        let demoContext = OperationContext(actor: "uji", now: WebFixture.now)
        let last = try #require(try operations.recipientLists().last { $0.cohort == cohort }).summary.code
        var admin = demoContext, kepala = demoContext
        admin.actor = "uji:admin"
        kepala.actor = "uji:kepala"
        let list = try operations.draftRecipientList(RecipientListRequest(cohort: cohort, supersedes: last, reason: "lulusan susulan untuk uji"),
                                                     context: admin)
        _ = try operations.approveRecipientList(code: list.code, decreeNumber: "460/UJI/\(list.code)", decreeDate: decreeDate,
                                                context: kepala)
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
