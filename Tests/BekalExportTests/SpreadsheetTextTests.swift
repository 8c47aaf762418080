import BekalCore
import PropertyBased
import Testing

@Suite struct SpreadsheetTextTests {
    @Test(arguments: [
        ("=HYPERLINK(\"http://x.example\",\"Klik\")", "'=HYPERLINK(\"http://x.example\",\"Klik\")"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "' =1+1"),
        ("\rhalo", "'\nhalo"),
        ("  =1+1", "'  =1+1"),
        ("\u{FEFF}=cmd", "'=cmd"),
        ("\u{FF1D}1+1", "'\u{FF1D}1+1"),
        ("a\u{0}b\u{7}c\u{1B}d\u{85}e\u{7F}", "abcde"),
        ("abc\u{202E}fdp.exe", "abcfdp.exe"),
        ("\u{2066}x\u{2069}\u{200F}y\u{061C}", "xy"),
        ("satu\r\ndua\rtiga\nempat", "satu\ndua\ntiga\nempat"),
        ("Kue Bu Sari, 2 = 1", "Kue Bu Sari, 2 = 1"),
        ("Salon Melati", "Salon Melati"),
        ("", ""),
    ])
    func rule(raw: String, expected: String) {
        #expect(SpreadsheetText.safe(raw) == expected)
    }

    @Test func lineBreaksBecomeSpacesOutsideWrappedCells() {
        #expect(SpreadsheetText.safe("satu\r\ndua\nx", keepLineBreaks: false) == "satu dua x")
    }

    @Test func longTextIsCutWithAMarkerWithinExcelsLimit() {
        let note = String(repeating: "catatan ", count: 5_000)
        let safe = SpreadsheetText.safe(note)
        #expect(safe.utf16.count <= SpreadsheetText.lengthMax)
        #expect(safe.utf16.count > SpreadsheetText.lengthMax - 20)
        #expect(safe.hasSuffix(SpreadsheetText.cutMarker))
        #expect(safe.hasPrefix("catatan catatan"))

        let exactly = String(repeating: "x", count: SpreadsheetText.lengthMax)
        #expect(SpreadsheetText.safe(exactly) == exactly)
        #expect(SpreadsheetText.safe(exactly + "y").hasSuffix(SpreadsheetText.cutMarker))
    }

    @Test func cuttingNeverSplitsACharacter() {
        // Emoji are two UTF-16 units; a cut in the middle would leave half a surrogate pair.
        let note = String(repeating: "👩🏽‍🍳", count: 10_000)
        let safe = SpreadsheetText.safe(note)
        #expect(safe.utf16.count <= SpreadsheetText.lengthMax)
        #expect(safe.dropLast(SpreadsheetText.cutMarker.count).allSatisfy { $0 == "👩🏽‍🍳" })
    }

    @Test func propertiesHoldForHostileMixtures() async {
        let pool: [Character] = ["=", "+", "-", "@", "\t", "\r", "\n", "\r\n", " ", "a", "Z", "1", ",", "\"", "'",
                                 "\u{0}", "\u{1B}", "\u{7F}", "\u{85}", "\u{202E}", "\u{2067}", "\u{200F}", "\u{FEFF}",
                                 "\u{FF1D}", "é", "👩🏽‍🍳", "\u{A0}"]
        let text = Gen<Character?>.element(of: pool).map { $0 ?? "a" }.string(of: 0...40)
        await propertyCheck(count: 500, input: text) { raw in
            let safe = SpreadsheetText.safe(raw)
            #expect(SpreadsheetText.safe(safe) == safe, "idempotent")
            #expect(!SpreadsheetText.startsLikeFormula(safe))
            #expect(safe.unicodeScalars.allSatisfy { scalar in
                scalar == "\n" || !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
            })
            #expect(!safe.unicodeScalars.contains { [0x202E, 0x2067, 0x200F, 0xFEFF].contains($0.value) })
            #expect(safe.utf16.count <= SpreadsheetText.lengthMax)
        }
    }
}
