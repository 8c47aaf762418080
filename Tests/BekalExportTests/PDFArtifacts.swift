import Foundation
import Testing

/// The PDF tests' rendered pages, kept for a person to look at: each page of a document as a
/// PNG (`pdftoppm -png -r 60`) in `$BEKAL_ARTIFACTS`, or `<tmp>/bekal-artifacts/` when it is
/// not set. CI can upload the folder; the path is printed.
enum PDFArtifacts {
    static var folder: URL {
        if let path = ProcessInfo.processInfo.environment["BEKAL_ARTIFACTS"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return FileManager.default.temporaryDirectory.appendingPathComponent("bekal-artifacts")
    }

    /// Saves every page of `pdf` as `<folder>/<name>-<page>.png`; the files written.
    @discardableResult
    static func save(_ pdf: String, as name: String) throws -> [URL] {
        let folder = Self.folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // `bku-1.png`, `bku-01.png` …, but not `bku-long-1.png`.
        func isPage(_ file: String) -> Bool {
            file.hasPrefix("\(name)-") && file.hasSuffix(".png") && file.dropFirst(name.count + 1).dropLast(4).allSatisfy(\.isNumber)
        }
        for old in try FileManager.default.contentsOfDirectory(atPath: folder.path) where isPage(old) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(old))
        }
        _ = try KuitansiPDFTests.run(try KuitansiPDFTests.tool("pdftoppm"), ["-png", "-r", "60", pdf, folder.appendingPathComponent(name).path])
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter(isPage).sorted().map { folder.appendingPathComponent($0) }
        #expect(!pages.isEmpty, "pdftoppm rendered no page of \(pdf)")
        print("PDF pages of \(name): \(pages.count) PNG file(s) in \(folder.path)")
        return pages
    }
}
