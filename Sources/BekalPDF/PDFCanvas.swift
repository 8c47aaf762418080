import BekalCore
import CPangoCairo
import Foundation

/// An A4 PDF file drawn with Cairo, its text laid out by Pango (wrapped, in DejaVu Sans, any
/// Unicode). Lengths are PostScript points; y grows down the page. The documents
/// (``KuitansiPDF``) say what goes where; this knows only how to put it there.
final class PDFCanvas {
    static let a4 = (width: 595.276, height: 841.89)
    static let font = "DejaVu Sans"

    enum Weight { case regular, bold, italic }
    enum Align { case left, center, right }

    let margin: Double
    var width: Double { Self.a4.width - 2 * margin }
    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private let path: String

    init(path: String, title: String, margin: Double = 56) throws {
        guard let surface = cairo_pdf_surface_create(path, Self.a4.width, Self.a4.height),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { throw PDFError.cannotWrite(path: path) }
        self.surface = surface
        cr = cairo_create(surface)
        self.path = path
        self.margin = margin
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Bekal")
    }

    /// Text in a box `width` wide from (x, y), wrapped at words; its height.
    @discardableResult
    func text(_ text: String, x: Double, y: Double, width: Double, size: Double = 10, weight: Weight = .regular,
              align: Align = .left) -> Double {
        guard let layout = pango_cairo_create_layout(cr) else { return 0 }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let style = switch weight { case .regular: ""; case .bold: " Bold"; case .italic: " Italic" }
        let description = pango_font_description_from_string("\(Self.font)\(style) \(size)")
        defer { pango_font_description_free(description) }
        pango_layout_set_font_description(layout, description)
        pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        let alignment = switch align { case .left: PANGO_ALIGN_LEFT; case .center: PANGO_ALIGN_CENTER; case .right: PANGO_ALIGN_RIGHT }
        pango_layout_set_alignment(layout, alignment)
        pango_layout_set_text(layout, text, -1)
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_pixel_size(layout, &w, &h)
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, layout)
        return Double(h)
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
