/// A graduate to follow up: her latest unreversed grant and what is known of her since.
public struct FollowUpCase: Hashable, Sendable {
    public let beneficiaryID: Int64
    public let cohortID: Int64
    public let grantDate: LocalDate
    public let lastContact: LocalDate?
    public let lastWhereabouts: Whereabouts?
    /// Her own worker, else the worker of the kelompok she is in now.
    public let workerID: Int64?
    public init(beneficiaryID: Int64, cohortID: Int64, grantDate: LocalDate, lastContact: LocalDate?,
                lastWhereabouts: Whereabouts?, workerID: Int64?) {
        self.beneficiaryID = beneficiaryID
        self.cohortID = cohortID
        self.grantDate = grantDate
        self.lastContact = lastContact
        self.lastWhereabouts = lastWhereabouts
        self.workerID = workerID
    }
}

/// What aftercare reports read, a row at a time.
public protocol AftercareReportSource {
    /// Every graduate with an unreversed grant, optionally only one worker's caseload.
    func forEachFollowUpCase(workerID: Int64?, _ body: (FollowUpCase) throws -> Void) throws
    func auditRecords(actor: String?, action: String?, from: String?, to: String?, limit: Int) throws -> [AuditRecord]
}
