import Foundation

/// An item's condition as a worker saw it, by item code.
public struct EquipmentObservation: Hashable, Sendable {
    public var item: String
    public var condition: EquipmentCondition
    public init(item: String, condition: EquipmentCondition) {
        self.item = item
        self.condition = condition
    }
}

/// A visit as a worker reports it, by codes.
public struct VisitRequest: Hashable, Sendable {
    public var date: LocalDate
    public var worker: String
    public var beneficiary: String?
    public var kelompok: String?
    public var usaha: String?
    public var contactMode: ContactMode
    public var whereabouts: Whereabouts?
    public var businessStatus: BusinessStatus?
    public var sales: SalesReport?
    public var support: [SupportKind]
    public var equipment: [EquipmentObservation]
    public var grantUse: GrantUse?
    public var needs: String?
    public var notes: String?
    public var nextVisitDue: LocalDate?
    /// The needs the visit heard, each opened as a ``Need`` of the person (or kelompok) visited.
    public var needKinds: [NeedKind] = []

    public init(date: LocalDate, worker: String, beneficiary: String? = nil, kelompok: String? = nil, usaha: String? = nil,
                contactMode: ContactMode, whereabouts: Whereabouts? = nil, businessStatus: BusinessStatus? = nil,
                sales: SalesReport? = nil, support: [SupportKind] = [], equipment: [EquipmentObservation] = [],
                grantUse: GrantUse? = nil, needs: String? = nil, notes: String? = nil, nextVisitDue: LocalDate? = nil) {
        self.date = date
        self.worker = worker
        self.beneficiary = beneficiary
        self.kelompok = kelompok
        self.usaha = usaha
        self.contactMode = contactMode
        self.whereabouts = whereabouts
        self.businessStatus = businessStatus
        self.sales = sales
        self.support = support
        self.equipment = equipment
        self.grantUse = grantUse
        self.needs = needs
        self.notes = notes
        self.nextVisitDue = nextVisitDue
    }
}

public struct VisitResult: Hashable, Sendable {
    public let visit: Visit
    public let replayed: Bool
}

extension Operations {
    public func addWorker(code: String, name: String, context: OperationContext? = nil) throws -> AftercareWorker {
        try store.write { tx in
            let code = try Operations.code(code, field: .code(.worker)).uppercased()
            if let existing = try tx.worker(code: code) {
                throw ProgrammeRejection.duplicate(.worker, reference: code, existing: existing.name)
            }
            let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if name.isEmpty { throw InputError(.workerName, input: "", .empty) }
            let worker = try tx.insertWorker(code: code, name: name)
            try Operations.audit(context, .workerAdd, subject: worker.code, detail: "added", in: tx)
            return worker
        }
    }

    /// Puts a beneficiary or kelompok in a worker's caseload from a date, ending any earlier
    /// assignment on that date.
    public func assign(worker: String, beneficiary: String?, kelompok: String?, from date: LocalDate,
                       context: OperationContext? = nil) throws -> CaseAssignment {
        try store.write { tx in
            let assignment = try Operations.assign(worker: worker, beneficiary: beneficiary, kelompok: kelompok, from: date, in: tx)
            let subject = switch assignment.subject {
            case .beneficiary(let id): Beneficiary.code(for: id)
            case .kelompok(let id): Kelompok.code(for: id)
            }
            try Operations.audit(context, .caseAssign, subject: subject,
                                 detail: "to \(try tx.worker(id: assignment.workerID)?.code ?? "?") from \(assignment.fromDate)", in: tx)
            return assignment
        }
    }

    public static func assign(worker: String, beneficiary: String?, kelompok: String?, from date: LocalDate,
                              in tx: any StoreTransaction) throws -> CaseAssignment {
        let worker = try Resolve.worker(worker, in: tx)
        let subject: CaseSubject
        switch (beneficiary, kelompok) {
        case (let b?, nil): subject = .beneficiary(try Resolve.beneficiary(b, in: tx).id)
        case (nil, let k?): subject = .kelompok(try Resolve.kelompok(k, in: tx).id)
        default:
            throw InputError(.subject, input: [beneficiary, kelompok].compactMap { $0 }.joined(separator: ", "), .notExactlyOneSubject)
        }
        if let current = try tx.currentAssignment(subject) {
            if current.workerID == worker.id { return current }
            if date < current.fromDate {
                throw InputError(.date, input: date.description, .before(.assignmentBegan(current.fromDate)))
            }
            try tx.endAssignment(id: current.id, toDate: date)
        }
        return try tx.insertAssignment(workerID: worker.id, subject: subject, fromDate: date)
    }

    public func recordVisit(_ request: VisitRequest, context: OperationContext) throws -> VisitResult {
        try store.writeAftercare { tx in try Operations.recordVisit(request, context: context, in: tx) }
    }

    /// Records a visit. Checked in this order: who acts (``checkActing(_:may:worker:beneficiary:kelompok:usaha:in:)``:
    /// a user's role, and a pendamping's own worker and caseload), the worker, the subjects, the
    /// date, enrolment, sales and its period, the next visit; then a replay of the same visit
    /// (same day, worker, subject and contact mode) returns the first recording, and different
    /// details are refused. Sales are posted to the usaha's book; the office's book is untouched.
    public static func recordVisit(_ request: VisitRequest, context: OperationContext,
                                   in tx: any StoreTransaction) throws -> VisitResult {
        try checkActing(context.acting, may: .recordVisits, worker: request.worker, beneficiary: request.beneficiary,
                        kelompok: request.kelompok, usaha: request.usaha, in: tx)
        let today = context.today(in: try tx.settings())
        let worker = try Resolve.worker(request.worker, in: tx)
        let person = try request.beneficiary.map { try Resolve.beneficiary($0, in: tx) }
        let kelompok = try request.kelompok.map { try Resolve.kelompok($0, in: tx) }
        let usaha = try request.usaha.map { try Resolve.usaha($0, in: tx) }
        if person == nil && kelompok == nil && usaha == nil { throw AftercareRejection.noVisitSubject }
        if request.date > today { throw AftercareRejection.futureDate(.visit, date: request.date, today: today) }
        try checkEnrolled(person: person, kelompok: kelompok, on: request.date, in: tx)
        if let sales = request.sales {
            if sales.amount.amount < 0 {
                throw InputError(.sales, input: sales.amount.description, .negative)
            }
            if usaha == nil { throw AftercareRejection.salesWithoutUsaha }
            if sales.periodEnd < sales.periodStart || request.date < sales.periodEnd {
                throw AftercareRejection.salesPeriodInvalid(start: sales.periodStart, end: sales.periodEnd, visitDate: request.date)
            }
        }
        if let next = request.nextVisitDue, next < request.date {
            throw AftercareRejection.nextVisitBeforeVisit(next: next, date: request.date)
        }
        for (field, text) in [(VisitText.needs, request.needs), (.notes, request.notes)] {
            if let text, text.count > field.limit { throw AftercareRejection.textTooLong(field, characters: text.count) }
        }
        let items = try request.equipment.map { EquipmentConditionReport(itemID: try Resolve.item($0.item, in: tx).id, condition: $0.condition) }
        let key = [request.date.description, worker.code, person?.code ?? "-", kelompok?.code ?? "-", usaha?.code ?? "-",
                   request.contactMode.rawValue].joined(separator: "|")
        var draft = Visit(id: 0, date: request.date, workerID: worker.id, beneficiaryID: person?.id, kelompokID: kelompok?.id,
                          usahaID: usaha?.id, contactMode: request.contactMode, whereabouts: request.whereabouts,
                          businessStatus: request.businessStatus, sales: request.sales, salesEntryID: nil,
                          support: Array(Set(request.support)).sorted { $0.rawValue < $1.rawValue }, equipment: items,
                          grantUse: request.grantUse, needs: request.needs.nonBlank, notes: request.notes.nonBlank,
                          nextVisitDue: request.nextVisitDue, naturalKey: key, recordedAt: context.recordedAt, actor: context.actor)
        if let recorded = try tx.visit(naturalKey: key) {
            if recorded.sameReport(as: draft) { return VisitResult(visit: recorded, replayed: true) }
            throw AftercareRejection.visitConflict(visitID: recorded.id, naturalKey: key)
        }
        if let sales = request.sales, sales.amount.isPositive, let usaha {
            draft = draft.with(salesEntryID: try postSales(sales, usaha: usaha, visitDate: request.date, key: key,
                                                            context: context, today: today, in: tx).id)
        }
        let contacted = try contactedBeneficiaries(person: person, kelompok: kelompok, usaha: usaha, on: request.date, in: tx)
        let visit = try tx.insertVisit(draft, contactedBeneficiaryIDs: contacted)
        try openNeeds(heardOn: visit, kinds: request.needKinds, usaha: usaha, context: context, in: tx)
        return VisitResult(visit: visit, replayed: false)
    }

    static func checkEnrolled(person: Beneficiary?, kelompok: Kelompok?, on date: LocalDate, in tx: any StoreTransaction) throws {
        if let person {
            let enrolments = try tx.enrolments(beneficiaryID: person.id)
            if enrolments.isEmpty { throw ProgrammeRejection.notEnrolled(beneficiary: person.code, cohort: nil) }
            let starts = try enrolments.compactMap { try tx.cohort(id: $0.cohortID)?.trainingStart }
            if starts.count == enrolments.count, let first = starts.min(), date < first {
                throw AftercareRejection.visitBeforeEnrolment(subject: person.code, date: date, trainingStart: first)
            }
        }
        if let kelompok, let start = try tx.cohort(id: kelompok.cohortID)?.trainingStart, date < start {
            throw AftercareRejection.visitBeforeEnrolment(subject: kelompok.code, date: date, trainingStart: start)
        }
    }

    static func postSales(_ sales: SalesReport, usaha: Usaha, visitDate: LocalDate, key: String,
                          context: OperationContext, today: LocalDate, in tx: any StoreTransaction) throws -> JournalEntry {
        guard let book = try tx.book(code: usaha.code) else { preconditionFailure("usaha \(usaha.code) has no book") }
        let dims = Dimensions(usahaID: usaha.id)
        let draft = EntryDraft(bookID: book.id, kind: .usahaReport, valueDate: visitDate,
                               memo: "Penjualan \(sales.periodStart) s.d. \(sales.periodEnd) (dilaporkan saat kunjungan)",
                               documentRef: nil, idempotencyKey: "visit-sales:\(key)",
                               postings: [
                                   Posting(accountID: try account(.usahaCash, in: book, tx).id, amount: sales.amount, dimensions: dims),
                                   Posting(accountID: try account(.usahaSales, in: book, tx).id, amount: sales.amount.negated, dimensions: dims),
                               ])
        return try Ledger.post(draft, context: context, today: today, in: tx)
    }

    /// Everyone a visit reached: the named beneficiary, the members of the named kelompok on
    /// that day, and the owner(s) of the named usaha.
    static func contactedBeneficiaries(person: Beneficiary?, kelompok: Kelompok?, usaha: Usaha?, on date: LocalDate,
                                       in tx: any StoreTransaction) throws -> [Int64] {
        var ids: [Int64] = person.map { [$0.id] } ?? []
        func members(_ kelompokID: Int64) throws -> [Int64] {
            try tx.memberships(kelompokID: kelompokID).filter { $0.isMember(on: date) }.map(\.beneficiaryID)
        }
        if let kelompok { ids += try members(kelompok.id) }
        switch usaha?.owner {
        case .beneficiary(let id)?: ids.append(id)
        case .kelompok(let id)?: ids += try members(id)
        case nil: break
        }
        var seen = Set<Int64>()
        return ids.filter { seen.insert($0).inserted }
    }

    /// Records an outcome (returned to sex work yes / no / unknown) as of a date. History is
    /// kept; the audit log notes who recorded one, never what it says. Checked in this order:
    /// who acts (a user's role, a pendamping's own caseload), the person, her enrolment, the date.
    /// Records an outcome: a "returned" one with at least one coded reason (``OutcomeFactors``),
    /// a "not returned" one with what kept her from it, if known.
    public func recordOutcome(beneficiary: String, asOf: LocalDate, returned: ReturnedToSexWork, source: OutcomeSource,
                              factors: OutcomeFactors = .none, context: OperationContext) throws -> OutcomeRecord {
        try store.writeAftercare { tx in
            try Operations.recordOutcome(beneficiary: beneficiary, asOf: asOf, returned: returned, source: source, factors: factors,
                                         context: context, in: tx)
        }
    }

    public static func recordOutcome(beneficiary: String, asOf: LocalDate, returned: ReturnedToSexWork, source: OutcomeSource,
                                     factors: OutcomeFactors = .none, context: OperationContext,
                                     in tx: any StoreTransaction) throws -> OutcomeRecord {
        try checkActing(context.acting, may: .recordOutcomes, beneficiary: beneficiary, in: tx)
        let today = context.today(in: try tx.settings())
        let person = try Resolve.beneficiary(beneficiary, in: tx)
        if try tx.enrolments(beneficiaryID: person.id).isEmpty {
            throw ProgrammeRejection.notEnrolled(beneficiary: person.code, cohort: nil)
        }
        if asOf > today { throw AftercareRejection.futureDate(.outcome, date: asOf, today: today) }
        let factors = try factors.checked(for: returned)
        let record = try tx.insertOutcome(beneficiaryID: person.id, asOf: asOf, returned: returned, source: source,
                                          recordedBy: context.actor, recordedAt: context.recordedAt)
        // Why she returned is as restricted as the outcome: in its own rows, never in the audit log.
        if !factors.isEmpty { try tx.insertOutcomeFactors(outcomeID: record.id, factors) }
        if source.isContact { try tx.noteContact(beneficiaryID: person.id, on: asOf) }
        try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .outcomeRecord, subject: person.code, detail: "")
        return record
    }

    /// A person's outcome history. Reading it is audited.
    public func outcomeHistory(beneficiary: String, context: OperationContext) throws -> (Beneficiary, [OutcomeRecord]) {
        try store.write { tx in
            let person = try Resolve.beneficiary(beneficiary, in: tx)
            let history = try tx.outcomes(beneficiaryID: person.id).map { record in
                var record = record
                record.factors = try tx.outcomeFactors(outcomeID: record.id)
                return record
            }
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .outcomeHistory, subject: person.code,
                               detail: "\(history.count) record(s)")
            return (person, history)
        }
    }
}

extension Visit {
    /// The same report of the same visit: what was observed, not when it was typed in.
    func sameReport(as other: Visit) -> Bool {
        whereabouts == other.whereabouts && businessStatus == other.businessStatus && sales == other.sales
            && support == other.support && equipment == other.equipment && grantUse == other.grantUse
            && needs == other.needs && notes == other.notes && nextVisitDue == other.nextVisitDue
    }

    func with(salesEntryID: Int64) -> Visit {
        Visit(id: id, date: date, workerID: workerID, beneficiaryID: beneficiaryID, kelompokID: kelompokID, usahaID: usahaID,
              contactMode: contactMode, whereabouts: whereabouts, businessStatus: businessStatus, sales: sales,
              salesEntryID: salesEntryID, support: support, equipment: equipment, grantUse: grantUse, needs: needs,
              notes: notes, nextVisitDue: nextVisitDue, naturalKey: naturalKey, recordedAt: recordedAt, actor: actor)
    }
}

extension Optional where Wrapped == String {
    /// nil for nil, empty or whitespace-only text.
    var nonBlank: String? {
        guard let text = self?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}

extension Operations {
    /// Who is due or overdue, for one worker or all, as of a day (default today).
    public func followUpDue(worker: String?, asOf: LocalDate?, context: OperationContext) throws -> FollowUpList {
        try store.read { tx in
            let settings = try tx.settings()
            let workerID = try worker.map { try Resolve.worker($0, in: tx).id }
            return try FollowUpList.build(from: tx, policy: settings.followUpPolicy, asOf: asOf ?? context.today(in: settings),
                                          workerID: workerID)
        }
    }
}

extension Operations {
    /// Why graduates returned and what kept the others from it; read as restrictedly as the
    /// outcome report, and audited the same way (subject `reasons`).
    public func outcomeReasonReport(asOf: LocalDate?, context: OperationContext) throws -> OutcomeReasonReport {
        try store.write { tx in
            let settings = try tx.settings()
            let report = try OutcomeReasonReport.build(from: tx, asOf: asOf ?? context.today(in: settings), policy: settings.followUpPolicy)
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .reportOutcomes, subject: "reasons",
                               detail: "\(report.tally.grants) grants")
            return report
        }
    }

    /// An outcome's reasons or protective factors (restricted: read with her outcome history).
    public func outcomeFactors(outcomeID: Int64) throws -> OutcomeFactors {
        try store.read { tx in try tx.outcomeFactors(outcomeID: outcomeID) }
    }

    /// The outcome report; its reading is written to the audit log (who, when, which grouping).
    public func outcomeReport(by grouping: OutcomeReport.Grouping, asOf: LocalDate?, context: OperationContext) throws -> OutcomeReport {
        try store.write { tx in
            let settings = try tx.settings()
            let report = try OutcomeReport.build(from: tx, by: grouping, asOf: asOf ?? context.today(in: settings),
                                                 policy: settings.followUpPolicy)
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .reportOutcomes, subject: grouping.rawValue,
                               detail: "\(report.total.grants) grants")
            return report
        }
    }

    public func outcomePerGrant(asOf: LocalDate?, context: OperationContext) throws -> OutcomePerGrant {
        try store.write { tx in
            let settings = try tx.settings()
            let report = try OutcomePerGrant.build(from: tx, asOf: asOf ?? context.today(in: settings), policy: settings.followUpPolicy)
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .reportOutcomeGrants, subject: "all",
                               detail: "\(report.rows.count) grants")
            return report
        }
    }

    public func businessFollowUp(usaha: String?, asOf: LocalDate?, context: OperationContext) throws -> BusinessFollowUp {
        try store.read { tx in
            let usahaID = try usaha.map { try Resolve.usaha($0, in: tx).id }
            return try BusinessFollowUp.build(from: tx, usahaID: usahaID, asOf: asOf ?? context.today(in: try tx.settings()))
        }
    }

    public func workerActivity(from: LocalDate?, asOf: LocalDate?, context: OperationContext) throws -> WorkerActivity {
        try store.read { tx in
            let settings = try tx.settings()
            return try WorkerActivity.build(from: tx, policy: settings.followUpPolicy, from: from, asOf: asOf ?? context.today(in: settings))
        }
    }
}

/// A graduate paid her grant whom no aftercare worker follows, directly or through her kelompok:
/// work for the admin, since she is on nobody's due list.
public struct UnassignedCase: Hashable, Sendable {
    public let beneficiaryCode: String
    public let name: String
    public let cohortCode: String
    public let grantDate: LocalDate
}

extension Operations {
    /// Every graduate paid a grant whom no worker follows, oldest grant first.
    public func unassignedCases() throws -> [UnassignedCase] {
        try store.read { tx in
            var cases: [FollowUpCase] = []
            // A closed case needs no worker (a closing stage is never dated after today).
            let closed = try ClosedCases.read(from: tx)
            try tx.forEachFollowUpCase(workerID: nil) { c in
                if c.workerID == nil && closed.closedOn(beneficiaryID: c.beneficiaryID, cohortID: c.cohortID) == nil { cases.append(c) }
            }
            let names = try tx.beneficiaryNames(ids: cases.map(\.beneficiaryID))
            let cohorts = Dictionary(uniqueKeysWithValues: try tx.cohorts().map { ($0.id, $0.code) })
            return cases.sorted { ($0.grantDate, $0.beneficiaryID) < ($1.grantDate, $1.beneficiaryID) }.map { c in
                UnassignedCase(beneficiaryCode: Beneficiary.code(for: c.beneficiaryID), name: names[c.beneficiaryID] ?? "",
                               cohortCode: cohorts[c.cohortID] ?? "", grantDate: c.grantDate)
            }
        }
    }
}
