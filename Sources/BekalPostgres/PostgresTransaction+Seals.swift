import BekalCore
import Foundation

/// Seals: stored as signed, digested table by table, and the schema compared with this
/// version's: `SQLiteTransaction+Seals.swift` in PostgreSQL's words.
///
/// The table digests are computed here, in Swift, over the same canonical bytes as the SQLite
/// store's (the same tables, columns, row order and typed value form), so that a seal made on
/// one store checks on the other once the rows are copied with their ids.
extension PostgresTransaction: SealPort {
    func seals() throws -> [Seal] {
        let decoder = JSONDecoder()
        return try all("SELECT * FROM seal ORDER BY id").map { row in
            let tables = (try? decoder.decode([TableDigest].self, from: Data(try row.text("tables").utf8))) ?? []
            return Seal(number: try row.int("id"), sealedAt: try row.text("sealed_at"), actor: try row.text("actor"),
                        reason: try row.text("reason"), entryID: try row.int("entry_id"), entryHash: try row.text("entry_hash"),
                        tables: tables, publicKey: try row.text("public_key"), signature: try row.text("signature"))
        }
    }

    func insertSeal(_ seal: Seal) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let tables = String(decoding: try encoder.encode(seal.tables), as: UTF8.self)
        try run("""
            INSERT INTO seal (id, sealed_at, actor, reason, entry_id, entry_hash, tables, public_key, signature)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, [.int(seal.number), .text(seal.sealedAt), .text(seal.actor), .text(seal.reason), .int(seal.entryID),
                  .text(seal.entryHash), .text(tables), .text(seal.publicKey), .text(seal.signature)])
    }

    /// How a column's values are written in the canonical form: as SQLite's STRICT tables store
    /// them, integers as `i`, reals as `r`, blobs as `b`, the rest as text.
    enum CanonicalKind { case integer, real, blob, text }

    /// The columns of a table in their order, each with how its values are digested.
    func sealColumns(_ table: String) throws -> [(name: String, kind: CanonicalKind)] {
        try all("""
            SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
            """, [.text(table)]).map { row in
            let kind: CanonicalKind = switch try row.text(1) {
            case "int2", "int4", "int8": .integer
            case "float4", "float8": .real
            case "bytea": .blob
            default: .text
            }
            return (try row.text(0), kind)
        }
    }

    func tableDigests(through limits: [String: Int64]?) throws -> [TableDigest] {
        var digests: [TableDigest] = []
        let present = Set(try all("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").map { try $0.text(0) })
        for table in Seal.sealedTables {
            guard present.contains(table.name) else { continue }
            let lastKey: Int64
            if let limits {
                guard let limit = limits[table.name] else { continue }
                lastKey = limit
            } else {
                lastKey = try scalar("SELECT coalesce(max(\(table.key)), 0) FROM \(table.name)") ?? 0
            }
            let all = try sealColumns(table.name)
            let columns: [(name: String, kind: CanonicalKind)] = table.columns.map { names in
                names.map { name in (name, all.first { $0.name == name }?.kind ?? .text) }
            } ?? all
            let names = columns.map(\.name)
            var builder = DigestBuilder()
            builder.add(Array("table:\(table.name):\(names.joined(separator: ","))\n".utf8))
            let order = table.order
            try beforeStatement()
            let result = try db.query("""
                SELECT \(names.joined(separator: ", ")) FROM \(table.from) WHERE \(table.key) <= $1 ORDER BY \(order)
                """, [.int(lastKey)])
            var bytes: [UInt8] = []
            for r in 0..<result.count {
                bytes.removeAll(keepingCapacity: true)
                for (c, column) in columns.enumerated() {
                    try Self.sealCanonical(result.text(r, c), kind: column.kind, column: column.name, into: &bytes)
                }
                bytes.append(UInt8(ascii: "\n"))
                builder.add(bytes)
            }
            digests.append(TableDigest(table: table.name, rows: result.count, lastKey: lastKey, digest: builder.finish()))
        }
        return digests
    }

    /// A value as typed bytes, the SQLite store's form: `n;`, `i<decimal>;`, `r<bits>;`,
    /// `t<length>:<utf8>;`, `b<length>:<bytes>;`. `text` is the server's text form of it.
    static func sealCanonical(_ text: String?, kind: CanonicalKind, column: String, into out: inout [UInt8]) throws {
        guard let text else { out += Array("n;".utf8); return }
        switch kind {
        case .integer:
            guard let i = Int64(text) else { throw PostgresReadError.unknownValue(column, text) }
            out += Array("i\(i);".utf8)
        case .real:
            guard let d = Double(text) else { throw PostgresReadError.unknownValue(column, text) }
            out += Array("r\(d.bitPattern);".utf8)
        case .blob:
            // bytea's hex output, `\x0a1b…`.
            let hex = Array(text.utf8.dropFirst(2))
            var data: [UInt8] = []
            var i = 0
            while i + 1 < hex.count, let byte = UInt8(String(decoding: hex[i...i + 1], as: UTF8.self), radix: 16) {
                data.append(byte)
                i += 2
            }
            out += Array("b\(data.count):".utf8)
            out += data
            out.append(UInt8(ascii: ";"))
        case .text:
            out += Array("t\(text.utf8.count):".utf8)
            out += Array(text.utf8)
            out.append(UInt8(ascii: ";"))
        }
    }

    // MARK: - Schema

    func schemaFindings() throws -> [String] {
        let expected = Self.expectedSchema
        let actual = try schemaCatalog()
        var findings: [String] = []
        for (name, item) in expected.sorted(by: { $0.key < $1.key }) {
            guard let found = actual[name] else {
                findings.append("\(item.type) \(name) is missing\(item.type == "trigger" ? " (an append-only rule was dropped)" : "")")
                continue
            }
            if found.type != item.type || Self.schemaFingerprint(found.definition) != item.fingerprint {
                let disabled = found.type == "trigger" && found.definition.hasSuffix(" DISABLED")
                findings.append("\(item.type) \(name) is not this version's (\(disabled ? "it was disabled" : "its definition was changed"))")
            }
        }
        for (name, item) in actual.sorted(by: { $0.key < $1.key }) where expected[name] == nil {
            findings.append("\(item.type) \(name) is not part of this version's schema (added by hand?)")
        }
        return findings
    }

    /// The tables, views, indexes, triggers, rules and functions of the current schema by name,
    /// each with its definition in one line as the server gives it back: a table's columns
    /// (type, NOT NULL, default, identity) and its constraints; a trigger's definition and
    /// whether it is enabled.
    func schemaCatalog() throws -> [String: (type: String, definition: String)] {
        var out: [String: (type: String, definition: String)] = [:]
        // In one line, without the schema's name (the server qualifies indexes, triggers and
        // functions with it), so that the same schema in another schema reads the same.
        let schema = try self.one("SELECT quote_ident(current_schema()) AS s")?.optionalText("s") ?? "public"
        func line(_ text: String) -> String {
            text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
                .replacingOccurrences(of: " \(schema).", with: " ").replacingOccurrences(of: "(\(schema).", with: "(")
        }
        let relations = try all("""
            SELECT c.oid::bigint AS oid, c.relname, c.relkind::text AS kind FROM pg_class c
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
            """)
        for relation in relations {
            let oid = try relation.int("oid")
            let name = try relation.text("relname")
            let kind = try relation.text("kind")
            if kind == "v" || kind == "m" {
                let view = try self.one("SELECT pg_get_viewdef($1::bigint::oid) AS d", [.int(oid)])?.optionalText("d") ?? ""
                out[name] = (kind == "v" ? "view" : "materialized view", line(view))
                continue
            }
            var parts: [String] = []
            for column in try all("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull, a.attidentity::text AS identity,
                       pg_get_expr(d.adbin, d.adrelid) AS def, a.attgenerated::text AS generated
                FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = $1::bigint::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
                """, [.int(oid)]) {
                var text = "\(try column.text(0)) \(try column.text(1))"
                if try column.text(2) == "t" { text += " NOT NULL" }
                if let identity = try column.optionalText("identity"), !identity.isEmpty { text += " IDENTITY \(identity)" }
                if let generated = try column.optionalText("generated"), !generated.isEmpty { text += " GENERATED \(generated)" }
                if let def = try column.optionalText("def") { text += " DEFAULT \(def)" }
                parts.append(text)
            }
            for constraint in try all("""
                SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::bigint::oid ORDER BY conname
                """, [.int(oid)]) {
                parts.append("CONSTRAINT \(try constraint.text(0)) \(try constraint.text(1))")
            }
            let security = try self.one("""
                SELECT relrowsecurity::text AS rls, relforcerowsecurity::text AS forced FROM pg_class WHERE oid = $1::bigint::oid
                """, [.int(oid)])
            let rls = try security?.text("rls"), forced = try security?.text("forced")
            if rls == "true" || forced == "true" { parts.append("ROW LEVEL SECURITY") }
            out[name] = ("table", line(parts.joined(separator: ", ")))
            for index in try all("""
                SELECT c.relname, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE i.indrelid = $1::bigint::oid
                """, [.int(oid)]) {
                out[try index.text(0)] = ("index", line(try index.text(1)))
            }
            for trigger in try all("""
                SELECT tgname, pg_get_triggerdef(oid) AS def, tgenabled::text AS enabled FROM pg_trigger
                WHERE tgrelid = $1::bigint::oid AND NOT tgisinternal
                """, [.int(oid)]) {
                let enabled = try trigger.text("enabled")
                out[try trigger.text(0)] = ("trigger", line(try trigger.text("def")) + (enabled == "O" ? "" : " DISABLED"))
            }
        }
        for rule in try all("SELECT rulename, definition FROM pg_rules WHERE schemaname = current_schema()") {
            out[try rule.text(0)] = ("rule", line(try rule.text(1)))
        }
        for function in try all("""
            SELECT p.proname, pg_get_functiondef(p.oid) AS def FROM pg_proc p
            WHERE p.pronamespace = current_schema()::regnamespace AND p.prokind IN ('f', 'p')
            """) {
            out[try function.text(0)] = ("function", line(try function.text(1)))
        }
        return out
    }

    /// The first 16 hex digits of the SHA-256 of a definition.
    static func schemaFingerprint(_ definition: String) -> String {
        var builder = DigestBuilder()
        builder.add(Array(definition.utf8))
        return String(builder.finish().prefix(16))
    }

    /// What ``schemaCatalog()`` gives on a database that holds this version's schema and
    /// nothing else, by name: each item's type and the fingerprint of its definition. Written
    /// out here because a reading transaction cannot build the schema to compare with; the
    /// test `aFreshDatabaseHasNoSchemaFindings` fails, printing the new list, when
    /// ``PostgresSchema`` changes and this does not.
    static let expectedSchema: [String: (type: String, fingerprint: String)] = [
        "account": ("table", "99e1f217a2c04dfc"),
        "account_balance": ("table", "6ddfdbe441a4dd68"),
        "account_balance_pkey": ("index", "7892ba4d0b7e79f3"),
        "account_book_id_code_key": ("index", "d301beb893a8cb56"),
        "account_book_id_role_key": ("index", "19495130a337dda1"),
        "account_pkey": ("index", "db749f8f16be8c4d"),
        "app_user": ("table", "2dfab7f607696dee"),
        "app_user_pkey": ("index", "cd5f9819c10d0166"),
        "app_user_username_key": ("index", "2a1d53e69c10d2ff"),
        "audit_at": ("index", "ec3cc8e31029744f"),
        "audit_log": ("table", "bd49798173cc8556"),
        "audit_log_append_only": ("trigger", "2327d393faf8911c"),
        "audit_log_no_truncate": ("trigger", "a8dea32c228bc994"),
        "audit_log_pkey": ("index", "5375567beb27379e"),
        "bekal_append_only": ("function", "ad4ba0f9b4e228b2"),
        "bekal_case_stage_rule": ("function", "c480af7d92bdbb37"),
        "bekal_migration": ("table", "3bcb27ecab427ecd"),
        "bekal_migration_pkey": ("index", "331b8815e6d318a9"),
        "bekal_need_answer_rule": ("function", "af8e4f39fe1fad6e"),
        "bekal_outcome_factor_rule": ("function", "1693efc24737319e"),
        "bekal_person_merge_rule": ("function", "6796f201e64b6f48"),
        "bekal_recipient_list_approval_rule": ("function", "888bb7250918ed9e"),
        "bekal_recipient_list_equipment_rule": ("function", "db72a789c654abe2"),
        "bekal_recipient_list_line_rule": ("function", "662017cb4a6501de"),
        "bekal_recipient_payment_rule": ("function", "429bafc091b591f2"),
        "beneficiary": ("table", "195b997971c4ca02"),
        "beneficiary_as_registered": ("view", "3b70be01562e1eac"),
        "beneficiary_external_ref_key": ("index", "976f0936daa66d2f"),
        "beneficiary_name_key": ("index", "656ec527c6d3db9f"),
        "beneficiary_nik_key": ("index", "1536c09bddc4b99b"),
        "beneficiary_pkey": ("index", "4be33f3d0071916d"),
        "book": ("table", "b56e84adb52ab81a"),
        "book_code_key": ("index", "d40b325687630546"),
        "book_pkey": ("index", "c56428414a813141"),
        "budget_exception": ("table", "89d2743425116c22"),
        "budget_exception_append_only": ("trigger", "688364b5d54475d6"),
        "budget_exception_line": ("index", "6c3baabe8bbc8a08"),
        "budget_exception_no_truncate": ("trigger", "822ea3bb5a64512f"),
        "budget_exception_pkey": ("index", "c6c04693b3917b22"),
        "budget_line": ("table", "3ebda9bda62f04e8"),
        "budget_line_append_only": ("trigger", "4d7da158a9b640e5"),
        "budget_line_key": ("index", "65d01b9923e1c7f0"),
        "budget_line_no_truncate": ("trigger", "4753ea4c2613cc47"),
        "budget_line_pkey": ("index", "56378420e9db0f4f"),
        "case_assignment": ("table", "3bf047f0c73e2db9"),
        "case_assignment_pkey": ("index", "56400eccb1255dab"),
        "case_current_beneficiary": ("index", "7a5b17f8310c05b1"),
        "case_current_kelompok": ("index", "0b17102d3be4c8ca"),
        "case_stage": ("table", "41f129b949d79a82"),
        "case_stage_append_only": ("trigger", "313ecf62a9962128"),
        "case_stage_closing": ("index", "35117b8724b9c194"),
        "case_stage_enrolment": ("index", "cb6cab9eb567e75e"),
        "case_stage_no_truncate": ("trigger", "28978cb8355bc440"),
        "case_stage_pkey": ("index", "cb6788e18256282d"),
        "case_stage_rule": ("trigger", "10d83ae3f69f5353"),
        "case_summary": ("table", "2e14db1b8c99796b"),
        "case_summary_pkey": ("index", "8029c639658d2476"),
        "case_summary_worker": ("index", "ebda5323447b276d"),
        "case_worker": ("index", "9a70a242d2798aaf"),
        "cohort": ("table", "04d4d985b7adfaac"),
        "cohort_code_key": ("index", "20b754066ee9d2c2"),
        "cohort_pkey": ("index", "e29e70d86c3be28a"),
        "consent_event": ("table", "d7ab7ceeb573f029"),
        "consent_event_append_only": ("trigger", "4d754f4162cfb03d"),
        "consent_event_beneficiary": ("index", "96b4d858c936cec3"),
        "consent_event_no_truncate": ("trigger", "1fb5a9726a4ac6e6"),
        "consent_event_pkey": ("index", "a142e9b9a6129b86"),
        "enrolment": ("table", "24b8ce8e534a472b"),
        "enrolment_beneficiary_id_cohort_id_key": ("index", "e775b651a7a626d8"),
        "enrolment_cohort": ("index", "dea33f470c9f7bab"),
        "enrolment_pkey": ("index", "362c3baf69cc180f"),
        "equipment_count": ("table", "283f988b9d885d70"),
        "equipment_count_append_only": ("trigger", "2b12a4120f8e20d4"),
        "equipment_count_key": ("index", "cfa7032c6c694688"),
        "equipment_count_no_truncate": ("trigger", "96c0eb1f2963411c"),
        "equipment_count_pkey": ("index", "60a05b045f2d9f6f"),
        "equipment_event": ("table", "cc2a153b937c0ae2"),
        "equipment_event_append_only": ("trigger", "22ae8ea994ed9a9f"),
        "equipment_event_from": ("index", "7bf9ecad04694e73"),
        "equipment_event_no_truncate": ("trigger", "1a2f2c3a30472467"),
        "equipment_event_pkey": ("index", "29f021ba56b6b640"),
        "equipment_item": ("table", "390a307b5c039fa2"),
        "equipment_item_code_key": ("index", "15407984481dd8bf"),
        "equipment_item_pkey": ("index", "e4ef29e1bed3ebb1"),
        "equipment_movement": ("table", "2faed4849c2f94c3"),
        "equipment_movement_append_only": ("trigger", "22eda2c4fbc0c9b3"),
        "equipment_movement_entry": ("index", "36aa3c2064d370db"),
        "equipment_movement_kelompok": ("index", "4f28c1aac6df750c"),
        "equipment_movement_no_truncate": ("trigger", "972779f50a375eda"),
        "equipment_movement_pkey": ("index", "9cce59ec4aca4ac3"),
        "equipment_stock": ("table", "a21d470d03abde50"),
        "equipment_stock_pkey": ("index", "03df8cb3fe6f7bb6"),
        "grant_exception": ("table", "88a8c0cbfe22c53a"),
        "grant_exception_append_only": ("trigger", "d6b94cbd21aae625"),
        "grant_exception_no_truncate": ("trigger", "e61dd147e61b40b2"),
        "grant_exception_pkey": ("index", "983d293b6db5672b"),
        "grant_payment": ("table", "a36badb3b4a50ebd"),
        "grant_payment_append_only": ("trigger", "f2f56c9b17cd8bd3"),
        "grant_payment_entry_id_key": ("index", "01e668f8508442db"),
        "grant_payment_exception_id_key": ("index", "c3928674ba621b72"),
        "grant_payment_no_truncate": ("trigger", "392b395cd4263664"),
        "grant_payment_person": ("index", "500334dc58f8e09e"),
        "grant_payment_pkey": ("index", "062895a80633af81"),
        "grant_payment_usaha_entry_id_key": ("index", "947d9f01c8ece61a"),
        "instructor": ("table", "b3386644ae81cd51"),
        "instructor_append_only": ("trigger", "a88918e390dcbea1"),
        "instructor_certificate": ("table", "766a4d810d346047"),
        "instructor_certificate_append_only": ("trigger", "667c7fdd98066254"),
        "instructor_certificate_no_truncate": ("trigger", "fa96bc8f956e85a6"),
        "instructor_certificate_pkey": ("index", "0b4ba35d0bf64cc7"),
        "instructor_code_key": ("index", "144ecaea9c058785"),
        "instructor_no_truncate": ("trigger", "0a6af0edd936cf0d"),
        "instructor_pkey": ("index", "cb57cdbef6d7b134"),
        "intake": ("table", "fcafb4bae9316bcd"),
        "intake_append_only": ("trigger", "c2f87686da4980f1"),
        "intake_no_truncate": ("trigger", "f4d39ef03621bb56"),
        "intake_pkey": ("index", "99650fb8b098ac57"),
        "journal_entry": ("table", "fc19fe708d56777c"),
        "journal_entry_append_only": ("trigger", "8f36a7e43b5d0189"),
        "journal_entry_date": ("index", "c31fed7272fad414"),
        "journal_entry_hash_key": ("index", "aeb3d4e553efe4bb"),
        "journal_entry_idempotency_key_key": ("index", "52f55b00eade44d5"),
        "journal_entry_no_truncate": ("trigger", "12e15c889ad43254"),
        "journal_entry_pkey": ("index", "d01fb119294b4644"),
        "journal_entry_reverses_entry_id_key": ("index", "da038865597c2af5"),
        "kelompok": ("table", "bae4e395424d7160"),
        "kelompok_member": ("table", "5d8b787a26ff26cc"),
        "kelompok_member_kelompok": ("index", "fdb410fd3ce6ae46"),
        "kelompok_member_person": ("index", "95bdce371948fea5"),
        "kelompok_member_pkey": ("index", "032b913fadd1bd2d"),
        "kelompok_pkey": ("index", "3d0dc77c43244c4f"),
        "login_failure": ("table", "dbc72e05e84f035e"),
        "login_failure_at": ("index", "a942d27b1ca5e375"),
        "login_failure_key": ("index", "89f86cb83fcc2646"),
        "market_event": ("table", "51a86cfdaa4c3074"),
        "market_event_append_only": ("trigger", "aab5ca1769513d9f"),
        "market_event_no_truncate": ("trigger", "fd489b591ec7f8a7"),
        "market_event_pkey": ("index", "5e8eea1cd35ce31d"),
        "market_event_stand_entry_id_key": ("index", "cfb88415a9f4fb92"),
        "market_participant": ("table", "dc280e6eb334ccaf"),
        "market_participant_append_only": ("trigger", "bfdf6e3253cf97ec"),
        "market_participant_no_truncate": ("trigger", "9916793a1ad1d938"),
        "market_participant_pkey": ("index", "24135056c4b581a8"),
        "market_sale": ("table", "d6850e38a90013b7"),
        "market_sale_append_only": ("trigger", "470795720a758df0"),
        "market_sale_no_truncate": ("trigger", "8db20afa8f024f69"),
        "market_sale_pkey": ("index", "ff023c523bb9a8e4"),
        "need": ("table", "45da5df4b5e62d3e"),
        "need_answer": ("table", "c1b5714bc9a8cc1f"),
        "need_answer_append_only": ("trigger", "9639e5817993eac2"),
        "need_answer_no_truncate": ("trigger", "ec1d42f95eb8b281"),
        "need_answer_pkey": ("index", "35a081794d6b5e90"),
        "need_answer_rule": ("trigger", "0b0478fec54c59d4"),
        "need_append_only": ("trigger", "e8dd119d208c2b8a"),
        "need_beneficiary": ("index", "dba5737e0404e1ec"),
        "need_day": ("table", "b78cc1033fb007c7"),
        "need_day_pkey": ("index", "7c5dc8067ec1672c"),
        "need_kelompok": ("index", "997dfffdafdca98c"),
        "need_no_truncate": ("trigger", "7f303239ba811728"),
        "need_opened": ("index", "0f37cef3e304c400"),
        "need_pkey": ("index", "78f4ca30bf27b328"),
        "outcome": ("table", "7fe3f8e29e12309b"),
        "outcome_append_only": ("trigger", "2714b04ceba793f8"),
        "outcome_factor": ("table", "7ec94cd372524d9f"),
        "outcome_factor_append_only": ("trigger", "312445a6b7b61a64"),
        "outcome_factor_no_truncate": ("trigger", "e537569e84a5cd1a"),
        "outcome_factor_pkey": ("index", "ae95b4e994ebd9cd"),
        "outcome_factor_rule": ("trigger", "d2229a62d46d8163"),
        "outcome_no_truncate": ("trigger", "c6799d2dc9395acd"),
        "outcome_person": ("index", "58127935d13ab4fc"),
        "outcome_pkey": ("index", "9a4acd33b9a49b06"),
        "period_closing": ("table", "946c8b7916ed0838"),
        "period_closing_append_only": ("trigger", "9da3bce8967a985e"),
        "period_closing_book_id_month_key": ("index", "f6efb06c68cf6263"),
        "period_closing_no_truncate": ("trigger", "c146ec8b1a6471d7"),
        "period_closing_pkey": ("index", "a5c5aaa39a4d8fa7"),
        "person_merge": ("table", "c59f56b71829f15b"),
        "person_merge_append_only": ("trigger", "a77b6a3eee625613"),
        "person_merge_duplicate_id_key": ("index", "847914edad34db6c"),
        "person_merge_kept": ("index", "14b9e9b56aa118a9"),
        "person_merge_no_truncate": ("trigger", "6311aaca547d1c33"),
        "person_merge_pkey": ("index", "eb96f77f09c9540c"),
        "person_merge_rule": ("trigger", "b4cdf403da592986"),
        "phone_receipt": ("table", "88485cb31806c4c6"),
        "phone_receipt_append_only": ("trigger", "1226f7b73ac2fe55"),
        "phone_receipt_no_truncate": ("trigger", "42d559ea14bb3b39"),
        "phone_receipt_pkey": ("index", "5be287fa99ce5931"),
        "posting": ("table", "71d79eec61bc37ca"),
        "posting_account": ("index", "1fafb28228271d40"),
        "posting_append_only": ("trigger", "2e95bd406c8b6f63"),
        "posting_budget_line": ("index", "0759e31638a3e24c"),
        "posting_cohort": ("index", "46c3e800240a72c4"),
        "posting_no_truncate": ("trigger", "53d5dfb16faf5d51"),
        "posting_pkey": ("index", "1b603b5f6b24ed38"),
        "programme_target": ("table", "a4b643bc729613a2"),
        "programme_target_append_only": ("trigger", "deabe590f5941874"),
        "programme_target_no_truncate": ("trigger", "e067af93a1c7b2ec"),
        "programme_target_pkey": ("index", "11d18080e183ea99"),
        "programme_target_year": ("index", "806c2783c464b835"),
        "purchase_document": ("table", "ced0f9af00355433"),
        "purchase_document_append_only": ("trigger", "36f5de869b2f6c38"),
        "purchase_document_no_truncate": ("trigger", "3f285f071915652b"),
        "purchase_document_pkey": ("index", "b6570ccd6bcebb86"),
        "recipient_list": ("table", "08bb90159c5d49ae"),
        "recipient_list_append_only": ("trigger", "ade63b07b0de352c"),
        "recipient_list_approval": ("table", "b947cb5a4e0127ce"),
        "recipient_list_approval_append_only": ("trigger", "8c8c62ea9e87a69a"),
        "recipient_list_approval_list_id_key": ("index", "5af63f2dfcfaf5d6"),
        "recipient_list_approval_no_truncate": ("trigger", "a5cc09832576fc3a"),
        "recipient_list_approval_pkey": ("index", "40cbecd990387b5d"),
        "recipient_list_approval_rule": ("trigger", "1268b8d166943d5d"),
        "recipient_list_code_key": ("index", "fb9490b22e4eeeb7"),
        "recipient_list_equipment": ("table", "2757f0d7b71377cd"),
        "recipient_list_equipment_append_only": ("trigger", "4fad735179a1ac1c"),
        "recipient_list_equipment_list_id_kelompok_id_item_id_key": ("index", "b43ab500891b7f56"),
        "recipient_list_equipment_no_truncate": ("trigger", "f0dd05cbb2c9fa14"),
        "recipient_list_equipment_pkey": ("index", "8ab3af6287e0cade"),
        "recipient_list_equipment_rule": ("trigger", "24ea3df362cae540"),
        "recipient_list_line": ("table", "2bf7a448ae35ddad"),
        "recipient_list_line_append_only": ("trigger", "314741ef1c1bf158"),
        "recipient_list_line_list_id_beneficiary_id_key": ("index", "46fdad5f1b65a8b0"),
        "recipient_list_line_no_truncate": ("trigger", "fa062bb5eab44ad1"),
        "recipient_list_line_pkey": ("index", "8a5fd00a9ecd0bb3"),
        "recipient_list_line_rule": ("trigger", "e865c225273c87fe"),
        "recipient_list_no_truncate": ("trigger", "4f4b499365b8b8cd"),
        "recipient_list_pkey": ("index", "3da5d26bbb5edc89"),
        "recipient_list_supersedes_id_key": ("index", "de77b7801d560671"),
        "recipient_payment": ("table", "183062032c3aa5be"),
        "recipient_payment_append_only": ("trigger", "ba349d3e46410388"),
        "recipient_payment_no_truncate": ("trigger", "a088cf58f196d331"),
        "recipient_payment_pkey": ("index", "7e08b91a4f6addf5"),
        "recipient_payment_rule": ("trigger", "3d0fcbd7a234c2ec"),
        "referral": ("table", "a89ad81bf95b874e"),
        "referral_append_only": ("trigger", "f305f89bd2b24272"),
        "referral_beneficiary": ("index", "1617420efd14de00"),
        "referral_no_truncate": ("trigger", "d2060c3b661cf41f"),
        "referral_pkey": ("index", "60ab9712f435d6b4"),
        "referral_step": ("table", "5b61b1cdae6ea0bc"),
        "referral_step_append_only": ("trigger", "0de3966e246a1fc1"),
        "referral_step_no_truncate": ("trigger", "51eebdd766115f24"),
        "referral_step_pkey": ("index", "8ff43c0a9d3c0d47"),
        "registry_change": ("table", "a418c9465a154d3c"),
        "registry_change_append_only": ("trigger", "881a19002f83c1ea"),
        "registry_change_field": ("table", "ac308fe44d8805aa"),
        "registry_change_field_append_only": ("trigger", "8fc355957ccf7b44"),
        "registry_change_field_change_id_field_key": ("index", "ee0cede78cb6212b"),
        "registry_change_field_no_truncate": ("trigger", "759d065bef0737b0"),
        "registry_change_field_pkey": ("index", "25e45d2d8debe620"),
        "registry_change_no_truncate": ("trigger", "e7a1dcf8a48d275f"),
        "registry_change_pkey": ("index", "1a1a4cb584bd90d8"),
        "registry_change_subject": ("index", "a329e8938e748dc5"),
        "seal": ("table", "6e09edf9f2987d58"),
        "seal_append_only": ("trigger", "88486ecf296e5e83"),
        "seal_no_truncate": ("trigger", "fde0e3efad7fb153"),
        "seal_pkey": ("index", "87ca4527184448bd"),
        "service_partner": ("table", "4b0f9a96b73c3c6d"),
        "service_partner_append_only": ("trigger", "5b2187ca2e24bb0d"),
        "service_partner_code_key": ("index", "30862435eed31714"),
        "service_partner_no_truncate": ("trigger", "a6b0d4588c9f4651"),
        "service_partner_pkey": ("index", "2f4dffa623410daf"),
        "setting": ("table", "f98fd68d0473fe9b"),
        "setting_pkey": ("index", "b0769d1e48c9d106"),
        "skills_evaluation": ("table", "0d026af812fe8c4e"),
        "skills_evaluation_append_only": ("trigger", "1c9f47ec7f01dcd4"),
        "skills_evaluation_no_truncate": ("trigger", "44d2be190b527009"),
        "skills_evaluation_pkey": ("index", "360b71b40e9713b2"),
        "track": ("table", "b12aed5c5df4b0c4"),
        "track_code_key": ("index", "7380ccd39b4b21a1"),
        "track_pkey": ("index", "28e492476ea5d396"),
        "training_attendance": ("table", "1a9d863c1e96baa1"),
        "training_attendance_append_only": ("trigger", "806167154519af70"),
        "training_attendance_enrolment": ("index", "8a14e96347a3bf12"),
        "training_attendance_no_truncate": ("trigger", "27777873e70d9025"),
        "training_attendance_pkey": ("index", "131dbc661d1ad11c"),
        "training_session": ("table", "59798c253283ef9b"),
        "training_session_append_only": ("trigger", "03ce67b03e759766"),
        "training_session_cohort": ("index", "1230e5d4a133ad1d"),
        "training_session_no_truncate": ("trigger", "41d1f4477c7941d5"),
        "training_session_pkey": ("index", "c416a50f2c2d6e62"),
        "training_tool": ("table", "6764566345451a3d"),
        "training_tool_append_only": ("trigger", "dc210ad8ba904cdd"),
        "training_tool_no_truncate": ("trigger", "bd736fd01743467a"),
        "training_tool_pkey": ("index", "3ada4705674ce388"),
        "usaha": ("table", "8c6af81ded678487"),
        "usaha_affiliation": ("table", "09ffaf6aab16b747"),
        "usaha_affiliation_append_only": ("trigger", "1d4226a201fd3ab5"),
        "usaha_affiliation_no_truncate": ("trigger", "50c41c0deb0c1c6a"),
        "usaha_affiliation_pkey": ("index", "e50cfaeaf5834308"),
        "usaha_affiliation_usaha": ("index", "872b01ee16499227"),
        "usaha_as_registered": ("view", "80f5fbd2912b5336"),
        "usaha_channel": ("table", "0f34c48bedf1d4c3"),
        "usaha_channel_append_only": ("trigger", "eea2ff0d5f038676"),
        "usaha_channel_no_truncate": ("trigger", "9b154fef3406d923"),
        "usaha_channel_pkey": ("index", "c25afadd79119c3f"),
        "usaha_channel_usaha": ("index", "38d65db1fd49168e"),
        "usaha_licence": ("table", "d04d823293385ba1"),
        "usaha_licence_append_only": ("trigger", "6ff07e2577a7d673"),
        "usaha_licence_key": ("index", "e4047a0202c5dfdd"),
        "usaha_licence_no_truncate": ("trigger", "274104aceb5fa495"),
        "usaha_licence_pkey": ("index", "90f862276ff02e16"),
        "usaha_licence_usaha": ("index", "8723bc6b05d5edb7"),
        "usaha_pkey": ("index", "f433c56bedc9b8aa"),
        "visit": ("table", "3ac3b28acf121db5"),
        "visit_append_only": ("trigger", "a2b99b1fe64860df"),
        "visit_beneficiary_date": ("index", "45c9466c718cede3"),
        "visit_equipment": ("table", "0ad45b92d9cf26b9"),
        "visit_equipment_append_only": ("trigger", "4e3f2698057605f8"),
        "visit_equipment_no_truncate": ("trigger", "97a6e695fef0e010"),
        "visit_equipment_pkey": ("index", "77c34d5bab627ae6"),
        "visit_kelompok_date": ("index", "8dfdd8a80d9171bb"),
        "visit_natural_key_key": ("index", "0a9f1b3a65cea0f7"),
        "visit_no_truncate": ("trigger", "ad644b0cc0633aa2"),
        "visit_pkey": ("index", "96700ccd6c1551b1"),
        "visit_usaha_date": ("index", "4e7cc74c40d036bf"),
        "visit_worker_date": ("index", "88fa6645f70abf06"),
        "web_session": ("table", "2e59df16c4d3a5b5"),
        "web_session_expires": ("index", "6f9b737f8572e109"),
        "web_session_pkey": ("index", "5d52239b94602f9f"),
        "worker": ("table", "c324ef21ac17ed07"),
        "worker_code_key": ("index", "c6e363365efd182b"),
        "worker_pkey": ("index", "3b6114291f17c229"),
        "worker_visit_month": ("table", "42462ae778eaceff"),
        "worker_visit_month_pkey": ("index", "9eb2cee59822234e"),
    ]
}
