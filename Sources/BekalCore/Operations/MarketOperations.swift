import Foundation

/// An exhibition or market as the office records it: who took part, and the stand's cost
/// either paid now (an aftercare cost, against the year's aftercare line) or already paid
/// (the entry that paid it).
public struct MarketEventDraft: Hashable, Sendable {
    public enum Stand: Hashable, Sendable {
        case none
        case paid(entryID: Int64)
        case pay(AftercareExpense)
    }
    public var kind: MarketEventKind
    public var name: String
    public var place: String
    public var startsOn: LocalDate
    public var endsOn: LocalDate
    public var usaha: [String]
    public var stand: Stand

    public init(kind: MarketEventKind, name: String, place: String, startsOn: LocalDate, endsOn: LocalDate, usaha: [String],
                stand: Stand = .none) {
        self.kind = kind
        self.name = name
        self.place = place
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.usaha = usaha
        self.stand = stand
    }
}

extension Operations {
    public func addLicence(usaha: String, kind: LicenceKind, number: String, issuedOn: LocalDate, validUntil: LocalDate? = nil,
                           context: OperationContext) throws -> (licence: UsahaLicence, replayed: Bool) {
        try store.write { tx in
            try Operations.addLicence(usaha: usaha, kind: kind, number: number, issuedOn: issuedOn, validUntil: validUntil,
                                      context: context, in: tx)
        }
    }

    /// Records a licence of a business; the same licence again is a replay. Spaces, dots and
    /// dashes in a NIB or P-IRT number are left out; its digits are counted.
    public static func addLicence(usaha code: String, kind: LicenceKind, number text: String, issuedOn: LocalDate, validUntil: LocalDate?,
                                  context: OperationContext, in tx: any StoreTransaction) throws -> (licence: UsahaLicence, replayed: Bool) {
        let usaha = try Resolve.usaha(code, in: tx)
        let today = context.today(in: try tx.settings())
        var number = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if number.isEmpty { throw MarketRejection.licenceNumberEmpty(kind: kind) }
        if let digits = kind.digits {
            number = number.filter { !" .-/".contains($0) }
            if number.count != digits || !number.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw MarketRejection.licenceNumberDigits(kind: kind, number: text.trimmedOfWhitespace, digits: digits)
            }
        }
        if issuedOn > today { throw MarketRejection.dateInFuture(date: issuedOn, today: today) }
        if let validUntil, validUntil < issuedOn { throw MarketRejection.licenceExpiresBeforeIssue(issuedOn: issuedOn, validUntil: validUntil) }
        if let recorded = try tx.licence(kind: kind, number: number) {
            guard recorded.usahaID == usaha.id else {
                throw MarketRejection.licenceElsewhere(kind: kind, number: number, usaha: Usaha.code(for: recorded.usahaID))
            }
            if recorded.issuedOn == issuedOn && recorded.validUntil == validUntil { return (recorded, true) }
        }
        let licence = try tx.insertLicence(usahaID: usaha.id, kind: kind, number: number, issuedOn: issuedOn, validUntil: validUntil,
                                           actor: context.actor, recordedAt: context.recordedAt)
        try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .usahaUpdate, subject: usaha.code,
                           detail: "licence \(kind.rawValue)")
        return (licence, false)
    }

    public func recordAffiliation(usaha: String, kind: AffiliationKind, name: String, on date: LocalDate, joined: Bool,
                                  context: OperationContext) throws -> UsahaAffiliation {
        try store.write { tx in
            try Operations.recordAffiliation(usaha: usaha, kind: kind, name: name, on: date, joined: joined, context: context, in: tx)
        }
    }

    /// A business joins or leaves a koperasi or KUBE; joining what it belongs to, or leaving
    /// what it does not, is refused.
    public static func recordAffiliation(usaha code: String, kind: AffiliationKind, name text: String, on date: LocalDate, joined: Bool,
                                         context: OperationContext, in tx: any StoreTransaction) throws -> UsahaAffiliation {
        let usaha = try Resolve.usaha(code, in: tx)
        let today = context.today(in: try tx.settings())
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { throw MarketRejection.affiliationNameEmpty }
        if date > today { throw MarketRejection.dateInFuture(date: date, today: today) }
        let member = try tx.affiliations(usahaID: usaha.id).current(on: date)
            .contains { $0.kind == kind && $0.name.lowercased() == name.lowercased() }
        if joined && member { throw MarketRejection.alreadyMember(kind: kind, name: name, usaha: usaha.code) }
        if !joined && !member { throw MarketRejection.notMember(kind: kind, name: name, usaha: usaha.code) }
        let row = try tx.insertAffiliation(usahaID: usaha.id, kind: kind, name: name, onDate: date, joined: joined,
                                           actor: context.actor, recordedAt: context.recordedAt)
        try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .usahaUpdate, subject: usaha.code,
                           detail: "\(kind.rawValue) \(joined ? "joined" : "left")")
        return row
    }

    public func recordChannel(usaha: String, channel: SalesChannel, on date: LocalDate, active: Bool,
                              context: OperationContext) throws -> UsahaChannel {
        try store.write { tx in
            try Operations.recordChannel(usaha: usaha, channel: channel, on: date, active: active, context: context, in: tx)
        }
    }

    public static func recordChannel(usaha code: String, channel: SalesChannel, on date: LocalDate, active: Bool,
                                     context: OperationContext, in tx: any StoreTransaction) throws -> UsahaChannel {
        let usaha = try Resolve.usaha(code, in: tx)
        let today = context.today(in: try tx.settings())
        if date > today { throw MarketRejection.dateInFuture(date: date, today: today) }
        let now = try tx.channels(usahaID: usaha.id).current(on: date).contains(channel)
        if now == active { throw MarketRejection.channelUnchanged(channel: channel, active: active, usaha: usaha.code) }
        let row = try tx.insertChannel(usahaID: usaha.id, channel: channel, onDate: date, active: active, actor: context.actor,
                                       recordedAt: context.recordedAt)
        try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .usahaUpdate, subject: usaha.code,
                           detail: "channel \(channel.rawValue) \(active ? "on" : "off")")
        return row
    }

    public func recordMarketEvent(_ draft: MarketEventDraft, context: OperationContext) throws -> MarketEvent {
        try store.write { tx in try Operations.recordMarketEvent(draft, context: context, in: tx) }
    }

    /// Records the event with its businesses and, where the office pays for the stand now, the
    /// aftercare cost that pays it, in one transaction.
    public static func recordMarketEvent(_ draft: MarketEventDraft, context: OperationContext,
                                         in tx: any StoreTransaction) throws -> MarketEvent {
        let today = context.today(in: try tx.settings())
        let name = draft.name.trimmingCharacters(in: .whitespacesAndNewlines), place = draft.place.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { throw MarketRejection.eventNameEmpty }
        if place.isEmpty { throw MarketRejection.eventPlaceEmpty }
        if draft.endsOn < draft.startsOn { throw MarketRejection.eventEndsBeforeStart(startsOn: draft.startsOn, endsOn: draft.endsOn) }
        if draft.startsOn > today { throw MarketRejection.dateInFuture(date: draft.startsOn, today: today) }
        var usahas: [Usaha] = []
        for code in draft.usaha {
            let usaha = try Resolve.usaha(code, in: tx)
            if !usahas.contains(where: { $0.id == usaha.id }) { usahas.append(usaha) }
        }
        if usahas.isEmpty { throw MarketRejection.eventWithoutBusinesses }
        var standEntryID: Int64?
        switch draft.stand {
        case .none: break
        case .paid(let entryID):
            guard let entry = try tx.entry(id: entryID), entry.kind == .aftercareExpense, try tx.reversalID(of: entryID) == nil else {
                throw MarketRejection.standEntryNotACost(entryID: entryID)
            }
            if let other = try tx.marketEvents().first(where: { $0.standEntryID == entryID }) {
                throw MarketRejection.standEntryUsed(entryID: entryID, event: other.code)
            }
            standEntryID = entryID
        case .pay(var expense):
            if expense.memo.trimmedOfWhitespace.isEmpty { expense.memo = "Sewa stan \(draft.kind.label.lowercased()) \(name)" }
            let result = try recordAftercareExpense(expense, context: context, in: tx)
            if let other = try tx.marketEvents().first(where: { $0.standEntryID == result.entry.id }) {
                throw MarketRejection.standEntryUsed(entryID: result.entry.id, event: other.code)
            }
            standEntryID = result.entry.id
        }
        let event = try tx.insertMarketEvent(kind: draft.kind, name: name, place: place, startsOn: draft.startsOn, endsOn: draft.endsOn,
                                             standEntryID: standEntryID, actor: context.actor, recordedAt: context.recordedAt)
        for usaha in usahas { try tx.insertMarketParticipant(eventID: event.id, usahaID: usaha.id) }
        try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .marketEvent, subject: event.code,
                           detail: "\(usahas.count) usaha")
        return event
    }

    public func recordMarketSales(event: String, usaha: String, amount: Rupiah, context: OperationContext) throws {
        try store.write { tx in try Operations.recordMarketSales(event: event, usaha: usaha, amount: amount, context: context, in: tx) }
    }

    /// What a business sold at the event, recorded once; Rp0 is a figure too (it sold nothing).
    public static func recordMarketSales(event code: String, usaha usahaCode: String, amount: Rupiah, context: OperationContext,
                                         in tx: any StoreTransaction) throws {
        let event = try resolveEvent(code, in: tx)
        let usaha = try Resolve.usaha(usahaCode, in: tx)
        if amount.amount < 0 { try requirePositive(amount) }
        guard let participant = try tx.marketParticipants(eventID: event.id).first(where: { $0.usahaID == usaha.id }) else {
            throw MarketRejection.notAtEvent(event: event.code, usaha: usaha.code)
        }
        if let sales = participant.sales {
            if sales == amount { return }
            throw MarketRejection.salesAlreadyRecorded(event: event.code, usaha: usaha.code, amount: sales)
        }
        try tx.insertMarketSale(eventID: event.id, usahaID: usaha.id, amount: amount, actor: context.actor, recordedAt: context.recordedAt)
    }

    /// The event by its code (`PM-0001`, or its number), or the refusal.
    public static func resolveMarketEvent(_ text: String, in tx: any StoreTransaction) throws -> MarketEvent { try resolveEvent(text, in: tx) }

    static func resolveEvent(_ text: String, in tx: any StoreTransaction) throws -> MarketEvent {
        guard let id = Resolve.id(text, prefix: "PM"), let event = try tx.marketEvent(id: id) else {
            throw MarketRejection.unknownEvent(text.trimmedOfWhitespace)
        }
        return event
    }
}
