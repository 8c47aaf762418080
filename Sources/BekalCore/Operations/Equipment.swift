import Foundation

/// Equipment bought into the store room: one line per item.
public struct EquipmentPurchase: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public var item: String
        public var quantity: Int64
        public var unitCost: Rupiah
        public init(item: String, quantity: Int64, unitCost: Rupiah) {
            self.item = item
            self.quantity = quantity
            self.unitCost = unitCost
        }

        /// `CODE:QUANTITY:UNIT_COST`, as typed: `mesin-jahit:5:1.750.000`.
        public static func parse(_ text: String, field: InputField = .item) throws -> Line {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, let quantity = Int64(parts[1].trimmingCharacters(in: .whitespaces)) else {
                throw InputError(field, input: text, .notItemQuantityAndCost)
            }
            return Line(item: parts[0], quantity: quantity, unitCost: try Rupiah.parsePayment(parts[2], field: .unitCost(item: parts[0])))
        }
    }
    public var lines: [Line]
    public var documentRef: String
    public var valueDate: LocalDate?
    public var memo: String?
    public var paidFrom: CashSubBook
    /// Who sold it and the papers the SPJ keeps of the purchase (``PurchaseDocuments``).
    public var documents = PurchaseDocuments()
    /// The budget line it is paid from; by default the year's one line for equipment.
    public var budget: BudgetChoice
    public init(lines: [Line], documentRef: String, valueDate: LocalDate? = nil, memo: String? = nil,
                paidFrom: CashSubBook = .cash, budget: BudgetChoice = .unnamed) {
        self.budget = budget
        self.lines = lines
        self.documentRef = documentRef
        self.valueDate = valueDate
        self.memo = memo
        self.paidFrom = paidFrom
    }
}

/// Equipment handed from the store room to a kelompok (*serah terima*).
public struct EquipmentIssue: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public var item: String
        public var quantity: Int64
        public init(item: String, quantity: Int64) {
            self.item = item
            self.quantity = quantity
        }

        /// `CODE:QUANTITY`, as typed: `mesin-jahit:1`.
        public static func parse(_ text: String, field: InputField = .item) throws -> Line {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, let quantity = Int64(parts[1].trimmingCharacters(in: .whitespaces)) else {
                throw InputError(field, input: text, .notItemAndQuantity)
            }
            return Line(item: parts[0], quantity: quantity)
        }
    }
    public var kelompok: String
    public var lines: [Line]
    public var documentRef: String
    public var valueDate: LocalDate?
    public init(kelompok: String, lines: [Line], documentRef: String, valueDate: LocalDate? = nil) {
        self.kelompok = kelompok
        self.lines = lines
        self.documentRef = documentRef
        self.valueDate = valueDate
    }
}

extension Operations {
    public func buyEquipment(_ purchase: EquipmentPurchase, context: OperationContext) throws -> PostResult {
        try store.write { tx in try Operations.buyEquipment(purchase, context: context, in: tx) }
    }

    public static func buyEquipment(_ purchase: EquipmentPurchase, context: OperationContext,
                                    in tx: any StoreTransaction) throws -> PostResult {
        let book = try officeBook(tx)
        let today = context.today(in: try tx.settings())
        let ref = try requireRef(purchase.documentRef)
        if purchase.lines.isEmpty { throw ProgrammeRejection.emptyItemList }
        let valueDate = purchase.valueDate ?? today
        let stockAccount = try account(.equipmentStock, in: book, tx)
        var postings: [Posting] = []
        var items: [(EquipmentItem, Int64, Rupiah)] = []
        var total = Rupiah.zero
        for line in purchase.lines {
            let item = try Resolve.item(line.item, in: tx)
            if line.quantity <= 0 { throw ProgrammeRejection.quantityNotPositive(item: item.code, quantity: line.quantity) }
            try requirePositive(line.unitCost, field: .unitCost(item: item.code))
            let value: Rupiah
            do { value = try line.unitCost.multiplied(by: line.quantity); total = try total.adding(value) }
            catch { throw LedgerRejection.amountOverflow }
            postings.append(Posting(accountID: stockAccount.id, amount: value, dimensions: Dimensions(budgetYear: valueDate.year)))
            items.append((item, line.quantity, value))
        }
        postings.append(Posting(accountID: try account(purchase.paidFrom.role, in: book, tx).id, amount: total.negated,
                                dimensions: Dimensions(budgetYear: valueDate.year)))
        let summary = items.map { "\($0.1) × \($0.0.code)" }.joined(separator: ", ")
        let documents = try purchase.documents.checked()
        var draft = EntryDraft(bookID: book.id, kind: .equipmentPurchase, valueDate: valueDate,
                               memo: purchase.memo ?? ("Pembelian peralatan: \(summary)" + documents.memoSuffix), documentRef: ref,
                               idempotencyKey: "equipment_purchase:\(ref)", postings: postings)
        let line = try bookAgainstBudget(&draft, purpose: .equipment, choice: purchase.budget, cohortID: nil, in: tx)
        if let recorded = try Ledger.replay(of: draft, in: tx) { return .replayed(recorded) }
        if let line { try checkCeiling(line, adding: total, receipt: false, in: tx) }
        let entry = try Ledger.post(draft, context: context, today: today, in: tx)
        if !documents.isEmpty { try tx.insertPurchaseDocuments(entryID: entry.id, documents) }
        for (item, quantity, value) in items {
            try tx.insertEquipmentMovement(entryID: entry.id, itemID: item.id, kelompokID: nil, quantity: quantity, value: value)
        }
        return .posted(entry)
    }

    public func issueEquipment(_ issue: EquipmentIssue, context: OperationContext) throws -> PostResult {
        try store.write { tx in try Operations.issueEquipment(issue, context: context, in: tx) }
    }

    /// Issues items at their moving-average cost; the last unit out takes what value is left,
    /// so the stock account reaches exactly Rp0 when the room is empty.
    public static func issueEquipment(_ issue: EquipmentIssue, context: OperationContext,
                                      in tx: any StoreTransaction) throws -> PostResult {
        let book = try officeBook(tx)
        let today = context.today(in: try tx.settings())
        let ref = try requireRef(issue.documentRef)
        if issue.lines.isEmpty { throw ProgrammeRejection.emptyItemList }
        let kelompok = try Resolve.kelompok(issue.kelompok, in: tx)
        let valueDate = issue.valueDate ?? today
        let cohort = try tx.cohort(id: kelompok.cohortID)
        let settings = try tx.settings()
        let dims = Dimensions(kelompokID: kelompok.id, cohortID: kelompok.cohortID, budgetYear: cohort?.budgetYear ?? valueDate.year)
        let stockAccount = try account(.equipmentStock, in: book, tx)
        let expenseAccount = try account(.equipmentExpense, in: book, tx)
        // A replay is compared with what was recorded, not with the stock left today: the
        // items may since have been issued to others.
        let recorded = try tx.entry(idempotencyKey: "equipment_issue:\(ref)")
        var lines: [(EquipmentItem, Int64, Rupiah)] = []
        for line in issue.lines {
            let item = try Resolve.item(line.item, in: tx)
            if line.quantity <= 0 { throw ProgrammeRejection.quantityNotPositive(item: item.code, quantity: line.quantity) }
            if recorded != nil {
                lines.append((item, line.quantity, .zero))
                continue
            }
            let stock = try tx.stock(itemID: item.id)
            let alreadyOut = lines.filter { $0.0.id == item.id }.reduce(Int64(0)) { $0 + $1.1 }
            if stock.quantity - alreadyOut < line.quantity {
                throw ProgrammeRejection.insufficientStock(item: item.code, inStock: stock.quantity - alreadyOut, requested: line.quantity)
            }
            lines.append((item, line.quantity, averageCost(of: line.quantity, in: stock)))
        }
        if recorded == nil && settings.equipmentNeedsApprovedList {
            try requireApprovedEquipment(kelompok, lines.map { ($0.0, $0.1) }, on: valueDate, in: tx)
        }
        var postings: [Posting] = []
        for (_, _, value) in lines {
            postings.append(Posting(accountID: expenseAccount.id, amount: value, dimensions: dims))
            postings.append(Posting(accountID: stockAccount.id, amount: value.negated, dimensions: dims))
        }
        let summary = lines.map { "\($0.1) × \($0.0.code)" }.joined(separator: ", ")
        var draft = EntryDraft(bookID: book.id, kind: .equipmentIssue, valueDate: valueDate,
                               memo: "Penyerahan peralatan ke \(kelompok.code): \(summary)", documentRef: ref,
                               idempotencyKey: "equipment_issue:\(ref)", postings: postings)
        // The value of a replay depends on the stock at the time; the request is the items.
        if let recorded, recorded.postings.count == postings.count {
            let requested = draft.postings
            draft.postings = zip(requested, recorded.postings).map { Posting(accountID: $0.accountID, amount: $1.amount, dimensions: $0.dimensions) }
        }
        if let recorded = try Ledger.replay(of: draft, in: tx) { return .replayed(recorded) }
        let entry = try Ledger.post(draft, context: context, today: today, in: tx)
        for (item, quantity, value) in lines {
            try tx.insertEquipmentMovement(entryID: entry.id, itemID: item.id, kelompokID: kelompok.id,
                                           quantity: -quantity, value: value.negated)
        }
        return .posted(entry)
    }

    /// Where equipment follows the SK: each item goes to the kelompok only as far as an approved
    /// list in effect of its cohort, dated on or before the issue, approves it, counting what the
    /// kelompok was handed already (net of reversals).
    static func requireApprovedEquipment(_ kelompok: Kelompok, _ lines: [(EquipmentItem, Int64)], on date: LocalDate,
                                         in tx: any StoreTransaction) throws {
        let planned = RecipientListChains(try tx.recipientLists(cohortID: kelompok.cohortID)).approvedEquipment(kelompokID: kelompok.id)
        var requested: [Int64: Int64] = [:]
        for (item, quantity) in lines { requested[item.id, default: 0] += quantity }
        for (item, _) in lines {
            guard let wanted = requested.removeValue(forKey: item.id) else { continue }
            let plan = planned[item.id].flatMap { plan in (plan.list.approval?.decreeDate ?? date) <= date ? plan : nil }
            let issued = try tx.issuedQuantity(kelompokID: kelompok.id, itemID: item.id)
            if issued + wanted > (plan?.quantity ?? 0) {
                throw ProgrammeRejection.equipmentNotInPlan(kelompok: kelompok.code, item: item.code, approved: plan?.quantity ?? 0,
                                                           issued: issued, requested: wanted)
            }
        }
    }

    /// `stock.value × quantity / stock.quantity`, rounded half up, in 128-bit arithmetic.
    static func averageCost(of quantity: Int64, in stock: EquipmentStock) -> Rupiah {
        if quantity == stock.quantity { return stock.value }
        let product = stock.value.amount.multipliedFullWidth(by: quantity)
        let (q, r) = stock.quantity.dividingFullWidth(product)
        return Rupiah(q + (r * 2 >= stock.quantity ? 1 : 0))
    }
}
