import Foundation
import XMLCoder
import ZIPFoundation

/// Reads back what a test wrote: unzips the xlsx and decodes the parts the tests check.
struct XlsxReader {
    let archive: Archive

    init(path: String) throws {
        archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    }

    func has(_ part: String) -> Bool { archive[part] != nil }

    func data(_ part: String) throws -> Data {
        guard let entry = archive[part] else { throw Missing(part: part) }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }

    func text(_ part: String) throws -> String { String(decoding: try data(part), as: UTF8.self) }

    struct Missing: Error { let part: String }

    private func decode<T: Decodable>(_ type: T.Type, _ part: String) throws -> T {
        let decoder = XMLDecoder()
        decoder.trimValueWhitespaces = false
        decoder.shouldProcessNamespaces = true
        return try decoder.decode(T.self, from: try data(part))
    }

    // MARK: Parts

    struct WorkbookXML: Decodable {
        struct Sheets: Decodable { let sheet: [Sheet] }
        struct Sheet: Decodable { let name: String }
        struct DefinedNames: Decodable { let definedName: [DefinedName] }
        struct DefinedName: Decodable {
            let name: String
            let value: String
            enum CodingKeys: String, CodingKey { case name, value = "" }
        }
        let sheets: Sheets
        let definedNames: DefinedNames?
    }

    struct TextNode: Decodable {
        let value: String
        enum CodingKeys: String, CodingKey { case value = "" }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            value = (try? container.decode(String.self, forKey: .value)) ?? ""
        }
    }

    struct SheetXML: Decodable {
        struct Pane: Decodable { let xSplit: Int?; let ySplit: Int?; let state: String?; let topLeftCell: String? }
        struct SheetView: Decodable { let pane: Pane? }
        struct SheetViews: Decodable { let sheetView: [SheetView] }
        struct Column: Decodable { let min: Int; let max: Int; let width: Double }
        struct Columns: Decodable { let col: [Column] }
        struct InlineString: Decodable { let t: TextNode }
        struct Cell: Decodable {
            let r: String
            let s: Int?
            let t: String?
            let v: String?
            let f: String?
            let `is`: InlineString?
        }
        struct Row: Decodable { let r: Int; let c: [Cell]? }
        struct SheetData: Decodable { let row: [Row]? }
        struct Ref: Decodable { let ref: String }
        struct MergeCells: Decodable { let mergeCell: [Ref] }
        struct PageSetup: Decodable { let orientation: String?; let fitToHeight: Int?; let paperSize: Int? }
        struct SheetPr: Decodable { struct PageSetUpPr: Decodable { let fitToPage: Int? }; let pageSetUpPr: PageSetUpPr? }
        let sheetPr: SheetPr?
        let sheetViews: SheetViews?
        let cols: Columns?
        let sheetData: SheetData
        let autoFilter: Ref?
        let mergeCells: MergeCells?
        let pageSetup: PageSetup?
    }

    struct SharedStringsXML: Decodable {
        struct Item: Decodable { let t: TextNode }
        let si: [Item]?
    }

    struct StylesXML: Decodable {
        struct NumFmt: Decodable { let numFmtId: Int; let formatCode: String }
        struct NumFmts: Decodable { let numFmt: [NumFmt] }
        struct Xf: Decodable { let numFmtId: Int }
        struct CellXfs: Decodable { let xf: [Xf] }
        let numFmts: NumFmts?
        let cellXfs: CellXfs
    }

    // MARK: Questions the tests ask

    func sheetNames() throws -> [String] { try decode(WorkbookXML.self, "xl/workbook.xml").sheets.sheet.map(\.name) }

    func definedNames() throws -> [String: String] {
        let names = try decode(WorkbookXML.self, "xl/workbook.xml").definedNames?.definedName ?? []
        return Dictionary(names.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    func sheet(_ number: Int) throws -> SheetXML { try decode(SheetXML.self, "xl/worksheets/sheet\(number).xml") }

    /// A cell as the tests see it: its shown text or number, formula and number format.
    struct Cell: Equatable {
        var text: String?
        var number: Double?
        var formula: String?
        var numberFormat: String?
    }

    /// Every cell of a sheet by address (`D7`), strings resolved whether inline (constant
    /// memory) or shared.
    func cells(sheet number: Int) throws -> [String: Cell] {
        let sheet = try sheet(number)
        let shared = has("xl/sharedStrings.xml")
            ? (try decode(SharedStringsXML.self, "xl/sharedStrings.xml").si ?? []).map(\.t.value) : []
        let styles = try decode(StylesXML.self, "xl/styles.xml")
        let codes = Dictionary((styles.numFmts?.numFmt ?? []).map { ($0.numFmtId, $0.formatCode) }, uniquingKeysWith: { a, _ in a })
        var out: [String: Cell] = [:]
        for row in sheet.sheetData.row ?? [] {
            for c in row.c ?? [] {
                var cell = Cell()
                switch c.t {
                case "inlineStr": cell.text = c.is?.t.value
                case "s": cell.text = c.v.flatMap(Int.init).map { shared[$0] }
                case "str": cell.text = c.v
                default: cell.number = c.v.flatMap(Double.init)
                }
                cell.formula = c.f
                if let s = c.s, s < styles.cellXfs.xf.count {
                    let id = styles.cellXfs.xf[s].numFmtId
                    cell.numberFormat = codes[id] ?? (id == 0 ? nil : "builtin:\(id)")
                }
                out[c.r] = cell
            }
        }
        return out
    }
}
