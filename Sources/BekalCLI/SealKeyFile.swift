import BekalCore
import Foundation

/// The office's seal key on disk: a file outside the database, readable by its owner only.
///
/// Its path is `--seal-key`, else `$BEKAL_SEAL_KEY`, else the database's path with
/// `.seal-key` added. The file holds one line after its heading: the 32-byte Ed25519 private
/// key in hex. Whoever holds it can sign seals; whoever holds the public key can check them.
public enum SealKeyFile {
    static let heading = "bekal-seal-key-v1"

    /// The key, refused when the file is missing, others can read it, or it is not a key.
    public static func load(_ path: String) throws -> SealKey {
        guard FileManager.default.fileExists(atPath: path) else { throw SealKeyError.missing(path: path) }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
            throw SealKeyError.exposed(path: path, mode: String(info.st_mode & 0o777, radix: 8))
        }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SealKeyError.unreadable(path: path, reason: error.localizedDescription)
        }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.count == 2, lines[0] == heading, let key = SealKey(privateKeyHex: lines[1]) else {
            throw SealKeyError.malformed(path: path)
        }
        return key
    }

    /// Writes a new key to `path`, which must not exist, with mode 0600.
    public static func create(_ path: String) throws -> SealKey {
        let key = SealKey.generate()
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        if fd < 0 { throw SealKeyError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        let text = heading + "\n" + key.privateKeyHex + "\n"
        let written = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
        if written < 0 { throw SealKeyError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        return key
    }

    /// The key for a database that may have no seals yet: created when missing and there are
    /// none, refused when missing and there are (a lost key must not be replaced silently).
    public static func loadOrCreate(_ path: String, sealsExist: Bool) throws -> (key: SealKey, created: Bool) {
        if FileManager.default.fileExists(atPath: path) { return (try load(path), false) }
        if sealsExist { throw SealKeyError.missingWithSeals(path: path) }
        return (try create(path), true)
    }

    /// The public key in a file, for `verify`: nil when there is no file.
    public static func publicKey(_ path: String) throws -> String? {
        FileManager.default.fileExists(atPath: path) ? try load(path).publicKeyHex : nil
    }

    public static func describe(_ key: SealKey, at path: String, created: Bool) -> String {
        (created ? "Seal key created at \(path) (readable by its owner only)." : "Seal key: \(path).")
            + " Public key \(key.publicKeyHex) (fingerprint \(SealReference.grouped(SealKey.fingerprint(publicKeyHex: key.publicKeyHex))));"
            + " keep a copy of it away from this server."
    }
}

public enum SealKeyError: BekalFailure, Equatable {
    case missing(path: String)
    case missingWithSeals(path: String)
    case exposed(path: String, mode: String)
    case unreadable(path: String, reason: String)
    case malformed(path: String)

    public var code: String {
        switch self {
        case .missing: "seal_key_missing"
        case .missingWithSeals: "seal_key_lost"
        case .exposed: "seal_key_exposed"
        case .unreadable: "seal_key_unreadable"
        case .malformed: "seal_key_malformed"
        }
    }

    public var message: String {
        switch self {
        case .missing(let path):
            "No seal key at \(path); `bekal init` creates one, or give its path with --seal-key or BEKAL_SEAL_KEY."
        case .missingWithSeals(let path):
            "No seal key at \(path), but the books are already sealed with one: put the office's key file back there (or give its path with --seal-key or BEKAL_SEAL_KEY); a new key is never made silently."
        case .exposed(let path, let mode):
            "The seal key \(path) is readable by others (mode \(mode)); anyone who reads it can forge seals. `chmod 600 \(path)`, consider the key exposed, and tell the head of office."
        case .unreadable(let path, let reason):
            "Cannot read or write the seal key \(path): \(reason)."
        case .malformed(let path):
            "\(path) is not a Bekal seal key (its first line must be \(SealKeyFile.heading), its second 64 hex digits)."
        }
    }
}
