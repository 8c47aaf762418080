import BekalCore
import Foundation

/// Journal entries as the money pages show them: kind in Indonesian, the amount moved, the
/// entries it reverses or is reversed by, links to each.
enum EntryView {
    static func kindLabel(_ kind: EntryKind) -> String {
        switch kind {
        case .budgetReceipt: "Penerimaan anggaran"
        case .grant: "Bantuan modal kerja"
        case .grantCapital: "Modal dari bantuan"
        case .equipmentPurchase: "Pembelian peralatan"
        case .equipmentIssue: "Penyerahan peralatan"
        case .aftercareExpense: "Biaya pendampingan"
        case .cashTransfer: "Pemindahbukuan"
        case .usahaReport: "Laporan usaha"
        case .equipmentMove: "Mutasi peralatan"
        case .equipmentRepair: "Perbaikan peralatan"
        case .reversal: "Pembalikan"
        }
    }

    /// What the entry moved: the sum of its debits.
    static func amount(_ entry: JournalEntry) -> Rupiah {
        Rupiah(entry.postings.reduce(Int64(0)) { $0 + max($1.amount.amount, 0) })
    }

    /// One line of the dashboard's latest entries.
    static func row(_ entry: JournalEntry, reversedBy: Int64?) -> [String: Any] {
        var row: [String: Any] = [
            "id": entry.id, "date": Format.date(entry.valueDate), "memo": entry.memo,
            "amount": Format.rupiah(amount(entry)),
        ]
        if let ref = entry.documentRef { row["ref"] = ref }
        if let reverses = entry.reversesEntryID { row["reverses"] = reverses }
        if let reversedBy { row["reversedBy"] = reversedBy }
        return row
    }

    /// `31 Des 2012 10.00`: when it was recorded, in the office's time zone.
    static func recorded(_ stamp: String, timeZone: String) -> String {
        guard let instant = try? Date(stamp, strategy: .iso8601) else { return stamp }
        let zone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "Asia/Jakarta")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.hour, .minute], from: instant)
        let time = String(format: "%02d.%02d", c.hour ?? 0, c.minute ?? 0)
        return "\(Format.date(LocalDate(instant, in: zone))) \(time)"
    }
}
