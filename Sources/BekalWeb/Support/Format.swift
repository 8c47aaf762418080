import BekalCore
import Foundation

/// Money and dates as officers read them: `Rp1.500.000`, `22 Nov 2026`.
enum Format {
    static let months = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    static let longMonths = IndonesianCalendar.months

    /// The core's own form (``Rupiah/description``), named here beside the dates.
    static func rupiah(_ amount: Rupiah) -> String { amount.description }

    static func date(_ date: LocalDate) -> String {
        "\(date.day) \(months[date.month - 1]) \(date.year)"
    }

    static func date(_ date: LocalDate?) -> String { date.map { Format.date($0) } ?? "—" }

    static func month(_ month: YearMonth) -> String { "\(longMonths[month.month - 1]) \(month.year)" }
}

extension Format {
    /// Text as one value of a link's query (`?q=…`).
    static func queryEscaped(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
