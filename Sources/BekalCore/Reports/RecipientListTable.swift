/// Recipient lists as tables, for the command line (the web app lays out the same state).
public enum RecipientListTable {
    /// The register of lists: one row per list with its status and SK.
    public static func lists(_ lists: [(summary: RecipientListSummary, status: RecipientList.Status, cohort: String, track: String?)]) -> Table {
        Table(title: "Daftar penerima bantuan", columns: [
            .init("code", "Kode"), .init("cohort", "Angkatan"), .init("track", "Jurusan"), .init("people", "Orang", .integer),
            .init("amount", "Per orang", .rupiah), .init("status", "Status"), .init("decree", "SK"), .init("drafted_by", "Disusun oleh"),
            .init("approved_by", "Disetujui oleh"),
        ], rows: lists.map { l in
            [.text(l.summary.code), .text(l.cohort), l.track.map(Table.Cell.text) ?? .text("semua"), .integer(Int64(l.summary.lineCount)),
             .rupiah(l.summary.amount), .text(statusWord(l.status)),
             l.summary.approval.map { .text("\($0.decreeNumber) (\($0.decreeDate))") } ?? .empty, .text(l.summary.draftedBy),
             l.summary.approval.map { .text($0.approvedBy) } ?? .empty]
        })
    }

    /// A list's lines with whether each is paid. It names the recipients: for the officers who pay them.
    public static func lines(_ state: RecipientListState) -> Table {
        Table(title: "Daftar penerima \(state.list.code) · angkatan \(state.cohort.code) · \(statusWord(state.status))", columns: [
            .init("number", "No.", .integer), .init("code", "Kode"), .init("name", "Nama"), .init("amount", "Jumlah", .rupiah),
            .init("state", "Pembayaran"), .init("entry", "Entri", .integer), .init("kuitansi", "No. kuitansi"),
        ], rows: state.lines.map { line in
            var row: [Table.Cell] = [.integer(Int64(line.line.number)), .text(line.line.beneficiaryCode), .text(line.name), .rupiah(line.line.amount)]
            switch line.state {
            case .paid(let entryID, let ref, let date):
                row += [.text("dibayar \(date)"), .integer(entryID), ref.map(Table.Cell.text) ?? .empty]
            case .unpaid:
                row += [.text("belum dibayar"), .empty, .empty]
            case .blocked(let why):
                row += [.text("tertahan: \(why.code)"), .empty, .empty]
            }
            return row
        })
    }

    /// The equipment a list approves, per kelompok and item.
    public static func equipment(_ list: RecipientList, in tx: any StoreTransaction) throws -> Table {
        Table(title: "Peralatan yang disetujui · \(list.code)", columns: [
            .init("number", "No.", .integer), .init("kelompok", "Kelompok"), .init("item", "Barang"), .init("quantity", "Jumlah", .integer),
            .init("issued", "Sudah diserahkan", .integer),
        ], rows: try list.equipment.map { line in
            let item = try tx.equipmentItem(id: line.itemID)
            return [.integer(Int64(line.number)), .text(line.kelompokCode), .text(item.map { "\($0.code) · \($0.name)" } ?? "#\(line.itemID)"),
                    .integer(line.quantity), .integer(try tx.issuedQuantity(kelompokID: line.kelompokID, itemID: line.itemID))]
        })
    }

    public static func statusWord(_ status: RecipientList.Status) -> String {
        switch status {
        case .draft: "draf"
        case .approved: "disetujui"
        case .superseded: "diganti"
        }
    }
}
