@testable import BekalCore
import Foundation
import PropertyBased
import Testing

/// The search's byte-wise `contains` for ASCII name keys answers as Foundation's does.
@Suite("Search contains fast path")
struct SearchContainsPerfTests {
    @Test("on random texts of a small alphabet, ASCII or not, it answers as String.contains")
    func matchesFoundation() async {
        let alphabet = Array("ab 1é") as [Character]
        let text = Gen<Character?>.element(of: alphabet).map { $0! }
        await propertyCheck(count: 3000, input: text.string(of: 0...12), text.string(of: 0...4)) { name, key in
            #expect(Operations.nameKey(name, contains: key) == name.contains(key))
        }
    }

    @Test("on folded random ASCII names and keys it answers as String.contains")
    func foldedASCII() async {
        await propertyCheck(count: 2000, input: Gen.ascii.string(of: 0...30), Gen.ascii.string(of: 0...3)) { name, key in
            let n = LikelyDuplicate.nameKey(name), k = LikelyDuplicate.nameKey(key)
            #expect(Operations.nameKey(n, contains: k) == n.contains(k))
        }
    }

    @Test("examples")
    func examples() {
        #expect(Operations.nameKey("siti nurhaliza", contains: "siti"))
        #expect(Operations.nameKey("siti nurhaliza", contains: "haliza"))
        #expect(!Operations.nameKey("siti", contains: "siti nurhaliza"))
        #expect(Operations.nameKey("kw bmk 2013 0001", contains: "kw bmk"))
        #expect(Operations.nameKey("séti", contains: "sé"))
    }
}
