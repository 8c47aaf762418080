import Foundation

/// The register of service partners and her referrals to them (``Referral``).
extension Operations {
    public func addPartner(code: String, name: String, kind: PartnerKind, context: OperationContext) throws -> ServicePartner {
        try store.write { tx in
            let code = try Operations.code(code, field: .option("--code")).uppercased()
            if try tx.partner(code: code) != nil { throw CasePathRejection.partnerExists(code) }
            let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if name.isEmpty { throw InputError(.option("--name"), input: "", .empty) }
            let partner = try tx.insertPartner(code: code, name: name, kind: kind)
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .partnerAdd, subject: code, detail: kind.rawValue)
            return partner
        }
    }

    public func partners() throws -> [ServicePartner] { try store.read { tx in try tx.partners() } }

    /// Refers her to a partner's service, only with her consent to be referred there on the day.
    public func sendReferral(beneficiary: String, partner code: String, service: String, on date: LocalDate?, note: String? = nil,
                             context: OperationContext) throws -> Referral {
        try store.writeAftercare { tx in
            try Operations.checkActing(context.acting, may: .recordVisits, beneficiary: beneficiary, in: tx)
            let today = context.today(in: try tx.settings())
            let person = try Resolve.beneficiary(beneficiary, in: tx)
            guard let partner = try tx.partner(code: code.trimmingCharacters(in: .whitespaces).uppercased()) else {
                throw ProgrammeRejection.notFound(.partner, reference: code)
            }
            let day = date ?? today
            if day > today { throw CasePathRejection.futureDate(what: "referral's date", date: day, today: today) }
            let consent = ConsentState.on(day, registered: person, events: try tx.consentEvents(beneficiaryID: person.id))
            guard consent.referrals.contains(partner.code) else {
                throw CasePathRejection.referralWithoutConsent(beneficiary: person.code, partner: partner.code)
            }
            let service = service.trimmingCharacters(in: .whitespacesAndNewlines)
            if service.isEmpty { throw InputError(.option("--service"), input: "", .empty) }
            let referral = try tx.insertReferral(beneficiaryID: person.id, partnerID: partner.id, service: String(service.prefix(200)),
                                                 sent: .init(status: .sent, onDate: day, note: try Self.shortNote(note), actor: context.actor,
                                                             recordedAt: context.recordedAt))
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .referralSend, subject: person.code,
                               detail: "referral #\(referral.id) to \(partner.code)")
            return referral
        }
    }

    /// The next step of a referral: accepted, declined (with why) or done (with the result).
    public func updateReferral(id: Int64, status: ReferralStatus, on date: LocalDate?, note: String?, context: OperationContext) throws -> Referral {
        try store.writeAftercare { tx in
            guard var referral = try tx.referral(id: id) else { throw CasePathRejection.referralNotFound(id) }
            try Operations.checkActing(context.acting, may: .recordVisits, beneficiary: Beneficiary.code(for: referral.beneficiaryID), in: tx)
            guard referral.status.mayBecome(status) else { throw CasePathRejection.referralStep(id, from: referral.status, to: status) }
            let today = context.today(in: try tx.settings())
            let day = date ?? today
            if day > today { throw CasePathRejection.futureDate(what: "step's date", date: day, today: today) }
            if let last = referral.steps.last?.onDate, day < last {
                throw CasePathRejection.dateOrder(what: "step's date", date: day, before: "last step", other: last)
            }
            let note = try Self.shortNote(note)
            if (status == .declined || status == .done) && note == nil { throw CasePathRejection.referralNoteRequired(status) }
            let step = Referral.Step(status: status, onDate: day, note: note, actor: context.actor, recordedAt: context.recordedAt)
            try tx.insertReferralStep(referralID: id, step)
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .referralStep,
                               subject: Beneficiary.code(for: referral.beneficiaryID), detail: "referral #\(id): \(status.rawValue)")
            referral.steps.append(step)
            return referral
        }
    }

    public func referrals(beneficiary: String) throws -> [Referral] {
        try store.read { tx in try tx.referrals(beneficiaryIDs: [try Resolve.beneficiary(beneficiary, in: tx).id]) }
    }

    public func referralReport() throws -> ReferralReport {
        try store.read { tx in try ReferralReport.build(from: tx) }
    }
}

/// Services by partner (`bekal report referrals`): referrals sent, accepted, declined, done,
/// still open. Counts only: no person, no note.
public struct ReferralReport: Hashable, Codable, Sendable {
    public struct Line: Hashable, Codable, Sendable {
        public let partner: String
        public let name: String
        public let kind: PartnerKind
        public var sent = 0
        public var accepted = 0
        public var declined = 0
        public var done = 0
        /// Sent or accepted, not yet declined or done.
        public var open = 0
    }
    public let lines: [Line]

    public static func build(from source: some ReferralPort) throws -> ReferralReport {
        let partners = try source.partners()
        var lines = Dictionary(uniqueKeysWithValues: partners.map {
            ($0.id, Line(partner: $0.code, name: $0.name, kind: $0.kind))
        })
        for r in try source.referrals(beneficiaryIDs: nil) {
            // Each referral counts once in every step it reached (a done one was sent, perhaps accepted, and done).
            let reached = Set(r.steps.map(\.status))
            lines[r.partnerID]?.sent += 1
            if reached.contains(.accepted) { lines[r.partnerID]?.accepted += 1 }
            if reached.contains(.declined) { lines[r.partnerID]?.declined += 1 }
            if reached.contains(.done) { lines[r.partnerID]?.done += 1 }
            if r.isOpen { lines[r.partnerID]?.open += 1 }
        }
        return ReferralReport(lines: partners.compactMap { lines[$0.id] })
    }

    public var table: Table {
        Table(title: "Rujukan per mitra layanan", columns: [
            .init("partner", "Mitra"), .init("name", "Nama"), .init("kind", "Jenis"), .init("sent", "Dirujuk", .integer),
            .init("accepted", "Diterima", .integer), .init("declined", "Ditolak", .integer), .init("done", "Selesai", .integer),
            .init("open", "Masih Berjalan", .integer),
        ], rows: lines.map { l in
            [.text(l.partner), .text(l.name), .text(l.kind.label), .integer(Int64(l.sent)), .integer(Int64(l.accepted)),
             .integer(Int64(l.declined)), .integer(Int64(l.done)), .integer(Int64(l.open))]
        })
    }
}
