import BekalCore
import Foundation
import PropertyBased
import Testing

@Suite("EntryHash")
struct EntryHashTests {
    static let sample = JournalEntry(
        id: 7, bookID: 1, kind: .grant, valueDate: LocalDate(year: 2026, month: 11, day: 2)!,
        recordedAt: "2026-11-25T05:00:00Z", actor: "bendahara", memo: "Bantuan modal kerja B-00003 angkatan 2026",
        documentRef: "KW-001", idempotencyKey: "grant:KW-001", reversesEntryID: nil, linkedEntryID: nil,
        postings: [
            Posting(accountID: 5, amount: Rupiah(1_500_000), dimensions: Dimensions(beneficiaryID: 3, cohortID: 1, budgetYear: 2026)),
            Posting(accountID: 1, amount: Rupiah(-1_500_000), dimensions: Dimensions(beneficiaryID: 3, cohortID: 1, budgetYear: 2026)),
        ],
        previousHash: String(repeating: "a", count: 64), hash: "")

    @Test func deterministicSha256() {
        let a = EntryHash.compute(Self.sample)
        #expect(a == EntryHash.compute(Self.sample))
        #expect(a.count == 64 && a.allSatisfy { "0123456789abcdef".contains($0) })
        // The known digest of the empty string pins the hex encoding.
        #expect(EntryHash.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(EntryHash.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    static func canonical(_ e: JournalEntry) -> String {
        EntryHash.canonical(id: e.id, bookID: e.bookID, kind: e.kind, valueDate: e.valueDate, recordedAt: e.recordedAt,
                            actor: e.actor, memo: e.memo, documentRef: e.documentRef, idempotencyKey: e.idempotencyKey,
                            reversesEntryID: e.reversesEntryID, linkedEntryID: e.linkedEntryID, postings: e.postings,
                            previousHash: e.previousHash)
    }

    /// The canonical text and digest of two entries, written out: a stored chain verifies only
    /// while every byte of this encoding stays the same, however it is produced.
    @Test func canonicalEncodingIsPinned() {
        #expect(Self.canonical(Self.sample) == """
            bekal-entry-v1\nid:1:7\nbook:1:1\nkind:5:grant\nvalue_date:10:2026-11-02\nrecorded_at:20:2026-11-25T05:00:00Z\n\
            actor:9:bendahara\nmemo:41:Bantuan modal kerja B-00003 angkatan 2026\ndocument_ref:6:KW-001\n\
            idempotency_key:12:grant:KW-001\nreverses:-\nlinked:-\nposting:24:0,5,1500000,3,-,-,1,2026\n\
            posting:25:1,1,-1500000,3,-,-,1,2026\nprevious:64:\(String(repeating: "a", count: 64))\n
            """)
        #expect(EntryHash.compute(Self.sample) == "2c50fb854c780dcbf8f06b300ffa613c38996269090d631c953a4dee62978b1b")
        let other = JournalEntry(
            id: 42, bookID: 3, kind: .reversal, valueDate: LocalDate(year: 2007, month: 1, day: 9)!,
            recordedAt: "2026-11-25T05:00:00Z", actor: "Rina Marlina", memo: "Pembalikan #41 — salah nomor kuitansi, Bu Ṡiti",
            documentRef: nil, idempotencyKey: "reversal:41", reversesEntryID: 41, linkedEntryID: 40,
            postings: [
                Posting(accountID: 1, amount: Rupiah(1_500_000),
                        dimensions: Dimensions(beneficiaryID: 12, kelompokID: 3, usahaID: 7, cohortID: 2, budgetYear: 2007)),
                Posting(accountID: 5, amount: Rupiah(Int64.min), dimensions: Dimensions()),
            ],
            previousHash: String(repeating: "0", count: 64), hash: "")
        #expect(Self.canonical(other) == """
            bekal-entry-v1\nid:2:42\nbook:1:3\nkind:8:reversal\nvalue_date:10:2007-01-09\nrecorded_at:20:2026-11-25T05:00:00Z\n\
            actor:12:Rina Marlina\nmemo:50:Pembalikan #41 — salah nomor kuitansi, Bu Ṡiti\ndocument_ref:-\n\
            idempotency_key:11:reversal:41\nreverses:2:41\nlinked:2:40\nposting:25:0,1,1500000,12,3,7,2,2007\n\
            posting:34:1,5,-9223372036854775808,-,-,-,-,-\nprevious:64:\(String(repeating: "0", count: 64))\n
            """)
        #expect(EntryHash.compute(other) == "9ed9ce5f6bc15a81e490ab9140f91c65793ebef6ddf8b8104b11752213984a0f")
    }

    @Test func lengthPrefixesKeepFieldsApart() {
        // Moving a character from the memo into the actor must not give the same encoding.
        var a = Self.sample, b = Self.sample
        a = a.with(actor: "ab", memo: "c")
        b = b.with(actor: "a", memo: "bc")
        #expect(EntryHash.compute(a) != EntryHash.compute(b))
        #expect(EntryHash.compute(Self.sample.with(documentRef: .some(nil))) != EntryHash.compute(Self.sample.with(documentRef: "-")))
    }

    /// Changing any single field of an entry changes its hash.
    @Test func anyChangeChangesTheHash() async {
        let original = EntryHash.compute(Self.sample)
        await propertyCheck(count: 300, input: Gen.int(in: 0...17), Gen.int64(in: 1...1_000_000), Gen.letterOrNumber.string(of: 1...8)) { field, n, text in
            let e = Self.sample
            let changed: JournalEntry
            switch field {
            case 0: changed = e.with(id: e.id + n)
            case 1: changed = e.with(bookID: e.bookID + n)
            case 2: changed = e.with(kind: EntryKind.allCases.filter { $0 != e.kind }[Int(n) % (EntryKind.allCases.count - 1)])
            case 3: changed = e.with(valueDate: e.valueDate.adding(days: Int(n % 5000) + 1))
            case 4: changed = e.with(recordedAt: e.recordedAt + text)
            case 5: changed = e.with(actor: e.actor + text)
            case 6: changed = e.with(memo: text + e.memo)
            case 7: changed = e.with(documentRef: .some(e.documentRef! + text))
            case 8: changed = e.with(idempotencyKey: e.idempotencyKey + text)
            case 9: changed = e.with(reversesEntryID: .some(n))
            case 10: changed = e.with(linkedEntryID: .some(n))
            case 11: changed = e.with(previousHash: text)
            case 12: changed = e.with(posting: 0) { Posting(accountID: $0.accountID, amount: Rupiah($0.amount.amount + n), dimensions: $0.dimensions) }
            case 13: changed = e.with(posting: 1) { Posting(accountID: $0.accountID + n, amount: $0.amount, dimensions: $0.dimensions) }
            case 14: changed = e.with(posting: 0) { p in
                var d = p.dimensions; d.beneficiaryID = (d.beneficiaryID ?? 0) + n
                return Posting(accountID: p.accountID, amount: p.amount, dimensions: d)
            }
            case 15: changed = e.with(posting: 1) { p in
                var d = p.dimensions
                switch n % 4 { case 0: d.kelompokID = n; case 1: d.usahaID = n; case 2: d.cohortID = nil; default: d.budgetYear = 2026 + Int(n) }
                return Posting(accountID: p.accountID, amount: p.amount, dimensions: d)
            }
            case 16: changed = e.with(postings: e.postings.reversed())
            default: changed = e.with(postings: e.postings + [Posting(accountID: 9, amount: Rupiah(n))])
            }
            #expect(EntryHash.compute(changed) != original, "field \(field)")
        }
    }
}

extension JournalEntry {
    /// A copy with some fields replaced (a test helper: stored entries are never changed).
    func with(id: Int64? = nil, bookID: Int64? = nil, kind: EntryKind? = nil, valueDate: LocalDate? = nil,
              recordedAt: String? = nil, actor: String? = nil, memo: String? = nil, documentRef: String?? = nil,
              idempotencyKey: String? = nil, reversesEntryID: Int64?? = nil, linkedEntryID: Int64?? = nil,
              postings: [Posting]? = nil, previousHash: String? = nil) -> JournalEntry {
        JournalEntry(id: id ?? self.id, bookID: bookID ?? self.bookID, kind: kind ?? self.kind, valueDate: valueDate ?? self.valueDate,
                     recordedAt: recordedAt ?? self.recordedAt, actor: actor ?? self.actor, memo: memo ?? self.memo,
                     documentRef: documentRef ?? self.documentRef, idempotencyKey: idempotencyKey ?? self.idempotencyKey,
                     reversesEntryID: reversesEntryID ?? self.reversesEntryID, linkedEntryID: linkedEntryID ?? self.linkedEntryID,
                     postings: postings ?? self.postings, previousHash: previousHash ?? self.previousHash, hash: hash)
    }

    func with(posting index: Int, _ change: (Posting) -> Posting) -> JournalEntry {
        var postings = self.postings
        postings[index] = change(postings[index])
        return with(postings: postings)
    }
}

@Suite("NIK")
struct NIKTests {
    @Test func acceptsSixteenDigits() throws {
        #expect(try NIK.parse("1871014501850003").digits == "1871014501850003")
        #expect(try NIK.parse(" 1871014501850003 ").digits == "1871014501850003")
    }

    /// The refusal never echoes the digits: a NIK with one digit missing is still a NIK.
    @Test("refuses anything else without echoing it", arguments: [
        ("187101450185000", 15), ("18710145018500031", 17), ("1871.0145.0185.00", 17), ("187101450185000X", 16),
        ("", 0), ("１８７１０１４５０１８５０００３", 16), ("1871 0145 0185 0003", 19),
    ])
    func refuses(text: String, characters: Int) throws {
        let error = try #require(throws: InputError.self) { try NIK.parse(text, field: .option("--nik")) }
        #expect(error.message == "--nik \"(\(characters) characters, not shown)\" is not a NIK: a NIK is exactly 16 digits, without spaces or dots.")
        if !text.isEmpty { #expect(!error.message.contains(text)) }
        #expect(!error.message.contains("1871"))
    }
}
