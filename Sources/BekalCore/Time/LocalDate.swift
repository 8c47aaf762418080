import Foundation

/// A calendar day without a time zone: a value date, a visit date, a birthday.
///
/// Stored and exchanged as `YYYY-MM-DD`. The arithmetic is done here on the proleptic
/// Gregorian calendar so that schedules and month closings never depend on the machine's
/// locale or time zone.
public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or returns nil when the day does not exist (30 February).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(year: year, month: month)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses `YYYY-MM-DD`, refusing other layouts and days that do not exist.
    public static func parse(_ text: String, field: InputField = .date) throws(InputError) -> LocalDate {
        // Every stored date and most typed ones: ten bytes, read without making substrings
        // (a page of the books or the equipment reports parses hundreds of dates).
        var bytes = text
        if let date = bytes.withUTF8({ iso($0) }) { return date }
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            throw InputError(field, input: text, .notADate)
        }
        guard let date = LocalDate(year: y, month: m, day: d) else {
            throw InputError(field, input: text, .notACalendarDay(year: y, month: m))
        }
        return date
    }

    /// `YYYY-MM-DD` read from its ten bytes, making no string; nil for anything else, which
    /// ``parse(_:field:)`` then reads (and refuses) the long way with the same answer.
    public static func iso(_ bytes: UnsafeBufferPointer<UInt8>) -> LocalDate? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for k in range {
                let byte = bytes[k]
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                n = n * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD`, written as ten bytes (the year is 1…9999): dates are written several times
    /// for every entry posted.
    public var description: String {
        String(unsafeUninitializedCapacity: 10) { b in
            func digit(_ n: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(n) }
            b[0] = digit(year / 1000)
            b[1] = digit(year / 100 % 10)
            b[2] = digit(year / 10 % 10)
            b[3] = digit(year % 10)
            b[4] = UInt8(ascii: "-")
            b[5] = digit(month / 10)
            b[6] = digit(month % 10)
            b[7] = UInt8(ascii: "-")
            b[8] = digit(day / 10)
            b[9] = digit(day % 10)
            return 10
        }
    }
    public var yearMonth: YearMonth { YearMonth(year: year, month: month)! }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's civil-from-days algorithm.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// The same day `count` months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).
    public func adding(months count: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + count
        let y = index / 12, m = index % 12 + 1
        return LocalDate(year: y, month: m, day: min(day, LocalDate.daysIn(year: y, month: m)))!
    }

    public func days(until other: LocalDate) -> Int { other.dayNumber - dayNumber }

    /// The calendar day at `instant` in `timeZone` (offices keep WIB, WITA or WIT).
    public init(_ instant: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        self.init(year: c.year!, month: c.month!, day: c.day!)!
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try LocalDate.parse(text) } catch { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A calendar month, `YYYY-MM`: the unit of month closing and of the cash book's numbering.
public struct YearMonth: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    public static func parse(_ text: String, field: InputField = .month) throws(InputError) -> YearMonth {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let value = YearMonth(year: y, month: m) else {
            throw InputError(field, input: text, .notAMonth)
        }
        return value
    }

    public var description: String { zeroPadded(year, 4) + "-" + zeroPadded(month, 2) }
    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1)! }
    public var lastDay: LocalDate { LocalDate(year: year, month: month, day: LocalDate.daysIn(year: year, month: month))! }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try YearMonth.parse(text) } catch { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// `String(format: "%0*lld")` without Foundation's formatter, which costs more than the rest
/// of a bulk grant's bookkeeping: dates and codes are written once per entry. The digits are
/// written straight into the string's storage.
func zeroPadded(_ value: some BinaryInteger, _ width: Int) -> String {
    guard value >= 0 else { return String(format: "%0\(width)lld", Int64(value)) }
    guard let number = UInt64(exactly: value) else {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
    var count = 1
    var rest = number / 10
    while rest > 0 { count += 1; rest /= 10 }
    count = max(count, width)
    return String(unsafeUninitializedCapacity: count) { b in
        var rest = number
        for i in stride(from: count - 1, through: 0, by: -1) {
            b[i] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        return count
    }
}
