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

    public init(amount: Rupiah, documentRef: String, valueDate: LocalDate? = nil, memo: String? = nil,
                intoBank: Bool = false, budgetYear: Int? = nil, cohort: String? = nil) {
        self.amount = amount
        self.documentRef = documentRef
        self.valueDate = valueDate
        self.memo = memo
        self.intoBank = intoBank
        self.budgetYear = budgetYear
        self.cohort = cohort
    }
}

/// An aftercare cost paid from cash (labels printed for a brand, exhibition fees, transport).
public struct AftercareExpense: Hashable, Sendable {
    public var amount: Rupiah
    public var documentRef: String
    public var memo: String
    public var valueDate: LocalDate?
    public var kelompok: String?
    public var usaha: String?
    public var beneficiary: String?

    public init(amount: Rupiah, documentRef: String, memo: String, valueDate: LocalDate? = nil,
                kelompok: String? = nil, usaha: String? = nil, beneficiary: String? = nil) {
        self.amount = amount
        self.documentRef = documentRef
        self.memo = memo
        self.valueDate = valueDate
        self.kelompok = kelompok
        self.usaha = usaha
        self.beneficiary = beneficiary
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
        let draft = EntryDraft(
            bookID: book.id, kind: .budgetReceipt, valueDate: valueDate,
            memo: receipt.memo ?? "Penerimaan anggaran (transfer APBD)", documentRef: ref,
            idempotencyKey: "budget:\(ref)",
            postings: [
                Posting(accountID: try account(receipt.intoBank ? .bank : .cash, in: book, tx).id, amount: receipt.amount, dimensions: dims),
                Posting(accountID: try account(.budgetTransfer, in: book, tx).id, amount: receipt.amount.negated, dimensions: dims),
            ])
        if let recorded = try Ledger.replay(of: draft, in: tx) { return .replayed(recorded) }
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
        let valueDate = expense.valueDate ?? today
        let dims = Dimensions(beneficiaryID: person?.id, kelompokID: kelompok?.id, usahaID: usaha?.id,
                              cohortID: kelompok?.cohortID, budgetYear: valueDate.year)
        let memo = expense.memo.trimmingCharacters(in: .whitespacesAndNewlines)
        let draft = EntryDraft(
            bookID: book.id, kind: .aftercareExpense, valueDate: valueDate,
            memo: memo.isEmpty ? "Biaya pendampingan" : memo, documentRef: ref, idempotencyKey: "aftercare:\(ref)",
            postings: [
                Posting(accountID: try account(.aftercareExpense, in: book, tx).id, amount: expense.amount, dimensions: dims),
                Posting(accountID: try account(.cash, in: book, tx).id, amount: expense.amount.negated, dimensions: dims),
            ])
        if let recorded = try Ledger.replay(of: draft, in: tx) { return .replayed(recorded) }
        return .posted(try Ledger.post(draft, context: context, today: today, in: tx))
    }

    static func requirePositive(_ amount: Rupiah, field: String = "amount") throws {
        if !amount.isPositive {
            throw InputError(field: field, input: amount.description, reason: "is not more than zero",
                             hint: "a payment must be more than Rp0; to undo an entry, reverse it")
        }
    }
}
