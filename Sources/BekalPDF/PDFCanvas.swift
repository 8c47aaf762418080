import BekalCore
import CPangoCairo
import Foundation

/// An A4 PDF file (upright or landscape) drawn with Cairo, its text laid out by Pango (wrapped, in DejaVu Sans, any
/// Unicode). Lengths are PostScript points; y grows down the page. The documents
/// (``KuitansiPDF``) say what goes where; this knows only how to put it there.
final class PDFCanvas {
    static let a4 = (width: 595.276, height: 841.89)
    static let font = "DejaVu Sans"

    /// `code`: DejaVu Sans Mono Bold, for what a reader copies by hand (a seal): narrow capitals and digits of one
    /// width, so a code fits its line and never wraps at a hyphen (which a text extractor would then drop).
    enum Weight { case regular, bold, italic, code }
    enum Align { case left, center, right }

    let margin: Double
    /// The page's size: A4 upright, or on its side (``init(path:title:margin:landscape:)``).
    let pageWidth: Double
    let pageHeight: Double
    var width: Double { pageWidth - 2 * margin }
    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private let path: String
    /// One layout for every piece of text, and one font description per size and weight:
    /// a long document (the BKU of 10,000 entries) lays out tens of thousands of cells.
    private let layout: OpaquePointer
    private var fonts: [String: OpaquePointer] = [:]
    private var layoutWidth: Int32 = -1
    private var layoutFont = ""
    private var layoutAlign = PANGO_ALIGN_LEFT

    init(path: String, title: String, margin: Double = 56, landscape: Bool = false) throws {
        let (w, h) = landscape ? (Self.a4.height, Self.a4.width) : (Self.a4.width, Self.a4.height)
        guard let surface = cairo_pdf_surface_create(path, w, h),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { throw PDFError.cannotWrite(path: path) }
        self.surface = surface
        cr = cairo_create(surface)
        guard let layout = pango_cairo_create_layout(cr) else { throw PDFError.cannotWrite(path: path) }
        self.layout = layout
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        self.path = path
        self.margin = margin
        pageWidth = w
        pageHeight = h
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Bekal")
    }

    deinit {
        for description in fonts.values { pango_font_description_free(description) }
        g_object_unref(UnsafeMutableRawPointer(layout))
    }

    /// Text in a box `width` wide from (x, y), wrapped at words; its height.
    @discardableResult
    func text(_ text: String, x: Double, y: Double, width: Double, size: Double = 10, weight: Weight = .regular,
              align: Align = .left) -> Double {
        let height = prepare(text, width: width, size: size, weight: weight, align: align)
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, layout)
        return height
    }

    /// The height ``text(_:x:y:width:size:weight:align:)`` would take, drawing nothing.
    func height(_ text: String, width: Double, size: Double = 10, weight: Weight = .regular) -> Double {
        prepare(text, width: width, size: size, weight: weight, align: .left)
    }

    private func prepare(_ text: String, width: Double, size: Double, weight: Weight, align: Align) -> Double {
        let font = switch weight {
        case .regular: "\(Self.font) \(size)"
        case .bold: "\(Self.font) Bold \(size)"
        case .italic: "\(Self.font) Italic \(size)"
        case .code: "DejaVu Sans Mono Bold \(size)"
        }
        if font != layoutFont {
            let description = fonts[font] ?? pango_font_description_from_string(font)
            fonts[font] = description
            pango_layout_set_font_description(layout, description)
            layoutFont = font
        }
        let pangoWidth = Int32(width * Double(PANGO_SCALE))
        if pangoWidth != layoutWidth {
            pango_layout_set_width(layout, pangoWidth)
            layoutWidth = pangoWidth
        }
        let alignment = switch align { case .left: PANGO_ALIGN_LEFT; case .center: PANGO_ALIGN_CENTER; case .right: PANGO_ALIGN_RIGHT }
        if alignment != layoutAlign {
            pango_layout_set_alignment(layout, alignment)
            layoutAlign = alignment
        }
        pango_layout_set_text(layout, text, -1)
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_pixel_size(layout, &w, &h)
        return Double(h)
    }

    /// The office's letterhead at the top of a page: its name, its address under it when set,
    /// and a double rule across the page; where the text below it starts. With `drawing` false
    /// it only measures (a document laid out twice, ``BKUPDF``).
    func letterhead(officeName: String, address: String?, y top: Double, drawing: Bool = true) -> Double {
        func put(_ t: String, _ y: Double, _ size: Double, _ weight: Weight) -> Double {
            drawing ? text(t, x: margin, y: y, width: width, size: size, weight: weight, align: .center) : height(t, width: width, size: size, weight: weight)
        }
        var y = top
        y += put(officeName.uppercased(), y, 11, .bold) + 1
        if let address, !address.isEmpty { y += put(address, y, 8.5, .regular) + 1 }
        y += 3
        if drawing {
            line(from: (margin, y), to: (margin + width, y), width: 1.4)
            line(from: (margin, y + 2.2), to: (margin + width, y + 2.2), width: 0.5)
        }
        return y + 10
    }

    /// The cells of a table row: one rectangle per width, side by side from (x, y), stroked at once.
    func boxes(x: Double, y: Double, widths: [Double], height: Double, lineWidth: Double = 0.4) {
        cairo_set_line_width(cr, lineWidth)
        var left = x
        for width in widths {
            cairo_rectangle(cr, left, y, width, height)
            left += width
        }
        cairo_stroke(cr)
    }

    /// A grey band under what is drawn next (a table's header); `gray` 0 is black, 1 white.
    func fill(x: Double, y: Double, width: Double, height: Double, gray: Double) {
        cairo_set_source_rgb(cr, gray, gray, gray)
        cairo_rectangle(cr, x, y, width, height)
        cairo_fill(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
    }

    /// The foot of a page: "Dicetak oleh Bekal" and what `right` says (a page number, an entry).
    func footer(_ right: String, left: String = "Dicetak oleh Bekal") {
        let y = pageHeight - margin + 6
        text(left, x: margin, y: y, width: width / 2, size: 7.5)
        text(right, x: margin + width / 2, y: y, width: width / 2, size: 7.5, align: .right)
    }

    func line(from: (Double, Double), to: (Double, Double), width: Double = 0.6) {
        cairo_set_line_width(cr, width)
        cairo_move_to(cr, from.0, from.1)
        cairo_line_to(cr, to.0, to.1)
        cairo_stroke(cr)
    }

    func box(x: Double, y: Double, width: Double, height: Double, lineWidth: Double = 0.8) {
        cairo_set_line_width(cr, lineWidth)
        cairo_rectangle(cr, x, y, width, height)
        cairo_stroke(cr)
    }

    func color(red: Double, green: Double, blue: Double) { cairo_set_source_rgb(cr, red, green, blue) }

    func newPage() { cairo_show_page(cr) }

    /// Ends the last page and writes the file; a failure names the file.
    func finish() throws {
        cairo_show_page(cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw PDFError.cannotWrite(path: path) }
    }
}

public enum PDFError: BekalFailure, Equatable {
    case cannotWrite(path: String)
    public var code: String { "pdf_not_written" }
    public var message: String { "Cannot write the PDF file \(path): check that its folder exists and may be written." }
    var path: String { switch self { case .cannotWrite(let path): path } }
}
