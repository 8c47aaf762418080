import BekalCore
import BekalExport
import Foundation
import HTTPTypes
import Hummingbird

/// The spreadsheets a finance officer (and an admin; the Koperasi's also a mitra) may
/// download. Each goes through the core's audited ``Operations/exportSpreadsheet(_:context:)``:
/// written to a private temporary folder, recorded in the audit log, sent, then removed.
extension WebApp {
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    func addMoneyDownloadRoutes(to doors: Doors) {
        let finance = doors.permitted(DownloadKeuangan.self)
        finance.get("/unduh/keuangan.xlsx") { _, context in
            try download(SpreadsheetExport.Request(kind: .keuangan), name: "keuangan", user: context.user, csrf: context.csrf)
        }

        doors.permitted(DownloadKoperasi.self).get("/unduh/koperasi.xlsx") { _, context in
            try download(SpreadsheetExport.Request(kind: .koperasi), name: "koperasi", user: context.user, csrf: context.csrf)
        }

        // One sheet of the finance workbook as CSV, for the report pages' download links.
        finance.get("/unduh/keuangan.csv") { request, context in
            let user = context.user
            let query = request.uri.queryParameters
            guard let slug = query.get("lembar"), let report = Self.moneyReports.first(where: { $0.slug == slug }),
                  let sheet = report.sheet else { throw WebDenial.notFound }
            let from: LocalDate?, to: LocalDate?
            do {
                from = try query.get("dari").flatMap { $0.isEmpty ? nil : try LocalDate.parse($0, field: .periodStart) }
                to = try query.get("sampai").flatMap { $0.isEmpty ? nil : try LocalDate.parse($0, field: .periodEnd) }
            } catch let failure as any BekalFailure {
                return views.errorPage(status: .unprocessableContent, title: "Unduhan tidak dapat dibuat",
                                       message: Refusal.of(failure).message, user: user, csrf: context.csrf)
            }
            let request = SpreadsheetExport.Request(kind: .keuangan, format: .csv, from: from, to: to, sheet: sheet)
            return try download(request, name: "keuangan-\(slug)", user: user, csrf: context.csrf)
        }
    }

    /// Writes the export into a folder only this process can read, records it, and sends it.
    func download(_ request: SpreadsheetExport.Request, name: String, user: AppUser, csrf: String) throws -> Response {
        let files = FileManager.default
        let folder = files.temporaryDirectory.appendingPathComponent("bekal-unduh-\(UUID().uuidString)")
        try files.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? files.removeItem(at: folder) }
        var request = request
        let fileName = "\(name)-\(try today()).\(request.format.rawValue)"
        request.out = folder.appendingPathComponent(fileName).path
        let bytes: Data
        do {
            let result = try operations.exportSpreadsheet(request, context: self.context(user))
            guard let path = result.files.first else { throw WebDenial.notFound }
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let failure as any BekalFailure {
            let refusal = Refusal.of(failure)
            return views.errorPage(status: failure is ExportError ? .internalServerError : .unprocessableContent,
                                   title: "Unduhan tidak dapat dibuat",
                                   message: failure is ExportError
                                       ? "Berkas tidak dapat dibuat dan tidak ada yang dicatat. Coba lagi atau hubungi admin."
                                       : refusal.message,
                                   user: user, csrf: csrf)
        }
        var headers = HTTPFields()
        headers[.contentType] = request.format == .xlsx ? Self.xlsxType : "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(fileName)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
