import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// Referrals to a partner's service (``Referral``), only with her consent:
/// - `/binaan/{code}/rujukan` (her worker, the admin): her referrals, the form to send one, and
///   each open one's next step (`/rujukan/{id}`: accepted, declined with why, done with the result);
/// - `/layanan` (admin): the register of service partners, and the form to add one;
/// - `/laporan/rujukan` (admin): services by partner.
extension WebApp {
    static let referralFields: Set<String> = ["partner", "service", "date", "note", "status"]

    func addReferralRoutes(_ visits: RouterGroup<CaseloadContext<RecordVisits>>) {
        visits.get("/binaan/:code/rujukan") { _, context in
            var state = FormState()
            state.set("date", try today().description)
            return try referralPage(code: context.parameters.get("code") ?? "", state: state, context: context)
        }
        visits.post("/binaan/:code/rujukan") { _, context in
            let code = context.parameters.get("code") ?? ""
            try showOnlyInCaseload(context.caseload, beneficiary: code)
            let form = context.form ?? FormData("")
            var state = FormState(form)
            do {
                let partner = try FormParse.required(form["partner"], "partner", "Pilih mitra layanannya.")
                let referral = try found {
                    try operations.sendReferral(beneficiary: code, partner: partner, service: form["service"] ?? "", on: try FormParse.date(form, "date"),
                                                note: form["note"], context: self.context(context.user))
                }
                context.setFlash("Rujukan #\(referral.id) dikirim per \(Format.date(referral.sentOn!)).")
                return Response.seeOther("/binaan/\(Self.urlCode(code))/rujukan")
            } catch let refused as FieldRefusal {
                state.refuse(refused.refusal, fields: Self.referralFields)
            } catch let error as any BekalFailure {
                state.refuse(Refusal.of(error), fields: Self.referralFields)
            }
            return try referralPage(code: code, state: state, context: context, status: .unprocessableContent)
        }
        visits.post("/rujukan/:id") { _, context in
            guard let id = Int64(context.parameters.get("id") ?? ""),
                  let referral = try operations.store.read({ tx in try tx.referral(id: id) }) else { throw WebDenial.notFound }
            let code = Beneficiary.code(for: referral.beneficiaryID)
            try showOnlyInCaseload(context.caseload, beneficiary: code)
            let form = context.form ?? FormData("")
            var state = FormState(form)
            do {
                let status = try FormParse.required(FormParse.choice(form, "status", as: ReferralStatus.self), "status", "Pilih perkembangannya.")
                let updated = try operations.updateReferral(id: id, status: status, on: try FormParse.date(form, "date"), note: form["note"],
                                                            context: self.context(context.user))
                context.setFlash("Rujukan #\(id): \(updated.status.label.lowercased()) per \(Format.date(updated.steps.last!.onDate)).")
                return Response.seeOther("/binaan/\(Self.urlCode(code))/rujukan")
            } catch let refused as FieldRefusal {
                state.refuse(refused.refusal, fields: Self.referralFields)
            } catch let error as any BekalFailure {
                state.refuse(Refusal.of(error), fields: Self.referralFields)
            }
            return try referralPage(code: code, state: state, context: context, status: .unprocessableContent)
        }
    }

    func addPartnerRoutes(to doors: Doors) {
        let admin = doors.permitted(Administer.self)
        admin.get("/layanan") { _, context in try partnerPage(MoneyForm(fields: ["code", "name", "kind"], values: [:]), context: context) }
        admin.post("/layanan") { _, context in
            var form = MoneyForm(fields: ["code", "name", "kind"], form: context.form)
            let kind = form.parse("kind") { try PartnerKind.parse($0) }
            if form["code"] == nil { form.add(Refusal(field: "code", message: "Tulis kodenya, misalnya PKM-KEDATON.")) }
            if form["name"] == nil { form.add(Refusal(field: "name", message: "Tulis nama mitra layanan.")) }
            guard form.isValid, let kind else { return try partnerPage(form, context: context, status: .unprocessableContent) }
            do {
                let partner = try operations.addPartner(code: form["code"] ?? "", name: form["name"] ?? "", kind: kind, context: self.context(context.user))
                context.setFlash("Mitra layanan \(partner.code) ditambahkan.")
                return Response.seeOther("/layanan")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try partnerPage(form, context: context, status: .unprocessableContent)
            }
        }
        admin.get("/laporan/rujukan") { _, context in
            views.page("laporan-tabel", title: "Rujukan per mitra layanan", context: context,
                       data: ["report": TableView.data(try operations.referralReport().table), "hasFilters": false])
        }
    }

    private func partnerPage(_ form: MoneyForm, context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        var data = form.data
        data["partners"] = try operations.partners().map { ["code": $0.code, "name": $0.name, "kind": $0.kind.label] }
        data["kinds"] = MoneyForm.options(PartnerKind.allCases.map { ($0.rawValue, $0.label) }, selected: form["kind"])
        return views.page("layanan", title: "Mitra layanan", context: context, data: data, status: status)
    }

    private func referralPage(code: String, state: FormState, context: CaseloadContext<RecordVisits>,
                              status: HTTPResponse.Status = .ok) throws -> Response {
        try showOnlyInCaseload(context.caseload, beneficiary: code)
        let person = try found { try operations.store.read { tx in try Resolve.beneficiary(code, in: tx) } }
        let partners = try operations.partners()
        let names = Dictionary(uniqueKeysWithValues: partners.map { ($0.id, "\($0.name) (\($0.code))") })
        let consented = try operations.consents(beneficiary: person.code, context: OperationContext(actor: "web", now: configuration.clock())).state.referrals
        return views.page("rujukan", title: "Rujukan \(person.code)", context: context, data: [
            "code": person.code, "name": person.name, "back": "/binaan/\(Self.urlCode(person.code))",
            "action": "/binaan/\(Self.urlCode(person.code))/rujukan", "formErrors": state.generalData,
            "consented": consented.isEmpty ? "belum ada" : consented.sorted().joined(separator: ", "),
            "referrals": try operations.referrals(beneficiary: person.code).reversed().map { r -> [String: Any] in
                var row: [String: Any] = ["id": r.id, "partner": names[r.partnerID] ?? "?", "service": r.service, "status": r.status.label,
                                          "steps": r.steps.map { ["date": Format.date($0.onDate), "status": $0.status.label, "note": $0.note ?? ""] }]
                if r.isOpen {
                    row["stepAction"] = "/rujukan/\(r.id)"
                    row["nextSteps"] = ReferralStatus.allCases.filter { r.status.mayBecome($0) }.map { ["value": $0.rawValue, "label": $0.label] }
                }
                return row
            },
            "partner": state.options("partner", partners.map { ($0.code, "\($0.name) · \($0.kind.label)\(consented.contains($0.code) ? "" : " (belum ada izin)")") },
                                     blank: "— pilih mitra —"),
            "service": state.field("service"), "date": state.field("date"), "note": state.field("note"),
            "today": try today().description,
        ], status: status)
    }
}
