/// Where every item is now (*posisi peralatan*): the store room's stock and what each kelompok
/// holds, by item, with what the last visit found of it there.
public struct EquipmentWhereabouts: Hashable, Codable, Sendable {
    public struct Row: Hashable, Codable, Sendable {
        public let itemCode: String
        public let itemName: String
        public let unit: String
        /// Nil for the store room.
        public let kelompokCode: String?
        public let quantity: Int64
        public let value: Rupiah
        /// What the latest visit to the kelompok found of the item, and when.
        public let lastCondition: EquipmentCondition?
        public let lastSeen: LocalDate?
        public var place: String { kelompokCode ?? EquipmentWhereabouts.storeRoom }
    }

    public let rows: [Row]

    public static let title = "Posisi Peralatan"
    public static let storeRoom = "Gudang kantor"

    public static let columns: [Table.Column] = [
        .init("item", "Barang"), .init("place", "Tempat"), .init("quantity", "Jumlah", .integer), .init("unit", "Satuan"),
        .init("value", "Nilai", .rupiah), .init("condition", "Kondisi terakhir"), .init("seen", "Dilihat pada", .date),
    ]

    public static func build(item: String? = nil, in tx: any StoreTransaction) throws -> EquipmentWhereabouts {
        let only = try item.map { try Resolve.item($0, in: tx).id }
        var items: [Int64: EquipmentItem] = [:]
        for item in try tx.equipmentItems() { items[item.id] = item }
        let latest = try latestReports(through: nil, in: tx)
        let rows = try tx.equipmentHoldings(through: nil)
            .filter { (only == nil || $0.itemID == only) && ($0.quantity != 0 || $0.kelompokID == nil) }
            .sorted { ($0.itemID, $0.kelompokID ?? 0) < ($1.itemID, $1.kelompokID ?? 0) }
            .map { holding -> Row in
                let item = items[holding.itemID]
                let seen = holding.kelompokID.flatMap { latest[Key(itemID: holding.itemID, kelompokID: $0)] }
                return Row(itemCode: item?.code ?? "#\(holding.itemID)", itemName: item?.name ?? "", unit: item?.unit ?? "",
                           kelompokCode: holding.kelompokID.map(Kelompok.code(for:)), quantity: holding.quantity, value: holding.value,
                           lastCondition: seen?.condition, lastSeen: seen?.visitDate)
            }
        return EquipmentWhereabouts(rows: rows)
    }

    struct Key: Hashable {
        let itemID: Int64
        let kelompokID: Int64
    }

    /// What the latest visit (on or before `day`, nil: any) found of each item at each kelompok.
    static func latestReports(through day: LocalDate?, in tx: any StoreTransaction) throws -> [Key: VisitEquipmentReport] {
        var latest: [Key: VisitEquipmentReport] = [:]
        for report in try tx.latestVisitEquipmentReports(through: day) {
            guard let kelompokID = report.kelompokID else { continue }
            latest[Key(itemID: report.itemID, kelompokID: kelompokID)] = report
        }
        return latest
    }

    public var table: Table {
        var total = Rupiah.zero
        for row in rows { total = (try? total.adding(row.value)) ?? total }
        return Table(title: Self.title, columns: Self.columns, rows: rows.map { row in
            [.text(row.itemCode), .text(row.place), .integer(row.quantity), .text(row.unit), .rupiah(row.value),
             row.lastCondition.map { .text($0.label) } ?? .empty, row.lastSeen.map { .date($0) } ?? .empty]
        }, footer: [[.text("Jumlah"), .empty, .integer(rows.reduce(0) { $0 + $1.quantity }), .empty, .rupiah(total), .empty, .empty]])
    }
}

/// Items a visit found broken or lost that the office has not yet acted on (*peralatan rusak
/// yang belum ditindaklanjuti*): the latest report of the item at the kelompok says so, the
/// kelompok still holds it, and no repair, return, transfer or write-off of it from that
/// kelompok is dated on or after that visit.
public struct BrokenEquipmentWork: Hashable, Codable, Sendable {
    public struct Row: Hashable, Codable, Sendable {
        public let kelompokCode: String
        public let itemCode: String
        public let held: Int64
        public let condition: EquipmentCondition
        public let visitID: Int64
        public let visitDate: LocalDate
        /// Days from the visit to `asOf`.
        public let daysOpen: Int
    }

    public let asOf: LocalDate
    public let rows: [Row]

    public static let title = "Peralatan Rusak atau Hilang yang Belum Ditindaklanjuti"

    public static let columns: [Table.Column] = [
        .init("kelompok", "Kelompok"), .init("item", "Barang"), .init("held", "Dipegang", .integer), .init("condition", "Kondisi"),
        .init("visit", "No. Kunjungan", .integer), .init("visit_date", "Tanggal Kunjungan", .date), .init("days", "Hari", .integer),
    ]

    public static func build(asOf: LocalDate, in tx: any StoreTransaction) throws -> BrokenEquipmentWork {
        let latest = try EquipmentWhereabouts.latestReports(through: asOf, in: tx)
        var actedOn: [EquipmentWhereabouts.Key: LocalDate] = [:]
        for event in try tx.equipmentEvents() where event.reversedByEntryID == nil {
            guard let from = event.fromKelompokID else { continue }
            let key = EquipmentWhereabouts.Key(itemID: event.itemID, kelompokID: from)
            actedOn[key] = max(actedOn[key] ?? event.valueDate, event.valueDate)
        }
        var held: [EquipmentWhereabouts.Key: Int64] = [:]
        for holding in try tx.equipmentHoldings(through: nil) {
            guard let kelompokID = holding.kelompokID else { continue }
            held[EquipmentWhereabouts.Key(itemID: holding.itemID, kelompokID: kelompokID)] = holding.quantity
        }
        var codes: [Int64: String] = [:]
        for item in try tx.equipmentItems() { codes[item.id] = item.code }
        let rows = latest.compactMap { key, report -> Row? in
            guard report.condition == .broken || report.condition == .lost, let holds = held[key], holds > 0 else { return nil }
            if let acted = actedOn[key], acted >= report.visitDate { return nil }
            return Row(kelompokCode: Kelompok.code(for: key.kelompokID), itemCode: codes[key.itemID] ?? "#\(key.itemID)", held: holds,
                       condition: report.condition, visitID: report.visitID, visitDate: report.visitDate,
                       daysOpen: report.visitDate.days(until: asOf))
        }.sorted { ($0.visitDate, $0.visitID, $0.itemCode) < ($1.visitDate, $1.visitID, $1.itemCode) }
        return BrokenEquipmentWork(asOf: asOf, rows: rows)
    }

    public var table: Table {
        Table(title: Self.title, columns: Self.columns, rows: rows.map { row in
            [.text(row.kelompokCode), .text(row.itemCode), .integer(row.held), .text(row.condition.label), .integer(row.visitID),
             .date(row.visitDate), .integer(Int64(row.daysOpen))]
        })
    }
}

/// A stock-take against the register (*berita acara stock opname*): per place and item, what
/// the register said was there on the day, what was counted, and the difference.
public struct StockTakeReport: Hashable, Codable, Sendable {
    public struct Row: Hashable, Codable, Sendable {
        public let countRef: String
        public let countedOn: LocalDate
        public let place: String
        public let itemCode: String
        public let expected: Int64
        public let counted: Int64
        public var difference: Int64 { counted - expected }
        public let note: String?
    }

    public let rows: [Row]

    public static let title = "Hasil Stock Opname Peralatan"

    public static let columns: [Table.Column] = [
        .init("count_ref", "No. BA Stock Opname"), .init("counted_on", "Tanggal", .date), .init("place", "Tempat"),
        .init("item", "Barang"), .init("expected", "Menurut Register", .integer), .init("counted", "Dihitung", .integer),
        .init("difference", "Selisih", .integer), .init("note", "Catatan"),
    ]

    public static func build(countRef: String? = nil, in tx: any StoreTransaction) throws -> StockTakeReport {
        var codes: [Int64: String] = [:]
        for item in try tx.equipmentItems() { codes[item.id] = item.code }
        let lines = try tx.equipmentCounts(countRef: countRef?.trimmedOfWhitespace)
        if let countRef, lines.isEmpty { throw ProgrammeRejection.notFound(.stockTake, reference: countRef) }
        return StockTakeReport(rows: lines.map { line in
            Row(countRef: line.countRef, countedOn: line.countedOn,
                place: line.kelompokID.map(Kelompok.code(for:)) ?? EquipmentWhereabouts.storeRoom,
                itemCode: codes[line.itemID] ?? "#\(line.itemID)", expected: line.expected, counted: line.counted, note: line.note)
        })
    }

    public var table: Table {
        Table(title: Self.title, columns: Self.columns, rows: rows.map { row in
            [.text(row.countRef), .date(row.countedOn), .text(row.place), .text(row.itemCode), .integer(row.expected),
             .integer(row.counted), .integer(row.difference), row.note.map { .text($0) } ?? .empty]
        })
    }
}
