/// Why the ledger refused an entry. Checked in the order the cases are listed, so the same
/// bad entry always gets the same answer.
///
/// - `tooFewPostings`: an entry moves money from somewhere to somewhere; it needs two or
///   more postings.
/// - `zeroPosting`: a posting of Rp0 records nothing and hides mistakes.
/// - `accountNotFound`: a posting names an account id that no book has.
/// - `postingsSpanBooks`: all postings of one entry must be in the entry's own book; a
///   grant that also enters a usaha's book is two linked entries.
/// - `unbalanced`: debits and credits must sum to exactly zero rupiah.
/// - `amountOverflow`: a sum would pass 64 bits.
/// - `idempotencyConflict`: the key (normally the paper document's reference) was used
///   before for an entry that differs in `field`; the same content would have returned the
///   first entry instead.
/// - `futureDate`: an entry cannot be dated after today.
/// - `periodClosed`: the entry's month is closed (after the monthly SPJ); post it in an open
///   month instead.
/// - `entryNotFound`, `alreadyReversed`, `reversalOfReversal`: what can be reversed.
/// - `wouldGoNegative`: a no-negative account (cash) would fall below zero.
/// - `wouldGoNegativeOnDate`: a back-dated entry would leave a no-negative account below zero
///   on its own date or on a later one, although its balance today would cover it: a payment
///   dated before the money arrived.
public enum LedgerRejection: BekalFailure, Equatable {
    case tooFewPostings(count: Int)
    case zeroPosting(line: Int)
    case accountNotFound(accountID: Int64)
    case postingsSpanBooks(line: Int, accountCode: String, bookCode: String)
    case unbalanced(sum: Rupiah)
    case amountOverflow
    case idempotencyConflict(key: String, entryID: Int64, field: EntryField, recorded: String, proposed: String)
    case futureDate(valueDate: LocalDate, today: LocalDate)
    case periodClosed(valueDate: LocalDate, closedThrough: YearMonth, bookCode: String)
    case entryNotFound(entryID: Int64)
    case alreadyReversed(entryID: Int64, reversalID: Int64)
    case reversalOfReversal(entryID: Int64, originalID: Int64)
    case wouldGoNegative(accountCode: String, accountName: String, balance: Rupiah, shortfall: Rupiah)
    case wouldGoNegativeOnDate(accountCode: String, accountName: String, valueDate: LocalDate, date: LocalDate,
                               balance: Rupiah, shortfall: Rupiah)
    case monthAlreadyClosed(month: YearMonth, closedThrough: YearMonth, bookCode: String)

    public var code: String {
        switch self {
        case .tooFewPostings: "too_few_postings"
        case .zeroPosting: "zero_posting"
        case .accountNotFound: "account_not_found"
        case .postingsSpanBooks: "postings_span_books"
        case .unbalanced: "unbalanced"
        case .amountOverflow: "amount_overflow"
        case .idempotencyConflict: "idempotency_conflict"
        case .futureDate: "future_date"
        case .periodClosed: "period_closed"
        case .entryNotFound: "entry_not_found"
        case .alreadyReversed: "already_reversed"
        case .reversalOfReversal: "reversal_of_reversal"
        case .wouldGoNegative: "would_go_negative"
        case .wouldGoNegativeOnDate: "would_go_negative_on_date"
        case .monthAlreadyClosed: "month_already_closed"
        }
    }

    public var message: String {
        switch self {
        case .tooFewPostings(let count):
            "An entry needs at least two postings; this one has \(count)."
        case .zeroPosting(let line):
            "Posting \(line + 1) is Rp0; remove it or give it an amount."
        case .accountNotFound(let id):
            "No account has id \(id); list accounts with `bekal account list`."
        case .postingsSpanBooks(let line, let code, let book):
            "Posting \(line + 1) is on account \(code) of book \(book), outside the entry's book; record each book's side as its own entry."
        case .unbalanced(let sum):
            "The postings do not balance: debits minus credits is \(sum); an entry must sum to exactly Rp0."
        case .amountOverflow:
            "The amounts are too large to add up in 64 bits; split the entry."
        case .idempotencyConflict(let key, let id, let field, let recorded, let proposed):
            "Reference \"\(key)\" was already recorded as entry #\(id) with \(field.name) \(recorded); this request has \(field.name) \(proposed). If it is the same document, nothing needs doing; if not, use the document's own reference."
        case .futureDate(let date, let today):
            "The date \(date) is after today (\(today)); record an entry on or after the day it happened."
        case .periodClosed(let date, let through, let book):
            "The date \(date) falls in a closed month: book \(book) is closed through \(through). Date the entry in an open month (after \(through))."
        case .entryNotFound(let id):
            "There is no entry #\(id); find it with `bekal report ledger` or `bekal entry show`."
        case .alreadyReversed(let id, let reversal):
            "Entry #\(id) was already reversed by entry #\(reversal); an entry can be reversed once."
        case .reversalOfReversal(let id, let original):
            "Entry #\(id) is itself the reversal of #\(original) and cannot be reversed; record the correct entry anew."
        case .wouldGoNegative(let code, let name, let balance, let shortfall):
            "Account \(code) \(name) holds \(balance); this would take it below zero by \(shortfall). Record the budget received first, or pay less."
        case .wouldGoNegativeOnDate(let code, let name, let valueDate, let date, let balance, let shortfall):
            "Account \(code) \(name) held \(balance) on \(date) by value date; this entry dated \(valueDate) would take it below zero there by \(shortfall), although the balance today would cover it. Date it on or after the day the money arrived, or pay less."
        case .monthAlreadyClosed(let month, let through, let book):
            "Book \(book) is already closed through \(through); \(month) cannot be closed again."
        }
    }
}

/// The parts of an entry that two recordings under one reference can differ in, in the order
/// ``Ledger/replay(of:in:)`` compares them.
public enum EntryField: Hashable, Sendable {
    case book, kind, date, postingCount, account, amount, beneficiary, kelompok, usaha, cohort, budgetYear, budgetLine
    case documentRef, reversedEntry, memo

    /// How the English messages name it.
    public var name: String {
        switch self {
        case .book: "book"
        case .kind: "kind"
        case .date: "date"
        case .postingCount: "number of postings"
        case .account: "account"
        case .amount: "amount"
        case .beneficiary: "beneficiary"
        case .kelompok: "kelompok"
        case .usaha: "usaha"
        case .cohort: "cohort"
        case .budgetYear: "budget year"
        case .budgetLine: "budget line"
        case .documentRef: "document reference"
        case .reversedEntry: "reversed entry"
        case .memo: "description"
        }
    }
}
