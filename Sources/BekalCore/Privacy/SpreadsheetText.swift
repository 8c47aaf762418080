/// Text made safe to put in a spreadsheet cell, for xlsx and CSV alike.
///
/// A partner opens what we export in Excel or LibreOffice. Text typed into a form (a brand
/// name, a need, a note) must come out as the same text, never as something the spreadsheet
/// runs or that hides what it says. One rule for both formats, so the partner sees the same
/// characters whichever file they open:
///
/// 1. Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) are
///    removed: a right-to-left override can make `exe.pdf` read as `fdp.exe` and hide what a
///    cell really says.
/// 2. Control characters (C0 and C1) are removed; a tab becomes a space; a line break (LF,
///    CR or CRLF) is kept as one LF when `keepLineBreaks` (wrapped cells), else a space.
///    A byte-order mark and a zero-width space are removed too, so they cannot hide a
///    leading `=`.
/// 3. When the first character that is not a space or line break is `=`, `+`, `-`, `@` (or
///    their full-width forms), or the original text started with a tab or carriage return,
///    the text gets a leading apostrophe `'`. In xlsx the cell is also written as a string
///    cell, which never evaluates; the apostrophe keeps it inert when someone edits the cell,
///    pastes it elsewhere or saves the sheet as CSV — and a CSV has no cell types at all.
/// 4. Text longer than Excel's limit of 32,767 characters (UTF-16 code units, as Excel counts)
///    is cut at a character boundary and ends with ``cutMarker``, the whole within the limit.
///
/// Numbers, amounts and dates are typed cells, not text, and do not pass through here: a
/// negative amount in a CSV is the number it says.
public enum SpreadsheetText {
    /// Excel's limit for one cell, in UTF-16 code units.
    public static let lengthMax = 32_767
    /// Appended to text that was cut, so a reader knows it was.
    public static let cutMarker = " … [dipotong]"

    /// The rule above, as a pure function. Idempotent: `safe(safe(x)) == safe(x)`.
    public static func safe(_ raw: String, keepLineBreaks: Bool = true) -> String {
        if isPlainAndSafe(raw) { return raw }
        var startsWithTabOrReturn = false
        if let first = raw.unicodeScalars.first { startsWithTabOrReturn = first == "\t" || first == "\r" }
        var cleaned = String.UnicodeScalarView()
        var afterReturn = false
        for scalar in raw.unicodeScalars {
            let value = scalar.value
            defer { afterReturn = value == 0x0D }
            switch value {
            case 0x0D:
                cleaned.append(keepLineBreaks ? "\n" : " ")
            case 0x0A:
                if !afterReturn { cleaned.append(keepLineBreaks ? "\n" : " ") }
            case 0x09:
                cleaned.append(" ")
            case 0x00...0x1F, 0x7F...0x9F:
                continue
            case _ where isInvisibleControl(value):
                continue
            default:
                cleaned.append(scalar)
            }
        }
        var text = String(cleaned)
        if startsWithTabOrReturn || startsLikeFormula(text) { text = "'" + text }
        return cut(text)
    }

    /// Whether a spreadsheet would read this text as the start of a formula.
    public static func startsLikeFormula(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\n", "\u{A0}": continue
            case "=", "+", "-", "@", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}": return true
            default: return false
            }
        }
        return false
    }

    /// Printable ASCII, not starting like a formula, within the limit: the common case,
    /// returned untouched without building a new string (exports stream millions of cells).
    private static func isPlainAndSafe(_ raw: String) -> Bool {
        let result: Bool? = raw.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.count <= lengthMax else { return false }
            if let first = bytes.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "+")
                || first == UInt8(ascii: "-") || first == UInt8(ascii: "@") || first == UInt8(ascii: " ") {
                return false
            }
            for byte in bytes where byte < 0x20 || byte > 0x7E { return false }
            return true
        }
        return result ?? false
    }

    private static func isInvisibleControl(_ value: UInt32) -> Bool {
        switch value {
        case 0x061C, 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF, 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    private static func cut(_ text: String) -> String {
        guard text.utf16.count > lengthMax else { return text }
        let budget = lengthMax - cutMarker.utf16.count
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let width = text[index].utf16.count
            if used + width > budget { break }
            used += width
            end = text.index(after: index)
        }
        return String(text[..<end]) + cutMarker
    }
}
