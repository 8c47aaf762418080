import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// Needs, from voiced to answered (``Need``), for the worker whose caseload it is (and the admin):
/// - `/binaan/{code}/kebutuhan`: her needs and her kelompok's, and the form to note a new one;
/// - `/kebutuhan/{id}/jawab`: what answered a need, once;
/// - `/laporan/kebutuhan` (admin): days from voiced to answered per worker and kind, and the late ones.
/// A visit opens needs too (`/kunjungan/baru`, *Kebutuhan yang perlu dijawab*). Her needs and
/// their notes are shown only where her visits are.
extension WebApp {
    static let needFields: Set<String> = ["kind", "date", "note"]
    static let answerFields: Set<String> = ["date", "support", "note"]

    func addNeedRoutes(_ visits: RouterGroup<CaseloadContext<RecordVisits>>) {
        visits.get("/binaan/:code/kebutuhan") { _, context in
            var state = FormState()
            state.set("date", try today().description)
            return try needPage(code: context.parameters.get("code") ?? "", state: state, context: context)
        }
        visits.post("/binaan/:code/kebutuhan") { _, context in
            let code = context.parameters.get("code") ?? ""
            try showOnlyInCaseload(context.caseload, beneficiary: code)
            let form = context.form ?? FormData("")
            var state = FormState(form)
            do {
                let kind = try FormParse.required(FormParse.choice(form, "kind", as: NeedKind.self), "kind", "Pilih kebutuhannya.")
                let need = try found {
                    try operations.openNeed(NeedRequest(beneficiary: code, kind: kind, note: form["note"], openedOn: try FormParse.date(form, "date")),
                                            context: self.context(context.user))
                }
                context.setFlash("Kebutuhan #\(need.id) (\(need.kind.label)) dicatat per \(Format.date(need.openedOn)).")
                return Response.seeOther("/binaan/\(Self.urlCode(code))/kebutuhan")
            } catch let refused as FieldRefusal {
                state.refuse(refused.refusal, fields: Self.needFields)
            } catch let error as any BekalFailure {
                state.refuse(Refusal.of(error), fields: Self.needFields)
            }
            return try needPage(code: code, state: state, context: context, status: .unprocessableContent)
        }
        visits.get("/kebutuhan/:id/jawab") { _, context in
            var state = FormState()
            state.set("date", try today().description)
            return try answerPage(id: context.parameters.get("id") ?? "", state: state, context: context)
        }
        visits.post("/kebutuhan/:id/jawab") { _, context in
            let need = try visibleNeed(context.parameters.get("id") ?? "", context: context)
            let form = context.form ?? FormData("")
            var state = FormState(form)
            do {
                let answered = try found {
                    try operations.answerNeed(id: need.id, on: try FormParse.date(form, "date"),
                                              support: try FormParse.choice(form, "support", as: SupportKind.self), note: form["note"],
                                              context: self.context(context.user))
                }
                context.setFlash("Kebutuhan #\(answered.id) terjawab per \(Format.date(answered.answer!.closedOn)), "
                                 + "\(answered.daysToAnswer ?? 0) hari sesudah disampaikan.")
                return Response.seeOther(Self.needHome(need))
            } catch let refused as FieldRefusal {
                state.refuse(refused.refusal, fields: Self.answerFields)
            } catch let error as any BekalFailure {
                state.refuse(Refusal.of(error), fields: Self.answerFields)
            }
            return try answerPage(id: String(need.id), state: state, context: context, status: .unprocessableContent)
        }
    }

    func addNeedReportRoutes(to doors: Doors) {
        doors.permitted(Administer.self).get("/laporan/kebutuhan") { request, context in
            let report = try operations.needReport(asOf: nil, context: self.context(context.user))
            let late = request.uri.queryParameters.get("terlambat") != nil
            return views.page("laporan-tabel", title: late ? "Kebutuhan yang terlambat dijawab" : "Kebutuhan binaan dan lama menjawabnya",
                              context: context, data: ["report": TableView.data(late ? report.lateTable : report.table), "hasFilters": false])
        }
    }

    /// Where a need's person (or kelompok's first page) is: back there after answering it.
    static func needHome(_ need: Need) -> String {
        need.beneficiaryID.map { "/binaan/\(Beneficiary.code(for: $0))/kebutuhan" } ?? "/"
    }

    /// A need the page may show: in a pendamping's caseload (else 404, as for a number that names none).
    private func visibleNeed(_ id: String, context: CaseloadContext<RecordVisits>) throws -> Need {
        guard let number = Int64(id), let need = try operations.store.read({ tx in try tx.need(id: number) }) else { throw WebDenial.notFound }
        try showOnlyInCaseload(context.caseload, beneficiary: need.beneficiaryID.map(Beneficiary.code(for:)),
                               kelompok: need.kelompokID.map(Kelompok.code(for:)))
        return need
    }

    private func needPage(code: String, state: FormState, context: CaseloadContext<RecordVisits>,
                          status: HTTPResponse.Status = .ok) throws -> Response {
        try showOnlyInCaseload(context.caseload, beneficiary: code)
        let person = try found { try operations.store.read { tx in try Resolve.beneficiary(code, in: tx) } }
        let needs = try operations.needs(beneficiary: person.code)
        return views.page("kebutuhan", title: "Kebutuhan \(person.code)", context: context, data: [
            "code": person.code, "name": person.name, "back": "/binaan/\(Self.urlCode(person.code))",
            "action": "/binaan/\(Self.urlCode(person.code))/kebutuhan", "formErrors": state.generalData,
            "needs": Self.needRows(needs.sorted { ($0.isOpen ? 0 : 1, $0.openedOn, $0.id) < ($1.isOpen ? 0 : 1, $1.openedOn, $1.id) },
                                   today: try today(), names: [:], lateAfterDays: try operations.settings().needAnswerDays),
            "kind": state.options("kind", NeedKind.allCases.map { ($0.rawValue, $0.label) }, blank: "— pilih —"),
            "date": state.field("date"), "note": state.field("note"),
        ], status: status)
    }

    private func answerPage(id: String, state: FormState, context: CaseloadContext<RecordVisits>,
                            status: HTTPResponse.Status = .ok) throws -> Response {
        let need = try visibleNeed(id, context: context)
        return views.page("kebutuhan-jawab", title: "Jawab kebutuhan #\(need.id)", context: context, data: [
            "id": need.id, "subject": need.subjectCode, "kind": need.kind.label, "opened": Format.date(need.openedOn),
            "note": need.note ?? "", "back": Self.needHome(need), "formErrors": state.generalData,
            "action": "/kebutuhan/\(need.id)/jawab",
            "support": state.options("support", SupportKind.allCases.map { ($0.rawValue, $0.label) }, blank: "— lainnya (tulis di catatan) —"),
            "date": state.field("date"), "noteField": state.field("note"),
        ], status: status)
    }

    /// Needs as the lists show them: kind, whose, when, how long, answered how.
    static func needRows(_ needs: [Need], today: LocalDate, names: [String: String], lateAfterDays: Int? = nil) -> [[String: Any]] {
        needs.map { n in
            var row: [String: Any] = ["kind": n.kind.label, "subject": n.subjectCode, "opened": Format.date(n.openedOn)]
            if let name = names[n.subjectCode] { row["name"] = name }
            if let beneficiary = n.beneficiaryID { row["link"] = "/binaan/\(Beneficiary.code(for: beneficiary))/kebutuhan" }
            if let note = n.note { row["note"] = note }
            if let answer = n.answer {
                row["answered"] = Format.date(answer.closedOn)
                if let support = answer.support { row["support"] = support.label }
                if let note = answer.note { row["answerNote"] = note }
            } else {
                let days = n.openedOn.days(until: today)
                if days > 0 { row["days"] = days }
                if let limit = lateAfterDays, days > limit { row["late"] = true }
                row["answerLink"] = "/kebutuhan/\(n.id)/jawab"
            }
            return row
        }
    }
}
