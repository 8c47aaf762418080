import BekalCore
import BekalExport
import Foundation
import HTTPTypes
import Hummingbird

/// Outcome data: whether graduates returned to sex work. Admin only (``Permission/viewOutcomes``,
/// ``Permission/downloadHasil``). Every page calls the core operation that writes the audit
/// record of the view (`report.outcomes`, `report.outcome-grants`, `outcome.history`,
/// `export.hasil`); none reads the outcome tables itself.
extension WebApp {
    func addOutcomeRoutes(to doors: Doors) {
        let outcomes = doors.permitted(ViewOutcomes.self)
        outcomes.get("/hasil") { request, context in
            try outcomeReportPage(request: request, context: context)
        }

        outcomes.get("/hasil/per-hibah") { _, context in
            let report = try operations.outcomePerGrant(asOf: today(), context: self.context(context.user))
            return views.page("hasil-per-hibah", title: "Hasil per bantuan", context: context, data: [
                "asOf": Format.date(report.asOf), "count": report.rows.count, "report": Self.perGrantTableData(report),
            ])
        }

        // Why graduates returned, and what kept the others: counts and ranges, audited as a report.
        outcomes.get("/hasil/alasan") { _, context in
            let report = try operations.outcomeReasonReport(asOf: nil, context: self.context(context.user))
            return views.page("laporan-tabel", title: "Hasil: alasan dan faktor pelindung", context: context,
                              data: ["report": TableView.data(report.table), "hasFilters": false])
        }

        outcomes.get("/binaan/:code/riwayat-hasil") { _, context in
            let code = context.parameters.get("code") ?? ""
            let (person, history) = try Self.notFoundIfMissing {
                try operations.outcomeHistory(beneficiary: code, context: self.context(context.user))
            }
            let zone = try officeZone()
            return views.page("binaan-riwayat-hasil", title: "Riwayat hasil \(person.code)", context: context, data: [
                "code": person.code, "register": person.externalRef ?? "",
                "records": history.sorted { ($0.asOf, $0.id) > ($1.asOf, $1.id) }.map { Self.outcomeRecordView($0, zone: zone) },
            ])
        }

        doors.permitted(DownloadHasil.self).get("/unduh/hasil.xlsx") { _, context in
            try spreadsheetDownload(.hasil, user: context.user)
        }
    }

    /// The groupings of `/hasil?per=`, as officers name them. `jurusan` is read as `jalur`.
    static let outcomeGroupings: [(key: String, grouping: OutcomeReport.Grouping, label: String)] = [
        ("angkatan", .cohort, "Angkatan"), ("jalur", .track, "Jalur pelatihan (jurusan)"), ("kelompok", .kelompok, "Kelompok"),
    ]

    /// `/hasil?per=angkatan|jalur|kelompok&per-tanggal=YYYY-MM-DD`. A grouping or date that
    /// cannot be read is refused next to its field (422) and no report is read or audited.
    func outcomeReportPage(request: Request, context: Permitted<ViewOutcomes>) throws -> Response {
        let query = request.uri.queryParameters
        let perText = (query.get("per") ?? "angkatan").trimmingCharacters(in: .whitespaces).lowercased()
        let dateText = query.get("per-tanggal")?.trimmingCharacters(in: .whitespaces) ?? ""
        var errors: [String: String] = [:]
        let key = perText == "jurusan" ? "jalur" : perText
        let choice = Self.outcomeGroupings.first { $0.key == key }
        if choice == nil { errors["per"] = "Pengelompokan \"\(perText)\" tidak dikenal; pilih angkatan, jalur atau kelompok." }
        var asOf: LocalDate?
        if !dateText.isEmpty {
            do { asOf = try LocalDate.parse(dateText, field: .date) } catch {
                errors["date"] = Refusal.of(error).message
            }
        }
        var data: [String: Any] = [
            "groupings": Self.outcomeGroupings.map { ["key": $0.key, "label": $0.label, "selected": $0.key == (choice?.key ?? "angkatan")] },
            "dateValue": dateText,
        ]
        guard errors.isEmpty, let choice else {
            data["errors"] = errors
            return views.page("hasil", title: "Hasil program", context: context, data: data, status: .unprocessableContent)
        }
        let report = try operations.outcomeReport(by: choice.grouping, asOf: asOf ?? today(), context: self.context(context.user))
        data["report"] = Self.outcomeTableData(report)
        data["reportChart"] = Charts.successRanges(report)
        data["asOf"] = Format.date(report.asOf)
        data["groupingLabel"] = choice.label.lowercased()
        return views.page("hasil", title: "Hasil program", context: context, data: data)
    }

    /// The per-grant table with each beneficiary code a link to her outcome history.
    static func perGrantTableData(_ report: OutcomePerGrant) -> [String: Any] {
        let table = report.table
        let codeColumn = table.columns.firstIndex { $0.key == "beneficiary" }
        var data = TableView.data(table)
        data["title"] = "Hasil per bantuan per \(Format.date(report.asOf))"
        data["rows"] = table.rows.map { cells -> [String: Any] in
            var row = TableView.row(cells, columns: table.columns)["cells"] as? [[String: Any]] ?? []
            if let codeColumn, case .text(let code) = cells[codeColumn] {
                row[codeColumn]["href"] = "/binaan/\(FormData.encode(code))/riwayat-hasil"
            }
            return ["cells": row]
        }
        return data
    }

    static func outcomeRecordView(_ record: OutcomeRecord, zone: TimeZone) -> [String: Any] {
        [
            "asOf": Format.date(record.asOf), "returned": record.returned.label, "source": record.source.label,
            "recordedBy": record.recordedBy, "recordedAt": Self.officeTime(record.recordedAt, zone: zone),
            "factors": (record.factors.reasons.map { $0 == .other ? "\($0.label): \(record.factors.otherText ?? "")" : $0.label }
                        + record.factors.protective.map(\.label)).joined(separator: "; "),
        ]
    }

    /// Runs a look-up by a code from the address; a code that names nothing is a 404 page.
    static func notFoundIfMissing<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let rejection as ProgrammeRejection {
            if case .notFound = rejection { throw WebDenial.notFound }
            throw rejection
        }
    }

    /// Writes a spreadsheet through the core's audited export into the scratch folder, reads
    /// it, removes it, and sends it as an attachment. A failed export writes no audit record.
    func spreadsheetDownload(_ kind: SpreadsheetExport.Kind, user: AppUser) throws -> Response {
        try FileManager.default.createDirectory(at: configuration.scratchFolder, withIntermediateDirectories: true)
        let file = configuration.scratchFolder.appendingPathComponent("bekal-\(kind.rawValue)-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        let context = self.context(user)
        _ = try operations.exportSpreadsheet(SpreadsheetExport.Request(kind: kind, format: .xlsx, out: file.path), context: context)
        let bytes = try Data(contentsOf: file)
        var headers = HTTPFields()
        headers[.contentType] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        headers[.contentDisposition] = "attachment; filename=\"\(kind.rawValue)-\(try today()).xlsx\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The office's time zone (WIB unless the settings say otherwise).
    func officeZone() throws -> TimeZone {
        TimeZone(identifier: try operations.settings().timeZoneIdentifier) ?? TimeZone(identifier: "Asia/Jakarta")!
    }

    /// `2013-01-02T02:00:00Z` (UTC, as the store keeps it) as the office reads it: `2 Jan 2013 09:00`.
    static func officeTime(_ stamp: String, zone: TimeZone) -> String {
        guard let instant = try? Date(stamp, strategy: .iso8601) else { return stamp }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        guard let year = parts.year, let month = parts.month, let day = parts.day, let hour = parts.hour, let minute = parts.minute,
              let date = LocalDate(year: year, month: month, day: day) else { return stamp }
        return Format.date(date) + " " + zeroPad(hour) + ":" + zeroPad(minute)
    }

    private static func zeroPad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
