import BekalCore
import BekalPDF
import BekalStore
import Foundation
import Testing

/// An approved recipient list as its daftar penerima, read back by poppler: the SK, one row per
/// person with the amount and a box to sign, the header on every page, the total in figures and
/// words, the three signatories; a draft has none, a missing setting is refused by name, and a
/// superseded list says so.
@Suite struct DaftarPenerimaPDFTests {
    static let context = KuitansiPDFTests.context
    static let admin = OperationContext(actor: "web:admin", now: context.now)
    static let kepala = OperationContext(actor: "web:kepala", now: context.now)

    /// Forty graduates of cohort 2026 (the kuitansi programme's two and 38 more), the programme
    /// officer set, and the list approved with its SK.
    static func programme() throws -> Operations {
        let ops = try KuitansiPDFTests.programme()
        for n in 3...40 {
            _ = try ops.addBeneficiary(BeneficiaryDraft(externalRef: "BL-2026-\(100 + n)", name: "Peserta Pelatihan \(n)"),
                                       enrolIn: ("2026", "tata-boga", .completed))
        }
        var change = SettingsChange()
        var signers = try ops.settings().signatories
        signers.programmeOfficerName = "Yuliana Sari, S.Sos."
        signers.programmeOfficerNIP = try NIP.parse("197905202005012009", field: .option("nip"))
        change.signatories = signers
        _ = try ops.changeSettings(change, context: admin)
        _ = try ops.draftRecipientList(RecipientListRequest(cohort: "2026"), context: admin)
        return ops
    }

    @Test func anApprovedListIsItsDaftarPenerimaOnAsManyPagesAsItNeeds() throws {
        let ops = try Self.programme()
        #expect(throws: ProgrammeRejection.recipientListNotApproved(list: "DP-2026-1", status: .draft)) {
            try ops.daftarPenerima(list: "DP-2026-1", context: Self.context)
        }
        _ = try ops.approveRecipientList(code: "DP-2026-1", decreeNumber: "460/12/SK/DINSOS/2026", decreeDate: LocalDate(year: 2026, month: 11, day: 20)!,
                                         context: Self.kepala)
        let document = try ops.daftarPenerima(list: "DP-2026-1", context: Self.context)
        #expect(document.rows.count == 40 && document.total == Rupiah(60_000_000))
        // The two grants the kuitansi programme paid before the list are shown as paid.
        #expect(document.rows.prefix(2).allSatisfy { $0.paidUnder != nil } && document.rows[2].paidUnder == nil)
        let path = try KuitansiPDFTests.folder().appendingPathComponent(document.fileName).path
        try DaftarPenerimaPDF.write(document, to: path)
        try PDFArtifacts.save(path, as: "daftar-penerima")
        let info = try KuitansiPDFTests.run(try KuitansiPDFTests.tool("pdfinfo"), [path])
        let pages = Int(try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }).split(separator: " ").last ?? "") ?? 0
        #expect(pages >= 2 && info.contains("(A4)"), "\(info)")
        let text = try KuitansiPDFTests.text(path)
        for expected in ["DINAS SOSIAL KOTA BANDAR LAMPUNG", "DAFTAR PENERIMA BANTUAN MODAL KERJA USAHA", "Angkatan 2026 · Tahun Anggaran 2026", "SK Nomor 460/12/SK/DINSOS/2026 tanggal 20 November 2026", "Daftar DP-2026-1",
                         "Siti Nurhaliza", "Peserta Pelatihan 40", "B-00040", "BL-2026-140", "1.500.000", "Jumlah (40 orang)", "60.000.000",
                         "Terbilang: Enam puluh juta rupiah", "Mengetahui,", "Drs. Ahmad Yani", "NIP 19680512 199403 1 005",
                         "Pejabat Pelaksana Teknis Kegiatan", "Yuliana Sari, S.Sos.", "NIP 19790520 200501 2 009", "Bendahara Pengeluaran",
                         "Dra. Sri Rahayu", "NIP 19750101 200003 2 001", "kuitansi KW/2026/001"] {
            #expect(text.contains(expected), "the daftar penerima reads “\(expected)”")
        }
        // The table's header is on every page, and every page is numbered.
        #expect(text.components(separatedBy: "DAFTAR PENERIMA BANTUAN MODAL KERJA USAHA").count - 1 == pages, "\(pages) pages")
        #expect(text.components(separatedBy: "jempol").count - 1 == pages, "the table's header on each of \(pages) pages")
        #expect(text.contains("Daftar DP-2026-1 · halaman \(pages)"))
        #expect(!text.contains("DIGANTI"))
        let audit = try ops.store.read { tx in
            try tx.auditRecords(actor: nil, action: AuditAction.documentDaftarPenerima.rawValue, from: nil, to: nil, limit: 5)
        }
        #expect(audit.map(\.subject) == ["DP-2026-1"] && audit.first?.detail == "40 recipients")
    }

    @Test func aMissingSettingIsRefusedByNameAndASupersededListSaysSo() throws {
        let ops = try Self.programme()
        _ = try ops.approveRecipientList(code: "DP-2026-1", decreeNumber: "460/12/2026", decreeDate: LocalDate(year: 2026, month: 11, day: 20)!,
                                         context: Self.kepala)
        var change = SettingsChange()
        var signers = try ops.settings().signatories
        signers.programmeOfficerNIP = nil
        change.signatories = signers
        _ = try ops.changeSettings(change, context: Self.admin)
        #expect(throws: ProgrammeRejection.documentSettingMissing(document: "daftar penerima", setting: .programmeOfficerNIP)) {
            try ops.daftarPenerima(list: "DP-2026-1", context: Self.context)
        }
        signers.programmeOfficerNIP = try NIP.parse("197905202005012009", field: .option("nip"))
        change.signatories = signers
        _ = try ops.changeSettings(change, context: Self.admin)
        _ = try ops.draftRecipientList(RecipientListRequest(cohort: "2026", beneficiaries: ["B-00001", "B-00002"], supersedes: "DP-2026-1",
                                                            reason: "SK pertama dibatalkan sebagian"), context: Self.admin)
        _ = try ops.approveRecipientList(code: "DP-2026-2", decreeNumber: "460/15/2026", decreeDate: LocalDate(year: 2026, month: 11, day: 22)!,
                                         context: Self.kepala)
        let old = try ops.daftarPenerima(list: "DP-2026-1", context: Self.context)
        #expect(old.supersededBy == "DP-2026-2")
        let path = try KuitansiPDFTests.folder().appendingPathComponent("lama.pdf").path
        try DaftarPenerimaPDF.write(old, to: path)
        #expect(try KuitansiPDFTests.text(path).contains("DAFTAR INI TELAH DIGANTI OLEH DP-2026-2: TIDAK BERLAKU UNTUK PEMBAYARAN"))
    }
}
