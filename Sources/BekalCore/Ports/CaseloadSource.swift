/// What is known of one beneficiary for aftercare, as the follow-up list counts it: her
/// latest grant, her kelompok, the worker whose caseload she is in, and her last contact.
public struct CaseSummary: Hashable, Sendable {
    public let beneficiaryID: Int64
    /// The cohort of her latest unreversed grant, if she has one.
    public let cohortID: Int64?
    /// The kelompok she is in now, else the last one she was in.
    public let kelompokID: Int64?
    /// Her own worker, else the worker of the kelompok she is in now.
    public let workerID: Int64?
    public let grantDate: LocalDate?
    public let lastContact: LocalDate?
    public let lastWhereabouts: Whereabouts?

    public init(beneficiaryID: Int64, cohortID: Int64?, kelompokID: Int64?, workerID: Int64?, grantDate: LocalDate?,
                lastContact: LocalDate?, lastWhereabouts: Whereabouts?) {
        self.beneficiaryID = beneficiaryID
        self.cohortID = cohortID
        self.kelompokID = kelompokID
        self.workerID = workerID
        self.grantDate = grantDate
        self.lastContact = lastContact
        self.lastWhereabouts = lastWhereabouts
    }
}

/// What a worker's caseload pages read: who is in her caseload now, and what was recorded
/// of one person.
public protocol CaseloadSource {
    /// One beneficiary's summary; nil when nothing about her is followed up yet.
    func caseSummary(beneficiaryID: Int64) throws -> CaseSummary?
    /// Everyone in the worker's caseload now (her own assignment, or her kelompok's), by id.
    func caseSummaries(workerID: Int64) throws -> [CaseSummary]
    /// The kelompok assigned to the worker now, by id.
    func caseloadKelompokIDs(workerID: Int64) throws -> [Int64]
    /// The names of these beneficiaries, by id, in one read.
    func beneficiaryNames(ids: [Int64]) throws -> [Int64: String]
    /// Every kelompok she has been in, earliest first.
    func memberships(beneficiaryID: Int64) throws -> [KelompokMembership]
    /// Visits that reached her, newest first, at most `limit`: those naming her, those naming
    /// a kelompok she was in on the day, and those naming a usaha owned by her or by that kelompok.
    func visits(reaching beneficiaryID: Int64, limit: Int) throws -> [Visit]
}
