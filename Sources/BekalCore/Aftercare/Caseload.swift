/// A worker's caseload (*binaan*) now: the people and kelompok assigned to her, their usaha
/// and the equipment issued to each kelompok, and where each person stands on the follow-up
/// schedule.
///
/// Names are here because the worker who visits needs them; an adapter builds this only for
/// the worker whose caseload it is (or for an admin). It never holds NIK or outcomes.
public struct Caseload: Hashable, Sendable {
    public struct Person: Hashable, Sendable {
        public let code: String
        public let name: String
        public let cohort: String?
        /// Her kelompok now, else the last one she was in.
        public let kelompok: String?
        public let grantDate: LocalDate?
        public let lastContact: LocalDate?
        /// The next visit on the schedule; nil without a grant or after the schedule ends.
        public let nextDue: LocalDate?
        /// Days past `nextDue` (0 on the day), nil when not yet due.
        public let daysOverdue: Int?
        /// The day her case was closed (then nothing is due); nil while it is open.
        public var caseClosedOn: LocalDate? = nil
    }

    public struct IssuedItem: Hashable, Sendable {
        public let code: String
        public let name: String
        /// Issued and not reversed.
        public let quantity: Int64
    }

    public struct Group: Hashable, Sendable {
        public let code: String
        public let name: String
        public let cohort: String?
        /// Codes of the members now.
        public let members: [String]
        public let equipment: [IssuedItem]
    }

    public struct Business: Hashable, Sendable {
        public let code: String
        public let product: String
        public let brand: String?
        /// The code of the owner: a beneficiary (B-00001) or a kelompok (K-0001).
        public let owner: String
    }

    public let worker: AftercareWorker
    public let asOf: LocalDate
    public let people: [Person]
    public let kelompok: [Group]
    /// Empty when built without details (so are each kelompok's members and equipment).
    public let usaha: [Business]

    public func person(_ code: String) -> Person? { people.first { $0.code == code } }
    public func group(_ code: String) -> Group? { kelompok.first { $0.code == code } }
    public func business(_ code: String) -> Business? { usaha.first { $0.code == code } }

    /// Her open cases in the order of her due list: the most overdue first, then the soonest
    /// due, then those with nothing due.
    public var openByDue: [Person] {
        people.filter { $0.caseClosedOn == nil }.sorted { a, b in
            switch (a.daysOverdue, b.daysOverdue) {
            case let (x?, y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return (a.nextDue.map { $0.dayNumber } ?? .max, a.code) < (b.nextDue.map { $0.dayNumber } ?? .max, b.code)
            }
        }
    }

    /// The equipment items issued to any of her kelompok, each once.
    public var issuedItems: [IssuedItem] {
        var seen = Set<String>()
        return kelompok.flatMap(\.equipment).filter { seen.insert($0.code).inserted }.sorted { $0.code < $1.code }
    }

    static func build(worker: AftercareWorker, asOf: LocalDate, policy: FollowUpPolicy, details: Bool,
                      in tx: any StoreTransaction) throws -> Caseload {
        let cohorts = Dictionary(uniqueKeysWithValues: try tx.cohorts().map { ($0.id, $0.code) })
        let summaries = try tx.caseSummaries(workerID: worker.id)
        let names = try tx.beneficiaryNames(ids: summaries.map(\.beneficiaryID))
        let closed = try ClosedCases.read(from: tx)
        let unsorted = summaries.compactMap { s -> Person? in
            guard let name = names[s.beneficiaryID] else { return nil }
            // A closed case stays in her caseload until it is reassigned, due for nothing.
            let closedOn = closed.closedOn(beneficiaryID: s.beneficiaryID, cohortID: s.cohortID).flatMap { $0 <= asOf ? $0 : nil }
            let grant = closedOn == nil ? s.grantDate : nil
            var person = Person(code: Beneficiary.code(for: s.beneficiaryID), name: name, cohort: s.cohortID.flatMap { cohorts[$0] },
                                kelompok: s.kelompokID.map(Kelompok.code(for:)), grantDate: s.grantDate, lastContact: s.lastContact,
                                nextDue: grant.flatMap { policy.nextDue(grantDate: $0, lastContact: s.lastContact) },
                                daysOverdue: grant.flatMap { policy.daysOverdue(grantDate: $0, lastContact: s.lastContact, asOf: asOf) })
            person.caseClosedOn = closedOn
            return person
        }
        let people = unsorted.sorted { ($0.name, $0.code) < ($1.name, $1.code) }
        let groups = try tx.caseloadKelompokIDs(workerID: worker.id).compactMap { id -> Group? in
            guard let k = try tx.kelompok(id: id) else { return nil }
            guard details else { return Group(code: k.code, name: k.name, cohort: cohorts[k.cohortID], members: [], equipment: []) }
            let members = try tx.memberships(kelompokID: id).filter { $0.isMember(on: asOf) }.map { Beneficiary.code(for: $0.beneficiaryID) }
            return Group(code: k.code, name: k.name, cohort: cohorts[k.cohortID], members: members,
                         equipment: try issuedEquipment(kelompokID: id, in: tx))
        }
        guard details else { return Caseload(worker: worker, asOf: asOf, people: people, kelompok: groups, usaha: []) }
        let personIDs = Set(summaries.map(\.beneficiaryID))
        let groupCodes = Set(groups.map(\.code))
        let usaha = try tx.usahas().compactMap { u -> Business? in
            switch u.owner {
            case .beneficiary(let id) where personIDs.contains(id):
                return Business(code: u.code, product: u.product, brand: u.brand, owner: Beneficiary.code(for: id))
            case .kelompok(let id) where groupCodes.contains(Kelompok.code(for: id)):
                return Business(code: u.code, product: u.product, brand: u.brand, owner: Kelompok.code(for: id))
            default:
                return nil
            }
        }
        return Caseload(worker: worker, asOf: asOf, people: people, kelompok: groups, usaha: usaha)
    }

    /// What is out with the kelompok now: issues net of their reversals, per item.
    static func issuedEquipment(kelompokID: Int64, in tx: any StoreTransaction) throws -> [IssuedItem] {
        var quantity: [String: Int64] = [:], names: [String: String] = [:]
        try tx.forEachKelompokEquipment(kelompokID: kelompokID) { row in
            quantity[row.itemCode, default: 0] -= row.stockQuantity
            names[row.itemCode] = row.itemName
        }
        return quantity.filter { $0.value > 0 }.map { IssuedItem(code: $0.key, name: names[$0.key] ?? $0.key, quantity: $0.value) }
            .sorted { $0.code < $1.code }
    }
}

/// One person's aftercare file as her worker reads it: her kelompok, usaha, grant date, the
/// visits that reached her and the next visit due. Not her outcomes: those are restricted
/// (``Operations/outcomeHistory(beneficiary:context:)``).
public struct CaseFile: Hashable, Sendable {
    public struct Membership: Hashable, Sendable {
        public let code: String
        public let name: String
        /// False when she has left it.
        public let current: Bool
    }

    public let code: String
    public let name: String
    public let kelurahan: String?
    public let cohort: String?
    public let track: String?
    public let worker: AftercareWorker?
    /// Her kelompok now, else the last one she was in.
    public let kelompok: Membership?
    public let usaha: [Caseload.Business]
    public let grantDate: LocalDate?
    public let lastContact: LocalDate?
    public let nextDue: LocalDate?
    public let daysOverdue: Int?
    /// The date the latest visit planned for the next one, if it planned one.
    public let plannedNext: LocalDate?
    /// Newest first.
    public let visits: [Visit]
    /// Her current stage (its label) in the enrolment her case follows, if one is recorded.
    public var stage: String? = nil
    /// The day her case was closed; nil while it is open.
    public var caseClosedOn: LocalDate? = nil

    /// At most this many visits are listed.
    public static let visitLimit = 100

    static func build(_ person: Beneficiary, asOf: LocalDate, policy: FollowUpPolicy, in tx: any StoreTransaction) throws -> CaseFile {
        let summary = try tx.caseSummary(beneficiaryID: person.id)
        let enrolments = try tx.enrolments(beneficiaryID: person.id)
        let enrolment = enrolments.first { $0.cohortID == summary?.cohortID } ?? enrolments.last
        let cohort = try (summary?.cohortID ?? enrolment?.cohortID).flatMap { try tx.cohort(id: $0)?.code }
        let track = try enrolment.flatMap { try tx.track(id: $0.trackID)?.name }
        let memberships = try tx.memberships(beneficiaryID: person.id)
        let membership = memberships.last { $0.isMember(on: asOf) } ?? memberships.last
        let kelompok = try membership.flatMap { m in
            try tx.kelompok(id: m.kelompokID).map { Membership(code: $0.code, name: $0.name, current: m.isMember(on: asOf)) }
        }
        let usaha = try tx.usahas().compactMap { u -> Caseload.Business? in
            switch u.owner {
            case .beneficiary(let id) where id == person.id:
                return Caseload.Business(code: u.code, product: u.product, brand: u.brand, owner: person.code)
            case .kelompok(let id) where kelompok?.current == true && membership?.kelompokID == id:
                return Caseload.Business(code: u.code, product: u.product, brand: u.brand, owner: Kelompok.code(for: id))
            default:
                return nil
            }
        }
        let visits = try tx.visits(reaching: person.id, limit: visitLimit)
        let stages = try enrolment.map { try tx.caseStages(enrolmentID: $0.id) } ?? []
        let closedOn = stages.first(where: \.closes).flatMap { $0.onDate <= asOf ? $0.onDate : nil }
        let grant = closedOn == nil ? summary?.grantDate : nil
        var file = CaseFile(code: person.code, name: person.name, kelurahan: person.kelurahan, cohort: cohort, track: track,
                        worker: try summary?.workerID.flatMap { try tx.worker(id: $0) }, kelompok: kelompok, usaha: usaha,
                        grantDate: summary?.grantDate, lastContact: summary?.lastContact,
                        nextDue: grant.flatMap { policy.nextDue(grantDate: $0, lastContact: summary?.lastContact) },
                        daysOverdue: grant.flatMap { policy.daysOverdue(grantDate: $0, lastContact: summary?.lastContact, asOf: asOf) },
                        plannedNext: closedOn == nil ? visits.first { $0.nextVisitDue != nil }?.nextVisitDue : nil, visits: visits)
        if let last = stages.last(where: { $0.onDate <= asOf }) {
            file.stage = try tx.settings().stage(last.stage)?.label ?? last.stage
        }
        file.caseClosedOn = closedOn
        return file
    }
}

extension Operations {
    /// A worker's caseload as of a day (default today). Without `details` (a dashboard's
    /// counts and names), the kelompok's members and equipment and the usaha are left out.
    public func caseload(worker: String, asOf: LocalDate?, details: Bool = true, context: OperationContext) throws -> Caseload {
        try store.read { tx in
            let settings = try tx.settings()
            return try Caseload.build(worker: try Resolve.worker(worker, in: tx), asOf: asOf ?? context.today(in: settings),
                                      policy: settings.followUpPolicy, details: details, in: tx)
        }
    }

    /// One person's aftercare file (no outcomes).
    public func caseFile(beneficiary: String, asOf: LocalDate?, context: OperationContext) throws -> CaseFile {
        try store.read { tx in
            let settings = try tx.settings()
            return try CaseFile.build(try Resolve.beneficiary(beneficiary, in: tx), asOf: asOf ?? context.today(in: settings),
                                      policy: settings.followUpPolicy, in: tx)
        }
    }

    /// Whether everything a request names is in the worker's caseload now: the person (hers,
    /// or her kelompok's), the kelompok (assigned to the worker), the usaha (its owner's).
    /// A code that names nothing is not in it.
    public func isInCaseload(worker: String, beneficiary: String?, kelompok: String?, usaha: String?) throws -> Bool {
        try store.read { tx in
            guard let worker = try tx.worker(code: worker.trimmedOfWhitespace.uppercased()) else { return false }
            return try Operations.outsideCaseload(of: worker, beneficiary: beneficiary, kelompok: kelompok, usaha: usaha, in: tx) == nil
        }
    }

    /// The first of the codes given that is not in the worker's caseload now (a code that
    /// names nothing is not in it), or nil when all are.
    static func outsideCaseload(of worker: AftercareWorker, beneficiary: String?, kelompok: String?, usaha: String?,
                                in tx: any StoreTransaction) throws -> CaseloadReference? {
        func person(_ id: Int64) throws -> Bool { try tx.caseSummary(beneficiaryID: id)?.workerID == worker.id }
        func group(_ id: Int64) throws -> Bool { try tx.currentAssignment(.kelompok(id))?.workerID == worker.id }
        /// nil for a code that names nothing; any other failure is thrown.
        func found<T>(_ resolve: () throws -> T) throws -> T? {
            do { return try resolve() } catch ProgrammeRejection.notFound { return nil }
        }
        if let beneficiary {
            guard let b = try found({ try Resolve.beneficiary(beneficiary, in: tx) }), try person(b.id) else {
                return .beneficiary(beneficiary)
            }
        }
        if let kelompok {
            guard let k = try found({ try Resolve.kelompok(kelompok, in: tx) }), try group(k.id) else { return .kelompok(kelompok) }
        }
        if let usaha {
            guard let u = try found({ try Resolve.usaha(usaha, in: tx) }) else { return .usaha(usaha) }
            switch u.owner {
            case .beneficiary(let id): guard try person(id) else { return .usaha(usaha) }
            case .kelompok(let id): guard try group(id) else { return .usaha(usaha) }
            }
        }
        return nil
    }

    /// Refuses a write to a person's aftercare record that the acting user may not make, before
    /// anything it names is looked up. The office may make any. A user needs `permission`; a
    /// pendamping (``AccessPolicy/limitedToOwnCaseload(_:)``) acts only as her own worker and
    /// only on her caseload now — a code that names nothing is outside it too, so the refusal
    /// (``AftercareRejection/outsideCaseload(_:)``) does not tell her whether it exists.
    static func checkActing(_ acting: ActingUser, may permission: Permission, worker: String? = nil, beneficiary: String? = nil,
                            kelompok: String? = nil, usaha: String? = nil, in tx: any StoreTransaction) throws {
        guard case .user(let user) = acting else { return }
        guard user.may(permission) else { throw AccessRejection.notPermitted(role: user.role, permission: permission) }
        guard AccessPolicy.limitedToOwnCaseload(user.role) else { return }
        // A pendamping without her worker has no caseload to act on (the web app answers 403, as for a role).
        guard let own = try user.workerID.flatMap({ try tx.worker(id: $0) }) else {
            throw AccessRejection.notPermitted(role: user.role, permission: permission)
        }
        if let worker, worker.trimmedOfWhitespace.uppercased() != own.code { throw AftercareRejection.outsideCaseload(.worker(worker)) }
        if let outside = try outsideCaseload(of: own, beneficiary: beneficiary, kelompok: kelompok, usaha: usaha, in: tx) {
            throw AftercareRejection.outsideCaseload(outside)
        }
    }
}
