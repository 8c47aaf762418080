/// Her whole history in order (issue 15, `bekal beneficiary show`, `/binaan/{code}/riwayat`):
/// enrolments and their status, her intake and stages, grants, kelompok memberships, visits that
/// reached her, needs, referrals, consents, and — only for a role that may see them, and then
/// audited — her outcomes. Each event is a day, a kind and a line in the officers' words.
public struct PersonHistory: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case enrolment, intake, stage, grant, kelompok, visit, need, referral, consent, outcome, merge

        public var label: String {
            switch self {
            case .enrolment: "Pelatihan"
            case .intake: "Masuk program"
            case .stage: "Tahap"
            case .grant: "Bantuan modal"
            case .kelompok: "Kelompok"
            case .visit: "Kunjungan"
            case .need: "Kebutuhan"
            case .referral: "Rujukan"
            case .consent: "Izin"
            case .outcome: "Hasil"
            case .merge: "Penggabungan data"
            }
        }
    }

    public struct Event: Sendable {
        public let date: LocalDate
        public let kind: Kind
        public let text: String
    }

    public let code: String
    /// The records merged into hers (a person registered twice), whose histories are in hers.
    public let mergedCodes: [String]
    public let events: [Event]
    /// Whether outcomes are in it (read for a role that may see them, and audited).
    public let withOutcomes: Bool

    /// Her history, and that of every record merged into hers: an event of a merged record
    /// carries its code, so an officer sees on which record it was made.
    static func build(_ person: Beneficiary, withOutcomes: Bool, in tx: any StoreTransaction) throws -> PersonHistory {
        let merges = try tx.personMerges(keptID: person.id)
        var builder = try Builder(withOutcomes: withOutcomes, in: tx)
        for record in [person.id] + merges.map(\.duplicateID) {
            builder.tag = record == person.id ? "" : " [\(Beneficiary.code(for: record))]"
            try builder.addEvents(of: record, in: tx)
        }
        builder.tag = ""
        for m in merges {
            builder.add(m.onDate, .merge, "\(m.duplicateCode) digabung ke \(m.keptCode) oleh \(m.actor): \(m.reason)")
        }
        let ordered = builder.events.sorted { ($0.0.date, $0.1) < ($1.0.date, $1.1) }.map(\.0)
        return PersonHistory(code: person.code, mergedCodes: merges.map(\.duplicateCode), events: ordered, withOutcomes: withOutcomes)
    }

    /// The office's look-ups, read once, and the events gathered so far (in the order added,
    /// the tie-break of a day), record by record.
    private struct Builder {
        let withOutcomes: Bool
        let settings: ProgrammeSettings
        let cohorts: [Int64: Cohort]
        let tracks: [Int64: String]
        let workers: [Int64: String]
        let partners: [Int64: String]
        /// Appended to each event's text: the merged record it was made on, if not hers.
        var tag = ""
        private(set) var events: [(Event, Int)] = []
        /// A kelompok's visit or need reaches every record that was in it: told once.
        private var seenVisits = Set<Int64>()
        private var seenNeeds = Set<Int64>()

        init(withOutcomes: Bool, in tx: any StoreTransaction) throws {
            self.withOutcomes = withOutcomes
            settings = try tx.settings()
            cohorts = Dictionary(uniqueKeysWithValues: try tx.cohorts().map { ($0.id, $0) })
            tracks = Dictionary(uniqueKeysWithValues: try tx.tracks().map { ($0.id, $0.name) })
            workers = Dictionary(uniqueKeysWithValues: try tx.workers().map { ($0.id, $0.code) })
            partners = Dictionary(uniqueKeysWithValues: try tx.partners().map { ($0.id, $0.name) })
        }

        mutating func add(_ date: LocalDate?, _ kind: Kind, _ text: String) {
            guard let date else { return }
            events.append((Event(date: date, kind: kind, text: text + tag), events.count))
        }

        mutating func addEvents(of personID: Int64, in tx: any StoreTransaction) throws {
            for e in try tx.enrolments(beneficiaryID: personID) {
                let cohort = cohorts[e.cohortID]
                let code = cohort?.code ?? "?"
                add(cohort?.trainingStart ?? e.statusDate, .enrolment, "Angkatan \(code), \(tracks[e.trackID] ?? "?")")
                for change in try tx.registryChanges(subject: .enrolment, subjectID: e.id) {
                    guard let status = change.fields.first(where: { $0.field == .status })?.new.flatMap(Enrolment.Status.init(rawValue:)) else { continue }
                    let word = switch status { case .completed: "lulus"; case .droppedOut: "keluar"; case .enrolled: "terdaftar kembali" }
                    add(change.onDate, .enrolment, "Angkatan \(code): \(word)" + (change.reasonCode.map { " — \($0.label)" } ?? ""))
                }
                if let i = try tx.intake(enrolmentID: e.id) {
                    let category = settings.intakeCategories.first { $0.code == i.category }?.label ?? i.category
                    let from = [i.referringOffice, i.letterNumber.map { "surat \($0)" }].compactMap { $0 }.joined(separator: ", ")
                    add(i.consentOn, .intake, "Angkatan \(code): \(i.route.label)\(from.isEmpty ? "" : " (\(from))"), \(category); bersedia ikut")
                }
                for s in try tx.caseStages(enrolmentID: e.id) {
                    let label = settings.stage(s.stage)?.label ?? s.stage
                    add(s.onDate, .stage, "Angkatan \(code): \(label)" + (s.reasonCode.map { " — \($0.label)" + (s.reason.map { ": \($0)" } ?? "") } ?? ""))
                }
            }
            for g in try tx.grants(beneficiaryID: personID) {
                guard let entry = try tx.entry(id: g.entryID) else { continue }
                let reversed = try tx.reversalID(of: g.entryID) != nil
                add(entry.valueDate, .grant, "\(g.amount), kuitansi \(entry.documentRef ?? "#\(entry.id)")\(reversed ? " (dibatalkan)" : "")")
            }
            let memberships = try tx.memberships(beneficiaryID: personID)
            for m in memberships {
                let name = try tx.kelompok(id: m.kelompokID).map { "\($0.code) \($0.name)" } ?? Kelompok.code(for: m.kelompokID)
                add(m.joinedOn, .kelompok, "Bergabung dengan \(name)")
                add(m.leftOn, .kelompok, "Keluar dari \(name)")
            }
            for v in try tx.visits(reaching: personID, limit: CaseFile.visitLimit) where seenVisits.insert(v.id).inserted {
                let subject = v.beneficiaryID != nil ? "" : v.kelompokID.map { " (kelompok \(Kelompok.code(for: $0)))" } ?? ""
                add(v.date, .visit, "\(v.contactMode.label) oleh \(workers[v.workerID] ?? "?")\(subject)"
                    + (v.whereabouts.map { "; \($0.label.lowercased())" } ?? ""))
            }
            let groups = memberships.map(\.kelompokID)
            for n in try tx.needs(beneficiaryIDs: [personID], kelompokIDs: groups, openOnly: false) where seenNeeds.insert(n.id).inserted {
                add(n.openedOn, .need, "\(n.kind.label)\(n.beneficiaryID == nil ? " (kelompok \(n.subjectCode))" : "")" + (n.note.map { ": \($0)" } ?? ""))
                if let a = n.answer {
                    add(a.closedOn, .need, "\(n.kind.label) terjawab sesudah \(n.daysToAnswer ?? 0) hari" + (a.support.map { " — \($0.label)" } ?? "")
                        + (a.note.map { ": \($0)" } ?? ""))
                }
            }
            for r in try tx.referrals(beneficiaryIDs: [personID]) {
                for s in r.steps {
                    add(s.onDate, .referral, "\(partners[r.partnerID] ?? "?"), \(r.service): \(s.status.label.lowercased())" + (s.note.map { " — \($0)" } ?? ""))
                }
            }
            for c in try tx.consentEvents(beneficiaryID: personID) {
                add(c.onDate, .consent, "\(c.kind.label) \(c.given ? "diberikan" : "dicabut")" + ((c.service ?? c.name).map { ": \($0)" } ?? ""))
            }
            if withOutcomes {
                for o in try tx.outcomes(beneficiaryID: personID) {
                    let factors = try tx.outcomeFactors(outcomeID: o.id)
                    let words = factors.reasons.map(\.label) + factors.protective.map(\.label)
                    add(o.asOf, .outcome, "\(o.returned.label) (\(o.source.label.lowercased()))" + (words.isEmpty ? "" : " — " + words.joined(separator: "; ")))
                }
            }
        }
    }

    public var table: Table {
        Table(title: "Riwayat \(code)" + (mergedCodes.isEmpty ? "" : " (digabung dengan \(mergedCodes.joined(separator: ", ")))"), columns: [.init("date", "Tanggal", .date), .init("kind", "Jenis"), .init("event", "Keterangan")],
              rows: events.map { [.date($0.date), .text($0.kind.label), .text($0.text)] })
    }
}

extension Operations {
    /// Her whole history. With outcomes only when asked (for a role that may see them): that
    /// read is written to the audit log, as her outcome history is.
    public func personHistory(beneficiary: String, withOutcomes: Bool, context: OperationContext) throws -> PersonHistory {
        if !withOutcomes {
            return try store.read { tx in try PersonHistory.build(try Resolve.person(beneficiary, in: tx), withOutcomes: false, in: tx) }
        }
        return try store.write { tx in
            let person = try Resolve.person(beneficiary, in: tx)
            let history = try PersonHistory.build(person, withOutcomes: true, in: tx)
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .outcomeHistory, subject: person.code,
                               detail: "\(history.events.filter { $0.kind == .outcome }.count) record(s)")
            return history
        }
    }
}
