import Foundation

/// A request to pay a working-capital grant (*bantuan modal kerja*).
public struct GrantRequest: Hashable, Sendable {
    /// Her code (`B-00012`), id, or the office's register number.
    public var beneficiary: String
    /// The kuitansi or SP2D number. Paying the same reference twice pays once.
    public var documentRef: String
    /// Defaults to the cohort's standard grant (the programme's Rp1.500.000 unless the cohort
    /// says otherwise). Another amount needs ``amountReason``.
    public var amount: Rupiah?
    /// Why this grant is not the cohort's standard amount: the officer's statement that the
    /// amount is intended, recorded on the entry and the grant register.
    public var amountReason: String?
    /// Defaults to today.
    public var valueDate: LocalDate?
    /// Needed only when she completed training in more than one cohort.
    public var cohort: String?
    /// When named, the grant also enters the usaha's book as capital.
    public var usaha: String?
    /// Cash handed over, or a transfer to her bank account.
    public var paidFrom: CashSubBook
    /// The budget line it is paid from; by default the year's one line for grants (her cohort's first).
    public var budget = BudgetChoice.unnamed

    public init(beneficiary: String, documentRef: String, amount: Rupiah? = nil, valueDate: LocalDate? = nil,
                cohort: String? = nil, usaha: String? = nil, paidFrom: CashSubBook = .cash, amountReason: String? = nil) {
        self.amountReason = amountReason
        self.beneficiary = beneficiary
        self.documentRef = documentRef
        self.amount = amount
        self.valueDate = valueDate
        self.cohort = cohort
        self.usaha = usaha
        self.paidFrom = paidFrom
    }
}

public struct GrantResult: Hashable, Sendable {
    public let grant: GrantPayment
    public let entry: JournalEntry
    public let replayed: Bool
}

extension Operations {
    public func disburseGrant(_ request: GrantRequest, context: OperationContext) throws -> GrantResult {
        try store.write { tx in try Operations.disburseGrant(request, context: context, in: tx) }
    }

    /// Pays a grant. Checked in this order: the beneficiary and cohort exist; the reference
    /// was not used for something else (a replay returns the first payment); training was
    /// completed, and the grant is not dated before she graduated; the amount is the cohort's
    /// standard or stated as intended with a reason; no unreversed grant to her in any cohort
    /// unless an admin's exception for this cohort is on record; the usaha is hers; the
    /// ledger's own checks (date, closed month, cash on hand on that date and after).
    public static func disburseGrant(_ request: GrantRequest, context: OperationContext,
                                     in tx: any StoreTransaction) throws -> GrantResult {
        let book = try officeBook(tx)
        let settings = try tx.settings()
        let today = context.today(in: settings)
        let ref = try requireRef(request.documentRef)
        let person = try Resolve.beneficiary(request.beneficiary, in: tx)
        let (enrolment, cohort) = try grantEnrolment(person, cohortCode: request.cohort, in: tx)
        let valueDate = request.valueDate ?? today
        // Her line on an approved list in effect: its amount is the one the SK approved.
        let chains = RecipientListChains(try tx.recipientLists(cohortID: cohort.id, linesOf: person.id))
        let onList = chains.approvedLine(beneficiaryID: person.id, trackID: enrolment.trackID)
        let standard = onList?.1.amount ?? cohort.standardGrant(settings)
        let amount = request.amount ?? standard
        if !amount.isPositive {
            throw InputError(.grantAmount, input: amount.description, .notMoreThanZero)
        }
        let amountReason = amount == standard ? nil : stated(request.amountReason)
        let usaha = try request.usaha.map { try Resolve.usaha($0, in: tx) }
        let dims = Dimensions(beneficiaryID: person.id, usahaID: usaha?.id, cohortID: cohort.id,
                              budgetYear: cohort.budgetYear ?? valueDate.year)
        var memo = "Bantuan modal kerja \(person.code) angkatan \(cohort.code)"
        if let amountReason { memo += " · jumlah \(amount) (standar \(standard)): \(amountReason)" }
        var draft = EntryDraft(
            bookID: book.id, kind: .grant, valueDate: valueDate, memo: memo, documentRef: ref,
            idempotencyKey: "grant:\(ref)",
            postings: [
                Posting(accountID: try account(.grantExpense, in: book, tx).id, amount: amount, dimensions: dims),
                Posting(accountID: try account(request.paidFrom.role, in: book, tx).id, amount: amount.negated, dimensions: dims),
            ])
        let budgetLine = try bookAgainstBudget(&draft, purpose: .grants, choice: request.budget, cohortID: cohort.id, in: tx)
        let earlier = try tx.grants(beneficiaryID: person.id)
        if let recorded = try Ledger.replay(of: draft, in: tx) {
            guard let grant = earlier.first(where: { $0.entryID == recorded.id }) else {
                preconditionFailure("entry #\(recorded.id) is a grant entry without its grant record")
            }
            return GrantResult(grant: grant, entry: recorded, replayed: true)
        }
        if enrolment.status != .completed {
            throw ProgrammeRejection.trainingNotCompleted(beneficiary: person.code, cohort: cohort.code, status: enrolment.status)
        }
        if let graduated = enrolment.statusDate ?? cohort.trainingEnd, valueDate < graduated {
            throw ProgrammeRejection.grantBeforeGraduation(beneficiary: person.code, cohort: cohort.code, graduated: graduated,
                                                           valueDate: valueDate)
        }
        if let (list, line) = onList {
            if amount != line.amount {
                throw ProgrammeRejection.amountNotOnList(beneficiary: person.code, list: list.code, listAmount: line.amount, amount: amount)
            }
            if let decreeDate = list.approval?.decreeDate, valueDate < decreeDate {
                throw ProgrammeRejection.grantBeforeDecree(beneficiary: person.code, list: list.code, decreeDate: decreeDate, valueDate: valueDate)
            }
        }
        if amount != standard {
            guard let amountReason else {
                throw ProgrammeRejection.grantAmountNotStandard(beneficiary: person.code, cohort: cohort.code, amount: amount, standard: standard)
            }
            if amountReason.count < 10 { throw ProgrammeRejection.reasonTooShort(minimumCharacters: 10) }
        }
        var exceptionID = try grantExceptionNeeded(earlier, person: person, cohort: cohort, in: tx)
        if onList == nil && settings.grantsNeedApprovedList && exceptionID == nil {
            // Off the list: only under an admin's recorded exception, which the payment uses up.
            guard let exception = try tx.unusedGrantException(beneficiaryID: person.id, cohortID: cohort.id) else {
                throw ProgrammeRejection.notOnApprovedList(beneficiary: person.code, cohort: cohort.code,
                                                           pendingList: chains.pendingDraft(beneficiaryID: person.id)?.code)
            }
            exceptionID = exception.id
        }
        if let usaha { try checkOwnership(usaha, of: person, on: valueDate, in: tx) }
        if let budgetLine { try checkCeiling(budgetLine, adding: amount, receipt: false, in: tx) }
        let entry = try Ledger.post(draft, context: context, today: today, in: tx)
        var usahaEntry: JournalEntry?
        if let usaha {
            guard let usahaBook = try tx.book(code: usaha.code) else { preconditionFailure("usaha \(usaha.code) has no book") }
            let capitalDraft = EntryDraft(
                bookID: usahaBook.id, kind: .grantCapital, valueDate: valueDate,
                memo: "Modal bantuan dari kantor untuk \(usaha.code) (entri #\(entry.id))", documentRef: ref,
                idempotencyKey: Operations.grantCapitalKey(ref), linkedEntryID: entry.id,
                postings: [
                    Posting(accountID: try account(.usahaCash, in: usahaBook, tx).id, amount: amount, dimensions: dims),
                    Posting(accountID: try account(.usahaCapital, in: usahaBook, tx).id, amount: amount.negated, dimensions: dims),
                ])
            usahaEntry = try Ledger.post(capitalDraft, context: context, today: today, in: tx)
        }
        if let (list, _) = onList { try tx.insertRecipientPayment(listID: list.id, beneficiaryID: person.id, entryID: entry.id) }
        let grant = try tx.insertGrant(beneficiaryID: person.id, cohortID: cohort.id, entryID: entry.id,
                                       usahaEntryID: usahaEntry?.id, usahaID: usaha?.id, amount: amount,
                                       exceptionID: exceptionID, amountReason: amountReason)
        return GrantResult(grant: grant, entry: entry, replayed: false)
    }

    /// A reason as it is recorded: one line, trimmed; nil when nothing was said. A reason is
    /// needed exactly when the amount is not the cohort's standard (a typo of one zero too many
    /// must not be paid); one given for the standard amount is dropped.
    static func stated(_ reason: String?) -> String? {
        let line = (reason ?? "").split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return line.isEmpty ? nil : line
    }

    /// One grant per person: an unreversed grant in any cohort (a graduate can join a later
    /// one) needs an admin's exception for this cohort, which the payment then uses up.
    static func grantExceptionNeeded(_ earlier: [GrantPayment], person: Beneficiary, cohort: Cohort,
                                     in tx: any StoreTransaction) throws -> Int64? {
        let unreversed = earlier.filter { $0.reversedByEntryID == nil }
        guard let paid = unreversed.first(where: { $0.cohortID == cohort.id }) ?? unreversed.first else { return nil }
        if let exception = try tx.unusedGrantException(beneficiaryID: person.id, cohortID: cohort.id) { return exception.id }
        if paid.cohortID == cohort.id {
            throw ProgrammeRejection.alreadyPaid(beneficiary: person.code, cohort: cohort.code, entryID: paid.entryID)
        }
        let paidCohort = try tx.cohort(id: paid.cohortID)?.code ?? "?"
        throw ProgrammeRejection.alreadyPaidInOtherCohort(beneficiary: person.code, paidCohort: paidCohort, entryID: paid.entryID,
                                                          cohort: cohort.code)
    }

    /// The key of a grant's capital entry in the usaha's book. Its own prefix, because a
    /// suffix on the grant's key ("grant:REF:usaha") collides with the key of a grant whose
    /// reference itself ends in ":usaha".
    static func grantCapitalKey(_ ref: String) -> String { "grant_capital:\(ref)" }

    /// The enrolment a grant is paid for: the named cohort, or her one completed enrolment.
    static func grantEnrolment(_ person: Beneficiary, cohortCode: String?,
                               in tx: any StoreTransaction) throws -> (Enrolment, Cohort) {
        let enrolments = try tx.enrolments(beneficiaryID: person.id)
        if let cohortCode {
            let cohort = try Resolve.cohort(cohortCode, in: tx)
            guard let enrolment = enrolments.first(where: { $0.cohortID == cohort.id }) else {
                throw ProgrammeRejection.notEnrolled(beneficiary: person.code, cohort: cohort.code)
            }
            return (enrolment, cohort)
        }
        let completed = enrolments.filter { $0.status == .completed }
        if completed.count > 1 {
            let codes = try completed.map { try tx.cohort(id: $0.cohortID)?.code ?? "?" }
            throw ProgrammeRejection.ambiguousCohort(beneficiary: person.code, cohorts: codes)
        }
        guard let enrolment = completed.first ?? enrolments.last else {
            throw ProgrammeRejection.notEnrolled(beneficiary: person.code, cohort: nil)
        }
        guard let cohort = try tx.cohort(id: enrolment.cohortID) else { preconditionFailure("enrolment without cohort") }
        return (enrolment, cohort)
    }

    static func checkOwnership(_ usaha: Usaha, of person: Beneficiary, on date: LocalDate,
                               in tx: any StoreTransaction) throws {
        switch usaha.owner {
        case .beneficiary(let id) where id == person.id:
            return
        case .kelompok(let id):
            if try tx.memberships(kelompokID: id).contains(where: { $0.beneficiaryID == person.id && $0.isMember(on: date) }) {
                return
            }
        default:
            break
        }
        throw ProgrammeRejection.usahaNotHers(usaha: usaha.code, beneficiary: person.code)
    }

    /// Records an admin's permission for one more grant to the same person in the same cohort.
    public func recordGrantException(beneficiary: String, cohort: String, reason: String,
                                     context: OperationContext) throws -> GrantException {
        try store.write { tx in
            let person = try Resolve.beneficiary(beneficiary, in: tx)
            let cohort = try Resolve.cohort(cohort, in: tx)
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            if reason.count < 10 { throw ProgrammeRejection.reasonTooShort(minimumCharacters: 10) }
            guard try tx.enrolments(beneficiaryID: person.id).contains(where: { $0.cohortID == cohort.id }) else {
                throw ProgrammeRejection.notEnrolled(beneficiary: person.code, cohort: cohort.code)
            }
            let exception = try tx.insertGrantException(beneficiaryID: person.id, cohortID: cohort.id, reason: reason,
                                                        actor: context.actor, recordedAt: context.recordedAt)
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .grantException,
                               subject: person.code, detail: "cohort \(cohort.code), exception #\(exception.id)")
            return exception
        }
    }
}
