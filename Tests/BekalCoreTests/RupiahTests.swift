import Foundation
@testable import BekalCore
import PropertyBased
import Testing

@Suite("Rupiah")
struct RupiahTests {
    @Test("accepts the forms officers write", arguments: [
        ("1.500.000", Int64(1_500_000)),
        ("Rp 1.500.000", 1_500_000),
        ("Rp1.500.000", 1_500_000),
        ("Rp. 1.500.000", 1_500_000),
        ("rp 1.500.000", 1_500_000),
        ("1500000", 1_500_000),
        ("  1500000  ", 1_500_000),
        ("1.500", 1_500),
        ("0", 0),
        ("-250.000", -250_000),
        ("-Rp250.000", -250_000),
        ("9.223.372.036.854.775.807", Int64.max),
        // Whole rupiah as a kuitansi writes them.
        ("Rp 1.500.000,-", 1_500_000),
        ("Rp1.500.000,00", 1_500_000),
        ("1500000,-", 1_500_000),
    ])
    func accepts(text: String, expected: Int64) throws {
        #expect(try Rupiah.parse(text) == Rupiah(expected))
    }

    /// Every refusal quotes the input exactly as typed, so the officer sees what was read.
    @Test("refuses fractions, bad grouping, overflow, garbage and empty input", arguments: [
        ("1.500.000,50", "has a fraction of a rupiah (a decimal comma)"),
        ("1500000.5", "has a fraction of a rupiah (a decimal point)"),
        ("1500000.50", "has a fraction of a rupiah (a decimal point)"),
        ("1.50.000", "has dots that are not thousands separators"),
        ("1500.000.000", "has dots that are not thousands separators"),
        ("1..500", "has dots that are not thousands separators"),
        ("99.999.999.999.999.999.999", "is too large for the ledger"),
        ("9223372036854775808", "is too large for the ledger"),
        ("satu juta", "is not a rupiah amount"),
        ("1,5 juta", "has a fraction of a rupiah (a decimal comma)"),
        ("12a", "is not a rupiah amount"),
        ("Rp", "is not a rupiah amount"),
        ("+5", "is not a rupiah amount"),
        ("--5", "is not a rupiah amount"),
        ("1 500 000", "is not a rupiah amount"),
        (",-", "is not a rupiah amount"),
        ("Rp ,00", "is not a rupiah amount"),
        ("1.500.000,000", "has a fraction of a rupiah (a decimal comma)"),
        ("1.500.000,-,-", "has a fraction of a rupiah (a decimal comma)"),
        ("", "is empty"),
        ("   ", "is empty"),
    ])
    func refuses(text: String, reason: String) {
        #expect {
            _ = try Rupiah.parse(text, field: .amount)
        } throws: { error in
            guard let e = error as? InputError else { return false }
            return e.code == "invalid_input" && e.input == text && e.reason.phrase == reason
                && e.message.hasPrefix("amount \"\(text)\" \(reason): ")
        }
    }

    @Test func overflowMessageGivesTheLargestAmount() throws {
        let error = try #require(throws: InputError.self) { try Rupiah.parse("99.999.999.999.999.999.999") }
        #expect(error.message == "amount \"99.999.999.999.999.999.999\" is too large for the ledger: the largest amount is Rp9.223.372.036.854.775.807.")
    }

    @Test func decimalCommaMessage() throws {
        let error = try #require(throws: InputError.self) { try Rupiah.parse("1.500.000,50", field: .option("--amount")) }
        #expect(error.message == "--amount \"1.500.000,50\" has a fraction of a rupiah (a decimal comma): amounts are whole rupiah: write 1.500.000, not 1.500.000,50.")
    }

    @Test("payments must be more than zero", arguments: [("0", "is zero"), ("Rp0", "is zero"), ("-1.500.000", "is negative"), ("Rp -5", "is negative")])
    func paymentRefusesZeroAndNegative(text: String, reason: String) throws {
        let error = try #require(throws: InputError.self) { try Rupiah.parsePayment(text) }
        #expect(error.message == "amount \"\(text)\" \(reason): a payment must be more than Rp0; to undo an entry, reverse it.")
        #expect(try Rupiah.parsePayment("Rp 1.500.000") == Rupiah(1_500_000))
    }

    @Test func paymentPassesParseRefusalsThrough() throws {
        let error = try #require(throws: InputError.self) { try Rupiah.parsePayment("1.500.000,50") }
        #expect(error.reason.phrase == "has a fraction of a rupiah (a decimal comma)")
    }

    @Test("formatting", arguments: [
        (Int64(0), "Rp0", "0"), (1, "Rp1", "1"), (999, "Rp999", "999"), (1_000, "Rp1.000", "1.000"),
        (1_500_000, "Rp1.500.000", "1.500.000"), (-250_000, "-Rp250.000", "-250.000"),
        (12_345_678_901_234, "Rp12.345.678.901.234", "12.345.678.901.234"),
        (Int64.max, "Rp9.223.372.036.854.775.807", "9.223.372.036.854.775.807"),
        (Int64.min, "-Rp9.223.372.036.854.775.808", "-9.223.372.036.854.775.808"),
    ])
    func formatting(amount: Int64, description: String, grouped: String) {
        #expect(Rupiah(amount).description == description)
        #expect(Rupiah(amount).groupedDigits == grouped)
    }

    @Test func formatThenParseRoundTrips() async {
        await propertyCheck(input: Gen.int64(in: (-Int64.max)...Int64.max)) { amount in
            let parsed = try [Rupiah(amount).description, Rupiah(amount).groupedDigits, String(amount)].map { text throws in
                try Rupiah.parse(text)
            }
            #expect(parsed == [Rupiah(amount), Rupiah(amount), Rupiah(amount)])
        }
    }

    /// A province's books pass Rp10^13: sums there must be exact to the rupiah.
    @Test func sumsAboveTenToTheThirteenAreExact() throws {
        var total = Rupiah.zero
        let grant = Rupiah(1_500_000)
        for _ in 0..<10_000 { total = try total.adding(grant) }
        #expect(total == Rupiah(15_000_000_000))
        let large = Rupiah(10_000_000_000_001) // 10^13 + 1
        var sum = Rupiah.zero
        for _ in 0..<900 { sum = try sum.adding(large) }
        #expect(sum == Rupiah(9_000_000_000_000_900))
        #expect(sum.description == "Rp9.000.000.000.000.900")
        #expect(try large.multiplied(by: 3) == Rupiah(30_000_000_000_003))
        // One rupiah more or less is visible.
        #expect(try sum.adding(Rupiah(-1)) == Rupiah(9_000_000_000_000_899))
    }

    @Test func sumsMatchIntegerArithmeticAboveTenToTheThirteen() async {
        await propertyCheck(input: Gen.int64(in: 10_000_000_000_000...100_000_000_000_000).array(of: 1...50)) { amounts in
            var sum = Rupiah.zero
            for a in amounts { sum = try sum.adding(Rupiah(a)) }
            #expect(sum.amount == amounts.reduce(0, +))
        }
    }

    @Test func overflowIsRefusedNotWrapped() {
        #expect(throws: RupiahOverflow(lhs: Int64.max, rhs: 1)) { try Rupiah(Int64.max).adding(Rupiah(1)) }
        #expect(throws: RupiahOverflow(lhs: Int64.min, rhs: -1)) { try Rupiah(Int64.min).adding(Rupiah(-1)) }
        #expect(throws: RupiahOverflow(lhs: 5_000_000_000_000_000_000, rhs: 2)) {
            try Rupiah(5_000_000_000_000_000_000).multiplied(by: 2)
        }
        #expect((try? Rupiah(Int64.max - 1).adding(Rupiah(1))) == Rupiah(Int64.max))
    }

    @Test func codableAsBareInteger() throws {
        let data = try JSONEncoder().encode([Rupiah(1_500_000)])
        #expect(String(decoding: data, as: UTF8.self) == "[1500000]")
        #expect(try JSONDecoder().decode([Rupiah].self, from: data) == [Rupiah(1_500_000)])
    }
}

@Suite("Running totals")
struct RunningTotalsTests {
    @Test func aTotalPast64BitsIsRefusedAndTheBalanceIsDebitMinusCredit() throws {
        let start = AccountTotals(debit: Rupiah(.max - 10), credit: Rupiah(5))
        let next = try start.moved(debit: 10, credit: 7)
        #expect(next == AccountTotals(debit: Rupiah(.max), credit: Rupiah(12)))
        #expect(next.balance == Rupiah(.max - 12))
        #expect(throws: LedgerRejection.amountOverflow) { try start.moved(debit: 11, credit: 0) }
        #expect(throws: LedgerRejection.amountOverflow) {
            try AccountTotals(debit: .zero, credit: Rupiah(.max)).moved(debit: 0, credit: 1)
        }
    }
}
