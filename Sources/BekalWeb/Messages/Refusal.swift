import BekalCore

/// A refusal as a form shows it: in Bahasa Indonesia, next to the field it is about.
struct Refusal: Sendable {
    /// The form field's name (`amount`, `date`, `ref`), or nil for the form as a whole.
    let field: String?
    let message: String

    /// Every failure the core can raise, said for an officer at a form.
    static func of(_ error: any Error) -> Refusal {
        if let input = error as? InputError {
            return Refusal(field: fieldName(input.field), message: "\(input.field) \"\(input.input)\" \(input.reason): \(input.hint).")
        }
        if let failure = error as? any BekalFailure { return Refusal(field: nil, message: failure.message) }
        return Refusal(field: nil, message: "Permintaan tidak dapat diselesaikan; tidak ada yang tersimpan.")
    }

    /// `--date` → `date`: the CLI's option names are the form's field names.
    static func fieldName(_ name: String) -> String {
        name.hasPrefix("--") ? String(name.dropFirst(2)) : name
    }
}
