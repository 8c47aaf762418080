/// What a pendamping's first page shows, read in one transaction: the office's today, her due
/// list, her caseload (without details) and her own visits per month.
public struct WorkerHome: Sendable {
    public let today: LocalDate
    public let due: FollowUpList
    public let caseload: Caseload
    public let visits: MonthlyVisits
    /// The needs of her caseload (its people and kelompok) still unanswered, oldest first.
    public let openNeeds: [Need]
    /// Her caseload's referrals still sent or accepted, oldest first, with each partner's name.
    public let openReferrals: [(referral: Referral, partner: String)]
}

extension Operations {
    static func openReferrals(_ people: [Int64], in tx: any StoreTransaction) throws -> [(referral: Referral, partner: String)] {
        let open = try tx.referrals(beneficiaryIDs: people).filter(\.isOpen)
        guard !open.isEmpty else { return [] }
        let names = Dictionary(uniqueKeysWithValues: try tx.partners().map { ($0.id, $0.name) })
        return open.map { ($0, names[$0.partnerID] ?? "?") }
    }

    /// One read for the whole page, where its parts (``followUpDue(worker:asOf:context:)``,
    /// ``caseload(worker:asOf:details:context:)``, the settings for today) would each take their
    /// own; the visit series keeps her counts and drops every other worker's.
    public func workerHome(worker code: String, months: Int, context: OperationContext) throws -> WorkerHome {
        try store.read { tx in
            let settings = try tx.settings()
            let today = context.today(in: settings)
            let worker = try Resolve.worker(code, in: tx)
            let due = try FollowUpList.build(from: tx, policy: settings.followUpPolicy, asOf: today, workerID: worker.id)
            let caseload = try Caseload.build(worker: worker, asOf: today, policy: settings.followUpPolicy, details: false, in: tx)
            let counts = try tx.visitCountsByWorkerMonth(from: MonthlyVisits.firstDay(months: months, asOf: today), to: today)
            let people = caseload.people.compactMap { Resolve.id($0.code, prefix: "B") }
            let groups = try tx.caseloadKelompokIDs(workerID: worker.id)
            return WorkerHome(today: today, due: due, caseload: caseload,
                              visits: MonthlyVisits.build(counts: counts, workers: [worker], months: months, asOf: today),
                              openNeeds: try tx.needs(beneficiaryIDs: people, kelompokIDs: groups, openOnly: true),
                              openReferrals: try Self.openReferrals(people, in: tx))
        }
    }
}
