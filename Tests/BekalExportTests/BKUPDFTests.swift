import BekalCore
import BekalExport
import BekalPDF
import BekalStore
import Foundation
import Testing

/// A month's Buku Kas Umum as a landscape A4 PDF (and the same layout as xlsx), read back with
/// `pdftotext`: the columns, every row's reference, Kode Rekening and amounts, the three totals
/// rows with figures worked out by hand below, the closing cash split into kas tunai and bank,
/// and the signatories; a long month spans pages with the header on each; a missing setting
/// is refused by name and no file is written.
@Suite struct BKUPDFTests {
    static let context = KuitansiPDFTests.context // 2026-11-25

    static func day(_ month: Int, _ day: Int) -> LocalDate { LocalDate(year: 2026, month: month, day: day)! }

    /// The Kuitansi fixture's office, its grant expense renumbered to the office's own kode
    /// rekening, and two months of cash and bank:
    ///
    /// | date | ref | what | cash | bank |
    /// | 5 Oct | SP2D-1 | budget into the bank | | +10.000.000 |
    /// | 6 Oct | CEK-1 | bank → cash | +4.000.000 | −4.000.000 |
    /// | 20 Oct | KW/2026/001 | grant B-00001 | −1.500.000 | |
    /// | 3 Nov | KW/2026/002 | grant B-00002 | −1.500.000 | |
    /// | 10 Nov | SP2D-2 | budget into cash | +2.000.000 | |
    /// | 12 Nov | SETOR-1 | cash → bank | −1.000.000 | +1.000.000 |
    /// | 15 Nov | BIAYA-1 | aftercare cost from the bank | | −250.000 |
    static func programme() throws -> Operations {
        let ops = Operations(store: try SQLiteStore())
        try ops.initialise(officeName: "Dinas Sosial Kota Bandar Lampung")
        _ = try ops.addTrack(code: "tata-boga", name: "Tata Boga")
        _ = try ops.addCohort(CohortDraft(code: "2026", name: "Angkatan 2026", budget: Rupiah(100_000_000), budgetYear: 2026))
        for name in ["Siti Nurhaliza", "Dewi Lestari"] {
            _ = try ops.addBeneficiary(BeneficiaryDraft(name: name), enrolIn: ("2026", "tata-boga", .completed))
        }
        _ = try ops.renameAccount(code: "5101", newCode: "5.1.05.01", newName: nil, context: context)
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(10_000_000), documentRef: "SP2D-1", valueDate: day(10, 5), intoBank: true),
                                  context: context)
        _ = try ops.transferCash(CashTransfer(amount: Rupiah(4_000_000), to: .cash, documentRef: "CEK-1", valueDate: day(10, 6)), context: context)
        _ = try ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "KW/2026/001", valueDate: day(10, 20)), context: context)
        _ = try ops.disburseGrant(GrantRequest(beneficiary: "B-00002", documentRef: "KW/2026/002", valueDate: day(11, 3)), context: context)
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(2_000_000), documentRef: "SP2D-2", valueDate: day(11, 10)), context: context)
        _ = try ops.transferCash(CashTransfer(amount: Rupiah(1_000_000), to: .bank, documentRef: "SETOR-1", valueDate: day(11, 12)),
                                 context: context)
        _ = try ops.recordAftercareExpense(AftercareExpense(amount: Rupiah(250_000), documentRef: "BIAYA-1", memo: "Cetak label merek",
                                                            valueDate: day(11, 15), paidFrom: .bank), context: context)
        var change = SettingsChange()
        change.signatories = Signatories(place: "Bandar Lampung", treasurerName: "Dra. Sri Rahayu",
                                         treasurerNIP: try NIP.parse("19750101 200003 2 001", field: .option("nip")),
                                         headName: "Drs. Ahmad Yani", headNIP: try NIP.parse("196805121994031005", field: .option("nip")))
        change.officeAddress = "Jl. Dr. Susilo No. 2, Bandar Lampung"
        _ = try ops.changeSettings(change, context: context)
        return ops
    }

    /// The lines of the pages as `pdftotext -layout` sets them out, each line's spaces folded.
    static func layoutText(_ path: String) throws -> [String] {
        try KuitansiPDFTests.run(try KuitansiPDFTests.tool("pdftotext"), ["-layout", path, "-"]).split(separator: "\n")
            .map { $0.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
    }

    @Test func novembersBKUHoldsItsRowsTotalsTheCashSplitAndTheSignatories() throws {
        let ops = try Self.programme()
        let bku = try ops.bukuKasUmum(month: try YearMonth.parse("2026-11"))
        // By hand, from the table above. Brought forward: cash 4.000.000 − 1.500.000, bank 10.000.000 − 4.000.000.
        #expect(bku.openingBalance == Rupiah(2_500_000 + 6_000_000))
        // This month: in 2.000.000 (SP2D-2) + 1.000.000 (SETOR-1 into the bank); out 1.500.000 + 1.000.000 (SETOR-1 out of cash) + 250.000.
        #expect(bku.thisMonth == .init(receipts: Rupiah(3_000_000), payments: Rupiah(2_750_000)))
        // January to October: in 10.000.000 + 4.000.000 (CEK-1 into cash); out 4.000.000 (CEK-1 out of the bank) + 1.500.000.
        #expect(bku.beforeThisMonth == .init(receipts: Rupiah(14_000_000), payments: Rupiah(5_500_000)))
        #expect(bku.throughThisMonth == .init(receipts: Rupiah(17_000_000), payments: Rupiah(8_250_000)))
        #expect(bku.closingCash == Rupiah(2_500_000 - 1_500_000 + 2_000_000 - 1_000_000))
        #expect(bku.closingBank == Rupiah(6_000_000 + 1_000_000 - 250_000))
        #expect(bku.rows.map(\.number) == [1, 2, 3, 4, 5])
        #expect(bku.rows.map { $0.documentRef ?? "" } == ["KW/2026/002", "SP2D-2", "SETOR-1", "SETOR-1", "BIAYA-1"])
        // The transfer shows both sides, each against the other sub-book's account.
        let transfer = bku.rows.filter { $0.documentRef == "SETOR-1" }
        #expect(Set(transfer.map(\.subBook)) == [.cash, .bank])
        #expect(transfer.first { $0.subBook == .cash }.map { ($0.payment, $0.accountCodes) } ?? (.zero, "") == (Rupiah(1_000_000), "1102"))
        #expect(transfer.first { $0.subBook == .bank }.map { ($0.receipt, $0.accountCodes) } ?? (.zero, "") == (Rupiah(1_000_000), "1101"))
        #expect(bku.rows.map(\.accountCodes) == ["5.1.05.01", "4101", transfer[0].accountCodes, transfer[1].accountCodes, "5103"])
        #expect(bku.rows.last?.balance == Rupiah(8_750_000))

        let path = try KuitansiPDFTests.folder().appendingPathComponent("bku.pdf").path
        try BKUPDF.write(bku, to: path)
        try PDFArtifacts.save(path, as: "bku")
        let info = try KuitansiPDFTests.run(try KuitansiPDFTests.tool("pdfinfo"), [path])
        #expect(info.contains("841.89 x 595.276 pts (A4)"), "landscape A4: \(info)")
        let text = try KuitansiPDFTests.text(path)
        for expected in ["DINAS SOSIAL KOTA BANDAR LAMPUNG", "Jl. Dr. Susilo No. 2, Bandar Lampung", "BUKU KAS UMUM",
                         "Bulan November 2026", "Tahun Anggaran 2026",
                         "No.", "Tanggal", "No. Bukti", "Uraian", "Kode Rekening", "Penerimaan", "Pengeluaran", "Saldo",
                         "Saldo bulan lalu", "Rp8.500.000",
                         "03-11-2026", "KW/2026/002", "Bantuan modal kerja B-00002 angkatan 2026", "5.1.05.01", "Rp1.500.000",
                         "10-11-2026", "SP2D-2", "4101", "Rp2.000.000", "SETOR-1", "Rp1.000.000",
                         "BIAYA-1", "Cetak label merek", "5103", "Rp250.000", "Rp8.750.000",
                         "Delapan juta tujuh ratus lima puluh ribu rupiah",
                         "Bandar Lampung, 30 November 2026", "Mengetahui", "Bendahara Pengeluaran",
                         "Dra. Sri Rahayu", "NIP 19750101 200003 2 001", "Drs. Ahmad Yani", "NIP 19680512 199403 1 005",
                         "Halaman 1 dari"] {
            #expect(text.contains(expected), "the BKU reads “\(expected)”: \(text)")
        }
        // The totals and the cash split, each a line of the page.
        let lines = try Self.layoutText(path)
        for expected in ["Jumlah bulan ini Rp3.000.000 Rp2.750.000 Rp8.750.000", "Jumlah s.d. bulan lalu Rp14.000.000 Rp5.500.000",
                         "Jumlah s.d. bulan ini Rp17.000.000 Rp8.250.000",
                         "Saldo kas di Bendahara Pengeluaran per 30 November 2026 Rp8.750.000",
                         "a. Kas tunai (1101 Kas di Bendahara Pengeluaran) Rp2.000.000", "b. Bank (1102 Rekening Bank Bendahara) Rp6.750.000",
                         "1 03-11-2026 KW/2026/002", "5.1.05.01 Rp1.500.000 Rp7.000.000"] {
            #expect(lines.contains { $0.contains(expected) }, "a line of the BKU reads “\(expected)”: \(lines)")
        }
        // October's rows are not November's; no beneficiary is named.
        for absent in ["SP2D-1", "CEK-1", "KW/2026/001", "Siti Nurhaliza", "Dewi Lestari"] {
            #expect(!text.contains(absent), "November's BKU does not read “\(absent)”")
        }
    }

    /// October: the first month with entries; nothing before it this year.
    @Test func octobersBKUStartsFromNothing() throws {
        let bku = try Self.programme().bukuKasUmum(month: try YearMonth.parse("2026-10"))
        #expect(bku.openingBalance == .zero && bku.beforeThisMonth == .zero)
        #expect(bku.thisMonth == .init(receipts: Rupiah(14_000_000), payments: Rupiah(5_500_000)))
        #expect(bku.closingCash == Rupiah(2_500_000) && bku.closingBank == Rupiah(6_000_000))
        #expect(bku.rows.map { $0.documentRef ?? "" } == ["SP2D-1", "CEK-1", "CEK-1", "KW/2026/001"])
    }

    @Test func aLongMonthSpansPagesWithTheHeaderOnEach() throws {
        let ops = try Self.programme()
        for n in 1...60 {
            _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(10_000), documentRef: "TERIMA-\(n)", valueDate: Self.day(11, 20),
                                                    memo: "Penerimaan titipan kelompok \(n) untuk keperluan pameran produk usaha binaan "
                                                        + "di gedung Dinas Koperasi, Perindustrian dan Perdagangan"), context: Self.context)
        }
        let bku = try ops.bukuKasUmum(month: try YearMonth.parse("2026-11"))
        #expect(bku.rows.count == 65 && bku.thisMonth.receipts == Rupiah(3_000_000 + 600_000))
        let path = try KuitansiPDFTests.folder().appendingPathComponent("bku-long.pdf").path
        try BKUPDF.write(bku, to: path)
        try PDFArtifacts.save(path, as: "bku-long")
        let info = try KuitansiPDFTests.run(try KuitansiPDFTests.tool("pdfinfo"), [path])
        let pages = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.split(separator: " ").last ?? "") })
        #expect(pages >= 3, "\(info)")
        for page in 1...pages {
            // -layout keeps a line of the page on one line: the header's titles side by side.
            let text = try KuitansiPDFTests.run(try KuitansiPDFTests.tool("pdftotext"), ["-layout", "-f", "\(page)", "-l", "\(page)", path, "-"])
                .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            for header in ["No. Tanggal No. Bukti Uraian Kode Penerimaan Pengeluaran Saldo", "Halaman \(page) dari \(pages)"] {
                #expect(text.contains(header), "page \(page) reads “\(header)”: \(text)")
            }
            if page > 1 { #expect(text.contains("(lanjutan)")) }
        }
        let all = try KuitansiPDFTests.text(path)
        #expect(all.contains("TERIMA-1 ") && all.contains("TERIMA-60 "))
        #expect(try Self.layoutText(path).contains { $0.contains("Jumlah bulan ini Rp3.600.000 Rp2.750.000") })
        #expect(all.contains("Dra. Sri Rahayu"))
    }

    @Test func aMissingSettingIsRefusedByNameAndNoFileIsWritten() throws {
        let ops = Operations(store: try SQLiteStore())
        try ops.initialise(officeName: "Dinas Sosial Kota Bandar Lampung")
        var change = SettingsChange()
        change.signatories = Signatories(place: "Bandar Lampung", treasurerName: "Dra. Sri Rahayu")
        _ = try ops.changeSettings(change, context: Self.context)
        let path = try KuitansiPDFTests.folder().appendingPathComponent("bku.pdf").path
        #expect(throws: ProgrammeRejection.documentSettingMissing(document: "Buku Kas Umum", setting: .treasurerNIP)) {
            try BKUPDF.write(try ops.bukuKasUmum(month: try YearMonth.parse("2026-11")), to: path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// The xlsx BKU: the same columns, Uraian wrapping in a set width, the header frozen and the
    /// print title of each page, the totals and the cash split under the table.
    @Test func theXlsxBKUFollowsTheSameLayout() throws {
        let bku = try Self.programme().bukuKasUmum(month: try YearMonth.parse("2026-11"))
        let path = try KuitansiPDFTests.folder().appendingPathComponent("bku.xlsx").path
        try BKUWorkbook.write(bku, to: path)
        let file = try XlsxReader(path: path)
        #expect(try file.sheetNames() == ["BKU 2026-11"])
        let cells = try file.cells(sheet: 1)
        // Title, office, address, month, accounts, blank: the header on row 7.
        #expect(["A7", "B7", "C7", "D7", "E7", "F7", "G7", "H7"].map { cells[$0]?.text }
            == ["No.", "Tanggal", "No. Bukti", "Uraian", "Kode Rekening", "Penerimaan", "Pengeluaran", "Saldo"])
        #expect(cells["D8"]?.text == "Saldo bulan lalu" && cells["H8"]?.number == 8_500_000)
        #expect(cells["A9"]?.number == 1 && cells["C9"]?.text == "KW/2026/002" && cells["E9"]?.text == "5.1.05.01"
                && cells["G9"]?.number == 1_500_000 && cells["F9"] == nil)
        #expect(cells["D14"]?.text == "Jumlah bulan ini" && cells["F14"]?.number == 3_000_000 && cells["G14"]?.number == 2_750_000)
        #expect(cells["F15"]?.number == 14_000_000 && cells["G15"]?.number == 5_500_000)
        #expect(cells["F16"]?.number == 17_000_000 && cells["G16"]?.number == 8_250_000)
        let texts = cells.values.compactMap(\.text)
        for expected in ["terdiri dari: a. Kas tunai (1101 Kas di Bendahara Pengeluaran)", "Rp2.000.000", "Rp6.750.000", "Dra. Sri Rahayu",
                         "NIP 19750101 200003 2 001", "Drs. Ahmad Yani", "NIP 19680512 199403 1 005"] {
            #expect(texts.contains(expected), "the xlsx BKU holds “\(expected)”")
        }
        let sheet = try file.sheet(1)
        #expect(sheet.sheetViews?.sheetView.first?.pane?.topLeftCell == "A8")
        #expect(try file.definedNames()["_xlnm.Print_Titles"] == "'BKU 2026-11'!$7:$7")
        let uraian = try #require(sheet.cols?.col.first { $0.min == 4 }?.width)
        #expect(uraian > 55 && uraian < 56, "Uraian is 55 characters wide (with the cell's padding): \(uraian)")
        #expect(sheet.pageSetup?.orientation == "landscape")
    }
}

/// Kuitansi in bulk: one PDF of many, one per page; the letterhead with the office's address.
@Suite struct KuitansiBatchPDFTests {
    @Test func theLetterheadCarriesTheOfficeAddressOnceItIsSet() throws {
        let ops = try KuitansiPDFTests.programme()
        let folder = try KuitansiPDFTests.folder()
        let before = folder.appendingPathComponent("tanpa-alamat.pdf").path
        try KuitansiPDF.write(try ops.kuitansi(number: "KW/2026/001", context: KuitansiPDFTests.context), to: before)
        #expect(try KuitansiPDFTests.text(before).hasPrefix("DINAS SOSIAL KOTA BANDAR LAMPUNG KUITANSI"))
        var change = SettingsChange()
        change.officeAddress = "Jl. Dr. Susilo No. 2, Teluk Betung, Bandar Lampung"
        _ = try ops.changeSettings(change, context: KuitansiPDFTests.context)
        let after = folder.appendingPathComponent("alamat.pdf").path
        try KuitansiPDF.write(try ops.kuitansi(number: "KW/2026/001", context: KuitansiPDFTests.context), to: after)
        #expect(try KuitansiPDFTests.text(after).hasPrefix("DINAS SOSIAL KOTA BANDAR LAMPUNG Jl. Dr. Susilo No. 2, Teluk Betung, Bandar Lampung KUITANSI"))
    }

    @Test func writeAllPutsOneKuitansiOnEachPage() throws {
        let ops = try KuitansiPDFTests.programme()
        let all = try ["KW/2026/001", "KW/2026/002"].map { try ops.kuitansi(number: $0, context: KuitansiPDFTests.context) }
        let path = try KuitansiPDFTests.folder().appendingPathComponent("semua.pdf").path
        try KuitansiPDF.writeAll(all, to: path)
        try PDFArtifacts.save(path, as: "kuitansi-semua")
        #expect(try KuitansiPDFTests.run(try KuitansiPDFTests.tool("pdfinfo"), [path]).contains("Pages:           2"))
        for (page, number) in [(1, "KW/2026/001"), (2, "KW/2026/002")] {
            let text = try KuitansiPDFTests.run(try KuitansiPDFTests.tool("pdftotext"), ["-f", "\(page)", "-l", "\(page)", path, "-"])
            #expect(text.contains("No. \(number)") && text.contains("KUITANSI"))
        }
    }
}

/// The xlsx BKU as LibreOffice prints it (`soffice --headless --convert-to pdf`, when
/// libreoffice-calc is installed, as in CI): the header on every page, and no text printed over
/// other text, the wrapped Uraian of a row included (its row is made tall enough).
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice"), "needs libreoffice-calc"))
struct BKUWorkbookPrintTests {
    /// Every word's box on each page, from `pdftotext -bbox`.
    static func words(_ pdf: String) throws -> [[(x0: Double, y0: Double, x1: Double, y1: Double, text: String)]] {
        let xml = try KuitansiPDFTests.run(try KuitansiPDFTests.tool("pdftotext"), ["-bbox", pdf, "-"])
        let word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/
        return xml.components(separatedBy: "<page ").dropFirst().map { page in
            page.matches(of: word).map { m in (Double(m.1)!, Double(m.2)!, Double(m.3)!, Double(m.4)!, String(m.5)) }
        }
    }

    @Test func libreOfficePrintsTheHeaderOnEveryPageAndNoRowOverAnother() throws {
        let ops = try BKUPDFTests.programme()
        for n in 1...40 {
            _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(10_000), documentRef: "TERIMA-\(n)", valueDate: BKUPDFTests.day(11, 20),
                                                    memo: "Penerimaan titipan kelompok \(n) untuk keperluan pameran produk usaha binaan "
                                                        + "di gedung Dinas Koperasi, Perindustrian dan Perdagangan"), context: BKUPDFTests.context)
        }
        let folder = try KuitansiPDFTests.folder()
        let xlsx = folder.appendingPathComponent("bku.xlsx").path
        try BKUWorkbook.write(try ops.bukuKasUmum(month: try YearMonth.parse("2026-11")), to: xlsx)
        let profile = folder.appendingPathComponent("lo-profile").absoluteString
        _ = try KuitansiPDFTests.run("/usr/bin/timeout", ["120", "/usr/bin/soffice", "-env:UserInstallation=\(profile)", "--headless",
                                                          "--convert-to", "pdf", "--outdir", folder.path, xlsx])
        let pdf = folder.appendingPathComponent("bku.pdf").path
        try #require(FileManager.default.fileExists(atPath: pdf), "LibreOffice wrote no PDF")
        try PDFArtifacts.save(pdf, as: "bku-xlsx-libreoffice")
        let pages = try Self.words(pdf)
        #expect(pages.count >= 2)
        for (index, words) in pages.enumerated() {
            #expect(words.contains { $0.text == "Uraian" } && words.contains { $0.text == "Pengeluaran" }, "page \(index + 1) has the header")
            // Wrapped lines of one cell touch by under a point; a row printed over another overlaps by most of a line.
            for (i, a) in words.enumerated() {
                for b in words[(i + 1)...] where min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 && min(a.y1, b.y1) - max(a.y0, b.y0) > 2 {
                    Issue.record("page \(index + 1): “\(a.text)” and “\(b.text)” are printed over each other")
                }
            }
        }
        let text = try KuitansiPDFTests.text(pdf)
        for expected in ["TERIMA-40", "Jumlah bulan ini", "Dra. Sri Rahayu", "NIP 19750101 200003 2 001"] {
            #expect(text.contains(expected), "LibreOffice prints “\(expected)”")
        }
    }
}
