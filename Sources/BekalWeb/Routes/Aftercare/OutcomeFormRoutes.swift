import BekalCore
import Foundation
import Hummingbird

/// `/binaan/{code}/hasil`: records whether she returned to sex work, as of a day, and how it
/// is known (``Operations/recordOutcome(beneficiary:asOf:returned:source:context:)``).
///
/// The form shows no earlier outcome: a worker records what she learned, she does not read
/// the history (an admin's page, audited).
extension WebApp {
    static let outcomeFields: Set<String> = ["returned", "asOf", "source", "reasons", "reasonText", "protective"]

    func outcomeForm(code: String, context: CaseloadContext<RecordOutcomes>) throws -> Response {
        var state = FormState()
        state.set("asOf", try today().description)
        return try outcomePage(code: code, state: state, context: context)
    }

    /// The core refuses a person outside a pendamping's caseload (404 here, through
    /// ``found(_:)``); a refused form is shown again only through ``outcomePage(code:state:context:status:)``,
    /// which checks it too.
    func recordOutcome(code: String, context: CaseloadContext<RecordOutcomes>) throws -> Response {
        let form = context.form ?? FormData("")
        var state = FormState(form)
        do {
            let outcome = try Self.outcomeRequest(form, beneficiary: code)
            let record = try found {
                try operations.recordOutcome(beneficiary: code, asOf: outcome.asOf, returned: outcome.returned, source: outcome.source,
                                             factors: outcome.factors, context: self.context(context.user))
            }
            // The flash names the day, never what was recorded.
            context.setFlash("Hasil per \(Format.date(record.asOf)) tercatat.")
            return .seeOther("/binaan/\(Self.urlCode(code))")
        } catch let refused as FieldRefusal {
            state.refuse(refused.refusal, fields: Self.outcomeFields)
        } catch let error as any BekalFailure {
            state.refuse(Refusal.of(error), fields: Self.outcomeFields)
        }
        return try outcomePage(code: code, state: state, context: context, status: .unprocessableContent)
    }

    /// What the form says (the person from the address, or, from the phone, its `beneficiary`
    /// field); a value that cannot be read is refused at its field.
    static func outcomeRequest(_ form: FormData, beneficiary: String? = nil) throws -> PhoneOutcome {
        let code = try FormParse.required(beneficiary ?? form["beneficiary"], "beneficiary", "Pilih binaan yang hasilnya dicatat.")
        let returned = try FormParse.required(FormParse.choice(form, "returned", as: ReturnedToSexWork.self), "returned",
                                              "Pilih ya, tidak, atau tidak diketahui.")
        let asOf = try FormParse.required(FormParse.date(form, "asOf"), "asOf", "Tanggal masih kosong; isi tanggal hasil ini diketahui.")
        let source = try FormParse.required(FormParse.choice(form, "source", as: OutcomeSource.self), "source",
                                            "Pilih dari mana hasil ini diketahui.")
        // Why she returned (required with "ya"), or what kept her from it (optional with "tidak").
        let factors = try OutcomeFactors.parse(reasons: form.all("reasons"), protective: form.all("protective"),
                                               otherText: form.raw("reasonText"))
        return PhoneOutcome(beneficiary: code, asOf: asOf, returned: returned, source: source, factors: factors)
    }

    /// The form about one person: only for someone in her caseload, whatever brought it up.
    func outcomePage(code: String, state: FormState, context: CaseloadContext<RecordOutcomes>,
                     status: HTTPResponse.Status = .ok) throws -> Response {
        try showOnlyInCaseload(context.caseload, beneficiary: code)
        let person = try found { try operations.store.read { tx in try Resolve.beneficiary(code, in: tx) } }
        return views.page("hasil-catat", title: "Catat hasil \(person.code)", context: context, data: ["heading": "Catat hasil pendampingan",
            "code": person.code, "name": person.name, "action": "/binaan/\(Self.urlCode(person.code))/hasil",
            "back": "/binaan/\(Self.urlCode(person.code))", "formErrors": state.generalData,
            "returned": state.checks("returned", AftercareLabels.choices(ReturnedToSexWork.self, AftercareLabels.returned)),
            "asOf": state.field("asOf"),
            "source": state.options("source", AftercareLabels.choices(OutcomeSource.self, \.label), blank: "— pilih —"),
            "reasons": state.checks("reasons", ReturnReason.allCases.map { ($0.rawValue, $0.label) }),
            "reasonText": state.field("reasonText"),
            "protective": state.checks("protective", ProtectiveFactor.allCases.map { ($0.rawValue, $0.label) }),
        ], status: status)
    }
}
