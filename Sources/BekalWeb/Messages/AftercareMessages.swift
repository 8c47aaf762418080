import BekalCore

extension Refusal {
    /// AftercareRejection in Bahasa Indonesia. TODO(web): say each case in Indonesian, with its field.
    static func aftercare(_ e: AftercareRejection) -> Refusal {
        Refusal(field: nil, message: e.message)
    }
}
