import Crypto
import Foundation

/// The digest of one table's rows as they were sealed: every row whose key is at most
/// `lastKey`, in key order, each column in a canonical byte form (see the store).
public struct TableDigest: Hashable, Codable, Sendable {
    public let table: String
    public let rows: Int
    public let lastKey: Int64
    public let digest: String

    public init(table: String, rows: Int, lastKey: Int64, digest: String) {
        self.table = table
        self.rows = rows
        self.lastKey = lastKey
        self.digest = digest
    }
}

/// SHA-256 fed a piece at a time, for a store that digests its rows without holding them.
public struct DigestBuilder {
    private var hasher = SHA256()
    public init() {}
    public mutating func add(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }
    public mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) } }
    public func finish() -> String { EntryHash.hex(Array(hasher.finalize())) }
}

/// A seal of the books: the head of the hash chain and a digest of every other record that
/// must not change behind the office's back, signed with the office's Ed25519 key, which is
/// kept outside the database.
///
/// Someone with the database file can rewrite an entry and recompute the whole chain; he
/// cannot sign the result without the key. So `verify` compares the books with the seals:
/// an entry the seal covers that was rewritten or cut, a covered row that changed, a seal
/// signed by another key or not at all. What a seal cannot show is a change made after the
/// last seal; hence a seal at every month closing, and its short form on paper.
public struct Seal: Hashable, Codable, Sendable {
    public let number: Int64
    public let sealedAt: String
    public let actor: String
    /// `month_close:2026-10` or `manual`.
    public let reason: String
    /// The last entry of the chain when sealed (0 and "" when there was none).
    public let entryID: Int64
    public let entryHash: String
    public let tables: [TableDigest]
    /// The raw Ed25519 public key, hex.
    public let publicKey: String
    /// The Ed25519 signature of ``canonical``, hex.
    public let signature: String

    public init(number: Int64, sealedAt: String, actor: String, reason: String, entryID: Int64, entryHash: String,
                tables: [TableDigest], publicKey: String, signature: String) {
        self.number = number
        self.sealedAt = sealedAt
        self.actor = actor
        self.reason = reason
        self.entryID = entryID
        self.entryHash = entryHash
        self.tables = tables
        self.publicKey = publicKey
        self.signature = signature
    }

    /// Signs the seal's content with `key`.
    public static func make(number: Int64, sealedAt: String, actor: String, reason: String, entryID: Int64, entryHash: String,
                            tables: [TableDigest], key: SealKey) throws -> Seal {
        let unsigned = Seal(number: number, sealedAt: sealedAt, actor: actor, reason: reason, entryID: entryID, entryHash: entryHash,
                            tables: tables, publicKey: key.publicKeyHex, signature: "")
        let signature = try key.sign(unsigned.canonical)
        return Seal(number: number, sealedAt: sealedAt, actor: actor, reason: reason, entryID: entryID, entryHash: entryHash,
                    tables: tables, publicKey: key.publicKeyHex, signature: EntryHash.hex(signature))
    }

    /// The bytes the signature covers: every field, one per line, the tables in name order.
    public var canonical: [UInt8] {
        var text = "bekal-seal-v1\nnumber:\(number)\nsealed_at:\(sealedAt)\nactor:\(actor.utf8.count):\(actor)\n"
        text += "reason:\(reason.utf8.count):\(reason)\nentry:\(entryID):\(entryHash)\npublic_key:\(publicKey)\n"
        for t in tables.sorted(by: { $0.table < $1.table }) {
            text += "table:\(t.table):\(t.rows):\(t.lastKey):\(t.digest)\n"
        }
        return Array(text.utf8)
    }

    /// SHA-256 of the signed content: what the short form carries.
    public var contentDigest: String { EntryHash.hex(Array(SHA256.hash(data: canonical))) }

    public var signatureIsValid: Bool {
        guard let key = SealKey.publicKey(hex: publicKey), let signature = EntryHash.bytes(hex: signature) else { return false }
        return key.isValidSignature(signature, for: canonical)
    }

    /// What a person copies onto paper (the month-closing report carries it):
    /// `seal 3 · entry 312 · 5E2C-9A10-77F3-0B4D · key 4F1A-22C8`.
    public var shortForm: String {
        SealReference(number: number, entryID: entryID, digestPrefix: String(contentDigest.prefix(16)),
                      keyPrefix: SealKey.fingerprint(publicKeyHex: publicKey)).text
    }
}

/// A seal as written on paper, to be checked with `bekal verify --expect`.
public struct SealReference: Hashable, Sendable {
    public let number: Int64
    public let entryID: Int64
    /// The first 16 hex digits of the seal's content digest, lower case.
    public let digestPrefix: String
    /// The first 8 hex digits of the SHA-256 of the public key, lower case.
    public let keyPrefix: String

    public init(number: Int64, entryID: Int64, digestPrefix: String, keyPrefix: String) {
        self.number = number
        self.entryID = entryID
        self.digestPrefix = digestPrefix.lowercased()
        self.keyPrefix = keyPrefix.lowercased()
    }

    public static func grouped(_ hex: String) -> String {
        var groups: [String] = []
        var rest = Substring(hex.uppercased())
        while !rest.isEmpty { groups.append(String(rest.prefix(4))); rest = rest.dropFirst(4) }
        return groups.joined(separator: "-")
    }

    public var text: String {
        "seal \(number) · entry \(entryID) · \(Self.grouped(digestPrefix)) · key \(Self.grouped(keyPrefix))"
    }

    /// Reads the short form as a person copied it: case, spaces and separators do not matter.
    public static func parse(_ text: String, field: InputField = .option("--expect")) throws(InputError) -> SealReference {
        let tokens = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        func fail() -> InputError {
            InputError(field, input: text, .notASealReference)
        }
        guard tokens.count == 11, tokens[0] == "seal", tokens[2] == "entry", tokens[8] == "key",
              let number = Int64(tokens[1]), let entry = Int64(tokens[3]) else { throw fail() }
        let digest = tokens[4...7].joined(), key = tokens[9...10].joined()
        let isHex = { (s: String) in s.allSatisfy { $0.isHexDigit } }
        guard digest.count == 16, key.count == 8, isHex(digest), isHex(key) else { throw fail() }
        return SealReference(number: number, entryID: entry, digestPrefix: digest, keyPrefix: key)
    }

    public func matches(_ seal: Seal) -> Bool {
        seal.number == number && seal.entryID == entryID && seal.contentDigest.hasPrefix(digestPrefix)
            && SealKey.fingerprint(publicKeyHex: seal.publicKey) == keyPrefix
    }
}

/// The office's Ed25519 signing key (swift-crypto's Curve25519). The core signs with it; the
/// adapters keep it in a file outside the database.
public struct SealKey: Sendable {
    /// The 32 raw bytes of the private key (a value type, so the key can cross threads).
    private let raw: [UInt8]
    public let publicKeyHex: String

    public static func generate() -> SealKey {
        let key = Curve25519.Signing.PrivateKey()
        return SealKey(raw: Array(key.rawRepresentation), publicKeyHex: EntryHash.hex(Array(key.publicKey.rawRepresentation)))
    }

    /// From the 32 raw bytes of the private key.
    public init(rawRepresentation bytes: [UInt8]) throws {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: bytes)
        self.init(raw: bytes, publicKeyHex: EntryHash.hex(Array(key.publicKey.rawRepresentation)))
    }

    private init(raw: [UInt8], publicKeyHex: String) {
        self.raw = raw
        self.publicKeyHex = publicKeyHex
    }

    public var rawRepresentation: [UInt8] { raw }

    /// As the key file holds it: 64 hex digits. Nil for anything else.
    public init?(privateKeyHex hex: String) {
        guard let bytes = EntryHash.bytes(hex: hex), bytes.count == 32, let key = try? SealKey(rawRepresentation: bytes) else { return nil }
        self = key
    }

    public var privateKeyHex: String { EntryHash.hex(raw) }

    func sign(_ bytes: [UInt8]) throws -> [UInt8] {
        Array(try Curve25519.Signing.PrivateKey(rawRepresentation: raw).signature(for: bytes))
    }

    static func publicKey(hex: String) -> Curve25519.Signing.PublicKey? {
        guard let bytes = EntryHash.bytes(hex: hex) else { return nil }
        return try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)
    }

    /// The first 8 hex digits of the SHA-256 of a public key: short enough for paper.
    public static func fingerprint(publicKeyHex: String) -> String {
        guard let bytes = EntryHash.bytes(hex: publicKeyHex) else { return "" }
        return String(EntryHash.hex(Array(SHA256.hash(data: bytes))).prefix(8))
    }
}

extension EntryHash {
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func bytes(hex: String) -> [UInt8]? {
        let chars = Array(hex.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var i = 0
        while i < chars.count {
            guard let hi = value(chars[i]), let lo = value(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}
