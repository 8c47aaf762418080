/// What a seal covers besides the hash chain, for every store alike: each table, the column
/// that orders and limits its rows, and the columns digested (nil: every column, in the
/// table's order). Tables whose rows Bekal changes on purpose are digested over the columns
/// that never change (a user's name and role, not her password or whether she is active; an
/// enrolment's person, cohort and track, not its status); the books themselves are covered by
/// the hash chain. The stores digest the same rows into the same bytes, so a seal made on one
/// verifies on the other.
public struct SealedTable: Sendable {
    public let name: String
    public let key: String
    public var columns: [String]? = nil
    /// The column that orders rows with the same key (a table not keyed by `id`).
    public var tieBreak: String? = nil
    /// What the rows are read from, when not the table itself: a view that gives its rows back
    /// as first written (``RegistrySQL/asRegistered(_:integer:)``). Its columns are the table's.
    public var source: String? = nil

    /// The FROM of its rows.
    public var from: String { source.map { "\($0) AS \(name)" } ?? name }

    /// The ORDER BY of its rows.
    public var order: String { key + (tieBreak.map { ", \($0)" } ?? "") }
}

extension Seal {
    public static let sealedTables: [SealedTable] = [
        .init(name: "book", key: "id"),
        .init(name: "account", key: "id", columns: ["id", "book_id", "type", "no_negative", "role"]),
        .init(name: "track", key: "id"),
        .init(name: "cohort", key: "id"),
        // Corrected on purpose, through registry changes: digested as first registered.
        .init(name: "beneficiary", key: "id", source: RegistrySQL.viewName(.beneficiary)),
        .init(name: "enrolment", key: "id", columns: ["id", "beneficiary_id", "cohort_id", "track_id"]),
        .init(name: "kelompok", key: "id"),
        .init(name: "kelompok_member", key: "id", columns: ["id", "kelompok_id", "beneficiary_id", "joined_on"]),
        .init(name: "usaha", key: "id", source: RegistrySQL.viewName(.usaha)),
        .init(name: "equipment_item", key: "id"),
        .init(name: "equipment_movement", key: "id"),
        .init(name: "grant_exception", key: "id"),
        .init(name: "grant_payment", key: "id"),
        .init(name: "period_closing", key: "id"),
        .init(name: "worker", key: "id"),
        .init(name: "case_assignment", key: "id", columns: ["id", "worker_id", "beneficiary_id", "kelompok_id", "from_date"]),
        .init(name: "visit", key: "id"),
        .init(name: "visit_equipment", key: "visit_id", tieBreak: "item_id"),
        .init(name: "outcome", key: "id"),
        .init(name: "app_user", key: "id", columns: ["id", "username", "display_name", "role", "worker_id", "created_at"]),
        .init(name: "audit_log", key: "id"),
        .init(name: "registry_change", key: "id"),
        .init(name: "registry_change_field", key: "id"),
        // Recipient lists: the lines are written with their list, the payments with their entry.
        .init(name: "recipient_list", key: "id"),
        .init(name: "recipient_list_line", key: "list_id", tieBreak: "number"),
        .init(name: "recipient_list_equipment", key: "list_id", tieBreak: "number"),
        .init(name: "recipient_list_approval", key: "id"),
        .init(name: "recipient_payment", key: "entry_id"),
        .init(name: "purchase_document", key: "entry_id"),
        // Her path: intakes and stages, append-only.
        .init(name: "intake", key: "enrolment_id"),
        .init(name: "case_stage", key: "id"),
        .init(name: "outcome_factor", key: "outcome_id", tieBreak: "kind, code"),
        .init(name: "need", key: "id"),
        .init(name: "need_answer", key: "need_id"),
        .init(name: "consent_event", key: "id"),
        .init(name: "service_partner", key: "id"),
        .init(name: "referral", key: "id"),
        .init(name: "referral_step", key: "referral_id", tieBreak: "number"),
        // A person registered twice, made one.
        .init(name: "person_merge", key: "id"),
        // The year's budget lines and the exceptions to their ceilings.
        .init(name: "budget_line", key: "id"),
        .init(name: "budget_exception", key: "id"),
        .init(name: "programme_target", key: "id"),
        // Equipment after issue: what each moving or mending entry did, and the stock-takes.
        .init(name: "equipment_event", key: "entry_id"),
        .init(name: "equipment_count", key: "id"),
        // A business's way to the market.
        .init(name: "usaha_licence", key: "id"),
        .init(name: "usaha_affiliation", key: "id"),
        .init(name: "usaha_channel", key: "id"),
        .init(name: "market_event", key: "id"),
        .init(name: "market_participant", key: "event_id", tieBreak: "usaha_id"),
        .init(name: "market_sale", key: "event_id", tieBreak: "usaha_id"),
        // The training months.
        .init(name: "instructor", key: "id"),
        .init(name: "instructor_certificate", key: "id"),
        .init(name: "training_session", key: "id"),
        .init(name: "training_attendance", key: "session_id", tieBreak: "enrolment_id"),
        .init(name: "skills_evaluation", key: "enrolment_id"),
        .init(name: "training_tool", key: "id"),
    ]
}
