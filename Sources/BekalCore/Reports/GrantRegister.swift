/// The grant register (*daftar penerima bantuan modal kerja*): every grant paid, with its
/// document, cohort, track, usaha and status. A beneficiary appears by her code, never by name.
public struct GrantRegister: Hashable, Codable, Sendable {
    public enum Status: String, Hashable, Codable, Sendable {
        case paid = "dibayar"
        case reversed = "dibalik"
    }

    public struct Line: Hashable, Codable, Sendable {
        public let date: LocalDate
        public let entryID: Int64
        public let documentRef: String?
        public let beneficiaryCode: String
        public let cohortCode: String
        public let trackCode: String?
        public let amount: Rupiah
        public let usahaCode: String?
        public let exceptionID: Int64?
        public let status: Status
        public let reversedByEntryID: Int64?
        /// Why the amount is not the cohort's standard, as the officer stated it.
        public let amountReason: String?
        /// `dibayar` / `dibalik oleh #N`.
        public var statusText: String { reversedByEntryID.map { "dibalik oleh #\($0)" } ?? status.rawValue }
    }

    public struct Totals: Hashable, Codable, Sendable {
        public let count: Int
        public let reversedCount: Int
        /// Every grant recorded, reversed or not.
        public let paid: Rupiah
        public let reversed: Rupiah
        /// Paid less reversed: what the grant expense account holds for these grants.
        public let net: Rupiah
    }

    public let cohortCode: String?
    public let lines: [Line]
    public let totals: Totals

    public static let title = "Register Bantuan Modal Kerja"

    public static let columns: [Table.Column] = [
        .init("date", "Tanggal", .date), .init("entry", "No. Entri", .integer), .init("document_ref", "No. Bukti"),
        .init("beneficiary", "Penerima"), .init("cohort", "Angkatan"), .init("track", "Jurusan"),
        .init("amount", "Jumlah", .rupiah), .init("usaha", "Usaha"), .init("exception", "Pengecualian", .integer),
        .init("status", "Status"), .init("note", "Keterangan"),
    ]

    @discardableResult
    public static func stream(cohort: String?, in tx: any StoreTransaction, line: (Line) throws -> Void) throws -> Totals {
        let cohortID = try cohort.map { try Resolve.cohort($0, in: tx).id }
        var count = 0, reversedCount = 0
        var paid = Rupiah.zero, reversed = Rupiah.zero
        try tx.forEachGrant(cohortID: cohortID) { row in
            let g = row.grant
            let status: Status = g.reversedByEntryID == nil ? .paid : .reversed
            count += 1
            paid = try paid.adding(g.amount)
            if status == .reversed {
                reversedCount += 1
                reversed = try reversed.adding(g.amount)
            }
            try line(Line(date: row.valueDate, entryID: g.entryID, documentRef: row.documentRef,
                          beneficiaryCode: Beneficiary.code(for: g.beneficiaryID), cohortCode: row.cohortCode,
                          trackCode: row.trackCode, amount: g.amount, usahaCode: g.usahaID.map(Usaha.code(for:)),
                          exceptionID: g.exceptionID, status: status, reversedByEntryID: g.reversedByEntryID,
                          amountReason: g.amountReason))
        }
        return Totals(count: count, reversedCount: reversedCount, paid: paid, reversed: reversed,
                      net: Rupiah(paid.amount - reversed.amount))
    }

    public static func build(cohort: String? = nil, in tx: any StoreTransaction) throws -> GrantRegister {
        var lines: [Line] = []
        let totals = try stream(cohort: cohort, in: tx) { lines.append($0) }
        return GrantRegister(cohortCode: try cohort.map { try Resolve.cohort($0, in: tx).code }, lines: lines, totals: totals)
    }

    public static func cells(_ line: Line) -> [Table.Cell] {
        [.date(line.date), .integer(line.entryID), line.documentRef.map { .text($0) } ?? .empty, .text(line.beneficiaryCode),
         .text(line.cohortCode), line.trackCode.map { .text($0) } ?? .empty, .rupiah(line.amount),
         line.usahaCode.map { .text($0) } ?? .empty, line.exceptionID.map { .integer($0) } ?? .empty, .text(line.statusText),
         line.amountReason.map { .text("Jumlah khusus: \($0)") } ?? .empty]
    }

    public static func footer(_ totals: Totals) -> [[Table.Cell]] {
        func row(_ label: String, _ count: Int, _ amount: Rupiah) -> [Table.Cell] {
            [.empty, .empty, .empty, .text(label), .empty, .empty, .rupiah(amount), .empty, .empty, .text("\(count) bantuan"), .empty]
        }
        return [row("Jumlah dicatat", totals.count, totals.paid), row("Dibalik", totals.reversedCount, totals.reversed),
                row("Bersih", totals.count - totals.reversedCount, totals.net)]
    }

    public var table: Table {
        Table(title: cohortCode.map { "\(Self.title) · angkatan \($0)" } ?? Self.title, columns: Self.columns,
              rows: lines.map(Self.cells), footer: Self.footer(totals))
    }
}
