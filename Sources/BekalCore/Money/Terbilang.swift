/// An amount in Indonesian words (*terbilang*), as a kuitansi writes it beside the figures:
/// 1.500.000 is "satu juta lima ratus ribu". Exact for every amount the ledger holds, up to
/// Int64's 9.223.372.036.854.775.807 ("sembilan kuintiliun dua ratus dua puluh tiga
/// kuadriliun …"); the thousands take "se-" alone (seribu), the larger groups "satu" (satu juta).
public enum Terbilang {
    static let units = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
    /// The groups of three digits above the first, smallest first.
    static let groups = ["ribu", "juta", "miliar", "triliun", "kuadriliun", "kuintiliun"]

    /// The number in words, lower case: "nol", "seribu", "minus dua ratus lima puluh ribu".
    public static func words(_ number: Int64) -> String {
        if number == 0 { return units[0] }
        let sign = number < 0 ? "minus " : ""
        var rest = number.magnitude
        var parts: [String] = []
        var group = 0
        while rest > 0 {
            let three = Int(rest % 1000)
            rest /= 1000
            if three > 0 {
                if group == 0 {
                    parts.append(below1000(three))
                } else if group == 1 && three == 1 {
                    parts.append("seribu")
                } else {
                    parts.append(below1000(three) + " " + groups[group - 1])
                }
            }
            group += 1
        }
        return sign + parts.reversed().joined(separator: " ")
    }

    /// What a kuitansi writes: "Satu juta lima ratus ribu rupiah".
    public static func rupiah(_ amount: Rupiah) -> String {
        let text = words(amount.amount) + " rupiah"
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// 1 … 999 in words.
    static func below1000(_ n: Int) -> String {
        var parts: [String] = []
        let hundreds = n / 100, rest = n % 100
        if hundreds == 1 { parts.append("seratus") } else if hundreds > 1 { parts.append(units[hundreds] + " ratus") }
        if rest > 0 { parts.append(below100(rest)) }
        return parts.joined(separator: " ")
    }

    /// 1 … 99 in words.
    static func below100(_ n: Int) -> String {
        switch n {
        case 1...9: units[n]
        case 10: "sepuluh"
        case 11: "sebelas"
        case 12...19: units[n - 10] + " belas"
        default: units[n / 10] + " puluh" + (n % 10 == 0 ? "" : " " + units[n % 10])
        }
    }
}
