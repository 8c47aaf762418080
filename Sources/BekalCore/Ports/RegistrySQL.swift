/// The SQL both stores write for registry changes, in the dialect SQLite and PostgreSQL share,
/// so that the view a seal digests is the same text on both (only the integer type differs).
/// The core runs none of it; it sits beside ``SealedTable``, which names the same tables.
public enum RegistrySQL {
    /// `column = 'a' OR column = 'b' …`, for a CHECK.
    public static func oneOf(_ values: [String], column: String) -> String {
        values.map { "\(column) = '\($0)'" }.joined(separator: " OR ")
    }

    /// The view's name for a subject: `beneficiary_as_registered`.
    public static func viewName(_ subject: RegistryChange.Subject) -> String { "\(subject.rawValue)_as_registered" }

    /// The table's columns in their order, with the fields a change may touch.
    static func columns(_ subject: RegistryChange.Subject) -> [String] {
        switch subject {
        case .beneficiary:
            ["id", "external_ref", "name", "nik", "birth_year", "origin_area", "kelurahan", "consent_share", "consent_name",
             "name_key", "distinct_from"]
        case .usaha: ["id", "owner_beneficiary_id", "owner_kelompok_id", "product", "brand", "location", "kelurahan"]
        case .enrolment: ["id", "beneficiary_id", "cohort_id", "track_id", "status", "status_date"]
        }
    }

    /// The record's rows as first written: each field a change touched holds the old value of
    /// its first change, every other column the row's own. `integer`: the dialect's integer type.
    public static func asRegistered(_ subject: RegistryChange.Subject, integer: String) -> String {
        let changeable = Set(RegistryChange.Field.fields(of: subject).map(\.rawValue))
        let table = subject.rawValue
        let select = columns(subject).map { column -> String in
            guard changeable.contains(column) else { return "r.\(column)" }
            let changes = """
                FROM registry_change c JOIN registry_change_field f ON f.change_id = c.id
                    WHERE c.subject = '\(table)' AND c.subject_id = r.id AND f.field = '\(column)'
                """
            var first = "(SELECT f.old_value \(changes) ORDER BY f.id LIMIT 1)"
            if RegistryChange.Field(rawValue: column)?.isInteger == true { first = "CAST(\(first) AS \(integer))" }
            return "CASE WHEN EXISTS (SELECT 1 \(changes)) THEN \(first) ELSE r.\(column) END AS \(column)"
        }
        return "CREATE VIEW \(viewName(subject)) AS SELECT\n  " + select.joined(separator: ",\n  ") + "\nFROM \(table) r"
    }

    /// For every field a change touched, its last change and the value that change set.
    public static let latestChanges = """
        SELECT c.subject, c.subject_id, f.field, c.id, f.new_value
        FROM registry_change_field f JOIN registry_change c ON c.id = f.change_id
        WHERE f.id = (SELECT max(f2.id) FROM registry_change_field f2 JOIN registry_change c2 ON c2.id = f2.change_id
                      WHERE c2.subject = c.subject AND c2.subject_id = c.subject_id AND f2.field = f.field)
        ORDER BY c.subject, c.subject_id, f.field
        """
}
