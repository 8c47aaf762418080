/// Dates as the office's paper writes them: "2 Januari 2013", "Januari 2013".
public enum IndonesianCalendar {
    public static let months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                                "Oktober", "November", "Desember"]

    public static func long(_ date: LocalDate) -> String { "\(date.day) \(months[date.month - 1]) \(date.year)" }
    public static func month(_ month: YearMonth) -> String { "\(months[month.month - 1]) \(month.year)" }
}

/// The file a document is saved under, the same from the command line and the web app.
public enum DocumentFile {
    /// A document number as part of a file name: `KW/2013/001` is `KW-2013-001`.
    public static func safe(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
    }
}

extension Kuitansi {
    /// `kuitansi-KW-2013-001.pdf`.
    public var fileName: String { "kuitansi-\(DocumentFile.safe(number)).pdf" }
}

extension BeritaAcaraSerahTerima {
    /// `bast-4.pdf`, by the entry.
    public var fileName: String { "bast-\(entryID).pdf" }
}

extension BeritaAcaraPenutupanKas {
    /// `penutupan-kas-2012-11.pdf`.
    public var fileName: String { "penutupan-kas-\(month).pdf" }
}
