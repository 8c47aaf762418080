import BekalCore
import Foundation
import Testing

/// `bekal print bku --month YYYY-MM`: the month's Buku Kas Umum as a PDF, or as xlsx when
/// `--out` ends in `.xlsx`; refused, naming the setting, until the signatories are set.
@Suite struct PrintBKUCommandTests {
    @Test func theBKUOfThisMonthIsWrittenAsPDFAndAsXlsx() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        let cli = CommandLineTests()
        try cli.setUp(bekal)
        let month = String(cli.today.prefix(7))
        let refused = try bekal.run("print", "bku", "--month", month, "--out", "bku.pdf")
        #expect(refused.status == 1 && refused.stderr.contains("`bekal settings set --place …`"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: bekal.directory.appendingPathComponent("bku.pdf").path))

        let set = try bekal.run("settings", "set", "--place", "Kota Uji", "--treasurer-name", "Bendahara Uji",
                                "--treasurer-nip", "197501012000032001", "--head-name", "Kepala Uji", "--head-nip", "196805121994031005")
        #expect(set.status == 0, "\(set.stderr)")
        let pdf = try bekal.run("print", "bku", "--month", month, "--out", "bku.pdf")
        #expect(pdf.status == 0, "\(pdf.stderr)")
        #expect(pdf.stdout == "Buku Kas Umum \(month) (1 row(s), receipts Rp20.000.000, payments Rp0, closing Rp20.000.000: "
                + "cash Rp20.000.000, bank Rp0) written to bku.pdf.\n")
        let written = try Data(contentsOf: bekal.directory.appendingPathComponent("bku.pdf"))
        #expect(written.starts(with: Data("%PDF-".utf8)))
        let xlsx = try bekal.run("print", "bku", "--month", month, "--out", "bku.xlsx")
        #expect(xlsx.status == 0 && xlsx.stdout.hasSuffix("written to bku.xlsx.\n"), "\(xlsx.stderr)")
        #expect(try Data(contentsOf: bekal.directory.appendingPathComponent("bku.xlsx")).starts(with: Data("PK".utf8)))
        let bad = try bekal.run("print", "bku", "--month", "2026-13")
        #expect(bad.status != 0 && bad.stderr.contains("2026-13"))
    }
}
