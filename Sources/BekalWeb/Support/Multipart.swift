import Foundation
import NIOCore

/// A `multipart/form-data` body (RFC 7578), as a browser posts a form with a file input, read
/// into the same ``FormData`` as an urlencoded form: each part's content is the text value of
/// its field, a file's included, so the form token `_csrf` and every field are found as usual.
///
/// The format: the body is cut by delimiter lines `--BOUNDARY` (the boundary from the
/// Content-Type), each part is header lines (`Content-Disposition: form-data; name="berkas";
/// filename="binaan.csv"`), an empty line and the content, which ends at the CRLF before the
/// next delimiter; `--BOUNDARY--` closes the body. Text before the first delimiter and after
/// the last is ignored, as the RFC says. Every part must be UTF-8 text: the forms of this app
/// post no pictures, and a file that is not UTF-8 is refused here with a clear reason rather
/// than passed on with its letters replaced.
///
/// A body that is not well formed (no boundary, a part without a name, cut off before its
/// closing delimiter) is refused with a ``Malformed`` reason.
enum Multipart {
    /// One part of the body.
    struct Part: Equatable {
        let name: String
        /// The file's name as the browser sent it; nil for a plain field.
        let filename: String?
        let content: String
    }

    /// Why a body could not be read, each said in Bahasa Indonesia for the page.
    enum Malformed: Error, Equatable {
        /// The Content-Type names no boundary (or one longer than RFC 2046's 70 characters).
        case noBoundary
        /// The body does not start with a delimiter line.
        case noFirstDelimiter
        /// A part's header lines do not end with an empty line.
        case headersNotEnded
        /// A part has no `Content-Disposition: form-data; name="…"`.
        case partWithoutName
        /// The body ends before the closing delimiter `--BOUNDARY--`: cut off on the way.
        case truncated
        /// A part (a file, usually) is not UTF-8 text.
        case notUTF8(field: String)

        var message: String {
            switch self {
            case .noBoundary, .noFirstDelimiter, .headersNotEnded, .partWithoutName:
                "Kiriman formulir tidak terbaca (multipart/form-data yang rusak). Muat ulang halaman, lalu kirim lagi."
            case .truncated:
                "Kiriman formulir terpotong sebelum selesai. Periksa sambungan, lalu kirim lagi."
            case .notUTF8:
                "Berkas ini bukan teks UTF-8. Simpan dari spreadsheet sebagai \"CSV UTF-8\", lalu kirim lagi."
            }
        }
    }

    /// The field that carries a refusal of the body to the handler, when the form token was read
    /// before the fault: the handler says what is wrong on its own page.
    static let refusalField = "_kiriman_rusak"

    /// RFC 2046: a boundary is 1 to 70 characters.
    static let boundaryLengthMax = 70

    /// Whether a Content-Type is `multipart/form-data`.
    static func isMultipart(_ contentType: String?) -> Bool {
        contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == "multipart/form-data"
    }

    /// The `boundary` parameter of a Content-Type, quoted or not.
    static func boundary(contentType: String) -> String? {
        for parameter in parameters(contentType.split(separator: ";").dropFirst().joined(separator: ";"))
        where parameter.name == "boundary" {
            guard !parameter.value.isEmpty, parameter.value.count <= boundaryLengthMax else { return nil }
            return parameter.value
        }
        return nil
    }

    /// Every part of `body`, in order.
    static func parts(_ body: [UInt8], boundary: String) throws(Malformed) -> [Part] {
        var parts: [Part] = []
        try read(body, boundary: boundary, into: &parts)
        return parts
    }

    /// Reads the parts of `body` into `parts`: those before a fault are there when it throws.
    static func read(_ body: [UInt8], boundary: String, into parts: inout [Part]) throws(Malformed) {
        let dashBoundary = Array("--\(boundary)".utf8)
        let delimiter = Array("\r\n".utf8) + dashBoundary
        // The first delimiter may come at the very start, or after a preamble and its CRLF.
        var index: Int
        if body.starts(with: dashBoundary) {
            index = dashBoundary.count
        } else if let found = find(delimiter, in: body, from: 0) {
            index = found + delimiter.count
        } else {
            throw body.isEmpty ? Malformed.truncated : Malformed.noFirstDelimiter
        }
        while true {
            // After a delimiter: `--` closes the body; otherwise optional spaces, then CRLF.
            if body[index...].starts(with: [0x2D, 0x2D]) { return }
            while index < body.count, body[index] == 0x20 || body[index] == 0x09 { index += 1 }
            guard body[index...].starts(with: [0x0D, 0x0A]) else { throw index >= body.count ? Malformed.truncated : Malformed.noFirstDelimiter }
            index += 2
            // No header lines at all: a form-data part needs its Content-Disposition.
            if body[index...].starts(with: [0x0D, 0x0A]) { throw Malformed.partWithoutName }
            let nextDelimiter = find(delimiter, in: body, from: index)
            guard let headersEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: index),
                  nextDelimiter.map({ headersEnd < $0 }) ?? true else {
                throw nextDelimiter == nil ? Malformed.truncated : Malformed.headersNotEnded
            }
            let headers = String(decoding: body[index..<headersEnd], as: UTF8.self)
            let contentStart = headersEnd + 4
            guard let contentEnd = find(delimiter, in: body, from: contentStart) else { throw Malformed.truncated }
            let (name, filename) = try disposition(headers)
            guard let content = String(validating: body[contentStart..<contentEnd], as: UTF8.self) else {
                throw Malformed.notUTF8(field: name)
            }
            parts.append(Part(name: name, filename: filename, content: content))
            index = contentEnd + delimiter.count
        }
    }

    /// The form a body holds: every part's content under its name. A body that cannot be read
    /// gives only the refusal, under ``refusalField``, and the form token if it was read whole.
    static func form(_ body: [UInt8], contentType: String) -> FormData {
        var parts: [Part] = []
        do throws(Malformed) {
            guard let boundary = boundary(contentType: contentType) else { throw Malformed.noBoundary }
            try read(body, boundary: boundary, into: &parts)
        } catch {
            // Of a body that is not well formed only the form token is kept, so that the page
            // can say what is wrong; no other field is taken from it.
            var values = [refusalField: [error.message]]
            if let token = parts.first(where: { $0.name == CSRFMiddleware.field }) { values[CSRFMiddleware.field] = [token.content] }
            return FormData(values)
        }
        var values: [String: [String]] = [:]
        for part in parts { values[part.name, default: []].append(part.content) }
        return FormData(values)
    }

    /// `name` and `filename` from a part's `Content-Disposition: form-data; …` line.
    static func disposition(_ headers: String) throws(Malformed) -> (name: String, filename: String?) {
        for line in headers.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":"),
                  line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            let value = line[line.index(after: colon)...]
            guard value.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == "form-data" else {
                throw Malformed.partWithoutName
            }
            let found = parameters(value.split(separator: ";").dropFirst().joined(separator: ";"))
            guard let name = found.first(where: { $0.name == "name" })?.value, !name.isEmpty else { throw Malformed.partWithoutName }
            return (name, found.first(where: { $0.name == "filename" })?.value)
        }
        throw Malformed.partWithoutName
    }

    /// `a=1; b="x; y"` as name-value pairs (names lower-cased), quoted values unquoted. Browsers
    /// write a quote or a line break in a name as `%22`, `%0D%0A`; a backslash escape is read too.
    static func parameters(_ text: String) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        var scalars = Substring(text).unicodeScalars[...]
        while !scalars.isEmpty {
            while let first = scalars.first, first == ";" || first == " " || first == "\t" { scalars.removeFirst() }
            let name = String(String.UnicodeScalarView(scalars.prefix { $0 != "=" && $0 != ";" }))
            scalars = scalars.dropFirst(name.unicodeScalars.count)
            guard scalars.first == "=" else { continue }
            scalars.removeFirst()
            var value = String.UnicodeScalarView()
            if scalars.first == "\"" {
                scalars.removeFirst()
                while let scalar = scalars.popFirst(), scalar != "\"" {
                    if scalar == "\\", let escaped = scalars.popFirst() { value.append(escaped) } else { value.append(scalar) }
                }
            } else {
                value.append(contentsOf: scalars.prefix { $0 != ";" })
                scalars = scalars.drop { $0 != ";" }
            }
            let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
            if !trimmed.isEmpty { result.append((trimmed, String(value).trimmingCharacters(in: .whitespaces))) }
        }
        return result
    }

    /// Where `needle` first starts in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count - needle.count >= start else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

extension FormData {
    /// A POST body as a form: `multipart/form-data` (a form with a file input) or, otherwise,
    /// `application/x-www-form-urlencoded`.
    init(_ body: ByteBuffer, contentType: String?) {
        if let contentType, Multipart.isMultipart(contentType) {
            self = Multipart.form(Array(buffer: body), contentType: contentType)
        } else {
            self.init(String(buffer: body))
        }
    }
}
