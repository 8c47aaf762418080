/// Who a beneficiary's case belongs to, and which grant it follows: the rule behind
/// ``CaseSummary``'s cohort, grant date, kelompok and worker, written once.
///
/// A store keeps the summary as a derived row, updated in the transaction of every write that
/// changes it (the SQLite store's `case_summary`, by short cuts on the bulk path), because the
/// follow-up list and every caseload check read it. That row must be what ``derive(_:)`` gives
/// from the source records; the store contract tests check it for each store.
///
/// Her last contact and whereabouts come from visits and stay the store's to keep.
public enum CaseRule {
    /// What the rule reads of one beneficiary, from the source records.
    public struct Facts: Sendable {
        public var beneficiaryID: Int64
        /// Her grants, each with its entry's value date and whether that entry was reversed.
        public var grants: [(payment: GrantPayment, valueDate: LocalDate, reversed: Bool)]
        public var enrolments: [Enrolment]
        public var memberships: [KelompokMembership]
        /// The worker of her own open assignment, if she has one.
        public var ownWorkerID: Int64?
        /// The worker of each of her kelompok's open assignment, by kelompok (none if it has none).
        public var kelompokWorkers: [Int64: Int64]

        public init(beneficiaryID: Int64, grants: [(payment: GrantPayment, valueDate: LocalDate, reversed: Bool)],
                    enrolments: [Enrolment], memberships: [KelompokMembership], ownWorkerID: Int64?,
                    kelompokWorkers: [Int64: Int64]) {
            self.beneficiaryID = beneficiaryID
            self.grants = grants
            self.enrolments = enrolments
            self.memberships = memberships
            self.ownWorkerID = ownWorkerID
            self.kelompokWorkers = kelompokWorkers
        }
    }

    /// What the rule decides.
    public struct Case: Hashable, Sendable {
        /// Her latest unreversed grant: the latest by value date, then the last recorded.
        public var grantID: Int64?
        public var grantDate: LocalDate?
        public var cohortID: Int64?
        /// Her track in that grant's cohort, else in her last enrolment.
        public var trackID: Int64?
        /// The kelompok she is in now (the last she joined, if more than one), else the last
        /// she was in.
        public var kelompokID: Int64?
        /// Her own worker, else the worker of the kelompok she is in now (of the last she
        /// joined that has one).
        public var workerID: Int64?
    }

    public static func derive(_ facts: Facts) -> Case {
        let latest = facts.grants.filter { !$0.reversed }.max { a, b in
            (a.valueDate, a.payment.id) < (b.valueDate, b.payment.id)
        }
        let cohortID = latest?.payment.cohortID
        let track = facts.enrolments.first { $0.cohortID == cohortID && cohortID != nil }?.trackID
            ?? facts.enrolments.max { $0.id < $1.id }?.trackID
        /// Open memberships first, then the latest joined, then the last recorded.
        func later(_ a: KelompokMembership, _ b: KelompokMembership) -> Bool {
            if (a.leftOn == nil) != (b.leftOn == nil) { return a.leftOn == nil }
            return (a.joinedOn, a.id) > (b.joinedOn, b.id)
        }
        let byRecency = facts.memberships.sorted(by: later)
        let kelompokWorker = byRecency.lazy.filter { $0.leftOn == nil }.compactMap { facts.kelompokWorkers[$0.kelompokID] }.first
        return Case(grantID: latest?.payment.id, grantDate: latest?.valueDate, cohortID: cohortID, trackID: track,
                    kelompokID: byRecency.first?.kelompokID, workerID: facts.ownWorkerID ?? kelompokWorker)
    }
}

extension CaseRule.Facts {
    /// Her source records, read through the ports.
    public static func read(beneficiaryID id: Int64, in tx: any StoreTransaction) throws -> Self {
        let grants = try tx.grants(beneficiaryID: id).map { payment in
            guard let entry = try tx.entry(id: payment.entryID) else { throw LedgerRejection.entryNotFound(entryID: payment.entryID) }
            return (payment: payment, valueDate: entry.valueDate, reversed: try tx.reversalID(of: payment.entryID) != nil)
        }
        let memberships = try tx.memberships(beneficiaryID: id)
        var workers: [Int64: Int64] = [:]
        for kelompokID in Set(memberships.map(\.kelompokID)) {
            workers[kelompokID] = try tx.currentAssignment(.kelompok(kelompokID))?.workerID
        }
        return Self(beneficiaryID: id, grants: grants, enrolments: try tx.enrolments(beneficiaryID: id), memberships: memberships,
                    ownWorkerID: try tx.currentAssignment(.beneficiary(id))?.workerID, kelompokWorkers: workers)
    }
}
