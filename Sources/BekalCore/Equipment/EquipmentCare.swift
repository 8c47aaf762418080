/// What happens to equipment after it is handed to a kelompok: moved to another kelompok,
/// taken back into the store room, written off with a berita acara, or repaired. Each is a
/// ledger entry (of kind ``EntryKind/equipmentMove`` or ``EntryKind/equipmentRepair``) and
/// one event row that says which of them it was, of which item, between whom and why.
///
/// The quantities move as every other equipment movement does, from the store room's view
/// (``EquipmentMovement``): what a kelompok holds is minus the sum of its movements, what the
/// store room holds is the sum of them all. A transfer is therefore the item back from the one
/// kelompok and out to the other in one entry; a write-off of an item a kelompok holds is the
/// item back from it and out of the store room.
public enum EquipmentEventKind: String, Codable, CaseIterable, Sendable {
    /// From one kelompok to another (*mutasi antar-kelompok*).
    case transfer
    /// From a kelompok back into the office's store room (*pengembalian*).
    case `return` = "return"
    /// Struck off the register, broken beyond repair or lost (*penghapusan*, with its berita acara).
    case writeOff = "write_off"
    /// Mended, at a cost paid from the office's cash or bank (*pemeliharaan*).
    case repair

    public var label: String {
        switch self {
        case .transfer: "Mutasi ke kelompok lain"
        case .return: "Pengembalian ke gudang"
        case .writeOff: "Penghapusan"
        case .repair: "Perbaikan"
        }
    }
}

/// One event in an item's life after it was bought, as recorded.
public struct EquipmentEvent: Hashable, Codable, Sendable {
    public let entryID: Int64
    public let kind: EquipmentEventKind
    public let itemID: Int64
    /// For a repair, the number of units mended.
    public let quantity: Int64
    /// The kelompok it leaves (a transfer, a return), or holds it (a repair, a write-off of
    /// what a kelompok held); nil for the store room.
    public let fromKelompokID: Int64?
    /// The kelompok that takes it over (a transfer only).
    public let toKelompokID: Int64?
    /// The visit that found it broken (a repair, a write-off).
    public let visitID: Int64?
    public let reason: String
    /// The entry's value date and paper (berita acara, nota), read with the event.
    public let valueDate: LocalDate
    public let documentRef: String?
    /// The entry that reversed this one, if any.
    public let reversedByEntryID: Int64?

    public init(entryID: Int64, kind: EquipmentEventKind, itemID: Int64, quantity: Int64, fromKelompokID: Int64?,
                toKelompokID: Int64?, visitID: Int64?, reason: String, valueDate: LocalDate, documentRef: String?,
                reversedByEntryID: Int64? = nil) {
        self.entryID = entryID
        self.kind = kind
        self.itemID = itemID
        self.quantity = quantity
        self.fromKelompokID = fromKelompokID
        self.toKelompokID = toKelompokID
        self.visitID = visitID
        self.reason = reason
        self.valueDate = valueDate
        self.documentRef = documentRef
        self.reversedByEntryID = reversedByEntryID
    }

    /// The shortest reason an event is recorded with.
    public static let minimumReasonCharacters = 5
}

/// What one place held of one item on a date, by the register: the store room (`kelompokID`
/// nil) or a kelompok.
public struct EquipmentHolding: Hashable, Codable, Sendable {
    public let itemID: Int64
    public let kelompokID: Int64?
    public let quantity: Int64
    public let value: Rupiah

    public init(itemID: Int64, kelompokID: Int64?, quantity: Int64, value: Rupiah) {
        self.itemID = itemID
        self.kelompokID = kelompokID
        self.quantity = quantity
        self.value = value
    }
}

/// One line of a stock-take (*stock opname*): what was counted of an item at one place, beside
/// what the register said was there on the day.
public struct EquipmentCount: Hashable, Codable, Sendable {
    public let id: Int64
    /// The stock-take's number (its berita acara), shared by every line of it.
    public let countRef: String
    public let countedOn: LocalDate
    public let itemID: Int64
    public let kelompokID: Int64?
    public let expected: Int64
    public let counted: Int64
    public let note: String?
    public let actor: String
    public let recordedAt: String

    public init(id: Int64, countRef: String, countedOn: LocalDate, itemID: Int64, kelompokID: Int64?, expected: Int64,
                counted: Int64, note: String?, actor: String, recordedAt: String) {
        self.id = id
        self.countRef = countRef
        self.countedOn = countedOn
        self.itemID = itemID
        self.kelompokID = kelompokID
        self.expected = expected
        self.counted = counted
        self.note = note
        self.actor = actor
        self.recordedAt = recordedAt
    }

    /// Counted less expected: negative when items are missing.
    public var difference: Int64 { counted - expected }
}

/// What a pendamping found of an item on a visit (``EquipmentConditionReport``), with the
/// visit's date and the kelompok it belongs to (the visit's, or its usaha's owner).
public struct VisitEquipmentReport: Hashable, Codable, Sendable {
    public let visitID: Int64
    public let visitDate: LocalDate
    public let kelompokID: Int64?
    public let itemID: Int64
    public let condition: EquipmentCondition

    public init(visitID: Int64, visitDate: LocalDate, kelompokID: Int64?, itemID: Int64, condition: EquipmentCondition) {
        self.visitID = visitID
        self.visitDate = visitDate
        self.kelompokID = kelompokID
        self.itemID = itemID
        self.condition = condition
    }
}

/// What equipment after issue needs from storage, inside one transaction.
public protocol EquipmentCarePort {
    /// What the kelompok holds of the item now: minus the sum of its movements.
    func kelompokHolding(kelompokID: Int64, itemID: Int64) throws -> EquipmentStock
    /// What every place holds of every item at the end of `through` (nil: now), by the
    /// movements of entries dated on or before it: one row per kelompok and item that ever
    /// moved, the store room's rows (kelompok nil) being the sum of all movements of the item.
    func equipmentHoldings(through: LocalDate?) throws -> [EquipmentHolding]
    func insertEquipmentEvent(entryID: Int64, kind: EquipmentEventKind, itemID: Int64, quantity: Int64,
                              fromKelompokID: Int64?, toKelompokID: Int64?, visitID: Int64?, reason: String) throws
    /// Every event, by entry.
    func equipmentEvents() throws -> [EquipmentEvent]
    func insertEquipmentCount(countRef: String, countedOn: LocalDate, itemID: Int64, kelompokID: Int64?, expected: Int64,
                              counted: Int64, note: String?, actor: String, recordedAt: String) throws -> EquipmentCount
    /// The lines of one stock-take (every one: nil), by id.
    func equipmentCounts(countRef: String?) throws -> [EquipmentCount]
    /// What visits found of equipment: of one visit, or (nil) of every visit, by visit date
    /// and id.
    func visitEquipmentReports(visitID: Int64?) throws -> [VisitEquipmentReport]
    /// The latest report of each item at each kelompok, of the visits dated on or before `through`
    /// (nil: every visit), by visit date and id (``EquipmentCareSQL/latestReports(day:)``).
    func latestVisitEquipmentReports(through: LocalDate?) throws -> [VisitEquipmentReport]
    func visitExists(id: Int64) throws -> Bool
}

/// Decoding the stored rows, for every store alike.
public enum EquipmentCareRows {
    /// A stored value that is not one of the kinds this version knows: a file edited by hand.
    public struct Unreadable: BekalFailure {
        public let column: String
        public let value: String
        public var code: String { "equipment_row_unreadable" }
        public var message: String { "the stored \(column) \"\(value)\" is not one Bekal writes: run `bekal verify` on the file" }
    }

    /// A stored code as the enum it is, or ``Unreadable`` naming the column.
    static func stored<T: RawRepresentable>(_ text: String, _ column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else { throw Unreadable(column: column, value: text) }
        return value
    }

    public static func kind(_ text: String) throws -> EquipmentEventKind { try stored(text, "equipment_event.kind") }
    public static func condition(_ text: String) throws -> EquipmentCondition { try stored(text, "visit_equipment.condition") }

    /// Per-kelompok sums of movements (item, kelompok or nil, quantity, value) as holdings:
    /// each kelompok's negated, the store room's the sum over every row of the item.
    public static func holdings(_ sums: [(itemID: Int64, kelompokID: Int64?, quantity: Int64, value: Int64)]) -> [EquipmentHolding] {
        var store: [Int64: (Int64, Int64)] = [:]
        var result: [EquipmentHolding] = []
        for sum in sums {
            store[sum.itemID, default: (0, 0)].0 += sum.quantity
            store[sum.itemID, default: (0, 0)].1 += sum.value
            if let kelompokID = sum.kelompokID {
                result.append(EquipmentHolding(itemID: sum.itemID, kelompokID: kelompokID, quantity: -sum.quantity, value: Rupiah(-sum.value)))
            }
        }
        for (itemID, (quantity, value)) in store {
            result.append(EquipmentHolding(itemID: itemID, kelompokID: nil, quantity: quantity, value: Rupiah(value)))
        }
        return result.sorted { ($0.itemID, $0.kelompokID ?? 0) < ($1.itemID, $1.kelompokID ?? 0) }
    }
}
