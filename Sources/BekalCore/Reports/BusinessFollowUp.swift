/// The follow-up of each usaha: monthly sales, support given, open needs, equipment
/// condition (`bekal report usaha`). About businesses, not people: no names, outcomes,
/// whereabouts or notes.
public struct BusinessFollowUp: Hashable, Codable, Sendable {
    public struct MonthSales: Hashable, Codable, Sendable {
        public let month: YearMonth
        public let sales: Rupiah
    }

    public struct ItemCondition: Hashable, Codable, Sendable {
        public let item: String
        public let condition: EquipmentCondition
        public let seenOn: LocalDate
    }

    public struct Business: Hashable, Codable, Sendable {
        public let code: String
        public let brand: String?
        public let product: String
        public var businessStatus: BusinessStatus?
        public var lastVisit: LocalDate?
        /// Sales by the month their reported period ends, oldest first.
        public var monthlySales: [MonthSales]
        /// The end of the latest period any sales were reported for.
        public var latestSalesEnd: LocalDate?
        public var support: [SupportKind: Int]
        public var openNeeds: String?
        public var equipment: [ItemCondition]

        /// Sales of the last `months` months up to `asOf`, oldest first; nil for a month with no
        /// report, which is not a month of no sales.
        public func salesTrend(months: Int, asOf: LocalDate) -> [(month: YearMonth, sales: Rupiah?)] {
            let byMonth = Dictionary(monthlySales.map { ($0.month, $0.sales) }, uniquingKeysWith: { a, _ in a })
            return (0..<months).reversed().map { back in
                let month = asOf.adding(months: -back).yearMonth
                return (month, byMonth[month])
            }
        }

        /// `750.000 / tanpa laporan / 1.200.000 …`: the trend as a partner reads it.
        public func salesTrendText(months: Int, asOf: LocalDate) -> String {
            salesTrend(months: months, asOf: asOf).map { $0.sales.map { Rupiah.grouped($0.amount.magnitude) } ?? BusinessFollowUp.noReport }
                .joined(separator: " / ")
        }

        /// The latest month with reported sales: its total and its month.
        public var latestSales: MonthSales? { monthlySales.last }

        /// How old the latest sales figure is on `asOf`: days since the end of its period.
        public func latestSalesAgeDays(asOf: LocalDate) -> Int? { latestSalesEnd.map { $0.days(until: asOf) } }
    }

    public let asOf: LocalDate
    public let businesses: [Business]

    /// What a month with no sales report says, instead of a zero that would read as no sales.
    public static let noReport = "tanpa laporan"

    public static func build(from source: some OutcomeReportSource & ListingPort & ReportSource, usahaID: Int64?, asOf: LocalDate) throws -> BusinessFollowUp {
        let items = Dictionary(uniqueKeysWithValues: try source.equipmentItems().map { ($0.id, $0.code) })
        var businesses: [Int64: Business] = [:]
        for u in try source.usahas() where usahaID == nil || u.id == usahaID {
            businesses[u.id] = Business(code: u.code, brand: u.brand, product: u.product, businessStatus: nil, lastVisit: nil,
                                        monthlySales: [], latestSalesEnd: nil, support: [:], openNeeds: nil, equipment: [])
        }
        var sales: [Int64: [YearMonth: Int64]] = [:]
        var conditions: [Int64: [Int64: ItemCondition]] = [:]
        try source.forEachUsahaVisit(usahaID: usahaID) { v in
            guard let id = v.usahaID, var b = businesses[id], v.date <= asOf else { return }
            b.lastVisit = v.date
            if let status = v.businessStatus { b.businessStatus = status }
            if let s = v.sales {
                sales[id, default: [:]][s.periodEnd.yearMonth, default: 0] += s.amount.amount
                b.latestSalesEnd = max(b.latestSalesEnd ?? s.periodEnd, s.periodEnd)
            }
            for kind in v.support { b.support[kind, default: 0] += 1 }
            b.openNeeds = v.needs
            for e in v.equipment {
                conditions[id, default: [:]][e.itemID] = ItemCondition(item: items[e.itemID] ?? "?", condition: e.condition, seenOn: v.date)
            }
            businesses[id] = b
        }
        let list = businesses.keys.sorted().map { id -> Business in
            var b = businesses[id]!
            b.monthlySales = (sales[id] ?? [:]).sorted { $0.key < $1.key }.map { MonthSales(month: $0.key, sales: Rupiah($0.value)) }
            b.equipment = (conditions[id] ?? [:]).values.sorted { $0.item < $1.item }
            return b
        }
        return BusinessFollowUp(asOf: asOf, businesses: list)
    }

    public var table: Table {
        Table(title: "Tindak Lanjut Usaha per \(asOf)", columns: [
            .init("code", "Kode Usaha"), .init("brand", "Merek"), .init("product", "Produk"), .init("status", "Status"),
            .init("last_visit", "Kunjungan Terakhir", .date), .init("last_sales", "Penjualan Terakhir", .rupiah),
            .init("last_sales_month", "Bulan Penjualan Terakhir"), .init("last_sales_age_days", "Umur Laporan (hari)", .integer),
            .init("trend", "Tren 6 Bulan"), .init("support", "Dukungan Diberikan"), .init("needs", "Kebutuhan"),
            .init("equipment", "Kondisi Peralatan"),
        ], rows: businesses.map { b in
            return [.text(b.code), .text(b.brand ?? ""), .text(b.product), .text(b.businessStatus?.label ?? ""),
                    b.lastVisit.map { .date($0) } ?? .empty, b.latestSales.map { .rupiah($0.sales) } ?? .text(Self.noReport),
                    b.latestSales.map { .text($0.month.description) } ?? .empty,
                    b.latestSalesAgeDays(asOf: asOf).map { .integer(Int64($0)) } ?? .empty,
                    .text(b.salesTrendText(months: 6, asOf: asOf)),
                    .text(SupportKind.allCases.compactMap { k in b.support[k].map { "\(k.label) ×\($0)" } }.joined(separator: ", ")),
                    .text(b.openNeeds ?? ""), .text(b.equipment.map { "\($0.item): \($0.condition.label)" }.joined(separator: ", "))]
        })
    }
}

/// Visits per worker per month, and each worker's overdue and lost cases now
/// (`bekal report workers`).
public struct WorkerActivity: Hashable, Codable, Sendable {
    public struct Worker: Hashable, Codable, Sendable {
        public let code: String
        public let name: String
        public let visitsByMonth: [Month]
        public let overdueNow: Int
        public let lostNow: Int
    }
    public struct Month: Hashable, Codable, Sendable {
        public let month: YearMonth
        public let visits: Int
    }

    public let asOf: LocalDate
    public let workers: [Worker]

    public static func build(from source: some OutcomeReportSource & AftercareReportSource & RegistryPort & AftercarePort & ListingPort & ReportSource
                                 & CasePathPort,
                             policy: FollowUpPolicy, from: LocalDate?, asOf: LocalDate) throws -> WorkerActivity {
        let counts = try source.visitCountsByWorkerMonth(from: from, to: asOf)
        let due = try FollowUpList.build(from: source, policy: policy, asOf: asOf, workerID: nil)
        let workers = try source.workers().map { w in
            Worker(code: w.code, name: w.name,
                   visitsByMonth: counts.filter { $0.workerID == w.id }.map { Month(month: $0.month, visits: $0.visits) },
                   overdueNow: due.rows.filter { $0.worker == w.code }.count,
                   lostNow: due.rows.filter { $0.worker == w.code && $0.lostToFollowUp }.count)
        }
        return WorkerActivity(asOf: asOf, workers: workers)
    }

    public var table: Table {
        var table = Table(title: "Aktivitas Pendamping per \(asOf)", columns: [
            .init("worker", "Pendamping"), .init("month", "Bulan"), .init("visits", "Kunjungan", .integer),
            .init("overdue", "Binaan Terlambat", .integer), .init("lost", "Hilang Kontak", .integer),
        ])
        for w in workers {
            table.rows += w.visitsByMonth.map { [.text(w.code), .text($0.month.description), .integer(Int64($0.visits)), .empty, .empty] }
            table.footer.append([.text(w.code), .text("per \(asOf)"), .integer(Int64(w.visitsByMonth.reduce(0) { $0 + $1.visits })),
                                 .integer(Int64(w.overdueNow)), .integer(Int64(w.lostNow))])
        }
        return table
    }
}
