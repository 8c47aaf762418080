import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/registrasi/impor`: the admin imports women from a CSV file in the browser, on the same
/// core operation as `bekal import beneficiaries`: the whole file is checked first and one bad
/// row refuses it all, every problem listed by line and column in Bahasa Indonesia.
///
/// Two posts, as every step that cannot be undone: the first ("Periksa") is the core's dry run
/// and says what the file would register; its page carries the CSV text in a hidden field to
/// the second ("Impor sekarang", `konfirmasi=ya`), which imports. The core checks the whole
/// text again on the second post, so a text changed in between is simply checked again.
///
/// The file comes as `multipart/form-data` (``Multipart``) or, on a phone without files, as
/// text pasted in the `isi` field.
extension WebApp {
    static let importPath = "/registrasi/impor"
    /// The largest CSV text the page takes; a bigger file goes through the command line. The
    /// second post carries the text urlencoded (up to three bytes a character), within
    /// ``importBodyLimit``.
    static let importTextLimitBytes = 128 * 1024

    func addImportRoutes(to doors: Doors) {
        let admin = doors.permitted(Administer.self)
        admin.get("/registrasi/impor") { _, context in
            try importPage([:], context: context)
        }
        admin.get("/registrasi/impor/contoh.csv") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"contoh-impor-binaan.csv\""
            let header = CSV.format([BeneficiaryColumn.allCases.map(\.rawValue)])
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: header)))
        }
        admin.post("/registrasi/impor") { _, context in
            let form = context.form
            if let refusal = form?.raw(Multipart.refusalField) {
                return try importPage(["formError": refusal], context: context, status: .unprocessableContent)
            }
            let confirmed = Confirmation.confirmed(form)
            // A chosen file wins over pasted text; the second post carries the text as `isi`.
            let text = [confirmed ? nil : form?.raw("berkas"), form?.raw("isi")]
                .compactMap { $0 }.first { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            guard let text else {
                return try importPage(["formError": "Pilih berkas CSV, atau tempel isinya di kotak teks."],
                                      context: context, status: .unprocessableContent)
            }
            guard text.utf8.count <= Self.importTextLimitBytes else {
                return try importPage(["formError": "Berkas ini lebih dari \(Self.importTextLimitBytes / 1024) KiB. "
                                          + "Pecah menjadi beberapa berkas, atau impor lewat baris perintah: bekal import beneficiaries BERKAS."],
                                      context: context, status: .unprocessableContent)
            }
            let summary: ImportSummary
            do {
                summary = try operations.importBeneficiaries(Data(text.utf8), file: "berkas", dryRun: !confirmed,
                                                             context: self.context(context.user))
            } catch let rejection as ImportRejection {
                var data = Self.problemsData(rejection)
                // Text pasted on a phone is given back to correct; a file is still on her device.
                if form?.raw("berkas")?.isEmpty ?? true { data["pasted"] = text }
                return try importPage(data, context: context, status: .unprocessableContent)
            } catch let failure as any BekalFailure {
                return try importPage(["formError": Refusal.of(failure).message], context: context, status: .unprocessableContent)
            }
            let enrolments = "\(summary.enrolments) pendaftaran angkatan"
            guard confirmed else {
                return try importPage([
                    "checked": true, "isi": text,
                    "question": "Berkas ini benar. Impor akan mendaftarkan \(summary.beneficiaries) binaan (\(enrolments)), "
                        + "melewati \(summary.skipped) yang sudah ada.",
                    "nothingNew": summary.beneficiaries == 0, "confirmField": Confirmation.field,
                ], context: context)
            }
            context.setFlash("\(summary.beneficiaries) binaan didaftarkan dari berkas (\(enrolments)); "
                             + "\(summary.skipped) dilewati karena sudah ada.")
            return Response.seeOther("/registrasi")
        }
    }

    /// Every problem of a refused file as the page's table, in Bahasa Indonesia.
    static func problemsData(_ rejection: ImportRejection) -> [String: Any] {
        let rows = Set(rejection.problems.map(\.line)).count
        return [
            "formError": "Tidak ada yang diimpor: \(rejection.problems.count) masalah di \(rows) baris. "
                + "Perbaiki semuanya di spreadsheet, lalu periksa berkasnya lagi.",
            "problems": rejection.problems.map { problem -> [String: Any] in
                let column: String = switch problem.place {
                case .row(_, let column?): column
                case .row(_, nil): "seluruh baris"
                case .character(_, let position): "karakter ke-\(position)"
                }
                return ["line": problem.line, "column": column,
                        "reason": problem.alasan ?? problem.reason, "hint": problem.petunjuk ?? problem.hint]
            },
        ]
    }

    /// What each column of the file holds, in one line.
    static func columnExplanation(_ column: BeneficiaryColumn) -> String {
        switch column {
        case .noRegister: "Nomor register kantor. Baris yang nomornya sudah terdaftar dengan isi yang sama dilewati."
        case .nama: "Nama seperti di KTP, atau nama yang ia pakai."
        case .nik: "16 angka, boleh kosong. Jadikan kolomnya teks di spreadsheet agar tidak menjadi 3,27E+15."
        case .tahunLahir: "Empat angka, misalnya 1988."
        case .daerahAsal: "Kabupaten atau kota asalnya."
        case .kelurahan: "Kelurahan tempat tinggalnya sekarang."
        case .angkatan: "Kode angkatan yang sudah ada:"
        case .jurusan: "Kode jurusan yang sudah ada:"
        case .status: "terdaftar, lulus atau keluar; kosong berarti terdaftar."
        case .tanggalStatus: "Tanggal ia terdaftar, lulus atau keluar, dalam bentuk TTTT-BB-HH."
        case .izinBerbagi: "ya bila ia setuju data usahanya dibagikan kepada mitra; kosong atau tidak bila tidak."
        case .namaIzin: "Nama yang boleh tampil di berkas mitra; hanya bila izin_berbagi ya."
        case .bedaDari: "Kode binaan (B-00007) yang namanya dan tahun lahirnya sama tetapi sudah dipastikan orang lain."
        }
    }


    private func importPage(_ data: [String: Any], context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        let (cohorts, tracks) = try operations.store.read { tx in (try tx.cohorts(), try tx.tracks()) }
        // The codes to type, shown as code: in the file a track is its code, not its name.
        let codes: [BeneficiaryColumn: [String]] = [.angkatan: cohorts.map(\.code), .jurusan: tracks.map(\.code)]
        var all = data
        all["action"] = Self.importPath
        all["limitKiB"] = Self.importTextLimitBytes / 1024
        all["columns"] = BeneficiaryColumn.allCases.map { column -> [String: Any] in
            ["name": column.rawValue, "required": BeneficiaryColumn.required.contains(column),
             "explanation": Self.columnExplanation(column), "examples": codes[column] ?? []]
        }
        if let problems = data["problems"] as? [[String: Any]] { all["hasProblems"] = !problems.isEmpty }
        return views.page("registrasi-impor", title: "Impor binaan dari CSV", context: context, data: all, status: status)
    }
}

extension CSRFMiddleware {
    /// The import page takes a file up to ``WebApp/importTextLimitBytes`` and carries it,
    /// urlencoded, to its second post; the phone's queue its parts; every other form keeps ``maxBody``.
    static let importBodyLimit = 512 * 1024

    /// The phone's queue, sent in parts of ``WebApp/phoneBatchLimit`` items with notes of up to 4,000 letters.
    static let phoneBodyLimit = 4 * 1024 * 1024

    static func bodyLimit(path: String) -> Int {
        switch path {
        case WebApp.importPath: importBodyLimit
        case WebApp.phoneSendPath: phoneBodyLimit
        default: maxBody
        }
    }
}
