import BekalCore
import Foundation
import PropertyBased
import Testing

@Suite("LocalDate and YearMonth")
struct LocalDateTests {
    @Test func parsesAndFormats() throws {
        let d = try LocalDate.parse("2026-11-25")
        #expect((d.year, d.month, d.day) == (2026, 11, 25))
        #expect(d.description == "2026-11-25")
        #expect(try LocalDate.parse(" 2007-01-05 ").description == "2007-01-05")
        #expect(LocalDate(year: 1, month: 1, day: 1)!.description == "0001-01-01")
        #expect(LocalDate(year: 9999, month: 12, day: 31)!.description == "9999-12-31")
        #expect(YearMonth(year: 987, month: 3)!.description == "0987-03")
    }

    @Test func codesArePaddedAndNeverCut() {
        #expect(Beneficiary.code(for: 0) == "B-00000")
        #expect(Beneficiary.code(for: 12) == "B-00012")
        #expect(Beneficiary.code(for: 99_999) == "B-99999")
        #expect(Beneficiary.code(for: 1_000_000) == "B-1000000")
        #expect(Beneficiary.code(for: Int64.max) == "B-9223372036854775807")
        #expect(Kelompok.code(for: 3) == "K-0003")
        #expect(Usaha.code(for: 12_345) == "U-12345")
    }

    @Test("refuses other layouts", arguments: ["25-11-2026", "2026/11/25", "2026-1-25", "2026-11-5", "20261125", "", "2026-11-25T00:00",
                                               "2026-١١-25", "abcd-ef-gh", "+202-11-25"])
    func refusesLayouts(text: String) throws {
        let error = try #require(throws: InputError.self) { try LocalDate.parse(text, field: .option("--date")) }
        #expect(error.message == "--date \"\(text)\" is not a date: write it as YYYY-MM-DD, e.g. 2026-11-25.")
    }

    @Test("refuses days that do not exist", arguments: [
        ("2026-02-29", 28), ("2100-02-29", 28), ("2026-04-31", 30), ("2026-13-01", 0), ("2026-00-10", 0), ("2026-01-00", 31), ("0000-01-01", 31),
    ])
    func refusesNonDays(text: String, days: Int) throws {
        let error = try #require(throws: InputError.self) { try LocalDate.parse(text) }
        #expect(error.reason.phrase == "is not a day of the calendar")
        #expect(error.message.hasPrefix("date \"\(text)\" is not a day of the calendar: check the month and day; "))
        #expect(error.message.hasSuffix(" has \(days) days."))
    }

    @Test func leapYears() throws {
        #expect(LocalDate.isLeap(2024) && LocalDate.isLeap(2000) && LocalDate.isLeap(2400))
        #expect(!LocalDate.isLeap(2026) && !LocalDate.isLeap(1900) && !LocalDate.isLeap(2100))
        #expect(try LocalDate.parse("2024-02-29").adding(days: 1) == LocalDate.parse("2024-03-01"))
        #expect(try LocalDate.parse("2026-02-28").adding(days: 1) == LocalDate.parse("2026-03-01"))
        #expect(try LocalDate.parse("2000-02-28").adding(days: 1) == LocalDate.parse("2000-02-29"))
        #expect(try LocalDate.parse("2024-03-01").adding(days: -1) == LocalDate.parse("2024-02-29"))
        #expect(try LocalDate.parse("2026-12-31").adding(days: 1) == LocalDate.parse("2027-01-01"))
        #expect(try LocalDate.parse("2024-01-01").days(until: LocalDate.parse("2025-01-01")) == 366)
        #expect(try LocalDate.parse("2026-01-01").days(until: LocalDate.parse("2027-01-01")) == 365)
    }

    @Test func monthArithmeticClampsToMonthEnd() throws {
        #expect(try LocalDate.parse("2026-01-31").adding(months: 1) == LocalDate.parse("2026-02-28"))
        #expect(try LocalDate.parse("2024-01-31").adding(months: 1) == LocalDate.parse("2024-02-29"))
        #expect(try LocalDate.parse("2026-03-31").adding(months: 1) == LocalDate.parse("2026-04-30"))
        #expect(try LocalDate.parse("2026-11-25").adding(months: 3) == LocalDate.parse("2027-02-25"))
        #expect(try LocalDate.parse("2026-01-15").adding(months: -1) == LocalDate.parse("2025-12-15"))
        #expect(try LocalDate.parse("2026-03-31").adding(months: -1) == LocalDate.parse("2026-02-28"))
        #expect(try LocalDate.parse("2026-05-31").adding(months: -12) == LocalDate.parse("2025-05-31"))
    }

    @Test func dayNumberAnchors() throws {
        #expect(try LocalDate.parse("1970-01-01").dayNumber == 0)
        #expect(try LocalDate.parse("1970-01-02").dayNumber == 1)
        #expect(try LocalDate.parse("1969-12-31").dayNumber == -1)
        #expect(try LocalDate.parse("2000-03-01").dayNumber == 11_017)
        #expect(try LocalDate.parse("2026-11-25").dayNumber == 20_782)
    }

    /// Every day from year 1 to 9999 survives dayNumber → date → dayNumber, and consecutive
    /// day numbers are consecutive calendar days.
    @Test func dayNumberRoundTrips() async {
        let first = LocalDate(year: 1, month: 1, day: 1)!.dayNumber
        let last = LocalDate(year: 9999, month: 12, day: 31)!.dayNumber
        await propertyCheck(count: 2000, input: Gen.int(in: first...last)) { n in
            let date = LocalDate(dayNumber: n)
            #expect(date.dayNumber == n)
            #expect(LocalDate(year: date.year, month: date.month, day: date.day) == date)
            let reparsed = try LocalDate.parse(date.description) as LocalDate
            #expect(reparsed == date)
            if n < last {
                let next = LocalDate(dayNumber: n + 1)
                #expect(date < next)
                let expected = date.day < LocalDate.daysIn(year: date.year, month: date.month)
                    ? LocalDate(year: date.year, month: date.month, day: date.day + 1)
                    : (date.month < 12 ? LocalDate(year: date.year, month: date.month + 1, day: 1) : LocalDate(year: date.year + 1, month: 1, day: 1))
                #expect(next == expected)
            }
        }
    }

    @Test func dayNumberAgreesWithFoundation() async {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        await propertyCheck(count: 500, input: Gen.int(in: -20_000...80_000)) { n in
            let instant = Date(timeIntervalSince1970: Double(n) * 86_400)
            let c = calendar.dateComponents([.year, .month, .day], from: instant)
            #expect(LocalDate(dayNumber: n) == LocalDate(year: c.year!, month: c.month!, day: c.day!))
        }
    }

    @Test func addingDaysAgreesWithDayNumbers() async {
        await propertyCheck(input: Gen.int(in: 0...50_000), Gen.int(in: -3_000...3_000)) { start, delta in
            let d = LocalDate(dayNumber: start)
            #expect(d.adding(days: delta).dayNumber == start + delta)
            #expect(d.days(until: d.adding(days: delta)) == delta)
        }
    }

    @Test func todayInJakartaIsTheOfficeDay() {
        // 2026-11-25T18:00:00Z is already 26 November in Jakarta (UTC+7).
        let instant = Date(timeIntervalSince1970: 1_795_629_600)
        #expect(LocalDate(instant, in: TimeZone(identifier: "Asia/Jakarta")!) == LocalDate(year: 2026, month: 11, day: 26))
        #expect(LocalDate(instant, in: TimeZone(identifier: "UTC")!) == LocalDate(year: 2026, month: 11, day: 25))
    }

    @Test func yearMonth() throws {
        let m = try YearMonth.parse("2024-02")
        #expect(m.description == "2024-02")
        #expect(m.firstDay == LocalDate(year: 2024, month: 2, day: 1))
        #expect(m.lastDay == LocalDate(year: 2024, month: 2, day: 29))
        #expect(try YearMonth.parse("2026-02").lastDay == LocalDate(year: 2026, month: 2, day: 28))
        #expect(try YearMonth.parse("2026-12").lastDay == LocalDate(year: 2026, month: 12, day: 31))
        #expect(try YearMonth.parse("2026-09") < YearMonth.parse("2026-10"))
        #expect(try YearMonth.parse("2025-12") < YearMonth.parse("2026-01"))
        #expect(try LocalDate.parse("2026-11-25").yearMonth == YearMonth.parse("2026-11"))
        for bad in ["2026-13", "2026-00", "2026-1", "26-11", "2026-11-01", ""] {
            let error = try #require(throws: InputError.self) { try YearMonth.parse(bad, field: .option("--month")) }
            #expect(error.message == "--month \"\(bad)\" is not a month: write it as YYYY-MM, e.g. 2026-10.")
        }
    }

    @Test func codableAsText() throws {
        let data = try JSONEncoder().encode([LocalDate(year: 2026, month: 1, day: 5)!])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2026-01-05\"]")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data("[\"2026-02-30\"]".utf8)) }
    }
}
