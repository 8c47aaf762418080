import BekalCore
import Foundation
import Hummingbird

/// Hummingbird's session storage on the store's ``SharedWebState``, so that every `bekal serve`
/// on one PostgreSQL database knows every session: signed in on one, signed in on all; signed
/// out on one, out on all.
///
/// The key Hummingbird gives is its prefix and the cookie's session id (the whole secret: 32
/// random bytes in base64); the store is given only its SHA-256 (``SharedWebKey``), so a
/// reader of the table cannot present a row as a cookie. The value is the session as JSON.
/// The calls block their thread, one of ``BlockingWork``'s, on which every request runs.
/// Expiry is by the wall clock, as in Hummingbird's memory driver; the office's clock (which
/// the demo pins) is the app's own idle and lifetime check, in ``CurrentUserMiddleware``.
struct StorePersistDriver: PersistDriver {
    let shared: any SharedWebState

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        // Session ids are 256 random bits: a taken one is not met in practice, and Hummingbird's
        // session middleware only ever calls `set`. The check is the protocol's promise, kept.
        let digest = SharedWebKey.digest(key)
        let now = Date()
        if try shared.session(key: digest, now: now) != nil {
            throw PersistError.duplicate
        }
        try await set(key: key, value: value, expires: expires)
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let data = try JSONEncoder().encode(value)
        let digest = SharedWebKey.digest(key)
        let now = Date()
        let until = expires.map { now.addingTimeInterval(Self.seconds($0)) }
        try shared.setSession(key: digest, value: data, expires: until, now: now)
    }

    func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: type)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        let digest = SharedWebKey.digest(key)
        let now = Date()
        guard let found = try shared.session(key: digest, now: now) else { return nil }
        let object: Object
        do {
            object = try JSONDecoder().decode(Object.self, from: found.value)
        } catch {
            // The session middleware then ends the session, as with a stale memory entry.
            throw PersistError.invalidConversion
        }
        return (object, found.expires.map { .milliseconds(max(0, Int64($0.timeIntervalSince(now) * 1000))) })
    }

    func remove(key: String) async throws {
        let digest = SharedWebKey.digest(key)
        try shared.removeSession(key: digest)
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
