import Foundation

/// An amount of money in whole Indonesian rupiah.
///
/// Rupiah have no minor unit in practice, so Bekal refuses any fraction outright rather than
/// rounding it: a ledger that silently accepts 0.4 rupiah out of balance cannot be audited.
/// The value is a signed 64-bit integer (debit positive, credit negative in postings), which
/// holds a nation's books (about 9.2 × 10^18) with room to spare; arithmetic that would
/// overflow is refused, never wrapped.
public struct Rupiah: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The amount in whole rupiah.
    public let amount: Int64

    public init(_ amount: Int64) { self.amount = amount }

    public static let zero = Rupiah(0)

    public static func < (lhs: Rupiah, rhs: Rupiah) -> Bool { lhs.amount < rhs.amount }

    public var isPositive: Bool { amount > 0 }
    public var negated: Rupiah { Rupiah(-amount) }

    /// Adds two amounts, refusing overflow instead of trapping.
    public func adding(_ other: Rupiah) throws(RupiahOverflow) -> Rupiah {
        let (sum, overflow) = amount.addingReportingOverflow(other.amount)
        if overflow { throw RupiahOverflow(lhs: amount, rhs: other.amount) }
        return Rupiah(sum)
    }

    /// Multiplies by a count (quantity × unit cost), refusing overflow.
    public func multiplied(by count: Int64) throws(RupiahOverflow) -> Rupiah {
        let (product, overflow) = amount.multipliedReportingOverflow(by: count)
        if overflow { throw RupiahOverflow(lhs: amount, rhs: count) }
        return Rupiah(product)
    }

    /// `Rp1.500.000`, `-Rp250.000`, `Rp0`: the form officers write on paper.
    public var description: String {
        amount < 0 ? "-Rp" + Rupiah.grouped(amount.magnitude) : "Rp" + Rupiah.grouped(amount.magnitude)
    }

    /// `1.500.000` (with a leading `-` when negative): digits grouped by dots, no prefix.
    public var groupedDigits: String {
        amount < 0 ? "-" + Rupiah.grouped(amount.magnitude) : Rupiah.grouped(amount.magnitude)
    }

    static func grouped(_ magnitude: UInt64) -> String {
        let digits = Array(String(magnitude))
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3)
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(".") }
            out.append(digit)
        }
        return out
    }

    // Codable as a bare integer, so JSON reports carry plain numbers.
    public init(from decoder: any Decoder) throws {
        amount = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(amount)
    }
}

/// Arithmetic on rupiah that would not fit in 64 bits.
public struct RupiahOverflow: Error, Equatable, Sendable {
    public let lhs: Int64
    public let rhs: Int64
}

extension Rupiah {
    /// Parses an amount as officers write it: `1.500.000`, `1500000`, `Rp 1.500.000`,
    /// `Rp1.500.000`, `Rp. 1.500.000`. A leading `-` is accepted only here, not by
    /// ``parsePayment(_:field:)``.
    ///
    /// A trailing `,-` or `,00` (how a kuitansi marks whole rupiah) is accepted and means nothing.
    /// Refused, each with a message that quotes the input: a fraction of a rupiah
    /// (`1.500.000,50`, `1500000.5`), dots that are not thousands separators (`1.50.000`),
    /// more than 64 bits, letters or other garbage, and an empty string.
    public static func parse(_ text: String, field: InputField = .amount) throws(InputError) -> Rupiah {
        let original = text
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        func refuse(_ reason: InputReason) -> InputError { InputError(field, input: original, reason) }
        if body.isEmpty { throw refuse(.empty) }
        var negative = false
        if body.first == "-" { negative = true; body = body.dropFirst() }
        if body.lowercased().hasPrefix("rp") {
            body = body.dropFirst(2)
            if body.first == "." { body = body.dropFirst() }
            body = Substring(body.trimmingCharacters(in: .whitespaces))
        }
        if !negative && body.first == "-" { negative = true; body = body.dropFirst() }
        // A kuitansi writes whole rupiah as `Rp 1.500.000,-` or `Rp1.500.000,00`: no fraction.
        for wholeMark in [",-", ",00"] where body.hasSuffix(wholeMark) {
            body = body.dropLast(wholeMark.count)
            break
        }
        if body.contains(",") {
            throw refuse(.decimalComma)
        }
        if body.isEmpty || !body.allSatisfy({ $0 == "." || ("0"..."9").contains($0) }) {
            throw refuse(.notARupiahAmount)
        }
        let groups = body.split(separator: ".", omittingEmptySubsequences: false)
        if groups.count > 1 {
            let last = groups[groups.count - 1]
            if groups.count == 2 && (1...2).contains(last.count) {
                throw refuse(.decimalPoint)
            }
            let wellGrouped = (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
            if !wellGrouped {
                throw refuse(.misplacedDots)
            }
        }
        let digits = groups.joined()
        guard let magnitude = Int64(digits) else {
            throw refuse(.tooLarge)
        }
        return Rupiah(negative ? -magnitude : magnitude)
    }

    /// Parses an amount that is paid, received or charged: it must be more than zero.
    public static func parsePayment(_ text: String, field: InputField = .amount) throws(InputError) -> Rupiah {
        let value = try parse(text, field: field)
        if value.amount <= 0 {
            throw InputError(field, input: text, value.amount == 0 ? .zero : .negative)
        }
        return value
    }
}
