/// Dates as the office's paper writes them: "2 Januari 2013", "Januari 2013".
public enum IndonesianCalendar {
    public static let months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                                "Oktober", "November", "Desember"]

    public static func long(_ date: LocalDate) -> String { "\(date.day) \(months[date.month - 1]) \(date.year)" }
    public static func month(_ month: YearMonth) -> String { "\(months[month.month - 1]) \(month.year)" }
}
