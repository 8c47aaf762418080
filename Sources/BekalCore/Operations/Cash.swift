import Foundation

/// Budget received from the regional budget (APBD transfer) into cash or the bank.
public struct BudgetReceipt: Hashable, Sendable {
    public var amount: Rupiah
    public var documentRef: String
    public var valueDate: LocalDate?
    public var memo: String?
    public var intoBank: Bool
    public var budgetYear: Int?
    public var cohort: String?
    /// The budget line the money is for (``BudgetLine``); its source is where it came from.
    public var budget: BudgetChoice

    public init(amount: Rupiah, documentRef: String, valueDate: LocalDate? = nil, memo: String? = nil,
                intoBank: Bool = false, budgetYear: Int? = nil, cohort: String? = nil, budget: BudgetChoice = .unnamed) {
        self.budget = budget
        self.amount = amount
        self.documentRef = documentRef
        self.valueDate = valueDate
        self.memo = memo
        self.intoBank = intoBank
        self.budgetYear = budgetYear
        self.cohort = cohort
    }
}

/// An aftercare cost (labels printed for a brand, exhibition fees, transport), paid from cash
/// or from the bank.
public struct AftercareExpense: Hashable, Sendable {
    public var amount: Rupiah
    public var documentRef: String
    public var memo: String
    public var valueDate: LocalDate?
    public var kelompok: String?
    public var usaha: String?
    public var beneficiary: String?
    /// The cohort the cost is booked against; by default the kelompok's, the usaha's or hers.
    public var cohort: String?
    public var paidFrom: CashSubBook
    /// The budget line it is paid from; by default the year's one line for aftercare.
    public var budget: BudgetChoice

    public init(amount: Rupiah, documentRef: String, memo: String, valueDate: LocalDate? = nil,
                kelompok: String? = nil, usaha: String? = nil, beneficiary: String? = nil, cohort: String? = nil,
                paidFrom: CashSubBook = .cash, budget: BudgetChoice = .unnamed) {
        self.budget = budget
        self.amount = amount
        self.documentRef = documentRef
        self.memo = memo
        self.valueDate = valueDate
        self.kelompok = kelompok
        self.usaha = usaha
        self.beneficiary = beneficiary
        self.cohort = cohort
        self.paidFrom = paidFrom
    }
}

/// Money moved between the office's bank account and the treasurer's cash (*pemindahbukuan*):
/// a withdrawal to pay in cash, or cash paid into the bank.
public struct CashTransfer: Hashable, Sendable {
    public var amount: Rupiah
    /// Where the money goes; it comes from the other sub-book.
    public var to: CashSubBook
    /// The withdrawal slip, cheque or deposit number.
    public var documentRef: String
    public var valueDate: LocalDate?
    public var memo: String?

    public init(amount: Rupiah, to: CashSubBook, documentRef: String, valueDate: LocalDate? = nil, memo: String? = nil) {
        self.amount = amount
        self.to = to
        self.documentRef = documentRef
        self.valueDate = valueDate
        self.memo = memo
    }
}

extension Operations {
    public func receiveBudget(_ receipt: BudgetReceipt, context: OperationContext) throws -> PostResult {
        try store.write { tx in try Operations.receiveBudget(receipt, context: context, in: tx) }
    }

    public static func receiveBudget(_ receipt: BudgetReceipt, context: OperationContext,
                                     in tx: any StoreTransaction) throws -> PostResult {
        let book = try officeBook(tx)
        let today = context.today(in: try tx.settings())
        let ref = try requireRef(receipt.documentRef)
        try requirePositive(receipt.amount)
        let cohort = try receipt.cohort.map { try Resolve.cohort($0, in: tx) }
        let valueDate = receipt.valueDate ?? today
        let dims = Dimensions(cohortID: cohort?.id, budgetYear: receipt.budgetYear ?? cohort?.budgetYear ?? valueDate.year)
        var draft = EntryDraft(
            bookID: book.id, kind: .budgetReceipt, valueDate: valueDate,
            memo: receipt.memo ?? "Penerimaan anggaran (transfer APBD)", documentRef: ref,
            idempotencyKey: "budget:\(ref)",
            postings: [
                Posting(accountID: try account(receipt.intoBank ? .bank : .cash, in: book, tx).id, amount: receipt.amount, dimensions: dims),
                Posting(accountID: try account(.budgetTransfer, in: book, tx).id, amount: receipt.amount.negated, dimensions: dims),
            ])
        let line = try bookAgainstBudget(&draft, purpose: nil, choice: receipt.budget, cohortID: cohort?.id, in: tx)
        if let recorded = try Ledger.replay(of: draft, in: tx) { return .replayed(recorded) }
        if let line { try checkCeiling(line, adding: receipt.amount, receipt: true, in: tx) }
        return .posted(try Ledger.post(draft, context: context, today: today, in: tx))
    }

    public func recordAftercareExpense(_ expense: AftercareExpense, context: OperationContext) throws -> PostResult {
        try store.write { tx in try Operations.recordAftercareExpense(expense, context: context, in: tx) }
    }

    public static func recordAftercareExpense(_ expense: AftercareExpense, context: OperationContext,
                                              in tx: any StoreTransaction) throws -> PostResult {
        let book = try officeBook(tx)
        let today = context.today(in: try tx.settings())
        let ref = try requireRef(expense.documentRef)
        try requirePositive(expense.amount)
        let kelompok = try expense.kelompok.map { try Resolve.kelompok($0, in: tx) }
        let usaha = try expense.usaha.map { try Resolve.usaha($0, in: tx) }
        let person = try expense.beneficiary.map { try Resolve.beneficiary($0, in: tx) }
        let cohortID = try costCohort(expense.cohort, kelompok: kelompok, usaha: usaha, person: person, in: tx)
        let valueDate = expense.valueDate ?? today
        let dims = Dimensions(beneficiaryID: person?.id, kelompokID: kelompok?.id, usahaID: usaha?.id,
                              cohortID: cohortID, budgetYear: valueDate.year)
        let memo = expense.memo.trimmingCharacters(in: .whitespacesAndNewlines)
        var draft = EntryDraft(
            bookID: book.id, kind: .aftercareExpense, valueDate: valueDate,
            memo: memo.isEmpty ? "Biaya pendampingan" : memo, documentRef: ref, idempotencyKey: "aftercare:\(ref)",
            postings: [
                Posting(accountID: try account(.aftercareExpense, in: book, tx).id, amount: expense.amount, dimensions: dims),
                Posting(accountID: try account(expense.paidFrom.role, in: book, tx).id, amount: expense.amount.negated, dimensions: dims),
            ])
        let line = try bookAgainstBudget(&draft, purpose: .aftercare, choice: expense.budget, cohortID: cohortID, in: tx)
        if let recorded = try Ledger.replay(of: draft, in: tx) { return .replayed(recorded) }
        if let line { try checkCeiling(line, adding: expense.amount, receipt: false, in: tx) }
        return .posted(try Ledger.post(draft, context: context, today: today, in: tx))
    }

    /// The cohort a cost is booked against, so that budget use per cohort holds every cost
    /// that can be traced: the one named, else the kelompok's, else the usaha's (its kelompok's,
    /// or its owner's), else the person's (the cohort she completed; `ambiguousCohort` when she
    /// completed several, so that the officer names one). Nil when the cost names no one.
    static func costCohort(_ code: String?, kelompok: Kelompok?, usaha: Usaha?, person: Beneficiary?,
                           in tx: any StoreTransaction) throws -> Int64? {
        if let code { return try Resolve.cohort(code, in: tx).id }
        if let kelompok { return kelompok.cohortID }
        switch usaha?.owner {
        case .kelompok(let id):
            if let owner = try tx.kelompok(id: id) { return owner.cohortID }
        case .beneficiary(let id):
            if let owner = try tx.beneficiary(id: id) { return try grantEnrolment(owner, cohortCode: nil, in: tx).1.id }
        case nil:
            break
        }
        if let person { return try grantEnrolment(person, cohortCode: nil, in: tx).1.id }
        return nil
    }

    public func transferCash(_ transfer: CashTransfer, context: OperationContext) throws -> PostResult {
        try store.write { tx in try Operations.transferCash(transfer, context: context, in: tx) }
    }

    /// Moves money between the bank and cash. Refused like a payment when the sub-book it
    /// comes from would go below zero on its date or later.
    public static func transferCash(_ transfer: CashTransfer, context: OperationContext,
                                    in tx: any StoreTransaction) throws -> PostResult {
        let book = try officeBook(tx)
        let today = context.today(in: try tx.settings())
        let ref = try requireRef(transfer.documentRef)
        try requirePositive(transfer.amount)
        let valueDate = transfer.valueDate ?? today
        let dims = Dimensions(budgetYear: valueDate.year)
        let from = transfer.to.other
        let memo = transfer.memo?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let draft = EntryDraft(
            bookID: book.id, kind: .cashTransfer, valueDate: valueDate,
            memo: memo.isEmpty ? "Pemindahbukuan dari \(from.label.lowercased()) ke \(transfer.to.label.lowercased())" : memo,
            documentRef: ref, idempotencyKey: "transfer:\(ref)",
            postings: [
                Posting(accountID: try account(transfer.to.role, in: book, tx).id, amount: transfer.amount, dimensions: dims),
                Posting(accountID: try account(from.role, in: book, tx).id, amount: transfer.amount.negated, dimensions: dims),
            ])
        if let recorded = try Ledger.replay(of: draft, in: tx) { return .replayed(recorded) }
        return .posted(try Ledger.post(draft, context: context, today: today, in: tx))
    }

    static func requirePositive(_ amount: Rupiah, field: InputField = .amount) throws {
        if !amount.isPositive {
            throw InputError(field, input: amount.description, .notMoreThanZero)
        }
    }
}
