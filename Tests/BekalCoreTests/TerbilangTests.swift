import BekalCore
import PropertyBased
import Testing

/// Terbilang, the amount in Indonesian words: the forms a kuitansi uses, and, for every Int64,
/// words that read back as exactly the number (a reader written here from the grammar alone).
@Suite struct TerbilangTests {
    @Test(arguments: [
        (Int64(0), "nol"), (1, "satu"), (10, "sepuluh"), (11, "sebelas"), (12, "dua belas"), (19, "sembilan belas"),
        (20, "dua puluh"), (21, "dua puluh satu"), (100, "seratus"), (101, "seratus satu"), (110, "seratus sepuluh"),
        (111, "seratus sebelas"), (999, "sembilan ratus sembilan puluh sembilan"), (1_000, "seribu"), (1_001, "seribu satu"),
        (2_000, "dua ribu"), (11_000, "sebelas ribu"), (100_000, "seratus ribu"), (101_000, "seratus satu ribu"),
        (1_000_000, "satu juta"), (1_001_000, "satu juta seribu"), (1_500_000, "satu juta lima ratus ribu"),
        (2_350_000, "dua juta tiga ratus lima puluh ribu"), (1_000_000_000, "satu miliar"), (1_000_000_000_000, "satu triliun"),
        (-250_000, "minus dua ratus lima puluh ribu"),
        (Int64.max, "sembilan kuintiliun dua ratus dua puluh tiga kuadriliun tiga ratus tujuh puluh dua triliun tiga puluh enam miliar "
            + "delapan ratus lima puluh empat juta tujuh ratus tujuh puluh lima ribu delapan ratus tujuh"),
        (Int64.min, "minus sembilan kuintiliun dua ratus dua puluh tiga kuadriliun tiga ratus tujuh puluh dua triliun tiga puluh enam miliar "
            + "delapan ratus lima puluh empat juta tujuh ratus tujuh puluh lima ribu delapan ratus delapan"),
    ])
    func knownAmounts(number: Int64, words: String) {
        #expect(Terbilang.words(number) == words)
    }

    @Test func aKuitansiWritesItWithRupiah() {
        #expect(Terbilang.rupiah(Rupiah(1_500_000)) == "Satu juta lima ratus ribu rupiah")
        #expect(Terbilang.rupiah(Rupiah(0)) == "Nol rupiah")
    }

    /// The words read back, by the grammar: units, belas, puluh, ratus, then the groups.
    static func read(_ text: String) -> Int64? {
        var words = text.split(separator: " ").map(String.init)
        let negative = words.first == "minus"
        if negative { words.removeFirst() }
        let units = ["nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9]
        let groups: [String: Int] = ["ribu": 1, "juta": 2, "miliar": 3, "triliun": 4, "kuadriliun": 5, "kuintiliun": 6]
        var total: UInt64 = 0, small: UInt64 = 0, current: UInt64 = 0
        for word in words {
            switch word {
            case let w where units[w] != nil: current += UInt64(units[w]!)
            case "sepuluh": current += 10
            case "sebelas": current += 11
            case "belas": current += 10
            case "puluh": current = current * 10
            case "seratus": small += 100
            case "ratus": small += current * 100; current = 0
            case "seribu": total += 1000
            case let w where groups[w] != nil:
                var scale: UInt64 = 1
                for _ in 0..<groups[w]! { scale *= 1000 }
                total += (small + current) * scale; small = 0; current = 0
            default: return nil
            }
        }
        let magnitude = total + small + current
        if negative { return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude) }
        return Int64(magnitude)
    }

    @Test func everyAmountReadsBackAsItself() async {
        await propertyCheck(input: Gen.int64(in: Int64.min...Int64.max)) { number in
            #expect(Self.read(Terbilang.words(number)) == number, "\(number): \(Terbilang.words(number))")
        }
        for number in [Int64(0), 1_000, 1_000_000, 999_999_999_999_999_999] {
            #expect(Self.read(Terbilang.words(number)) == number)
        }
    }
}
