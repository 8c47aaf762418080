import BekalCore
import Foundation

/// Sessions and failed log-ins in the database, so that every `bekal serve` on it sees the
/// same ones (``SharedWebState``; tables `web_session` and `login_failure`, migration `pg2`).
///
/// Each call is one or two statements on a pooled connection in autocommit, outside the
/// writers' lock (``PostgresStore/writerLock``): checking a session never waits for a posting.
/// Times go to the server as seconds since 1970 and are kept as `timestamptz`. The SQL names
/// no schema, so it runs in whatever schema the connection's search_path names.
extension PostgresStore: SharedWebState {
    public func session(key: String, now: Date) throws -> (value: Data, expires: Date?)? {
        try pool.with { db in
            let rows = try db.query("""
                SELECT encode(value, 'hex'), extract(epoch FROM expires_at)::float8 FROM web_session
                WHERE key = $1 AND (expires_at IS NULL OR expires_at > to_timestamp($2::float8))
                """, [.text(key), Self.seconds(now)])
            guard rows.count > 0, let hex = rows.text(0, 0), let value = Self.data(hex: hex) else { return nil }
            return (value, rows.text(0, 1).flatMap(Double.init).map(Date.init(timeIntervalSince1970:)))
        }
    }

    public func setSession(key: String, value: Data, expires: Date?, now: Date) throws {
        try pool.with { db in
            try db.query("""
                INSERT INTO web_session (key, value, expires_at) VALUES ($1, decode($2, 'hex'), to_timestamp($3::float8))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = COALESCE(excluded.expires_at, web_session.expires_at)
                """, [.text(key), .text(Self.hex(value)), expires.map(Self.seconds) ?? .null])
            // A new session or a renewed one: the expired ones of everybody go (an index probe
            // when there are none). A session only touched keeps the sweep off its path.
            if expires != nil {
                try db.query("DELETE FROM web_session WHERE expires_at <= to_timestamp($1::float8) AND key <> $2",
                             [Self.seconds(now), .text(key)])
            }
        }
    }

    public func removeSession(key: String) throws {
        try pool.with { db in _ = try db.query("DELETE FROM web_session WHERE key = $1", [.text(key)]) }
    }

    public func loginFailures(key: String, since: Date) throws -> (count: Int, oldest: Date?) {
        try pool.with { db in
            let rows = try db.query("""
                SELECT count(*), extract(epoch FROM min(failed_at))::float8 FROM login_failure
                WHERE key = $1 AND failed_at > to_timestamp($2::float8)
                """, [.text(key), Self.seconds(since)])
            return (Int(rows.int(0, 0) ?? 0), rows.text(0, 1).flatMap(Double.init).map(Date.init(timeIntervalSince1970:)))
        }
    }

    public func recordLoginFailure(keys: [String], at: Date, forgetBefore: Date) throws {
        guard !keys.isEmpty else { return }
        try pool.with { db in
            // Keys are hex digests (the table's CHECK says so), so the array needs no quoting.
            try db.query("INSERT INTO login_failure (key, failed_at) SELECT unnest($1::text[]), to_timestamp($2::float8)",
                         [.text("{\(keys.joined(separator: ","))}"), Self.seconds(at)])
            try db.query("DELETE FROM login_failure WHERE failed_at <= to_timestamp($1::float8)", [Self.seconds(forgetBefore)])
        }
    }

    public func clearLoginFailures(key: String) throws {
        try pool.with { db in _ = try db.query("DELETE FROM login_failure WHERE key = $1", [.text(key)]) }
    }

    private static func seconds(_ date: Date) -> PGValue { .text(String(date.timeIntervalSince1970)) }

    private static func hex(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(data.count * 2)
        for byte in data {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func data(hex: String) -> Data? {
        let text = Array(hex.utf8)
        guard text.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var out = Data(capacity: text.count / 2)
        var i = 0
        while i < text.count {
            guard let high = nibble(text[i]), let low = nibble(text[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }
}
