import BekalCore
import BekalExport
import Foundation
import Testing

@Suite struct WorkbookTests {
    @Test(arguments: [true, false])
    func cashBookComesOutWithTypesFormatsAndLayout(constantMemory: Bool) throws {
        let scratch = try Scratch()
        let path = scratch.path("bku.xlsx")
        let workbook = try Workbook(path: path, options: .init(constantMemory: constantMemory))
        try workbook.addTableSheet(cashBook, name: "Buku Kas", options: .init(headingLines: headingLines))
        try workbook.addColumnGuide(title: "Keterangan kolom", entries: [("Tanggal", "Tanggal transaksi"), ("Saldo", "Saldo kas setelah transaksi")])
        try workbook.close()

        let file = try XlsxReader(path: path)
        #expect(try file.sheetNames() == ["Buku Kas", "Keterangan Kolom"])
        #expect(file.has("xl/sharedStrings.xml") == !constantMemory)
        let cells = try file.cells(sheet: 1)
        #expect(cells["A1"]?.text == "Buku Kas Umum Januari 2026")
        #expect(cells["A2"]?.text == "Dinas Sosial Kota Bandar Lampung")
        #expect(cells["A4"]?.text == "Diekspor 25 Nov 2026")
        #expect(["A6", "B6", "C6", "D6", "E6", "F6"].map { cells[$0]?.text } == ["Tanggal", "No. BKU", "Uraian", "Penerimaan", "Pengeluaran", "Saldo"])

        #expect(cells["A7"]?.number == Double(Worksheet.excelSerial(day("2026-01-05"))))
        #expect(cells["A7"]?.numberFormat == "[$-421]dd mmm yyyy")
        #expect(cells["B8"]?.text == "0002/01")
        #expect(cells["C9"]?.text == "Modal kerja angkatan 2025")
        #expect(cells["D7"]?.number == 30_000_000)
        #expect(cells["D7"]?.numberFormat == "\"Rp\"#,##0")
        #expect(cells["D8"] == nil, "an empty cell stays empty")
        #expect(cells["F9"]?.number == 27_000_000)

        // Totals: a footer amount equal to its column's sum is a SUM formula carrying the value;
        // the balance is not a sum and stays a number.
        #expect(cells["A10"]?.text == "Jumlah")
        #expect(cells["D10"]?.formula == "SUM(D7:D9)")
        #expect(cells["D10"]?.number == 30_000_000)
        #expect(cells["E10"]?.formula == "SUM(E7:E9)")
        #expect(cells["E10"]?.number == 3_000_000)
        #expect(cells["F10"]?.formula == nil)
        #expect(cells["F10"]?.number == 27_000_000)

        let sheet = try file.sheet(1)
        let pane = try #require(sheet.sheetViews?.sheetView.first?.pane)
        #expect(pane.ySplit == 6 && pane.state == "frozen" && pane.topLeftCell == "A7")
        #expect(sheet.autoFilter?.ref == "A6:F9")
        #expect(sheet.mergeCells?.mergeCell.map(\.ref).contains("A1:F1") == true)
        #expect(sheet.pageSetup?.orientation == "landscape")
        #expect(sheet.pageSetup?.fitToHeight == 0)
        #expect(sheet.sheetPr?.pageSetUpPr?.fitToPage == 1)
        let widths = Dictionary(uniqueKeysWithValues: (sheet.cols?.col ?? []).map { ($0.min, $0.width) })
        // "Modal kerja angkatan 2025" is 25 characters, plus a margin.
        #expect((widths[3] ?? 0) >= 27)
        #expect((widths[4] ?? 0) >= 12)
        #expect(try file.definedNames()["_xlnm.Print_Titles"] == "'Buku Kas'!$6:$6")

        let guide = try file.cells(sheet: 2)
        #expect(guide["A3"]?.text == "Kolom" && guide["B3"]?.text == "Keterangan")
        #expect(guide["B5"]?.text == "Saldo kas setelah transaksi")
    }

    @Test func excelDayNumbersMatchExcel() {
        #expect(Worksheet.excelSerial(day("2026-01-01")) == 46_023)
        #expect(Worksheet.excelSerial(day("1900-03-01")) == 61)
    }

    @Test func rowsStreamFromAClosureWithoutBeingCollected() throws {
        let scratch = try Scratch()
        let path = scratch.path("stream.xlsx")
        let workbook = try Workbook(path: path)
        var produced = 0
        var total: Int64 = 0
        let sheet = try workbook.addTableSheet(
            name: "Data", title: "Penjualan", columns: [.init("no", "No.", .integer), .init("jumlah", "Jumlah", .rupiah)],
            rows: {
                guard produced < 5_000 else { return nil }
                produced += 1
                total += Int64(produced) * 1_000
                return [.integer(Int64(produced)), .rupiah(Rupiah(Int64(produced) * 1_000))]
            },
            footer: { [[.empty, .rupiah(Rupiah(total))]] })
        try workbook.close()
        #expect(sheet.bodyRowCount == 5_000)

        let cells = try XlsxReader(path: path).cells(sheet: 1)
        // Title, a blank row and the header come first: the body is rows 4 to 5003.
        #expect(cells["A4"]?.number == 1)
        #expect(cells["A5003"]?.number == 5_000)
        #expect(cells["B5003"]?.number == 5_000_000)
        #expect(cells["B5004"]?.formula == "SUM(B4:B5003)")
        #expect(cells["B5004"]?.number == Double(total))
        #expect(try XlsxReader(path: path).sheet(1).autoFilter?.ref == "A3:B5003")
    }

    @Test func chartPartIsWrittenForAnOutcomeTable() throws {
        let scratch = try Scratch()
        let path = scratch.path("hasil.xlsx")
        let workbook = try Workbook(path: path)
        let table = Table(title: "Hasil per angkatan", columns: [
            .init("angkatan", "Angkatan"), .init("kembali", "Kembali", .integer), .init("tidak", "Tidak kembali", .integer),
        ], rows: [[.text("2025"), .integer(3), .integer(20)], [.text("2026"), .integer(1), .integer(25)]])
        let sheet = try workbook.addTableSheet(table, name: "Hasil")
        let chart = try workbook.addColumnChart()
        try chart.setTitle("Hasil per angkatan")
        try chart.setAxisNames(categories: "Angkatan", values: "Orang")
        let body = (sheet.headerRow + 1)...(sheet.headerRow + sheet.bodyRowCount)
        for column in 1...2 {
            try chart.addSeries(name: table.columns[column].title,
                                categories: CellRange(sheet: "Hasil", rows: body, columns: 0...0),
                                values: CellRange(sheet: "Hasil", rows: body, columns: column...column))
        }
        try sheet.sheet.insert(chart, row: sheet.headerRow + sheet.bodyRowCount + 2, column: 0)
        try workbook.close()

        let file = try XlsxReader(path: path)
        #expect(file.has("xl/charts/chart1.xml"))
        #expect(file.has("xl/drawings/drawing1.xml"))
        let chartXML = try file.text("xl/charts/chart1.xml")
        #expect(chartXML.contains("<c:barChart>"))
        #expect(chartXML.contains("Hasil!$A$4:$A$5"))
        #expect(chartXML.contains("Hasil!$C$4:$C$5"))
        #expect(chartXML.contains("Hasil per angkatan"))
    }

    @Test func wholeRupiahUpTo2To53AreExactAndLargerAreRefused() throws {
        let scratch = try Scratch()
        let path = scratch.path("big.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet("Angka")
        try sheet.write(number: Worksheet.exactIntegerMax, row: 0, column: 0)
        try sheet.write(rupiah: Rupiah(12_345_678_901_234), row: 0, column: 1)
        let error = try #require(throws: ExportError.self) {
            try sheet.write(rupiah: Rupiah(Worksheet.exactIntegerMax + 1), row: 1, column: 0)
        }
        #expect(error.reason == .numberTooLarge(Worksheet.exactIntegerMax + 1))
        #expect(error.message.contains("Angka!A2") && error.message.contains(path))
        #expect(throws: ExportError.self) { try sheet.write(formula: "=1", cachedValue: .min, row: 1, column: 1) }
        try workbook.close()
        let cells = try XlsxReader(path: path).cells(sheet: 1)
        #expect(cells["A1"]?.number == 9_007_199_254_740_992)
        #expect(cells["B1"]?.number == 12_345_678_901_234)
    }

    @Test func constantMemoryRowsGoTopToBottom() throws {
        let scratch = try Scratch()
        let workbook = try Workbook(path: scratch.path("order.xlsx"))
        let sheet = try workbook.addWorksheet("Urut")
        try sheet.write("b", row: 5, column: 0)
        defer {
            try? workbook.close()
            #expect(throws: ExportError.self) { try sheet.write("after close", row: 9, column: 0) }
        }
        let error = try #require(throws: ExportError.self) { try sheet.write("a", row: 3, column: 0) }
        #expect(error.code == "export_row_order")
        #expect(throws: ExportError.self) { try sheet.write("x", row: Worksheet.rowCount, column: 0) }
        #expect(throws: ExportError.self) { try sheet.write("x", row: 6, column: -1) }
    }

    @Test func aRowOfTheWrongWidthIsAnErrorNotACrash() throws {
        let scratch = try Scratch()
        let workbook = try Workbook(path: scratch.path("width.xlsx"))
        let sheet = try TableSheet(workbook: workbook, name: "A", title: "A", columns: cashBook.columns)
        let error = try #require(throws: ExportError.self) { try sheet.append([.text("x")]) }
        #expect(error.reason == .rowWidth(row: 3, expected: 6, actual: 1))
        try sheet.append(cashBook.rows[0])
        try sheet.appendFooter(cashBook.footer[0])
        let late = try #require(throws: ExportError.self) { try sheet.append(cashBook.rows[1]) }
        #expect(late.reason == .bodyAfterFooter(row: 5))
    }

    @Test func badSheetNamesAreRefusedWithLibxlsxwritersReason() throws {
        let scratch = try Scratch()
        let workbook = try Workbook(path: scratch.path("names.xlsx"))
        _ = try workbook.addWorksheet("Buku Kas")
        let duplicate = try #require(throws: ExportError.self) { _ = try workbook.addWorksheet("Buku Kas") }
        #expect(duplicate.code == "export_library_error")
        #expect(duplicate.message.contains("already in use"))
        #expect(throws: ExportError.self) { _ = try workbook.addWorksheet("Kas/Bank") }
        #expect(throws: ExportError.self) { _ = try workbook.addWorksheet(String(repeating: "x", count: 32)) }
    }

    @Test func anUnwritableOutputIsAClearErrorBeforeAnyRowIsWritten() throws {
        let missing = "/nonexistent-bekal-folder/koperasi.xlsx"
        let error = try #require(throws: ExportError.self) { _ = try Workbook(path: missing) }
        #expect(error.code == "export_output_not_writable")
        #expect(error.message == "could not write spreadsheet \(missing): checking the output path: the folder /nonexistent-bekal-folder does not exist; choose another --out path or create the folder first.")

        let scratch = try Scratch()
        let folderAsFile = scratch.folder.path
        #expect(throws: ExportError.self) { _ = try Workbook(path: folderAsFile) }
    }

    @Test func aFailureWhenTheFileIsFinallyWrittenIsAnErrorTheUserSees() throws {
        let scratch = try Scratch()
        let folder = scratch.path("gone")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let path = folder + "/bku.xlsx"
        let workbook = try Workbook(path: path)
        try workbook.addTableSheet(cashBook, name: "Buku Kas")
        try FileManager.default.removeItem(atPath: folder)

        let error = try #require(throws: ExportError.self) { try workbook.close() }
        #expect(error.code == "export_output_not_writable")
        #expect(error.message.hasPrefix("could not write spreadsheet \(path): creating the file: "))
        #expect(!FileManager.default.fileExists(atPath: path))
        // The workbook is spent, and says so instead of touching freed memory.
        let again = try #require(throws: ExportError.self) { try workbook.close() }
        #expect(again.reason == .closed)
        let sheet = try #require(throws: ExportError.self) { _ = try workbook.addWorksheet("Lagi") }
        #expect(sheet.reason == .closed)
    }
}
