import BekalCore

extension Refusal {
    /// AccessRejection in Bahasa Indonesia. TODO(web): say each case in Indonesian, with its field.
    static func access(_ e: AccessRejection) -> Refusal {
        Refusal(field: nil, message: e.message)
    }
}
