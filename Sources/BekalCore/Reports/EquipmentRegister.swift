/// The equipment register per kelompok (*buku inventaris bantuan peralatan*): every issue of
/// equipment to a kelompok, who was in the kelompok on that day (from the membership
/// history, by code), and the totals per kelompok. A reversed issue and its reversal name
/// each other; the reversal's quantity and value are negative. An item moved on after issue
/// (``EquipmentEventKind``) is a row of its own, negative where it left the kelompok and
/// positive where it arrived, saying where it went and why.
public struct EquipmentRegister: Hashable, Codable, Sendable {
    public struct Row: Hashable, Codable, Sendable {
        public enum RowType: String, Codable, Sendable {
            case issue
            case kelompokTotal = "kelompok_total"
        }
        public let type: RowType
        public let kelompokCode: String
        public let date: LocalDate?
        public let entryID: Int64?
        public let documentRef: String?
        public let itemCode: String?
        public let itemName: String?
        public let unit: String?
        /// Handed to the kelompok (negative on a reversal).
        public let quantity: Int64
        public let value: Rupiah
        /// Beneficiary codes of the members on the day of the entry.
        public let members: [String]
        public let reversesEntryID: Int64?
        public let reversedByEntryID: Int64?
        /// What moved it after issue, in the officers' words: `Mutasi ke K-0002: kelompok bubar`.
        public var event: String? = nil
        public var note: String {
            [event, ReversalNote.text(reverses: reversesEntryID, reversedBy: reversedByEntryID)]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "; ")
        }
    }

    public struct Totals: Hashable, Codable, Sendable {
        public let kelompokCount: Int
        public let quantity: Int64
        public let value: Rupiah
    }

    public let kelompokCode: String?
    public let rows: [Row]
    public let totals: Totals

    public static let title = "Register Bantuan Peralatan per Kelompok"

    public static let columns: [Table.Column] = [
        .init("kelompok", "Kelompok"), .init("date", "Tanggal", .date), .init("entry", "No. Entri", .integer),
        .init("document_ref", "No. Bukti"), .init("item", "Barang"), .init("quantity", "Jumlah", .integer),
        .init("unit", "Satuan"), .init("value", "Nilai", .rupiah), .init("members", "Anggota pada tanggal itu"),
        .init("note", "Keterangan"),
    ]

    @discardableResult
    public static func stream(kelompok: String?, in tx: any StoreTransaction, row: (Row) throws -> Void) throws -> Totals {
        let kelompokID = try kelompok.map { try Resolve.kelompok($0, in: tx).id }
        // Rows arrive grouped by kelompok: only the current one's history and totals are held.
        var current: (id: Int64, memberships: [KelompokMembership], quantity: Int64, value: Rupiah)?
        var kelompokCount = 0, quantity: Int64 = 0, value = Rupiah.zero
        var events: [Int64: EquipmentEvent] = [:]
        for event in try tx.equipmentEvents() { events[event.entryID] = event }
        func closeKelompok() throws {
            guard let c = current else { return }
            try row(Row(type: .kelompokTotal, kelompokCode: Kelompok.code(for: c.id), date: nil, entryID: nil, documentRef: nil,
                        itemCode: nil, itemName: nil, unit: nil, quantity: c.quantity, value: c.value, members: [],
                        reversesEntryID: nil, reversedByEntryID: nil))
        }
        try tx.forEachKelompokEquipment(kelompokID: kelompokID) { movement in
            if current?.id != movement.kelompokID {
                try closeKelompok()
                current = (movement.kelompokID, try tx.memberships(kelompokID: movement.kelompokID), 0, .zero)
                kelompokCount += 1
            }
            let issued = -movement.stockQuantity
            let issuedValue = movement.stockValue.negated
            current!.quantity += issued
            current!.value = try current!.value.adding(issuedValue)
            quantity += issued
            value = try value.adding(issuedValue)
            let members = current!.memberships.filter { $0.isMember(on: movement.valueDate) }
                .map(\.beneficiaryID).sorted().map(Beneficiary.code(for:))
            try row(Row(type: .issue, kelompokCode: Kelompok.code(for: movement.kelompokID), date: movement.valueDate,
                        entryID: movement.entryID, documentRef: movement.documentRef, itemCode: movement.itemCode,
                        itemName: movement.itemName, unit: movement.unit, quantity: issued, value: issuedValue, members: members,
                        reversesEntryID: movement.reversesEntryID, reversedByEntryID: movement.reversedByEntryID,
                        event: events[movement.entryID].map { Self.eventNote($0, at: movement.kelompokID) }))
        }
        try closeKelompok()
        return Totals(kelompokCount: kelompokCount, quantity: quantity, value: value)
    }

    /// The event as the register of kelompok `kelompokID` tells it.
    static func eventNote(_ event: EquipmentEvent, at kelompokID: Int64) -> String {
        let what: String = switch event.kind {
        case .transfer where event.toKelompokID == kelompokID: "Mutasi dari \(event.fromKelompokID.map(Kelompok.code(for:)) ?? "gudang")"
        case .transfer: "Mutasi ke \(event.toKelompokID.map(Kelompok.code(for:)) ?? "gudang")"
        case .return: "Dikembalikan ke gudang"
        case .writeOff: "Dihapus dari register"
        case .repair: "Diperbaiki"
        }
        return "\(what): \(event.reason)"
    }

    public static func build(kelompok: String? = nil, in tx: any StoreTransaction) throws -> EquipmentRegister {
        var rows: [Row] = []
        let totals = try stream(kelompok: kelompok, in: tx) { rows.append($0) }
        return EquipmentRegister(kelompokCode: try kelompok.map { try Resolve.kelompok($0, in: tx).code }, rows: rows, totals: totals)
    }

    public static func cells(_ row: Row) -> [Table.Cell] {
        switch row.type {
        case .issue:
            [.text(row.kelompokCode), row.date.map { .date($0) } ?? .empty, row.entryID.map { .integer($0) } ?? .empty,
             row.documentRef.map { .text($0) } ?? .empty, .text(row.itemCode ?? ""), .integer(row.quantity),
             .text(row.unit ?? ""), .rupiah(row.value), .text(row.members.joined(separator: " ")), .text(row.note)]
        case .kelompokTotal:
            [.text(row.kelompokCode), .empty, .empty, .empty, .text("Jumlah kelompok"), .integer(row.quantity), .empty,
             .rupiah(row.value), .empty, .empty]
        }
    }

    public static func footer(_ totals: Totals) -> [[Table.Cell]] {
        [[.text("\(totals.kelompokCount) kelompok"), .empty, .empty, .empty, .text("Jumlah"), .integer(totals.quantity), .empty,
          .rupiah(totals.value), .empty, .empty]]
    }

    public var table: Table {
        Table(title: kelompokCode.map { "\(Self.title) · \($0)" } ?? Self.title, columns: Self.columns,
              rows: rows.map(Self.cells), footer: Self.footer(totals))
    }
}
