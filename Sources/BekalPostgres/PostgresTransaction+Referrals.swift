import BekalCore
import Foundation

/// The register of service partners and referrals: `SQLiteTransaction+Referrals.swift` in PostgreSQL's words.
extension PostgresTransaction: ReferralPort {
    func insertPartner(code: String, name: String, kind: PartnerKind) throws -> ServicePartner {
        let id = try insertReturningID("INSERT INTO service_partner (code, name, kind) VALUES ($1, $2, $3) RETURNING id",
                                       [.text(code), .text(name), .text(kind.rawValue)])
        return ServicePartner(id: id, code: code, name: name, kind: kind)
    }

    func partners() throws -> [ServicePartner] {
        try all("SELECT id, code, name, kind FROM service_partner ORDER BY code COLLATE \"C\"").map(Self.partner)
    }

    func partner(code: String) throws -> ServicePartner? {
        try one("SELECT id, code, name, kind FROM service_partner WHERE code = $1", [.text(code)]).map(Self.partner)
    }

    static func partner(_ row: PGRow) throws -> ServicePartner {
        ServicePartner(id: try row.int(0), code: try row.text(1), name: try row.text(2), kind: try PartnerKind.parse(try row.text(3)))
    }

    func insertReferral(beneficiaryID: Int64, partnerID: Int64, service: String, sent: Referral.Step) throws -> Referral {
        let id = try insertReturningID("INSERT INTO referral (beneficiary_id, partner_id, service) VALUES ($1, $2, $3) RETURNING id",
                                       [.int(beneficiaryID), .int(partnerID), .text(service)])
        try insertStep(id, number: 1, sent)
        return Referral(id: id, beneficiaryID: beneficiaryID, partnerID: partnerID, service: service, steps: [sent])
    }

    func insertReferralStep(referralID: Int64, _ step: Referral.Step) throws {
        let number = try one("SELECT coalesce(max(number), 0) + 1 FROM referral_step WHERE referral_id = $1", [.int(referralID)])?.int(0) ?? 1
        try insertStep(referralID, number: number, step)
    }

    private func insertStep(_ id: Int64, number: Int64, _ s: Referral.Step) throws {
        try run("INSERT INTO referral_step (referral_id, number, status, on_date, note, actor, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                [.int(id), .int(number), .text(s.status.rawValue), .text(s.onDate.description), PGValue(s.note), .text(s.actor), .text(s.recordedAt)])
    }

    func referral(id: Int64) throws -> Referral? { try referrals(where: "r.id = \(id)").first }

    func referrals(beneficiaryIDs: [Int64]?) throws -> [Referral] {
        guard let ids = beneficiaryIDs else { return try referrals(where: "1 = 1") }
        guard !ids.isEmpty else { return [] }
        return try referrals(where: "r.beneficiary_id IN (\(ids.map(String.init).joined(separator: ",")))")
    }

    private func referrals(where condition: String) throws -> [Referral] {
        var byID: [Int64: Referral] = [:], order: [Int64] = []
        for row in try all("""
            SELECT r.id, r.beneficiary_id, r.partner_id, r.service, s.status, s.on_date, s.note, s.actor, s.recorded_at
            FROM referral r JOIN referral_step s ON s.referral_id = r.id WHERE \(condition) ORDER BY r.id, s.number
            """) {
            let id = try row.int(0)
            let step = Referral.Step(status: try ReferralStatus.parse(try row.text(4)), onDate: try LocalDate.parse(try row.text(5)),
                                     note: row.optionalText(6), actor: try row.text(7), recordedAt: try row.text(8))
            if byID[id] == nil {
                byID[id] = Referral(id: id, beneficiaryID: try row.int(1), partnerID: try row.int(2), service: try row.text(3), steps: [])
                order.append(id)
            }
            byID[id]!.steps.append(step)
        }
        return order.map { byID[$0]! }
    }
}
