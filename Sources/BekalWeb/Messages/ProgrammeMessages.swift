import BekalCore

extension Refusal {
    /// ProgrammeRejection in Bahasa Indonesia. TODO(web): say each case in Indonesian, with its field.
    static func programme(_ e: ProgrammeRejection) -> Refusal {
        Refusal(field: nil, message: e.message)
    }
}
