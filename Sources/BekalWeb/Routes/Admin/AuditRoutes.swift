import BekalCore
import Foundation
import Hummingbird

/// `/audit`: the audit log, newest first, filtered by who, what and when (``Permission/viewAudit``).
/// The core's audit records hold codes and counts only, never a name, NIK or outcome; this
/// page shows them as they are, their details in Indonesian (``AuditWords``).
extension WebApp {
    func addAuditRoutes(to doors: Doors) {
        doors.permitted(ViewAudit.self).get("/audit") { request, context in
            try auditPage(request: request, context: context)
        }
    }

    /// Every action of the trail as officers read it: each audit action and each kind of
    /// journal entry (an exhaustive switch, so a new action cannot appear in code names).
    static let auditActions: [(action: String, label: String)] =
        AuditAction.allCases.map { ($0.rawValue, label($0)) }
        + EntryKind.allCases.map { (AuditAction.entry($0), "Entri buku: " + EntryView.kindLabel($0).lowercased()) }

    static func label(_ action: AuditAction) -> String {
        switch action {
        case .reportOutcomes: "Melihat laporan hasil"
        case .reportOutcomeGrants: "Melihat hasil per bantuan"
        case .outcomeHistory: "Melihat riwayat hasil binaan"
        case .exportHasil: "Mengunduh hasil program (terbatas)"
        case .exportKoperasi: "Mengunduh daftar usaha (Koperasi)"
        case .exportKeuangan: "Mengunduh buku keuangan"
        case .reportRollup: "Membaca rekap antar kantor"
        case .outcomeRecord: "Mencatat hasil"
        case .beneficiaryConfirmedDistinct: "Menyatakan binaan bukan orang yang sama"
        case .beneficiaryAdd: "Mendaftarkan binaan"
        case .beneficiaryCorrect: "Mengoreksi data binaan"
        case .beneficiaryMerge: "Menggabungkan data binaan ganda"
        case .documentKuitansi: "Mencetak kuitansi"
        case .documentBAST: "Mencetak berita acara serah terima"
        case .documentDaftarPenerima: "Mencetak daftar penerima bantuan"
        case .recipientListDraft: "Menyusun daftar penerima"
        case .recipientListApprove: "Menyetujui daftar penerima (SK)"
        case .enrolmentStatus: "Mencatat status pelatihan binaan"
        case .caseIntake: "Mencatat asal rujukan binaan"
        case .caseStage: "Mencatat tahap penanganan binaan"
        case .needOpen: "Mencatat kebutuhan binaan"
        case .needAnswer: "Mencatat jawaban atas kebutuhan"
        case .consentChange: "Mencatat izin binaan (diberikan atau dicabut)"
        case .partnerAdd: "Menambah mitra layanan"
        case .referralSend: "Mengirim rujukan"
        case .referralStep: "Mencatat perkembangan rujukan"
        case .caseAssign: "Menugaskan pendamping"
        case .kelompokAdd: "Membentuk kelompok"
        case .kelompokJoin: "Menambah anggota kelompok"
        case .kelompokLeave: "Mengakhiri keanggotaan kelompok"
        case .usahaAdd: "Mencatat usaha"
        case .usahaUpdate: "Mengubah data usaha"
        case .workerAdd: "Menambah pendamping"
        case .grantException: "Mencatat pengecualian hibah"
        case .budgetLineAdd: "Mencatat mata anggaran"
        case .budgetException: "Mencatat pengecualian pagu"
        case .targetSet: "Menetapkan target kinerja"
        case .equipmentCount: "Mencatat stock opname peralatan"
        case .marketEvent: "Mencatat pameran atau bazar"
        case .periodClose: "Menutup buku bulanan"
        case .seal: "Menyegel buku"
        case .restoreOlder: "Memulihkan cadangan yang lebih lama dari segel terakhir"
        case .settingsChange: "Mengubah pengaturan program"
        case .accountRename: "Mengubah kode atau nama akun"
        case .userAdd: "Menambah pengguna"
        case .userPassword: "Mengganti kata sandi"
        case .userDisable: "Menonaktifkan pengguna"
        case .userEnable: "Mengaktifkan kembali pengguna"
        case .authLogin: "Masuk"
        case .authFailed: "Gagal masuk"
        case .authLocked: "Percobaan masuk dikunci"
        case .authLogout: "Keluar"
        }
    }

    static let auditLimits = [50, 100, 500, 1000]
    static let auditLimitDefault = 100

    func auditPage(request: Request, context: Permitted<ViewAudit>) throws -> Response {
        let query = request.uri.queryParameters
        func text(_ name: String) -> String? {
            guard let value = query.get(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        let actor = text("oleh"), action = text("tindakan")
        var errors: [String: String] = [:]
        func date(_ name: String) -> LocalDate? {
            guard let value = text(name) else { return nil }
            do { return try LocalDate.parse(value, field: name == "dari" ? .periodStart : .periodEnd) } catch {
                errors[name] = Refusal.of(error).message
                return nil
            }
        }
        let from = date("dari"), to = date("sampai")
        if let from, let to, to < from {
            errors["sampai"] = "Tanggal sampai (\(Format.date(to))) sebelum tanggal dari (\(Format.date(from))); tukar keduanya."
        }
        let limit = Int(text("batas") ?? "").flatMap { Self.auditLimits.contains($0) ? $0 : nil } ?? Self.auditLimitDefault
        let users = try operations.users()
        var data: [String: Any] = [
            "oleh": actor ?? "", "dari": text("dari") ?? "", "sampai": text("sampai") ?? "",
            "actors": users.map { "web:\($0.username)" },
            "actions": Self.auditActions.map { ["action": $0.action, "label": $0.label, "selected": $0.action == action] },
            "limits": Self.auditLimits.map { ["value": $0, "selected": $0 == limit] },
        ]
        guard errors.isEmpty else {
            data["errors"] = errors
            return views.page("audit", title: "Log audit", context: context, data: data, status: .unprocessableContent)
        }
        let zone = try officeZone()
        let records = try operations.store.read { tx in
            try AuditTrail.records(from: tx, actor: actor, action: action, from: from.map { Self.utcStamp(startOf: $0, zone: zone) },
                                   to: to.map { Self.utcStamp(startOf: $0.adding(days: 1), zone: zone) }, limit: limit + 1)
        }
        let labels = Dictionary(uniqueKeysWithValues: Self.auditActions.map { ($0.action, $0.label) })
        data["records"] = records.prefix(limit).map { record -> [String: Any] in
            ["at": Self.officeTime(record.at, zone: zone), "actor": record.actor, "action": labels[record.action] ?? record.action,
             "actionCode": record.action, "subject": record.subject, "detail": AuditWords.detail(action: record.action, record.detail)]
        }
        data["shown"] = min(records.count, limit)
        data["more"] = records.count > limit
        data["empty"] = records.isEmpty
        return views.page("audit", title: "Log audit", context: context, data: data)
    }

    /// The first instant of an office day, as the store stamps times (UTC, ISO 8601), so a
    /// day filter follows the office's calendar rather than UTC's.
    static func utcStamp(startOf day: LocalDate, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let instant = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
        var style = Date.ISO8601FormatStyle()
        style.timeZone = TimeZone(identifier: "UTC")!
        return style.format(instant)
    }
}
