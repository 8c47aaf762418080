import Foundation

/// Needs from voiced to answered (``Need``): opened by hand or on a visit, answered once.
extension Operations {
    /// The longest note a need, its answer or a referral step keeps.
    public static let shortNoteLimit = 200

    /// Opens a need of one person or one kelompok, heard by the worker whose caseload it is in.
    /// A pendamping opens needs only in her own caseload.
    public func openNeed(_ request: NeedRequest, context: OperationContext) throws -> Need {
        try store.writeAftercare { tx in
            guard (request.beneficiary == nil) != (request.kelompok == nil) else { throw CasePathRejection.needSubject }
            try Operations.checkActing(context.acting, may: .recordVisits, beneficiary: request.beneficiary, kelompok: request.kelompok, in: tx)
            let today = context.today(in: try tx.settings())
            let person = try request.beneficiary.map { try Resolve.beneficiary($0, in: tx) }
            let kelompok = try request.kelompok.map { try Resolve.kelompok($0, in: tx) }
            let day = request.openedOn ?? today
            if day > today { throw CasePathRejection.futureDate(what: "need's date", date: day, today: today) }
            let note = try Self.shortNote(request.note)
            let workerID = try person.flatMap { try tx.caseSummary(beneficiaryID: $0.id)?.workerID }
                ?? kelompok.flatMap { try tx.currentAssignment(.kelompok($0.id))?.workerID }
            let need = try tx.insertNeed(NeedDraft(beneficiaryID: person?.id, kelompokID: kelompok?.id, kind: request.kind, note: note,
                                                   openedOn: day, visitID: nil, workerID: workerID, actor: context.actor,
                                                   recordedAt: context.recordedAt))
            // The kind and the note are hers: the audit log names the record only.
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .needOpen, subject: need.subjectCode, detail: "need #\(need.id)")
            return need
        }
    }

    /// The needs a visit heard, opened with the visit: of the person visited, else the kelompok,
    /// else the usaha's owner.
    static func openNeeds(heardOn visit: Visit, kinds: [NeedKind], usaha: Usaha?, context: OperationContext,
                          in tx: any StoreTransaction) throws {
        guard !kinds.isEmpty else { return }
        var person = visit.beneficiaryID, kelompok = person == nil ? visit.kelompokID : nil
        if person == nil && kelompok == nil, let usaha {
            switch usaha.owner {
            case .beneficiary(let id): person = id
            case .kelompok(let id): kelompok = id
            }
        }
        guard person != nil || kelompok != nil else { return }
        var seen: Set<NeedKind> = []
        for kind in kinds where seen.insert(kind).inserted {
            // The visit keeps her words; a need keeps them too when they fit its note.
            let note = visit.needs.flatMap { $0.count <= shortNoteLimit ? $0 : nil }
            let need = try tx.insertNeed(NeedDraft(beneficiaryID: person, kelompokID: kelompok, kind: kind, note: note,
                                                   openedOn: visit.date, visitID: visit.id, workerID: visit.workerID, actor: context.actor,
                                                   recordedAt: context.recordedAt))
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .needOpen, subject: need.subjectCode,
                               detail: "need #\(need.id) (visit #\(visit.id))")
        }
    }

    /// Records what answered a need, once: on or after the day it was voiced, not after today.
    public func answerNeed(id: Int64, on date: LocalDate?, support: SupportKind?, note: String?, visitID: Int64? = nil,
                           context: OperationContext) throws -> Need {
        try store.writeAftercare { tx in
            guard var need = try tx.need(id: id) else { throw CasePathRejection.needNotFound(id) }
            try Operations.checkActing(context.acting, may: .recordVisits, beneficiary: need.beneficiaryID.map(Beneficiary.code(for:)),
                            kelompok: need.kelompokID.map(Kelompok.code(for:)), in: tx)
            if let answer = need.answer { throw CasePathRejection.needClosed(id, on: answer.closedOn) }
            let today = context.today(in: try tx.settings())
            let day = date ?? today
            if day > today { throw CasePathRejection.futureDate(what: "answer's date", date: day, today: today) }
            if day < need.openedOn { throw CasePathRejection.dateOrder(what: "answer's date", date: day, before: "day it was voiced", other: need.openedOn) }
            let answer = Need.Answer(closedOn: day, support: support, note: try Self.shortNote(note), visitID: visitID, actor: context.actor,
                                     recordedAt: context.recordedAt)
            try tx.insertNeedAnswer(needID: id, answer)
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .needAnswer, subject: need.subjectCode, detail: "need #\(id)")
            need.answer = answer
            return need
        }
    }

    /// Her needs (and her kelompok's now), oldest first.
    public func needs(beneficiary: String, openOnly: Bool = false) throws -> [Need] {
        try store.read { tx in
            let person = try Resolve.beneficiary(beneficiary, in: tx)
            let kelompok = try tx.memberships(beneficiaryID: person.id).filter { $0.leftOn == nil }.map(\.kelompokID)
            return try tx.needs(beneficiaryIDs: [person.id], kelompokIDs: kelompok, openOnly: openOnly)
        }
    }

    /// The needs report: days from voiced to answered, per worker and kind, and the late ones.
    public func needReport(asOf: LocalDate?, context: OperationContext) throws -> NeedReport {
        try store.read { tx in
            let settings = try tx.settings()
            return try NeedReport.build(from: tx, asOf: asOf ?? context.today(in: settings), lateAfterDays: settings.needAnswerDays)
        }
    }

    static func shortNote(_ text: String?) throws -> String? {
        guard let text = text.flatMap(Operations.optionalText) else { return nil }
        if text.count > shortNoteLimit { throw CasePathRejection.noteTooLong(characters: text.count, limit: shortNoteLimit) }
        return text
    }
}
