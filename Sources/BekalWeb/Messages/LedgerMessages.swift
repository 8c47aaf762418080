import BekalCore

extension Refusal {
    /// LedgerRejection in Bahasa Indonesia. TODO(web): say each case in Indonesian, with its field.
    static func ledger(_ e: LedgerRejection) -> Refusal {
        Refusal(field: nil, message: e.message)
    }
}
