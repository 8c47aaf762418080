import BekalCore
import Foundation
import PropertyBased
import Testing

@Suite struct CSVTests {
    @Test func readsHeaderAndRecordsWithLineNumbers() throws {
        let records = try CSV.parse("nama,angkatan\nRina,2007\nSiti,2008\n")
        #expect(records == [
            CSVRecord(line: 1, fields: ["nama", "angkatan"]),
            CSVRecord(line: 2, fields: ["Rina", "2007"]),
            CSVRecord(line: 3, fields: ["Siti", "2008"]),
        ])
    }

    @Test func crlfAndLfGiveTheSameRecords() throws {
        let lf = try CSV.parse("a,b\n1,2\n")
        let crlf = try CSV.parse("a,b\r\n1,2\r\n")
        let noFinalBreak = try CSV.parse("a,b\r\n1,2")
        #expect(lf == crlf)
        #expect(lf == noFinalBreak)
        #expect(crlf.map(\.line) == [1, 2])
    }

    @Test func stripsTheByteOrderMark() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("nama,nik\r\nA,\r\n".utf8)
        let records = try CSV.parse(data)
        #expect(records.first?.fields == ["nama", "nik"])
    }

    @Test func quotedFieldsWithDoubledQuotesCommasAndEmptyFields() throws {
        let records = try CSV.parse("\"Warung \"\"Bu Ani\"\"\",\"Jl. Ikan Kakap, Pesawahan\",,\"\"\n")
        #expect(records == [CSVRecord(line: 1, fields: ["Warung \"Bu Ani\"", "Jl. Ikan Kakap, Pesawahan", "", ""])])
    }

    @Test func aRecordWithALineBreakStartsOnItsFirstLine() throws {
        let text = "nama,catatan\r\nA,\"satu\r\ndua\r\ntiga\"\r\nB,x\r\n\r\nC,y\r\n"
        let records = try CSV.parse(text)
        #expect(records.map(\.line) == [1, 2, 5, 7])
        #expect(records[1].fields == ["A", "satu\ndua\ntiga"])
        #expect(records[2].fields == ["B", "x"])
    }

    @Test func blankLinesAreSkippedButTheirLinesCounted() throws {
        let records = try CSV.parse("a\n\n\nb\n")
        #expect(records == [CSVRecord(line: 1, fields: ["a"]), CSVRecord(line: 4, fields: ["b"])])
    }

    @Test func aQuoteInsideAnUnquotedFieldIsAnErrorAtItsPlace() {
        #expect(throws: CSVError(line: 2, column: 5, reason: "a quote inside a field that does not start with one",
                                 hint: "put the whole field in quotes and double the quote, e.g. \"Warung \"\"Bu Ani\"\"\"",
                                 alasan: "Ada tanda kutip di dalam sel yang tidak diawali tanda kutip",
                                 petunjuk: "Apit seluruh isi sel dengan tanda kutip dan tulis kutip di dalamnya dua kali, misalnya \"Warung \"\"Bu Ani\"\"\"")) {
            try CSV.parse("a,b\n1,ab\"c\n")
        }
    }

    @Test func textAfterAClosingQuoteIsAnError() throws {
        let error = try #require(throws: CSVError.self) { try CSV.parse("a,b\n\"x\"y,2\n") }
        #expect(error.line == 2 && error.column == 4)
        #expect(error.reason == "text after the closing quote of a field")
    }

    @Test func anUnclosedQuoteIsReportedWhereItOpened() throws {
        let error = try #require(throws: CSVError.self) { try CSV.parse("a,b\n1,2\n3,\"open\n4,5\n") }
        #expect(error.line == 3 && error.column == 3)
        #expect(error.reason == "a quoted field is never closed")
    }

    @Test func aFieldOverTheLimitIsAFlawOfItsRecordAndTheRestIsRead() throws {
        let long = String(repeating: "y", count: CSV.fieldLengthMax + 1)
        let records = try CSV.parse("a,b\nx,\"\(long)\"\n3,4\n")
        #expect(records.count == 3)
        #expect(records[1].flaws == [CSVFieldFlaw(field: 1, kind: .tooLong)])
        #expect(records[1].fields[1].count == CSV.fieldLengthMax, "kept only up to the limit")
        #expect(records[2] == CSVRecord(line: 3, fields: ["3", "4"]))
        #expect(records[1].flaws[0].reason == "is longer than 10000 characters")
    }

    @Test func aQuoteNeverClosedIsStillAnErrorOfTheFileHoweverLongItRuns() throws {
        let error = try #require(throws: CSVError.self) {
            try CSV.parse("a,b\n1,\"open\n" + String(repeating: "2,3\n", count: CSV.fieldLengthMax))
        }
        #expect(error.line == 2 && error.column == 3)
        #expect(error.reason == "a quoted field is never closed")
    }

    @Test func controlCharactersAreFlawsWithTheirPlaceNotCut() throws {
        let records = try CSV.parse("a,b\nx\u{0}y,ok\n\"p\u{1B}q\u{7}\",\"r\u{85}\"\n\u{7F},z\n")
        #expect(records[1].flaws == [CSVFieldFlaw(field: 0, kind: .controlCharacter("\u{0}", position: 2))])
        #expect(records[1].fields == ["x\u{0}y", "ok"], "the reader reports, the caller refuses")
        // One flaw per field: the first control character in it.
        #expect(records[2].flaws == [CSVFieldFlaw(field: 0, kind: .controlCharacter("\u{1B}", position: 2)),
                                     CSVFieldFlaw(field: 1, kind: .controlCharacter("\u{85}", position: 2))])
        #expect(records[3].flaws == [CSVFieldFlaw(field: 0, kind: .controlCharacter("\u{7F}", position: 1))])
        #expect(records[1].flaws[0].reason == "has the control character U+0000 (NUL) at character 2")
        #expect(records[2].flaws[0].reason == "has the control character U+001B at character 2")
    }

    @Test func aTabAndLineBreaksInQuotesAreText() throws {
        let records = try CSV.parse("a,b\r\n\"satu\tdua\",\"baris\r\nkedua\"\r\n")
        #expect(records[1] == CSVRecord(line: 2, fields: ["satu\tdua", "baris\nkedua"]))
    }

    @Test func invalidUTF8IsRefusedWithItsLine() throws {
        // "Café" in Windows-1252 (é is the byte 0xE9) on line 2: a file saved as "CSV" instead of "CSV UTF-8".
        let data = Data("nama\r\nCaf".utf8) + Data([0xE9]) + Data("\r\n".utf8)
        let error = try #require(throws: CSVError.self) { try CSV.parse(data) }
        #expect(error.line == 2 && error.column == 4)
        #expect(error.reason == "the file is not UTF-8 text")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let error = try #require(throws: CSVError.self) { try CSV.parse("é,ü\"\n") }
        #expect(error.column == 4)
    }

    @Test func aSemicolonSeparatorLeavesCommasInFields() throws {
        let records = try CSV.parse("nama;kelurahan\nAni;Way Halim, Bandar Lampung\n", separator: ";")
        #expect(records[1].fields == ["Ani", "Way Halim, Bandar Lampung"])
    }

    @Test func formattedRecordsReadBackTheSame() async {
        let pieces = ["a", "Bu", ",", "\"", "\n", " ", "é", "1", ""]
        let field = Gen.int(in: 0...(pieces.count - 1)).map { pieces[$0] }.array(of: 0...4).map { $0.joined() }
        let rows = field.array(of: 2...4).array(of: 1...6)
        await propertyCheck(input: rows) { rows in
            let parsed = try CSV.parse(CSV.format(rows))
            #expect(parsed.map(\.fields) == rows)
        }
    }
}
