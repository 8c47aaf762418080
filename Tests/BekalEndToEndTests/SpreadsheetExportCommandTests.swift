import Foundation
import Testing

/// `bekal export koperasi|keuangan|hasil` as an officer runs them, on the demo programme.
@Suite struct SpreadsheetExportCommandTests {
    @Test func theThreeExportsWriteIntoExportsAndAreAudited() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        #expect(try bekal.run("demo").status == 0)
        let folder = bekal.directory.appendingPathComponent("exports")
        for kind in ["koperasi", "keuangan", "hasil"] {
            let run = try bekal.run("export", kind)
            #expect(run.status == 0, "\(kind): \(run.stderr)")
            let file = try #require(run.stdout.split(separator: "\n").first.map(String.init))
            #expect(file.hasPrefix("exports/\(kind)-") && file.hasSuffix(".xlsx"))
            let path = bekal.directory.appendingPathComponent(file).path
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == (kind == "hasil" ? 0o600 : 0o644), "\(kind)")
            // An xlsx is a zip: it starts with PK.
            let head = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)).read(upToCount: 2)
            #expect(head == Data("PK".utf8))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 3)

        let csv = try bekal.run("export", "keuangan", "--format", "csv", "--sheet", "Neraca Saldo", "--out", "neraca.csv",
                                "--actor", "auditor")
        #expect(csv.status == 0, "\(csv.stderr)")
        let text = try String(contentsOf: bekal.directory.appendingPathComponent("neraca.csv"), encoding: .utf8)
        #expect(text.hasPrefix("Buku,Kode,Nama Akun,Jenis,Debet,Kredit,Saldo\r\n"))

        let audit = try bekal.run("audit", "--action", "export.keuangan", "--format", "csv")
        #expect(audit.status == 0)
        let lines = audit.stdout.split(separator: "\r\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.contains { $0.contains(",bendahara,export.keuangan,keuangan-v1,format=xlsx rows=") })
        #expect(lines.contains { $0.contains(",auditor,export.keuangan,keuangan-v1,format=csv rows=") && $0.contains("sheets=1") })
        #expect(try bekal.run("audit", "--action", "export.hasil", "--format", "csv").stdout.contains("hasil-v1"))

        let wrong = try bekal.run("export", "hasil", "--sheet", "Per Angkatan")
        #expect(wrong.status == 1 && wrong.stderr.contains("applies to CSV only"))
        let help = try bekal.run("export", "keuangan", "--help")
        #expect(help.stdout.contains("one file per sheet"))
    }
}
