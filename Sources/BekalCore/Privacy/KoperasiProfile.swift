import Foundation

/// What the Dinas Koperasi may see: an allow-list of columns about businesses, never about the
/// women behind them.
///
/// The partner's table is built only from ``KoperasiProfile/UsahaFacts``, a type that has no
/// place for a NIK, an outcome, a whereabouts, a visit note or a name given without consent:
/// what is not in the allow-list cannot reach the spreadsheet, whatever a report computes.
///
/// Rules:
/// - A business is listed when it is active (its latest status is running or paused, or it has
///   not been visited yet) and every woman who owns it — the owner, or each current member of
///   the owning kelompok — agreed to share her business data (`Beneficiary.consentShare`).
/// - A name appears only where she agreed to share and recorded the name she agreed to
///   (`Beneficiary.consentName`), and then only that name.
/// - Equipment is issued to kelompok, not to persons, so a business run by one woman shows no
///   equipment.
public enum KoperasiProfile {
    /// The profile's name in the audit log: which columns a partner received.
    public static let name = "koperasi-v3"

    /// The columns, in the order of the sheet.
    public enum Column: String, CaseIterable, Sendable {
        case code, brand, product, track, kelurahan, consentedNames, activeMembers, capitalReceived
        case equipmentItems, equipmentValue, latestSales, latestSalesPeriod, latestSalesAge, salesTrend, supportGiven
        case needs, licences, memberships, channels, events, contactWorker

        public var column: Table.Column {
            switch self {
            case .code: .init("code", "Kode Usaha")
            case .brand: .init("brand", "Merek")
            case .product: .init("product", "Produk")
            case .track: .init("track", "Jurusan Pelatihan")
            case .kelurahan: .init("kelurahan", "Kelurahan")
            case .consentedNames: .init("names", "Nama (dengan persetujuan)")
            case .activeMembers: .init("active_members", "Anggota Aktif", .integer)
            case .capitalReceived: .init("capital", "Modal Diterima", .rupiah)
            case .equipmentItems: .init("equipment_items", "Peralatan (unit)", .integer)
            case .equipmentValue: .init("equipment_value", "Nilai Peralatan", .rupiah)
            case .latestSales: .init("latest_sales", "Penjualan Terakhir", .rupiah)
            case .latestSalesPeriod: .init("latest_sales_period", "Periode Penjualan Terakhir")
            case .latestSalesAge: .init("latest_sales_age_days", "Umur Laporan Penjualan (hari)", .integer)
            case .salesTrend: .init("sales_trend", "Tren Penjualan 6 Bulan")
            case .supportGiven: .init("support", "Dukungan Diberikan")
            case .needs: .init("needs", "Kebutuhan Pemasaran dan Merek")
            case .licences: .init("licences", "Izin Usaha")
            case .memberships: .init("memberships", "Koperasi / KUBE")
            case .channels: .init("channels", "Saluran Penjualan")
            case .events: .init("events", "Pameran dan Bazar")
            case .contactWorker: .init("contact", "Pendamping (Kontak)")
            }
        }

        /// What the column means, for the sheet that explains every column.
        public var explanation: String {
            switch self {
            case .code: "Kode tetap usaha; usaha yang sama memakai kode yang sama di setiap ekspor."
            case .brand: "Nama merek usaha, bila sudah ada."
            case .product: "Jenis produk atau jasa."
            case .track: "Jurusan pelatihan keterampilan pemilik usaha (tata boga, jahit, salon)."
            case .kelurahan: "Kelurahan tempat usaha berjalan."
            case .consentedNames: "Nama yang disetujui pemilik untuk ditampilkan. Kosong bila belum semua anggota usaha menyetujui namanya ditampilkan (persetujuan berbagi usaha dan persetujuan nama adalah dua hal)."
            case .activeMembers: "Jumlah orang yang saat ini menjalankan usaha (1 untuk usaha perorangan)."
            case .capitalReceived: "Modal kerja yang diterima usaha dari program, dalam rupiah."
            case .equipmentItems: "Jumlah unit peralatan yang diserahkan ke kelompok pemilik usaha."
            case .equipmentValue: "Nilai buku peralatan yang diserahkan, dalam rupiah."
            case .latestSales: "Penjualan bulan terakhir yang dilaporkan, dalam rupiah; \"tanpa laporan\" bila belum pernah dilaporkan."
            case .latestSalesPeriod: "Bulan (tahun-bulan) penjualan terakhir itu."
            case .latestSalesAge: "Umur angka penjualan itu pada tanggal ekspor: hari sejak akhir periode laporannya. Angka lama belum tentu berlaku sekarang."
            case .salesTrend: "Penjualan enam bulan terakhir, dari yang terlama; \"tanpa laporan\" untuk bulan yang tidak dilaporkan (bukan berarti tidak ada penjualan)."
            case .supportGiven: "Dukungan pendampingan yang sudah diberikan, dengan jumlah kalinya."
            case .needs: "Kebutuhan pemasaran dan merek yang masih terbuka, menurut kunjungan terakhir."
            case .licences: "Izin yang berlaku pada tanggal ekspor: NIB dari OSS, P-IRT, sertifikat halal, dengan nomornya (dan masa berlakunya bila ada)."
            case .memberships: "Koperasi atau KUBE tempat usaha menjadi anggota pada tanggal ekspor."
            case .channels: "Tempat usaha menjual pada tanggal ekspor (warung sendiri, pasar, titip jual, pesanan, daring, pameran)."
            case .events: "Pameran dan bazar yang diikuti, dengan tanggal mulai dan penjualan usaha itu di sana bila sudah dilaporkan."
            case .contactWorker: "Pendamping (pekerja sosial) yang dapat dihubungi untuk usaha ini."
            }
        }
    }

    /// Equipment a kelompok holds: units and their book value.
    public struct Equipment: Hashable, Sendable {
        public var items: Int64
        public var value: Rupiah
        public init(items: Int64, value: Rupiah) {
            self.items = items
            self.value = value
        }
    }

    /// Everything the partner may learn about one business, gathered from the store by
    /// ``gather(from:asOf:)``.
    public struct UsahaFacts: Hashable, Sendable {
        public var code: String
        public var track: String?
        public var kelurahan: String?
        /// Names the owners agreed to share; empty when none did.
        public var consentedNames: [String]
        public var activeMembers: Int
        /// Whether every owner agreed to share her business data.
        public var sharingAllowed: Bool
        public var capitalReceived: Rupiah
        /// Nil for a business run by one woman: equipment goes to kelompok.
        public var equipment: Equipment?
        /// Worker's name and code: staff, not a beneficiary.
        public var contactWorker: String?
        /// Licences, memberships, channels and events: the business's, never a person's.
        public var market = MarketReadiness.Facts()

        public init(code: String, track: String?, kelurahan: String?, consentedNames: [String], activeMembers: Int,
                    sharingAllowed: Bool, capitalReceived: Rupiah, equipment: Equipment?,
                    contactWorker: String?) {
            self.code = code
            self.track = track
            self.kelurahan = kelurahan
            self.consentedNames = consentedNames
            self.activeMembers = activeMembers
            self.sharingAllowed = sharingAllowed
            self.capitalReceived = capitalReceived
            self.equipment = equipment
            self.contactWorker = contactWorker
        }
    }

    /// The partner's register as of a day, read from the store: the one table that the
    /// spreadsheet and the web app's business pages are both built from, so they cannot differ.
    public static func register(from source: some RegistryPort & LedgerPort & ReportSource & ListingPort & AftercarePort & OutcomeReportSource & ConsentPort & MarketPort,
                                asOf: LocalDate) throws -> Table {
        let followUp = try BusinessFollowUp.build(from: source, usahaID: nil, asOf: asOf)
        return table(followUp: followUp, facts: try gather(from: source, asOf: asOf))
    }

    /// The partner's table: one row per active, shareable business, in code order.
    public static func table(followUp: BusinessFollowUp, facts: [String: UsahaFacts]) -> Table {
        let columns = Column.allCases
        var table = Table(title: "Daftar Usaha Binaan per \(followUp.asOf)", columns: columns.map(\.column))
        for business in followUp.businesses.sorted(by: { $0.code < $1.code }) {
            guard isActive(business), let fact = facts[business.code], fact.sharingAllowed else { continue }
            table.rows.append(columns.map { cell($0, business, fact, asOf: followUp.asOf) })
        }
        return table
    }

    /// Running, paused, or not yet visited; a closed business or one that never started has
    /// nothing for the partner to sell.
    public static func isActive(_ business: BusinessFollowUp.Business) -> Bool {
        switch business.businessStatus {
        case nil, .running?, .paused?: true
        case .closed?, .neverStarted?: false
        }
    }

    private static func cell(_ column: Column, _ b: BusinessFollowUp.Business, _ f: UsahaFacts, asOf: LocalDate) -> Table.Cell {
        func text(_ value: String?) -> Table.Cell { value.map { $0.isEmpty ? .empty : .text($0) } ?? .empty }
        switch column {
        case .code: return .text(b.code)
        case .brand: return text(b.brand)
        case .product: return .text(b.product)
        case .track: return text(f.track)
        case .kelurahan: return text(f.kelurahan)
        case .consentedNames: return text(f.consentedNames.joined(separator: ", "))
        case .activeMembers: return .integer(Int64(f.activeMembers))
        case .capitalReceived: return .rupiah(f.capitalReceived)
        case .equipmentItems: return f.equipment.map { .integer($0.items) } ?? .empty
        case .equipmentValue: return f.equipment.map { .rupiah($0.value) } ?? .empty
        case .latestSales: return b.latestSales.map { .rupiah($0.sales) } ?? .text(BusinessFollowUp.noReport)
        case .latestSalesPeriod: return b.latestSales.map { .text($0.month.description) } ?? .empty
        case .latestSalesAge: return b.latestSalesAgeDays(asOf: asOf).map { .integer(Int64($0)) } ?? .empty
        case .salesTrend: return .text(b.salesTrendText(months: 6, asOf: asOf))
        case .supportGiven:
            return text(SupportKind.allCases.compactMap { k in b.support[k].map { "\(k.label) ×\($0)" } }.joined(separator: ", "))
        case .needs: return text(b.openNeeds)
        case .licences: return text(f.market.licences.joined(separator: "; "))
        case .memberships: return text(f.market.memberships.joined(separator: "; "))
        case .channels: return text(f.market.channels.map(\.label).joined(separator: ", "))
        case .events: return text(f.market.events.joined(separator: "; "))
        case .contactWorker: return text(f.contactWorker)
        }
    }

    /// Reads the facts the profile allows from the store, one entry per usaha, keyed by code.
    public static func gather(from source: some RegistryPort & LedgerPort & ReportSource & ListingPort & AftercarePort & OutcomeReportSource & ConsentPort & MarketPort,
                              asOf: LocalDate) throws -> [String: UsahaFacts] {
        let tracks = Dictionary(uniqueKeysWithValues: try source.tracks().map { ($0.id, $0.name) })
        let equipment = try equipmentByKelompok(from: source, asOf: asOf)
        let consentEvents = Dictionary(grouping: try source.consentEvents(beneficiaryID: nil), by: \.beneficiaryID)
        let market = try MarketReadiness.facts(asOf: asOf, in: source)
        var facts: [String: UsahaFacts] = [:]
        for usaha in try source.usahas() {
            var ownerIDs: [Int64] = []
            var trackID: Int64?
            var subject: CaseSubject
            var kelompokEquipment: Equipment?
            switch usaha.owner {
            case .beneficiary(let id):
                ownerIDs = [id]
                trackID = try source.enrolments(beneficiaryID: id).max { $0.id < $1.id }?.trackID
                subject = .beneficiary(id)
            case .kelompok(let id):
                ownerIDs = try source.memberships(kelompokID: id)
                    .filter { $0.joinedOn <= asOf && ($0.leftOn.map { $0 > asOf } ?? true) }
                    .map(\.beneficiaryID)
                trackID = try source.kelompok(id: id)?.trackID
                subject = .kelompok(id)
                kelompokEquipment = equipment[id] ?? Equipment(items: 0, value: .zero)
            }
            // Her consents as they stand on the register's day, not only as registered.
            let owners = try ownerIDs.compactMap { try source.beneficiary(id: $0) }
                .map { ConsentState.applied(asOf, to: $0, events: consentEvents[$0.id] ?? []) }
            // Sharing the business and showing a name are two consents. A name is shown only
            // when every active owner agreed to hers: in a kelompok, the names of some would
            // point at the others.
            let named = owners.compactMap { owner -> String? in
                guard owner.consentShare, let name = owner.consentName?.trimmingCharacters(in: .whitespacesAndNewlines),
                      !name.isEmpty else { return nil }
                return name
            }
            let names = named.count == owners.count ? named : []
            var capital = Rupiah.zero
            if let book = try source.book(code: usaha.code), let account = try source.account(bookID: book.id, role: .usahaCapital) {
                capital = try source.balance(accountID: account.id).negated
            }
            var contact: String?
            if let assignment = try source.currentAssignment(subject), let worker = try source.worker(id: assignment.workerID) {
                contact = "\(worker.name) (\(worker.code))"
            }
            facts[usaha.code] = UsahaFacts(
                code: usaha.code, track: trackID.flatMap { tracks[$0] }, kelurahan: usaha.kelurahan, consentedNames: names,
                activeMembers: owners.count, sharingAllowed: !owners.isEmpty && owners.allSatisfy(\.consentShare),
                capitalReceived: capital, equipment: kelompokEquipment, contactWorker: contact)
            facts[usaha.code]?.market = market[usaha.id] ?? MarketReadiness.Facts()
        }
        return facts
    }

    /// Net equipment each kelompok holds at `asOf`: issues and transfers in, less transfers out,
    /// returns, write-offs and reversals.
    static func equipmentByKelompok(from source: some LedgerPort & ReportSource & RegistryPort,
                                    asOf: LocalDate) throws -> [Int64: Equipment] {
        var totals: [Int64: (items: Int64, value: Int64)] = [:]
        try source.forEachEntry { entry in
            guard entry.valueDate <= asOf, entry.kind == .equipmentIssue || entry.kind == .equipmentMove || entry.kind == .reversal else { return }
            for movement in try source.equipmentMovements(entryID: entry.id) {
                guard let kelompok = movement.kelompokID else { continue }
                // Out of the store room is negative; to the kelompok it is what it received.
                totals[kelompok, default: (0, 0)].items -= movement.quantity
                totals[kelompok, default: (0, 0)].value -= movement.value.amount
            }
        }
        return totals.mapValues { Equipment(items: $0.items, value: Rupiah($0.value)) }
    }
}
