/// Each business on its way to the market (*kesiapan pasar usaha*): the licences in force,
/// the koperasi or KUBE it belongs to, where it sells, and the exhibitions it took part in
/// with what it sold there, as of a day.
public struct MarketReadiness: Hashable, Codable, Sendable {
    public struct Row: Hashable, Codable, Sendable {
        public let usahaCode: String
        public let product: String
        public let brand: String?
        public let licences: [String]
        public let memberships: [String]
        public let channels: [SalesChannel]
        /// `Pameran HUT Kota (2012-06-12): Rp850.000`.
        public let events: [String]
    }

    public let asOf: LocalDate
    public let rows: [Row]

    public static let title = "Kesiapan Pasar Usaha Binaan"
    public static let columns: [Table.Column] = [
        .init("usaha", "Kode Usaha"), .init("product", "Produk"), .init("brand", "Merek"), .init("licences", "Izin Usaha"),
        .init("memberships", "Koperasi / KUBE"), .init("channels", "Saluran Penjualan"), .init("events", "Pameran dan Bazar"),
    ]

    /// Per usaha id, what the market records say on the day; read once for every usaha.
    public struct Facts: Hashable, Sendable {
        public var licences: [String] = []
        public var memberships: [String] = []
        public var channels: [SalesChannel] = []
        public var events: [String] = []
    }

    public static func facts(asOf: LocalDate, in tx: some MarketPort) throws -> [Int64: Facts] {
        var facts: [Int64: Facts] = [:]
        for licence in try tx.licences(usahaID: nil) where licence.isValid(on: asOf) {
            facts[licence.usahaID, default: Facts()].licences.append(licence.text)
        }
        for (usahaID, rows) in Dictionary(grouping: try tx.affiliations(usahaID: nil), by: \.usahaID) {
            facts[usahaID, default: Facts()].memberships = rows.current(on: asOf).map { named($0.kind.label, $0.name) }
        }
        for (usahaID, rows) in Dictionary(grouping: try tx.channels(usahaID: nil), by: \.usahaID) {
            facts[usahaID, default: Facts()].channels = rows.current(on: asOf)
        }
        let events = Dictionary(uniqueKeysWithValues: try tx.marketEvents().map { ($0.id, $0) })
        for participant in try tx.marketParticipants(eventID: nil) {
            guard let event = events[participant.eventID], event.startsOn <= asOf else { continue }
            facts[participant.usahaID, default: Facts()].events.append(
                "\(named(event.kind.label, event.name)) (\(event.startsOn))" + (participant.sales.map { ": \($0)" } ?? ""))
        }
        return facts
    }

    /// `Koperasi Wanita Sejahtera`, not `Koperasi Koperasi Wanita Sejahtera`; `KUBE Mawar` for a KUBE named `Mawar`.
    static func named(_ kind: String, _ name: String) -> String {
        name.lowercased().hasPrefix(kind.lowercased()) ? name : "\(kind) \(name)"
    }

    public static func build(asOf: LocalDate, in tx: any StoreTransaction) throws -> MarketReadiness {
        let facts = try facts(asOf: asOf, in: tx)
        let rows = try tx.usahas().sorted { $0.id < $1.id }.map { usaha in
            let f = facts[usaha.id] ?? Facts()
            return Row(usahaCode: usaha.code, product: usaha.product, brand: usaha.brand, licences: f.licences,
                       memberships: f.memberships, channels: f.channels, events: f.events)
        }
        return MarketReadiness(asOf: asOf, rows: rows)
    }

    public var table: Table {
        Table(title: "\(Self.title) per \(asOf)", columns: Self.columns, rows: rows.map { row in
            [.text(row.usahaCode), .text(row.product), row.brand.map { .text($0) } ?? .empty,
             .text(row.licences.joined(separator: "; ")), .text(row.memberships.joined(separator: "; ")),
             .text(row.channels.map(\.label).joined(separator: ", ")), .text(row.events.joined(separator: "; "))]
        })
    }
}

/// The exhibitions and markets (*pameran dan bazar*): each with its dates, the businesses that
/// took part, what they sold, and what the stand cost the office.
public struct MarketEventReport: Hashable, Codable, Sendable {
    public struct Row: Hashable, Codable, Sendable {
        public let eventCode: String
        public let kind: MarketEventKind
        public let name: String
        public let place: String
        public let startsOn: LocalDate
        public let endsOn: LocalDate
        public let usahaCodes: [String]
        /// The sum of the sales recorded, and how many of the businesses have one.
        public let sales: Rupiah
        public let salesReported: Int
        public let standCost: Rupiah?
        public let standEntryID: Int64?
    }

    public let rows: [Row]

    public static let title = "Pameran dan Bazar Usaha Binaan"
    public static let columns: [Table.Column] = [
        .init("event", "Kode"), .init("kind", "Jenis"), .init("name", "Nama"), .init("place", "Tempat"), .init("starts", "Mulai", .date),
        .init("ends", "Selesai", .date), .init("usaha", "Usaha Peserta"), .init("sales", "Penjualan", .rupiah),
        .init("reported", "Usaha dengan Laporan Penjualan", .integer), .init("stand", "Biaya Stan", .rupiah), .init("entry", "No. Entri Stan", .integer),
    ]

    public static func build(in tx: any StoreTransaction) throws -> MarketEventReport {
        let participants = Dictionary(grouping: try tx.marketParticipants(eventID: nil), by: \.eventID)
        let rows = try tx.marketEvents().map { event -> Row in
            let mine = participants[event.id] ?? []
            var sales = Rupiah.zero
            for p in mine { if let s = p.sales { sales = try sales.adding(s) } }
            let stand = try event.standEntryID.flatMap { try tx.entry(id: $0) }
                .map { entry in Rupiah(entry.postings.reduce(Int64(0)) { $0 + max($1.amount.amount, 0) }) }
            return Row(eventCode: event.code, kind: event.kind, name: event.name, place: event.place, startsOn: event.startsOn,
                       endsOn: event.endsOn, usahaCodes: mine.map { Usaha.code(for: $0.usahaID) }, sales: sales,
                       salesReported: mine.filter { $0.sales != nil }.count, standCost: stand, standEntryID: event.standEntryID)
        }
        return MarketEventReport(rows: rows)
    }

    public static func cells(_ row: Row) -> [Table.Cell] {
        [.text(row.eventCode), .text(row.kind.label), .text(row.name), .text(row.place), .date(row.startsOn), .date(row.endsOn),
         .text(row.usahaCodes.joined(separator: " ")), .rupiah(row.sales), .integer(Int64(row.salesReported)),
         row.standCost.map { .rupiah($0) } ?? .empty, row.standEntryID.map { .integer($0) } ?? .empty]
    }

    public var table: Table { Table(title: Self.title, columns: Self.columns, rows: rows.map(Self.cells)) }
}
