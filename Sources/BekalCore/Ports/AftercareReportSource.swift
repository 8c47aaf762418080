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
    /// The journal entries as audit records (`entry.<kind>`, the entry `#id`, its document
    /// reference), newest first, filtered the same way: the other half of the audit trail.
    func entryRecords(actor: String?, kind: EntryKind?, from: String?, to: String?, limit: Int) throws -> [AuditRecord]
}

/// A grant and what is known of its outcome, for the outcome reports.
public struct OutcomeCase: Hashable, Sendable {
    public let grantID: Int64
    public let entryID: Int64
    public let beneficiaryID: Int64
    public let cohortID: Int64
    public let trackID: Int64?
    /// The kelompok she is in now, else the last one she was in.
    public let kelompokID: Int64?
    public let grantDate: LocalDate
    public let amount: Rupiah
    public let latestOutcome: ReturnedToSexWork?
    public let lastContact: LocalDate?
    public let lastWhereabouts: Whereabouts?
    /// The business status of the latest visit reaching her that gave one, and its day (on any
    /// day, even after the report's: the reader checks).
    public let businessStatus: BusinessStatus?
    public let businessStatusOn: LocalDate?
    /// The months after her grant whose window a visit reached her in (``VisitSchedule``).
    public let visitMonths: Int64
    public init(grantID: Int64, entryID: Int64, beneficiaryID: Int64, cohortID: Int64, trackID: Int64?, kelompokID: Int64?,
                grantDate: LocalDate, amount: Rupiah, latestOutcome: ReturnedToSexWork?, lastContact: LocalDate?,
                lastWhereabouts: Whereabouts?, businessStatus: BusinessStatus? = nil, businessStatusOn: LocalDate? = nil,
                visitMonths: Int64 = 0) {
        self.grantID = grantID
        self.entryID = entryID
        self.beneficiaryID = beneficiaryID
        self.cohortID = cohortID
        self.trackID = trackID
        self.kelompokID = kelompokID
        self.grantDate = grantDate
        self.amount = amount
        self.latestOutcome = latestOutcome
        self.lastContact = lastContact
        self.lastWhereabouts = lastWhereabouts
        self.businessStatus = businessStatus
        self.businessStatusOn = businessStatusOn
        self.visitMonths = visitMonths
    }
}

/// What the latest visits say of a grant's business, for the per-grant report.
public struct GrantFollowUp: Hashable, Sendable {
    public let businessStatus: BusinessStatus?
    public let lastSales: SalesReport?
    public let grantUse: GrantUse?
    public init(businessStatus: BusinessStatus?, lastSales: SalesReport?, grantUse: GrantUse?) {
        self.businessStatus = businessStatus
        self.lastSales = lastSales
        self.grantUse = grantUse
    }
}

/// Visits counted per worker and month.
public struct WorkerMonthCount: Hashable, Sendable {
    public let workerID: Int64
    public let month: YearMonth
    public let visits: Int
    public init(workerID: Int64, month: YearMonth, visits: Int) {
        self.workerID = workerID
        self.month = month
        self.visits = visits
    }
}

extension OutcomeReportSource {
    /// Every case, of every cohort.
    public func forEachOutcomeCase(asOf: LocalDate, _ body: (OutcomeCase) throws -> Void) throws {
        try forEachOutcomeCase(asOf: asOf, cohortIDs: nil, body)
    }
}

/// Reads for the outcome, business and worker reports.
public protocol OutcomeReportSource {
    /// Every unreversed grant paid on or before `asOf` (the latest per person), with the
    /// latest outcome known on that day and her contact summary; only those of these cohorts
    /// when `cohortIDs` is given.
    func forEachOutcomeCase(asOf: LocalDate, cohortIDs: [Int64]?, _ body: (OutcomeCase) throws -> Void) throws
    /// The latest business status, sales and grant use recorded for her or her usaha.
    func grantFollowUp(beneficiaryID: Int64) throws -> GrantFollowUp
    /// Visits that name a usaha, by usaha then date.
    func forEachUsahaVisit(usahaID: Int64?, _ body: (Visit) throws -> Void) throws
    func usahas() throws -> [Usaha]
    func visitCountsByWorkerMonth(from: LocalDate?, to: LocalDate?) throws -> [WorkerMonthCount]
    func kelompoks() throws -> [Kelompok]
    func aftercareCounts() throws -> (visits: Int, outcomes: Int)
    /// Enrolments in each status over all cohorts (a graduate is a completed enrolment).
    func enrolmentCounts() throws -> [Enrolment.Status: Int]
}
