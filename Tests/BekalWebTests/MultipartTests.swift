@testable import BekalWeb
import Foundation
import NIOCore
import Testing

/// The `multipart/form-data` reader behind the import page's file input.
@Suite struct MultipartTests {
    static let boundary = "----BekalUji7MA4YWxkTrZu0gW"
    static let contentType = "multipart/form-data; boundary=\(boundary)"

    /// A body as a browser writes it: every part, then the closing delimiter.
    static func body(_ parts: [(name: String, filename: String?, content: [UInt8])], boundary: String = boundary) -> [UInt8] {
        var bytes: [UInt8] = []
        for part in parts {
            bytes += Array("--\(boundary)\r\n".utf8)
            let file = part.filename.map { "; filename=\"\($0)\"" } ?? ""
            bytes += Array("Content-Disposition: form-data; name=\"\(part.name)\"\(file)\r\n".utf8)
            if part.filename != nil { bytes += Array("Content-Type: text/csv\r\n".utf8) }
            bytes += Array("\r\n".utf8) + part.content + Array("\r\n".utf8)
        }
        return bytes + Array("--\(boundary)--\r\n".utf8)
    }

    @Test func twoFieldsAndAFileAreReadIntoTheForm() throws {
        let csv = "nama,angkatan,jurusan\nSri Uji,2010,salon\n"
        let body = Self.body([("_csrf", nil, Array("abc123".utf8)), ("isi", nil, Array("".utf8)),
                              ("berkas", "binaan.csv", Array(csv.utf8))])
        let parts = try Multipart.parts(body, boundary: Self.boundary)
        #expect(parts == [Multipart.Part(name: "_csrf", filename: nil, content: "abc123"),
                          Multipart.Part(name: "isi", filename: nil, content: ""),
                          Multipart.Part(name: "berkas", filename: "binaan.csv", content: csv)])
        let form = FormData(ByteBuffer(bytes: body), contentType: Self.contentType)
        #expect(form.raw("_csrf") == "abc123")
        #expect(form.raw("berkas") == csv)
        #expect(form["isi"] == nil)
        #expect(form.raw(Multipart.refusalField) == nil)
    }

    @Test func lineEndsInsideAFileAreKeptAsTheyAre() throws {
        // CRLF inside the content, and a line that starts like a delimiter but is not one.
        let csv = "nama,angkatan\r\n\"Ani\r\nBaris dua\",2010\r\n--BekalUji bukan pembatas\r\n\r\n"
        let parts = try Multipart.parts(Self.body([("berkas", "a.csv", Array(csv.utf8))]), boundary: Self.boundary)
        #expect(parts.map(\.content) == [csv])
    }

    @Test func aQuotedBoundaryAndAPreambleAreRead() throws {
        #expect(Multipart.boundary(contentType: "multipart/form-data; charset=utf-8; boundary=\"a b;c\"") == "a b;c")
        let body = Array("Teks pembuka yang diabaikan.\r\n".utf8) + Self.body([("x", nil, Array("1".utf8))], boundary: "a b;c")
        #expect(try Multipart.parts(body, boundary: "a b;c") == [Multipart.Part(name: "x", filename: nil, content: "1")])
    }

    @Test func aContentTypeWithoutABoundaryIsRefused() {
        #expect(Multipart.boundary(contentType: "multipart/form-data") == nil)
        #expect(Multipart.boundary(contentType: "multipart/form-data; boundary=") == nil)
        #expect(Multipart.boundary(contentType: "multipart/form-data; boundary=\(String(repeating: "x", count: 71))") == nil)
        let form = FormData(ByteBuffer(bytes: Self.body([("_csrf", nil, Array("abc".utf8))])), contentType: "multipart/form-data")
        #expect(form.raw(Multipart.refusalField) == Multipart.Malformed.noBoundary.message)
        #expect(form.raw("_csrf") == nil)
    }

    @Test func aTruncatedBodyIsRefusedAndKeepsOnlyTheTokenReadBeforeTheCut() throws {
        let whole = Self.body([("_csrf", nil, Array("abc123".utf8)), ("berkas", "a.csv", Array("nama\nSri\n".utf8))])
        let cut = Array(whole.prefix(whole.count - 20))
        #expect(throws: Multipart.Malformed.truncated) { _ = try Multipart.parts(cut, boundary: Self.boundary) }
        #expect(throws: Multipart.Malformed.truncated) { _ = try Multipart.parts([], boundary: Self.boundary) }
        let form = FormData(ByteBuffer(bytes: cut), contentType: Self.contentType)
        #expect(form.raw(Multipart.refusalField) == Multipart.Malformed.truncated.message)
        #expect(form.raw("_csrf") == "abc123")
        #expect(form.raw("berkas") == nil)
    }

    @Test func aPartWithoutANameOrABodyWithoutADelimiterIsRefused() {
        let noName = Array("--\(Self.boundary)\r\nContent-Type: text/plain\r\n\r\nx\r\n--\(Self.boundary)--\r\n".utf8)
        #expect(throws: Multipart.Malformed.partWithoutName) { _ = try Multipart.parts(noName, boundary: Self.boundary) }
        #expect(throws: Multipart.Malformed.noFirstDelimiter) { _ = try Multipart.parts(Array("_csrf=abc".utf8), boundary: Self.boundary) }
        let noHeaders = Array("--\(Self.boundary)\r\n\r\nx\r\n--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"y\"\r\n\r\n1\r\n--\(Self.boundary)--\r\n".utf8)
        #expect(throws: Multipart.Malformed.partWithoutName) { _ = try Multipart.parts(noHeaders, boundary: Self.boundary) }
        let unended = Array("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"x\"\r\n--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"y\"\r\n\r\n1\r\n--\(Self.boundary)--\r\n".utf8)
        #expect(throws: Multipart.Malformed.headersNotEnded) { _ = try Multipart.parts(unended, boundary: Self.boundary) }
    }

    @Test func aFileThatIsNotUTF8IsRefusedByName() {
        let body = Self.body([("berkas", "latin1.csv", [0x6E, 0x61, 0x6D, 0x61, 0x0A, 0x53, 0xED, 0x0A])])
        #expect(throws: Multipart.Malformed.notUTF8(field: "berkas")) { _ = try Multipart.parts(body, boundary: Self.boundary) }
    }

    @Test func anUrlencodedBodyIsReadAsBefore() {
        let form = FormData(ByteBuffer(string: "a=1&b=dua+tiga"), contentType: "application/x-www-form-urlencoded")
        #expect(form["a"] == "1" && form["b"] == "dua tiga")
    }
}
