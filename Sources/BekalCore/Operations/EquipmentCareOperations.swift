import Foundation

/// Equipment a kelompok holds moved on: to another kelompok, back to the store room, or
/// struck off with a berita acara (from the store room or from the kelompok that holds it).
public struct EquipmentMove: Hashable, Sendable {
    public enum Destination: Hashable, Sendable {
        /// To another kelompok, which takes it over.
        case kelompok(String)
        /// Back into the office's store room.
        case storeRoom
        /// Off the register: broken beyond repair, or lost.
        case writtenOff
    }
    public var item: String
    public var quantity: Int64
    /// The kelompok that holds it now; nil for the store room (a write-off only).
    public var from: String?
    public var to: Destination
    /// The berita acara of the hand-over, the return or the write-off.
    public var documentRef: String
    public var reason: String
    /// The visit that found it broken or lost (a write-off).
    public var visitID: Int64?
    public var valueDate: LocalDate?

    public init(item: String, quantity: Int64, from: String?, to: Destination, documentRef: String, reason: String,
                visitID: Int64? = nil, valueDate: LocalDate? = nil) {
        self.item = item
        self.quantity = quantity
        self.from = from
        self.to = to
        self.documentRef = documentRef
        self.reason = reason
        self.visitID = visitID
        self.valueDate = valueDate
    }

    var kind: EquipmentEventKind {
        switch to {
        case .kelompok: .transfer
        case .storeRoom: .return
        case .writtenOff: .writeOff
        }
    }
}

/// An item mended at the office's cost: of a kelompok (the one that holds it) or of the
/// store room, paid from cash or the bank, and booked against the year's equipment line.
public struct EquipmentRepair: Hashable, Sendable {
    public var item: String
    public var quantity: Int64
    public var kelompok: String?
    public var amount: Rupiah
    /// The repairer's nota or kuitansi.
    public var documentRef: String
    public var reason: String
    /// The visit that found it broken.
    public var visitID: Int64?
    public var valueDate: LocalDate?
    public var paidFrom: CashSubBook
    public var budget: BudgetChoice

    public init(item: String, quantity: Int64 = 1, kelompok: String?, amount: Rupiah, documentRef: String, reason: String,
                visitID: Int64? = nil, valueDate: LocalDate? = nil, paidFrom: CashSubBook = .cash, budget: BudgetChoice = .unnamed) {
        self.item = item
        self.quantity = quantity
        self.kelompok = kelompok
        self.amount = amount
        self.documentRef = documentRef
        self.reason = reason
        self.visitID = visitID
        self.valueDate = valueDate
        self.paidFrom = paidFrom
        self.budget = budget
    }
}

/// A stock-take of one place (*stock opname*): the store room (`place` nil) or a kelompok,
/// every item the register puts there counted.
public struct StockTake: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public var item: String
        public var counted: Int64
        public init(item: String, counted: Int64) {
            self.item = item
            self.counted = counted
        }
    }
    public var countRef: String
    public var place: String?
    public var lines: [Line]
    public var countedOn: LocalDate?
    public var note: String?

    public init(countRef: String, place: String?, lines: [Line], countedOn: LocalDate? = nil, note: String? = nil) {
        self.countRef = countRef
        self.place = place
        self.lines = lines
        self.countedOn = countedOn
        self.note = note
    }
}

extension AccountTemplate {
    /// Accounts the office's book gains when it first needs them (books opened before they
    /// existed have not got them).
    static let equipmentWriteOff = AccountTemplate(code: "5104", name: "Beban Penghapusan Peralatan", type: .expense,
                                                   noNegative: false, role: .equipmentWriteOff)
    static let equipmentRepair = AccountTemplate(code: "5105", name: "Belanja Pemeliharaan Peralatan", type: .expense,
                                                 noNegative: false, role: .equipmentRepair)
}

extension Operations {
    public func moveEquipment(_ move: EquipmentMove, context: OperationContext) throws -> PostResult {
        try store.write { tx in try Operations.moveEquipment(move, context: context, in: tx) }
    }

    /// Moves items a kelompok holds (or, for a write-off, the store room holds) at their
    /// average value where they are: the kelompok's share of what it was handed, so that its
    /// equipment account (5102, by kelompok) always says what it holds.
    public static func moveEquipment(_ move: EquipmentMove, context: OperationContext,
                                     in tx: any StoreTransaction) throws -> PostResult {
        let book = try officeBook(tx)
        let today = context.today(in: try tx.settings())
        let ref = try requireRef(move.documentRef)
        let reason = try eventReason(move.reason)
        let item = try Resolve.item(move.item, in: tx)
        if move.quantity <= 0 { throw ProgrammeRejection.quantityNotPositive(item: item.code, quantity: move.quantity) }
        let from = try move.from.map { try Resolve.kelompok($0, in: tx) }
        let to: Kelompok? = if case .kelompok(let code) = move.to { try Resolve.kelompok(code, in: tx) } else { nil }
        if let from, let to, from.id == to.id { throw EquipmentRejection.sameKelompok(kelompok: from.code) }
        if from == nil && move.kind != .writeOff { throw EquipmentRejection.needsKelompok(kind: move.kind) }
        let valueDate = move.valueDate ?? today
        if let visitID = move.visitID {
            try requireVisitFound(visitID, item: item, kelompok: from, accepting: [.broken, .lost], in: tx)
        }
        let key = "equipment_\(move.kind.rawValue):\(ref)"
        let recorded = try tx.entry(idempotencyKey: key)
        // What the place holds now; a replay is compared with what was recorded instead.
        let held: EquipmentStock = if let from { try tx.kelompokHolding(kelompokID: from.id, itemID: item.id) }
                                   else { try tx.stock(itemID: item.id) }
        if recorded == nil && held.quantity < move.quantity {
            if let from { throw EquipmentRejection.notHeld(kelompok: from.code, item: item.code, held: held.quantity, requested: move.quantity) }
            throw ProgrammeRejection.insufficientStock(item: item.code, inStock: held.quantity, requested: move.quantity)
        }
        let value = recorded == nil ? averageCost(of: move.quantity, in: held) : .zero
        let storeDims = Dimensions(budgetYear: valueDate.year)
        let fromDims = try from.map { try kelompokDimensions($0, on: valueDate, in: tx) } ?? storeDims
        let stockAccount = try account(.equipmentStock, in: book, tx).id
        let issuedAccount = try account(.equipmentExpense, in: book, tx).id
        let credit = Posting(accountID: from == nil ? stockAccount : issuedAccount, amount: value.negated, dimensions: fromDims)
        let debit: Posting
        let memo: String
        let what = "\(move.quantity) × \(item.code)"
        switch move.to {
        case .kelompok:
            debit = Posting(accountID: issuedAccount, amount: value, dimensions: try kelompokDimensions(to!, on: valueDate, in: tx))
            memo = "Mutasi peralatan \(what) dari \(from!.code) ke \(to!.code): \(reason)"
        case .storeRoom:
            debit = Posting(accountID: stockAccount, amount: value, dimensions: storeDims)
            memo = "Pengembalian peralatan \(what) dari \(from!.code) ke gudang: \(reason)"
        case .writtenOff:
            debit = Posting(accountID: try account(creating: .equipmentWriteOff, in: book, tx).id, amount: value, dimensions: fromDims)
            memo = "Penghapusan peralatan \(what) \(from.map { "yang dipegang \($0.code)" } ?? "dari gudang"): \(reason)"
        }
        var draft = EntryDraft(bookID: book.id, kind: .equipmentMove, valueDate: valueDate, memo: memo, documentRef: ref,
                               idempotencyKey: key, postings: [debit, credit])
        if let recorded, recorded.postings.count == 2 {
            draft.postings = zip(draft.postings, recorded.postings).map { Posting(accountID: $0.accountID, amount: $1.amount, dimensions: $0.dimensions) }
        }
        if let recorded = try Ledger.replay(of: draft, in: tx) { return .replayed(recorded) }
        let entry = try Ledger.post(draft, context: context, today: today, in: tx)
        // Back from the kelompok first, so the store room never dips below what it holds.
        if let from {
            try tx.insertEquipmentMovement(entryID: entry.id, itemID: item.id, kelompokID: from.id, quantity: move.quantity, value: value)
        }
        switch move.to {
        case .kelompok:
            try tx.insertEquipmentMovement(entryID: entry.id, itemID: item.id, kelompokID: to!.id, quantity: -move.quantity, value: value.negated)
        case .storeRoom: break
        case .writtenOff:
            try tx.insertEquipmentMovement(entryID: entry.id, itemID: item.id, kelompokID: nil, quantity: -move.quantity, value: value.negated)
        }
        try tx.insertEquipmentEvent(entryID: entry.id, kind: move.kind, itemID: item.id, quantity: move.quantity,
                                    fromKelompokID: from?.id, toKelompokID: to?.id, visitID: move.visitID, reason: reason)
        return .posted(entry)
    }

    public func repairEquipment(_ repair: EquipmentRepair, context: OperationContext) throws -> PostResult {
        try store.write { tx in try Operations.repairEquipment(repair, context: context, in: tx) }
    }

    /// Pays for a repair: the cost on the repair account (5105) with the kelompok's cohort, out
    /// of cash or the bank, against the year's equipment line.
    public static func repairEquipment(_ repair: EquipmentRepair, context: OperationContext,
                                       in tx: any StoreTransaction) throws -> PostResult {
        let book = try officeBook(tx)
        let today = context.today(in: try tx.settings())
        let ref = try requireRef(repair.documentRef)
        let reason = try eventReason(repair.reason)
        try requirePositive(repair.amount)
        let item = try Resolve.item(repair.item, in: tx)
        if repair.quantity <= 0 { throw ProgrammeRejection.quantityNotPositive(item: item.code, quantity: repair.quantity) }
        let kelompok = try repair.kelompok.map { try Resolve.kelompok($0, in: tx) }
        let valueDate = repair.valueDate ?? today
        let key = "equipment_repair:\(ref)"
        if try tx.entry(idempotencyKey: key) == nil {
            let held = try kelompok.map { try tx.kelompokHolding(kelompokID: $0.id, itemID: item.id) } ?? tx.stock(itemID: item.id)
            if held.quantity < repair.quantity {
                if let kelompok { throw EquipmentRejection.notHeld(kelompok: kelompok.code, item: item.code, held: held.quantity, requested: repair.quantity) }
                throw ProgrammeRejection.insufficientStock(item: item.code, inStock: held.quantity, requested: repair.quantity)
            }
        }
        if let visitID = repair.visitID {
            try requireVisitFound(visitID, item: item, kelompok: kelompok, accepting: [.broken], in: tx)
        }
        // Paid from the budget of the year it is paid in, whatever year the kelompok was equipped.
        var dims = try kelompok.map { try kelompokDimensions($0, on: valueDate, in: tx) } ?? Dimensions()
        dims.budgetYear = valueDate.year
        var draft = EntryDraft(
            bookID: book.id, kind: .equipmentRepair, valueDate: valueDate,
            memo: "Perbaikan peralatan \(repair.quantity) × \(item.code)\(kelompok.map { " milik \($0.code)" } ?? " di gudang"): \(reason)",
            documentRef: ref, idempotencyKey: key,
            postings: [
                Posting(accountID: try account(creating: .equipmentRepair, in: book, tx).id, amount: repair.amount, dimensions: dims),
                Posting(accountID: try account(repair.paidFrom.role, in: book, tx).id, amount: repair.amount.negated, dimensions: dims),
            ])
        let line = try bookAgainstBudget(&draft, purpose: .equipment, choice: repair.budget, cohortID: kelompok?.cohortID, in: tx)
        if let recorded = try Ledger.replay(of: draft, in: tx) { return .replayed(recorded) }
        if let line { try checkCeiling(line, adding: repair.amount, receipt: false, in: tx) }
        let entry = try Ledger.post(draft, context: context, today: today, in: tx)
        try tx.insertEquipmentEvent(entryID: entry.id, kind: .repair, itemID: item.id, quantity: repair.quantity,
                                    fromKelompokID: kelompok?.id, toKelompokID: nil, visitID: repair.visitID, reason: reason)
        return .posted(entry)
    }

    public func recordStockTake(_ take: StockTake, context: OperationContext) throws -> StockTakeResult {
        try store.write { tx in try Operations.recordStockTake(take, context: context, in: tx) }
    }

    /// Records what was counted at one place beside what the register put there on the day;
    /// the same stock-take recorded again with the same figures is a replay.
    public static func recordStockTake(_ take: StockTake, context: OperationContext,
                                       in tx: any StoreTransaction) throws -> StockTakeResult {
        let today = context.today(in: try tx.settings())
        let ref = try requireRef(take.countRef)
        let countedOn = take.countedOn ?? today
        if countedOn > today { throw EquipmentRejection.countInFuture(date: countedOn, today: today) }
        if take.lines.isEmpty { throw EquipmentRejection.countEmpty }
        let place = try take.place.map { try Resolve.kelompok($0, in: tx) }
        let placeName = place.map { "kelompok \($0.code)" } ?? "the store room"
        var counted: [(EquipmentItem, Int64)] = []
        for line in take.lines {
            let item = try Resolve.item(line.item, in: tx)
            if counted.contains(where: { $0.0.id == item.id }) { throw EquipmentRejection.countRepeatsItem(item: item.code) }
            if line.counted < 0 { throw EquipmentRejection.countNegative(item: item.code, counted: line.counted) }
            counted.append((item, line.counted))
        }
        let note = take.note.map(\.trimmedOfWhitespace).flatMap { $0.isEmpty ? nil : $0 }
        let earlier = try tx.equipmentCounts(countRef: ref).filter { $0.kelompokID == place?.id }
        if !earlier.isEmpty {
            let same = earlier.count == counted.count && earlier.allSatisfy { line in
                line.countedOn == countedOn && line.note == note
                    && counted.contains { $0.0.id == line.itemID && $0.1 == line.counted }
            }
            if same { return StockTakeResult(lines: earlier, replayed: true) }
            throw EquipmentRejection.countExists(countRef: ref)
        }
        var expected: [Int64: Int64] = [:]
        for holding in try tx.equipmentHoldings(through: countedOn) where holding.kelompokID == place?.id {
            expected[holding.itemID] = holding.quantity
        }
        let missing = try expected.filter { id, quantity in quantity != 0 && !counted.contains { $0.0.id == id } }
            .keys.sorted().map { id in "\(expected[id]!) × \(try tx.equipmentItem(id: id)?.code ?? "#\(id)")" }
        if !missing.isEmpty { throw EquipmentRejection.countIncomplete(place: placeName, missing: missing) }
        var lines: [EquipmentCount] = []
        for (item, number) in counted {
            lines.append(try tx.insertEquipmentCount(countRef: ref, countedOn: countedOn, itemID: item.id, kelompokID: place?.id,
                                                     expected: expected[item.id] ?? 0, counted: number, note: note,
                                                     actor: context.actor, recordedAt: context.recordedAt))
        }
        let differences = lines.filter { $0.difference != 0 }.count
        try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .equipmentCount, subject: ref,
                           detail: "\(place?.code ?? "gudang"): \(lines.count) item(s), \(differences) difference(s)")
        return StockTakeResult(lines: lines, replayed: false)
    }

    /// The reason of an event, trimmed, or the refusal.
    static func eventReason(_ text: String) throws -> String {
        let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.count < EquipmentEvent.minimumReasonCharacters {
            throw EquipmentRejection.reasonTooShort(minimumCharacters: EquipmentEvent.minimumReasonCharacters)
        }
        return reason
    }

    /// A kelompok's postings carry it, its cohort and the cohort's budget year, as an issue's do.
    static func kelompokDimensions(_ kelompok: Kelompok, on date: LocalDate, in tx: any StoreTransaction) throws -> Dimensions {
        let cohort = try tx.cohort(id: kelompok.cohortID)
        return Dimensions(kelompokID: kelompok.id, cohortID: kelompok.cohortID, budgetYear: cohort?.budgetYear ?? date.year)
    }

    /// The visit exists, was about the kelompok (when it names one), and found the item in one
    /// of the conditions.
    static func requireVisitFound(_ visitID: Int64, item: EquipmentItem, kelompok: Kelompok?, accepting: Set<EquipmentCondition>,
                                  in tx: any StoreTransaction) throws {
        let reports = try tx.visitEquipmentReports(visitID: visitID)
        guard let first = reports.first else {
            // A visit that reported no equipment at all still exists or not: say which.
            if try tx.visitExists(id: visitID) {
                throw EquipmentRejection.visitDidNotReport(visitID: visitID, item: item.code, found: nil)
            }
            throw EquipmentRejection.visitNotFound(visitID: visitID)
        }
        if let kelompok, let visited = first.kelompokID, visited != kelompok.id {
            throw EquipmentRejection.visitOfAnotherKelompok(visitID: visitID, kelompok: kelompok.code)
        }
        let found = reports.first { $0.itemID == item.id }?.condition
        guard let found, accepting.contains(found) else {
            throw EquipmentRejection.visitDidNotReport(visitID: visitID, item: item.code, found: found)
        }
    }

    /// The account of the role, opened in the book from its template when the book has none.
    static func account(creating role: AccountRole, in book: Book, _ tx: any StoreTransaction) throws -> Account {
        if let account = try tx.account(bookID: book.id, role: role) { return account }
        let template: AccountTemplate
        switch role {
        case .equipmentWriteOff: template = .equipmentWriteOff
        case .equipmentRepair: template = .equipmentRepair
        default: throw ProgrammeRejection.chartIncomplete(book: book.code, role: role)
        }
        if try tx.account(bookID: book.id, code: template.code) != nil {
            throw ProgrammeRejection.chartIncomplete(book: book.code, role: role)
        }
        return try tx.insertAccount(template, bookID: book.id)
    }
}

/// What a stock-take recorded: its lines, or the lines recorded before when it was a replay.
public struct StockTakeResult: Hashable, Sendable {
    public let lines: [EquipmentCount]
    public let replayed: Bool
}
