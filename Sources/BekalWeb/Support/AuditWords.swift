import BekalCore
import Foundation

/// The detail of an audit record in Indonesian. The core writes its details in a few fixed
/// English forms of codes, counts and dates ("cohort 2010: dropped_out on 2013-01-02, reason
/// went_home (change #3)"), kept as they are for the CLI and the stored trail; the pages read
/// them as "angkatan 2010: keluar pada 2 Jan 2013, alasan Pulang ke daerah asal (perubahan #3)".
/// Journal entries are not translated: their memo is what the officer wrote.
enum AuditWords {
    /// Fixed phrases of the core's details, before the words one by one.
    static let phrases: [(String, String)] = [
        ("a different person from", "orang lain dari"),
        ("with a NIK", "dengan NIK"),
        ("record(s)", "catatan"),
        ("backup sealed through", "cadangan disegel sampai"),
        ("the database replaced through", "basis data diganti sampai"),
        ("entries locked", "entri dikunci"),
        ("(unknown user)", "(pengguna tak dikenal)"),
    ]

    static let words: [String: String] = [
        "cohort": "angkatan", "track": "jurusan", "exception": "pengecualian", "change": "perubahan", "grants": "hibah",
        "added": "ditambahkan", "to": "ke", "on": "pada", "role": "peran", "worker": "pendamping", "registered": "didaftarkan",
        "register": "no. register", "corrected": "dikoreksi:", "changed": "diubah:", "now": "kini", "reason": "alasan",
        "owned": "milik", "by": "", "manual": "manual",
    ]

    static func detail(action: String, _ detail: String) -> String {
        guard !detail.isEmpty, !action.hasPrefix("entry.") else { return detail }
        var text = detail
        for (english, indonesian) in phrases { text = text.replacingOccurrences(of: english, with: indonesian) }
        var out = ""
        var rest = Substring(text)
        let token = /[0-9]{4}-[0-9]{2}-[0-9]{2}|[A-Za-z_]+/
        while let match = rest.firstMatch(of: token) {
            out += rest[..<match.range.lowerBound]
            let word = String(match.output)
            let after = rest[match.range.upperBound...]
            out += translate(word, before: out, next: after)
            rest = after
        }
        out += rest
        return out.replacingOccurrences(of: "  ", with: " ")
    }

    private static func translate(_ word: String, before: String, next: Substring) -> String {
        if let date = try? LocalDate.parse(word) { return Format.date(date) }
        if word == "from" {
            // "from 2013-01-02" is a day (sejak); "from 10.0.0.1" an address (dari).
            return next.drop { $0 == " " }.prefix(10).firstMatch(of: /^[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil ? "sejak" : "dari"
        }
        // A code beside a word of its own (B-00012, K-0003, month_close:2026-11) is left as it is.
        if before.last.map({ $0 == "-" || $0 == ":" || $0.isNumber }) == true { return word }
        if let status = Enrolment.Status(rawValue: word) { return WebApp.statusLabel(status) }
        if let reason = ExitReason(rawValue: word), word.contains("_") || before.hasSuffix("alasan ") {
            return WebApp.exitReasonLabel(reason)
        }
        if let field = RegistryChange.Field(rawValue: word), before.hasSuffix(": ") || before.hasSuffix(", ") {
            return WebApp.fieldLabel(field)
        }
        return words[word] ?? word
    }
}
