@testable import BekalCore
import PropertyBased
import Testing

/// The byte-by-byte fold of an ASCII name gives the same key as the general fold, which the
/// search runs on every kelompok and usaha name of every request.
@Suite("NameKey fast path")
struct NameKeyPerfTests {
    @Test("an ASCII name gets the general fold's key, byte for byte")
    func asciiMatchesFold() async {
        await propertyCheck(count: 2000, input: Gen.ascii.string(of: 0...40)) { name in
            #expect(LikelyDuplicate.asciiNameKey(name) != nil)
            #expect(Array(LikelyDuplicate.nameKey(name).utf8) == Array(LikelyDuplicate.foldedNameKey(name).utf8))
        }
    }

    @Test("names of mostly ASCII letters and spaces get the general fold's key")
    func wordsMatchFold() async {
        let characters = Array("aAzZ09 .,-'  \t\r\n/") as [Character]
        await propertyCheck(count: 2000, input: Gen<Character?>.element(of: characters).map { $0! }.string(of: 0...30)) { name in
            #expect(Array(LikelyDuplicate.nameKey(name).utf8) == Array(LikelyDuplicate.foldedNameKey(name).utf8))
        }
    }

    @Test("any Unicode name gets the general fold's key; only all-ASCII ones take the fast path")
    func unicodeMatchesFold() async {
        // Latin, Latin-1, extended Latin and the combining accents (after ASCII letters too),
        // then anything in the basic plane below the surrogates.
        let near = Gen.unicodeScalar(in: "\u{0}"..."\u{36F}").map { Character($0) }
        let wide = Gen.unicodeScalar(in: "\u{0}"..."\u{D7FF}").map { Character($0) }
        for generator in [near, wide] {
            await propertyCheck(count: 2000, input: generator.string(of: 0...24)) { name in
                #expect(Array(LikelyDuplicate.nameKey(name).utf8) == Array(LikelyDuplicate.foldedNameKey(name).utf8))
                #expect((LikelyDuplicate.asciiNameKey(name) != nil) == name.utf8.allSatisfy { $0 < 0x80 })
            }
        }
    }

    @Test("examples")
    func examples() {
        for name in ["Siti  Nurhaliza", "SITI NURHALIZA", "Siti Nurhaliza.", "  ", "", "KW/BMK", "Ibu\r\nSiti", "Dewi Sartika 2"] {
            #expect(LikelyDuplicate.nameKey(name) == LikelyDuplicate.foldedNameKey(name), "\(name)")
        }
        #expect(LikelyDuplicate.nameKey(" Siti--Nurhaliza. ") == "siti nurhaliza")
        #expect(LikelyDuplicate.nameKey("Séti") == "seti")
    }
}
