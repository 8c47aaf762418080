@testable import BekalCore
import BekalPDF
import BekalStore
import Foundation
import Testing

/// A grant's kuitansi as an A4 PDF, read back by poppler's `pdftotext` and `pdfinfo` (CI
/// installs poppler-utils): one A4 page with the number, the amount in figures and in words,
/// what it is for, the place and date, and the signatories' names and NIP; a reversed grant's
/// kuitansi says it is void; making one is audited; an unknown number is refused, no file made.
@Suite struct KuitansiPDFTests {
    static let context = OperationContext(actor: "web:bendahara", now: Date(timeIntervalSince1970: 1_795_582_800)) // 2026-11-25

    static func programme() throws -> Operations {
        let ops = Operations(store: try SQLiteStore())
        try ops.initialise(officeName: "Dinas Sosial Kota Bandar Lampung")
        _ = try ops.addTrack(code: "tata-boga", name: "Tata Boga")
        _ = try ops.addCohort(CohortDraft(code: "2026", name: "Angkatan 2026", budget: Rupiah(100_000_000), budgetYear: 2026))
        for name in ["Siti Nurhaliza", "Dewi Lestari"] {
            _ = try ops.addBeneficiary(BeneficiaryDraft(name: name), enrolIn: ("2026", "tata-boga", .completed))
        }
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(10_000_000), documentRef: "SP2D-1"), context: context)
        _ = try ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "KW/2026/001"), context: context)
        _ = try ops.disburseGrant(GrantRequest(beneficiary: "B-00002", documentRef: "KW/2026/002"), context: context)
        var change = SettingsChange()
        change.signatories = Signatories(place: "Bandar Lampung", treasurerName: "Dra. Sri Rahayu",
                                         treasurerNIP: try NIP.parse("19750101 200003 2 001", field: .option("nip")),
                                         headName: "Drs. Ahmad Yani", headNIP: try NIP.parse("196805121994031005", field: .option("nip")))
        _ = try ops.changeSettings(change, context: context)
        return ops
    }

    static func tool(_ name: String) throws -> String {
        try #require(["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) },
                     "\(name) is missing: apt-get install -y poppler-utils")
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-kuitansi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The page's text, its lines' spaces folded, so words wrapped onto two lines still match.
    static func text(_ path: String) throws -> String {
        try run(try tool("pdftotext"), [path, "-"]).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    @Test func aKuitansiIsOneA4PageWithTheAmountInWordsAndTheSignatories() throws {
        let ops = try Self.programme()
        let kuitansi = try ops.kuitansi(number: "KW/2026/001", context: Self.context)
        #expect(kuitansi.amountInWords == "Satu juta lima ratus ribu rupiah" && kuitansi.recipientCode == "B-00001")
        let path = try Self.folder().appendingPathComponent("kuitansi.pdf").path
        try KuitansiPDF.write(kuitansi, to: path)
        try PDFArtifacts.save(path, as: "kuitansi")
        let info = try Self.run(try Self.tool("pdfinfo"), [path])
        #expect(info.contains("Pages:           1") && info.contains("(A4)"), "\(info)")
        let text = try Self.text(path)
        for expected in ["KUITANSI", "No. KW/2026/001", "Telah terima dari", "Bendahara Pengeluaran Dinas Sosial Kota Bandar Lampung",
                         "Satu juta lima ratus ribu rupiah", "Rp1.500.000,-", "Angkatan 2026 (Tata Boga)", "Siti Nurhaliza", "B-00001",
                         "Bandar Lampung, 25 November 2026", "Dra. Sri Rahayu", "NIP 19750101 200003 2 001", "Drs. Ahmad Yani",
                         "NIP 19680512 199403 1 005", "Yang menerima"] {
            #expect(text.contains(expected), "the kuitansi reads “\(expected)”: \(text)")
        }
        #expect(!text.contains("DIBATALKAN"))
        let audit = try ops.store.read { tx in
            try tx.auditRecords(actor: nil, action: AuditAction.documentKuitansi.rawValue, from: nil, to: nil, limit: 5)
        }
        #expect(audit.map(\.subject) == ["B-00001"] && audit.first?.detail == "kuitansi KW/2026/001" && audit.first?.actor == "web:bendahara")
    }

    @Test func aReversedGrantsKuitansiSaysItIsVoidAndAnUnknownNumberIsRefused() throws {
        let ops = try Self.programme()
        let entry = try ops.kuitansi(number: "KW/2026/002", context: Self.context).entryID
        let reversal = try ops.reverse(entryID: entry, reason: "salah penerima", context: Self.context)
        let kuitansi = try ops.kuitansi(number: "KW/2026/002", context: Self.context)
        #expect(kuitansi.reversedByEntryID == reversal.entry.id)
        let path = try Self.folder().appendingPathComponent("batal.pdf").path
        try KuitansiPDF.write(kuitansi, to: path)
        #expect(try Self.text(path).contains("DIBATALKAN: hibah ini dibalik dengan entri #\(reversal.entry.id)"))

        let before = try ops.store.read { tx in try tx.auditRecords(actor: nil, action: nil, from: nil, to: nil, limit: 100).count }
        for number in ["KW/2026/00", "SP2D-1", " ", "KW/2026/003"] {
            #expect(throws: ProgrammeRejection.notFound(.kuitansi, reference: number.trimmingCharacters(in: .whitespaces))) {
                _ = try ops.kuitansi(number: number, context: Self.context)
            }
        }
        #expect(try ops.store.read { tx in try tx.auditRecords(actor: nil, action: nil, from: nil, to: nil, limit: 100).count } == before)
        #expect(throws: PDFError.cannotWrite(path: "/nonexistent-folder/k.pdf")) { try KuitansiPDF.write(kuitansi, to: "/nonexistent-folder/k.pdf") }
    }
}

/// An equipment issue's BAST as an A4 PDF: the items with their quantities and values, the
/// total in figures and words, and every member of the kelompok on the day, to sign.
@Suite struct BASTPDFTests {
    @Test func theBASTListsTheItemsAndTheMembersOnTheDay() throws {
        let ops = try KuitansiPDFTests.programme()
        let context = KuitansiPDFTests.context
        _ = try ops.addEquipmentItem(code: "oven", name: "Oven gas", unit: "unit")
        _ = try ops.addEquipmentItem(code: "mixer", name: "Mixer", unit: "unit")
        _ = try ops.buyEquipment(EquipmentPurchase(lines: [.init(item: "oven", quantity: 2, unitCost: Rupiah(1_650_000)),
                                                                .init(item: "mixer", quantity: 1, unitCost: Rupiah(550_000))],
                                                        documentRef: "BELI/2026/01"), context: context)
        let day = LocalDate(year: 2026, month: 11, day: 10)!
        let kelompok = try ops.addKelompok(name: "Kue Mawar", cohort: "2026", track: "tata-boga", members: ["B-00001", "B-00002"],
                                           joinedOn: day)
        let issued = try ops.issueEquipment(EquipmentIssue(kelompok: kelompok.code, lines: [.init(item: "oven", quantity: 1),
                                                                                            .init(item: "mixer", quantity: 1)],
                                                           documentRef: "BAST/2026/01"), context: context)
        let bast = try ops.beritaAcaraSerahTerima(entryID: issued.entry.id, context: context)
        #expect(bast.lines.map(\.quantity) == [1, 1] && bast.total == Rupiah(2_200_000))
        #expect(bast.members.map(\.code) == ["B-00001", "B-00002"])
        let path = try KuitansiPDFTests.folder().appendingPathComponent("bast.pdf").path
        try BASTPDF.write(bast, to: path)
        try PDFArtifacts.save(path, as: "bast")
        let text = try KuitansiPDFTests.text(path)
        for expected in ["BERITA ACARA SERAH TERIMA PERALATAN", "Nomor: BAST/2026/01", "25 November 2026", "Drs. Ahmad Yani", "PIHAK PERTAMA",
                         "Kue Mawar (\(kelompok.code))", "Oven gas", "Mixer", "Rp1.650.000", "Rp550.000", "Rp2.200.000",
                         "Dua juta dua ratus ribu rupiah", "1. Siti Nurhaliza (B-00001)", "2. Dewi Lestari (B-00002)"] {
            #expect(text.contains(expected), "the BAST reads “\(expected)”: \(text)")
        }
        #expect(try ops.store.read { tx in
            try tx.auditRecords(actor: nil, action: AuditAction.documentBAST.rawValue, from: nil, to: nil, limit: 5)
        }.map(\.subject) == [kelompok.code])
        #expect(throws: ProgrammeRejection.notFound(.equipmentIssue, reference: "#1")) {
            _ = try ops.beritaAcaraSerahTerima(entryID: 1, context: context)
        }
    }
}

/// A closed month's berita acara penutupan kas: the balances at the month's end, the month's
/// entries, and the closing's seal in its short form, which `verify --expect` accepts.
@Suite struct PenutupanKasPDFTests {
    @Test func theClosingReportCarriesTheBalancesAndTheSealThatVerifies() throws {
        let ops = try KuitansiPDFTests.programme()
        let later = OperationContext(actor: "web:bendahara", now: Date(timeIntervalSince1970: 1_796_187_600)) // 2026-12-02
        let november = try YearMonth.parse("2026-11")
        #expect(throws: ProgrammeRejection.monthNotClosed(month: november)) { _ = try ops.beritaAcaraPenutupanKas(month: november) }
        let key = SealKey.generate()
        let closing = try ops.closeMonth(november, sealingWith: key, context: later)
        let report = try ops.beritaAcaraPenutupanKas(month: november)
        #expect(report.cash == Rupiah(7_000_000) && report.bank == .zero && report.entryCount == 3)
        let seal = try #require(closing.seal)
        #expect(report.sealShortForm == seal.shortForm)
        let path = try KuitansiPDFTests.folder().appendingPathComponent("penutupan.pdf").path
        try PenutupanKasPDF.write(report, to: path)
        try PDFArtifacts.save(path, as: "penutupan-kas")
        let text = try KuitansiPDFTests.text(path)
        for expected in ["BERITA ACARA PENUTUPAN KAS", "Bulan November 2026", "30 November 2026", "Rp7.000.000", "Tujuh juta rupiah",
                         "Jumlah entri buku bulan ini: 3.", seal.shortForm, "Dra. Sri Rahayu", "Drs. Ahmad Yani"] {
            #expect(text.contains(expected), "the report reads “\(expected)”: \(text)")
        }
        // The paper's seal is the one in the books.
        let reference = try SealReference.parse(try #require(report.sealShortForm))
        #expect(try ops.store.read { tx in try Verification.run(on: tx, trustedPublicKey: key.publicKeyHex, expect: reference) }.isValid)
    }

    /// The seal's key and digest are random, so the widest seal an office can reach is printed
    /// too: it stays on one line (a seal wrapped at a hyphen reads back without it, and a
    /// bendahara copying it by hand would copy it wrong).
    @Test func theWidestSealStaysOnOneLine() throws {
        let ops = try KuitansiPDFTests.programme()
        let later = OperationContext(actor: "web:bendahara", now: Date(timeIntervalSince1970: 1_796_187_600)) // 2026-12-02
        let november = try YearMonth.parse("2026-11")
        _ = try ops.closeMonth(november, sealingWith: SealKey.generate(), context: later)
        let real = try ops.beritaAcaraPenutupanKas(month: november)
        let widest = SealReference(number: 99_999, entryID: 99_999_999, digestPrefix: "DDDDDDDDDDDDDDDD", keyPrefix: "DDDDDDDD").text
        let report = BeritaAcaraPenutupanKas(officeName: real.officeName, month: real.month, cashAccount: real.cashAccount, cash: real.cash,
                                             bankAccount: real.bankAccount, bank: real.bank, entryCount: real.entryCount,
                                             sealShortForm: widest, signatories: real.signatories)
        let path = try KuitansiPDFTests.folder().appendingPathComponent("penutupan-lebar.pdf").path
        try PenutupanKasPDF.write(report, to: path)
        let lines = try KuitansiPDFTests.run(try KuitansiPDFTests.tool("pdftotext"), ["-layout", path, "-"]).split(separator: "\n")
        #expect(lines.contains { $0.contains(widest) }, "the seal \(widest) is on one line: \(lines.joined(separator: "\n"))")
    }
}
