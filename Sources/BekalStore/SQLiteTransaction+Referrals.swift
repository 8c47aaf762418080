import BekalCore
import Foundation
import GRDB

/// The register of service partners and referrals (``Referral``): append-only rows.
extension SQLiteTransaction: ReferralPort {
    func insertPartner(code: String, name: String, kind: PartnerKind) throws -> ServicePartner {
        try run("INSERT INTO service_partner (code, name, kind) VALUES (?, ?, ?)", [code, name, kind.rawValue])
        return ServicePartner(id: db.lastInsertedRowID, code: code, name: name, kind: kind)
    }

    func partners() throws -> [ServicePartner] {
        try all("SELECT id, code, name, kind FROM service_partner ORDER BY code").map(Self.partner)
    }

    func partner(code: String) throws -> ServicePartner? {
        try one("SELECT id, code, name, kind FROM service_partner WHERE code = ?", [code]).map(Self.partner)
    }

    static func partner(_ row: Row) throws -> ServicePartner {
        ServicePartner(id: row[0], code: row[1], name: row[2], kind: try PartnerKind.parse(row[3]))
    }

    func insertReferral(beneficiaryID: Int64, partnerID: Int64, service: String, sent: Referral.Step) throws -> Referral {
        try run("INSERT INTO referral (beneficiary_id, partner_id, service) VALUES (?, ?, ?)", [beneficiaryID, partnerID, service])
        let id = db.lastInsertedRowID
        try insertStep(id, number: 1, sent)
        return Referral(id: id, beneficiaryID: beneficiaryID, partnerID: partnerID, service: service, steps: [sent])
    }

    func insertReferralStep(referralID: Int64, _ step: Referral.Step) throws {
        let number: Int64 = try one("SELECT coalesce(max(number), 0) + 1 FROM referral_step WHERE referral_id = ?", [referralID])?[0] ?? 1
        try insertStep(referralID, number: number, step)
    }

    private func insertStep(_ id: Int64, number: Int64, _ s: Referral.Step) throws {
        try run("INSERT INTO referral_step (referral_id, number, status, on_date, note, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [id, number, s.status.rawValue, s.onDate.description, s.note, s.actor, s.recordedAt])
    }

    func referral(id: Int64) throws -> Referral? { try referrals(where: "r.id = \(id)").first }

    func referrals(beneficiaryIDs: [Int64]?) throws -> [Referral] {
        guard let ids = beneficiaryIDs else { return try referrals(where: "1 = 1") }
        guard !ids.isEmpty else { return [] }
        return try referrals(where: "r.beneficiary_id IN (\(ids.map(String.init).joined(separator: ",")))")
    }

    private func referrals(where condition: String) throws -> [Referral] {
        var byID: [Int64: Referral] = [:], order: [Int64] = []
        for row in try all(built: """
            SELECT r.id, r.beneficiary_id, r.partner_id, r.service, s.status, s.on_date, s.note, s.actor, s.recorded_at
            FROM referral r JOIN referral_step s ON s.referral_id = r.id WHERE \(condition) ORDER BY r.id, s.number
            """) {
            let id: Int64 = row[0]
            let step = Referral.Step(status: try ReferralStatus.parse(row[4]), onDate: try LocalDate.parse(row[5]), note: row[6], actor: row[7],
                                     recordedAt: row[8])
            if byID[id] == nil {
                byID[id] = Referral(id: id, beneficiaryID: row[1], partnerID: row[2], service: row[3], steps: [])
                order.append(id)
            }
            byID[id]!.steps.append(step)
        }
        return order.map { byID[$0]! }
    }
}
