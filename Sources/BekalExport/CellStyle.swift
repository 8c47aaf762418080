import CXlsxWriter

/// How a cell looks, as a value: the workbook turns each distinct style into one xlsx format.
public struct CellStyle: Hashable, Sendable {
    public enum NumberFormat: Hashable, Sendable {
        case general
        /// `"Rp"#,##0`: whole rupiah. The thousands separator follows the reader's locale
        /// (a dot on an Indonesian system), as every spreadsheet does.
        case rupiah
        /// `#,##0`: counts and whole numbers.
        case integer
        /// `[$-421]dd mmm yyyy`: 25 Nov 2026, month names in Indonesian (LCID 0x0421).
        case date
        case custom(String)

        public var code: String? {
            switch self {
            case .general: nil
            case .rupiah: "\"Rp\"#,##0"
            case .integer: "#,##0"
            case .date: "[$-421]dd mmm yyyy"
            case .custom(let code): code
            }
        }
    }

    public enum Alignment: Hashable, Sendable { case left, center, right }

    public var bold: Bool
    public var italic: Bool
    /// Points; nil keeps the default (11).
    public var fontSize: Double?
    public var numberFormat: NumberFormat
    /// A thin border on all four sides.
    public var border: Bool
    /// Wrap long text inside the cell (line breaks in the text are then shown).
    public var wrap: Bool
    public var alignment: Alignment?
    public var verticalTop: Bool
    /// Background colour as 0xRRGGBB.
    public var fill: UInt32?

    public init(bold: Bool = false, italic: Bool = false, fontSize: Double? = nil, numberFormat: NumberFormat = .general,
                border: Bool = false, wrap: Bool = false, alignment: Alignment? = nil, verticalTop: Bool = false,
                fill: UInt32? = nil) {
        self.bold = bold
        self.italic = italic
        self.fontSize = fontSize
        self.numberFormat = numberFormat
        self.border = border
        self.wrap = wrap
        self.alignment = alignment
        self.verticalTop = verticalTop
        self.fill = fill
    }

    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        if bold { format_set_bold(format) }
        if italic { format_set_italic(format) }
        if let fontSize { format_set_font_size(format, fontSize) }
        if let code = numberFormat.code { format_set_num_format(format, code) }
        if border { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        if wrap { format_set_text_wrap(format) }
        switch alignment {
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case nil: break
        }
        if verticalTop { format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)) }
        if let fill {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, fill)
        }
    }
}

/// A format created by a ``Workbook``; valid while that workbook is open.
public final class Format {
    let pointer: UnsafeMutablePointer<lxw_format>
    public let style: CellStyle
    init(pointer: UnsafeMutablePointer<lxw_format>, style: CellStyle) {
        self.pointer = pointer
        self.style = style
    }
}
