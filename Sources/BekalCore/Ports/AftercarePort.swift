/// What aftercare needs from storage, inside one transaction.
public protocol AftercarePort {
    func worker(id: Int64) throws -> AftercareWorker?
    func worker(code: String) throws -> AftercareWorker?
    func workers() throws -> [AftercareWorker]
    func insertWorker(code: String, name: String) throws -> AftercareWorker

    /// The open assignment of a subject, if any.
    func currentAssignment(_ subject: CaseSubject) throws -> CaseAssignment?
    func endAssignment(id: Int64, toDate: LocalDate) throws
    func insertAssignment(workerID: Int64, subject: CaseSubject, fromDate: LocalDate) throws -> CaseAssignment

    func visit(naturalKey: String) throws -> Visit?
    /// Saves the visit and moves the contact summary of every beneficiary it reached
    /// (`contactedBeneficiaryIDs`), in the same transaction.
    func insertVisit(_ draft: Visit, contactedBeneficiaryIDs: [Int64]) throws -> Visit

    func insertOutcome(beneficiaryID: Int64, asOf: LocalDate, returned: ReturnedToSexWork, source: OutcomeSource,
                       recordedBy: String, recordedAt: String) throws -> OutcomeRecord
    func outcomes(beneficiaryID: Int64) throws -> [OutcomeRecord]
    /// Someone was in touch with her on `date` (not a visit; an outcome she reported herself):
    /// moves her last contact, and clears an earlier "unreachable", as a contact by visit does.
    func noteContact(beneficiaryID: Int64, on date: LocalDate) throws

    func insertAudit(at: String, actor: String, action: AuditAction, subject: String, detail: String) throws
}
