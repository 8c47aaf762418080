import BekalCore
import Foundation
import GRDB

/// Seals: stored as signed, digested table by table, and the schema compared with this
/// version's.
extension SQLiteTransaction: SealPort {
    func seals() throws -> [Seal] {
        let decoder = JSONDecoder()
        return try all("SELECT * FROM seal ORDER BY id").map { row in
            let tables = (try? decoder.decode([TableDigest].self, from: Data((row["tables"] as String).utf8))) ?? []
            return Seal(number: row["id"], sealedAt: row["sealed_at"], actor: row["actor"], reason: row["reason"],
                        entryID: row["entry_id"], entryHash: row["entry_hash"], tables: tables,
                        publicKey: row["public_key"], signature: row["signature"])
        }
    }

    func insertSeal(_ seal: Seal) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let tables = String(decoding: try encoder.encode(seal.tables), as: UTF8.self)
        try run("""
            INSERT INTO seal (id, sealed_at, actor, reason, entry_id, entry_hash, tables, public_key, signature)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [seal.number, seal.sealedAt, seal.actor, seal.reason, seal.entryID, seal.entryHash, tables, seal.publicKey,
                  seal.signature])
    }

    func tableDigests(through limits: [String: Int64]?) throws -> [TableDigest] {
        var digests: [TableDigest] = []
        let present = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        for table in Seal.sealedTables {
            guard present.contains(table.name) else { continue }
            let lastKey: Int64
            if let limits {
                guard let limit = limits[table.name] else { continue }
                lastKey = limit
            } else {
                lastKey = try Int64.fetchOne(db, sql: "SELECT coalesce(max(\(table.key)), 0) FROM \(table.name)") ?? 0
            }
            let columns = try table.columns ?? String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid",
                                                               arguments: [table.name])
            var builder = DigestBuilder()
            builder.add(Array("table:\(table.name):\(columns.joined(separator: ","))\n".utf8))
            var rows = 0
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT \(columns.joined(separator: ", ")) FROM \(table.from) WHERE \(table.key) <= ? ORDER BY \(table.order)
                """,
                                             arguments: [lastKey])
            var bytes: [UInt8] = []
            while let row = try cursor.next() {
                rows += 1
                bytes.removeAll(keepingCapacity: true)
                for value in row.databaseValues { Self.canonical(value, into: &bytes) }
                bytes.append(UInt8(ascii: "\n"))
                builder.add(bytes)
            }
            digests.append(TableDigest(table: table.name, rows: rows, lastKey: lastKey, digest: builder.finish()))
        }
        return digests
    }

    /// A value as typed bytes: `n;`, `i<decimal>;`, `r<bits>;`, `t<length>:<utf8>;`, `b<length>:<bytes>;`.
    static func canonical(_ value: DatabaseValue, into out: inout [UInt8]) {
        switch value.storage {
        case .null: out += Array("n;".utf8)
        case .int64(let i): out += Array("i\(i);".utf8)
        case .double(let d): out += Array("r\(d.bitPattern);".utf8)
        case .string(let s):
            out += Array("t\(s.utf8.count):".utf8)
            out += Array(s.utf8)
            out.append(UInt8(ascii: ";"))
        case .blob(let data):
            out += Array("b\(data.count):".utf8)
            out += Array(data)
            out.append(UInt8(ascii: ";"))
        }
    }

    func schemaFindings() throws -> [String] {
        let expected = try Self.expectedSchema()
        let actual = try Self.schema(of: db)
        var findings: [String] = []
        for (name, item) in expected.sorted(by: { $0.key < $1.key }) {
            guard let found = actual[name] else {
                findings.append("\(item.type) \(name) is missing\(item.type == "trigger" ? " (an append-only rule was dropped)" : "")")
                continue
            }
            if found.sql != item.sql { findings.append("\(item.type) \(name) is not this version's (its definition was changed)") }
        }
        for (name, item) in actual.sorted(by: { $0.key < $1.key }) where expected[name] == nil {
            findings.append("\(item.type) \(name) is not part of this version's schema (added by hand?)")
        }
        return findings
    }

    /// Tables, indexes and triggers by name, each with its SQL in one normalised line.
    static func schema(of db: Database) throws -> [String: (type: String, sql: String)] {
        var out: [String: (type: String, sql: String)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'") {
            let sql = (row["sql"] as String?)?.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") ?? ""
            out[row["name"]] = (row["type"], sql)
        }
        return out
    }

    /// What this version's migrations build, from an empty database.
    static func expectedSchema() throws -> [String: (type: String, sql: String)] {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        return try queue.read { db in try schema(of: db) }
    }
}
