import BekalCore

extension Refusal {
    /// InputError in Bahasa Indonesia. TODO(web): say each case in Indonesian, with its field.
    static func input(_ e: InputError) -> Refusal {
        Refusal(field: fieldName(e.field), message: "\(e.field) \"\(e.input)\" \(e.reason): \(e.hint).")
    }
}
