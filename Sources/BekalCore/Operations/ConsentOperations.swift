import Foundation

/// Her consents, given and withdrawn (``ConsentEvent``): an admin records each with its day.
extension Operations {
    public func changeConsent(beneficiary: String, kind: ConsentKind, given: Bool, on date: LocalDate?, name: String? = nil,
                              service: String? = nil, context: OperationContext) throws -> ConsentEvent {
        try store.write { tx in
            let today = context.today(in: try tx.settings())
            let person = try Resolve.beneficiary(beneficiary, in: tx)
            let day = date ?? today
            if day > today { throw CasePathRejection.futureDate(what: "consent's date", date: day, today: today) }
            let events = try tx.consentEvents(beneficiaryID: person.id)
            let service = service.flatMap(Operations.optionalText)
            if kind == .referral && service == nil { throw CasePathRejection.consentServiceMissing }
            if let last = events.filter({ $0.kind == kind && (kind != .referral || $0.service == service) }).map(\.onDate).max(), day < last {
                throw CasePathRejection.consentBeforeLast(date: day, last: last)
            }
            let now = ConsentState.on(day, registered: person, events: events)
            let name = name.flatMap(Operations.optionalText)
            switch kind {
            case .shareBusiness:
                if now.shareBusiness == given { throw CasePathRejection.consentUnchanged(beneficiary: person.code, kind: kind, given: given) }
            case .showName:
                if given {
                    guard let name else { throw CasePathRejection.consentNameMissing }
                    guard now.shareBusiness else { throw CasePathRejection.consentNameNeedsSharing(beneficiary: person.code) }
                    if now.shownName == name { throw CasePathRejection.consentUnchanged(beneficiary: person.code, kind: kind, given: true) }
                } else if now.shownName == nil {
                    throw CasePathRejection.consentUnchanged(beneficiary: person.code, kind: kind, given: false)
                }
            case .referral:
                if now.referrals.contains(service!) == given {
                    throw CasePathRejection.consentUnchanged(beneficiary: person.code, kind: kind, given: given)
                }
            }
            let event = try tx.insertConsentEvent(ConsentEventDraft(
                beneficiaryID: person.id, kind: kind, given: given, onDate: day, name: kind == .showName && given ? name : nil,
                service: kind == .referral ? service : nil, actor: context.actor, recordedAt: context.recordedAt))
            // The name and the service are hers: the audit log names the kind and the day.
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .consentChange, subject: person.code,
                               detail: "\(kind.rawValue) \(given ? "given" : "withdrawn") on \(day) (#\(event.id))")
            return event
        }
    }

    /// Her consents now and their history.
    public func consents(beneficiary: String, context: OperationContext) throws -> (state: ConsentState, events: [ConsentEvent]) {
        try store.read { tx in
            let person = try Resolve.beneficiary(beneficiary, in: tx)
            let events = try tx.consentEvents(beneficiaryID: person.id)
            return (ConsentState.on(context.today(in: try tx.settings()), registered: person, events: events), events)
        }
    }
}
