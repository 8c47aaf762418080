import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// Her path through the programme, for the admin, on the core's ``Intake`` and ``CaseStage``
/// (as `bekal intake record` and `bekal stage record`):
/// - `/binaan/{code}/asal`: how she came into a cohort (route, referral letter, category) and
///   the day she agreed to take part;
/// - `/binaan/{code}/tahap`: the stage her case has reached, or its closing with a reason;
/// - `/laporan/tahap`: cases per stage and cohort, and the closed ones by reason (counts only).
/// Her data page (`/binaan/{code}/data`) shows both, in order.
extension WebApp {
    static let intakeFields: Set<String> = ["cohort", "route", "referredBy", "letter", "letterDate", "category", "consentOn", "birthDate"]
    static let stageFields: Set<String> = ["cohort", "stage", "date", "reasonCode", "reasonText"]

    func addCasePathRoutes(to doors: Doors) {
        let admin = doors.permitted(Administer.self)
        admin.get("/binaan/:code/asal") { request, context in
            let person = try casePerson(context.parameters.get("code") ?? "")
            var values = ["route": IntakeRoute.referral.rawValue, "consentOn": try today().description]
            if let cohort = request.uri.queryParameters.get("angkatan") { values["cohort"] = cohort }
            return try intakePage(MoneyForm(fields: Self.intakeFields, values: values), person: person, context: context)
        }
        admin.post("/binaan/:code/asal") { _, context in
            let person = try casePerson(context.parameters.get("code") ?? "")
            var form = MoneyForm(fields: Self.intakeFields, form: context.form)
            form.aliases = ["--referred-by": "referredBy", "--letter": "letter", "--consent-on": "consentOn", "--route": "route"]
            let route = form.parse("route") { try IntakeRoute.parse($0) }
            let letterDate = form.parse("letterDate") { try LocalDate.parse($0, field: .date) }
            let consentOn = form.parse("consentOn") { try LocalDate.parse($0, field: .date) }
            let birthDate = form.parse("birthDate") { try LocalDate.parse($0, field: .date) }
            if form["cohort"] == nil { form.add(Refusal(field: "cohort", message: "Pilih angkatannya.")) }
            if form["category"] == nil { form.add(Refusal(field: "category", message: "Pilih kategorinya.")) }
            guard form.isValid, let route else { return try intakePage(form, person: person, context: context, status: .unprocessableContent) }
            do {
                let intake = try operations.recordIntake(IntakeRequest(
                    beneficiary: person.code, cohort: form["cohort"] ?? "", route: route, referringOffice: form["referredBy"],
                    letterNumber: form["letter"], letterDate: letterDate, category: form["category"] ?? "", consentOn: consentOn,
                    birthDate: birthDate), context: self.context(context.user))
                context.setFlash("Asal rujukan \(person.code) dicatat: \(intake.route.label), bersedia ikut per \(Format.date(intake.consentOn)).")
                return Response.seeOther("/binaan/\(person.code)/data")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try intakePage(form, person: person, context: context, status: .unprocessableContent)
            }
        }

        admin.get("/binaan/:code/tahap") { request, context in
            let person = try casePerson(context.parameters.get("code") ?? "")
            var values = ["date": try today().description]
            if let cohort = request.uri.queryParameters.get("angkatan") { values["cohort"] = cohort }
            return try stagePage(MoneyForm(fields: Self.stageFields, values: values), person: person, context: context)
        }
        admin.post("/binaan/:code/tahap") { _, context in
            let person = try casePerson(context.parameters.get("code") ?? "")
            var form = MoneyForm(fields: Self.stageFields, form: context.form)
            form.aliases = ["reason": "reasonText"]
            let date = form.date()
            let reason = form.parse("reasonCode") { try ExitReason.parse($0) }
            if form["cohort"] == nil { form.add(Refusal(field: "cohort", message: "Pilih angkatannya.")) }
            if form["stage"] == nil { form.add(Refusal(field: "stage", message: "Pilih tahapnya.")) }
            guard form.isValid else { return try stagePage(form, person: person, context: context, status: .unprocessableContent) }
            do {
                let stage = try operations.recordStage(beneficiary: person.code, cohort: form["cohort"] ?? "", stage: form["stage"] ?? "",
                                                       on: date, reason: reason, reasonText: form["reasonText"],
                                                       context: self.context(context.user))
                let label = try operations.settings().stage(stage.stage)?.label ?? stage.stage
                context.setFlash("\(person.code) di angkatan \(form["cohort"] ?? ""): tahap \(label) per \(Format.date(stage.onDate))"
                                 + (stage.closes ? "; kasus ditutup." : "."))
                return Response.seeOther("/binaan/\(person.code)/data")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try stagePage(form, person: person, context: context, status: .unprocessableContent)
            }
        }

        admin.post("/binaan/:code/izin") { _, context in
            let person = try casePerson(context.parameters.get("code") ?? "")
            var form = MoneyForm(fields: ["kind", "given", "date", "name", "service"], form: context.form)
            let kind = form.parse("kind") { try ConsentKind.parse($0) }
            let date = form.date()
            guard let given = ["ya": true, "cabut": false][form["given"] ?? ""] else {
                form.add(Refusal(field: "given", message: "Pilih diberikan atau dicabut."))
                context.setFlash("Izin belum dicatat: pilih diberikan atau dicabut.")
                return Response.seeOther("/binaan/\(person.code)/data")
            }
            guard form.isValid, let kind else {
                context.setFlash("Izin belum dicatat: " + form.errors.values.sorted().joined(separator: " "))
                return Response.seeOther("/binaan/\(person.code)/data")
            }
            do {
                let event = try operations.changeConsent(beneficiary: person.code, kind: kind, given: given, on: date, name: form["name"],
                                                         service: form["service"], context: self.context(context.user))
                context.setFlash("Izin \"\(event.kind.label)\" \(person.code) \(given ? "diberikan" : "dicabut") per \(Format.date(event.onDate)).")
            } catch let failure as any BekalFailure {
                context.setFlash("Izin belum dicatat: " + Refusal.of(failure).message)
            }
            return Response.seeOther("/binaan/\(person.code)/data")
        }

        admin.get("/laporan/tahap") { _, context in
            let report = try operations.stageReport()
            return views.page("laporan-tabel", title: "Tahap penanganan per angkatan", context: context,
                              data: ["report": TableView.data(report.table), "hasFilters": false])
        }
    }

    private func casePerson(_ code: String) throws -> Beneficiary {
        try Self.notFoundIfMissing { try operations.store.read { tx in try Resolve.beneficiary(code, in: tx) } }
    }

    /// The cohorts she is enrolled in, as a form's choices.
    private func herCohorts(_ person: Beneficiary) throws -> [(value: String, label: String)] {
        try operations.store.read { tx in
            let cohorts = Dictionary(uniqueKeysWithValues: try tx.cohorts().map { ($0.id, $0) })
            return try tx.enrolments(beneficiaryID: person.id).compactMap { e in
                cohorts[e.cohortID].map { ($0.code, "\($0.code) · \($0.name)") }
            }
        }
    }

    private func intakePage(_ form: MoneyForm, person: Beneficiary, context: some PageContext,
                            status: HTTPResponse.Status = .ok) throws -> Response {
        let settings = try operations.settings()
        var data = form.data
        data["code"] = person.code
        data["cohorts"] = MoneyForm.options(try herCohorts(person), selected: form["cohort"])
        data["routes"] = MoneyForm.options(IntakeRoute.allCases.map { ($0.rawValue, $0.label) }, selected: form["route"])
        data["categories"] = MoneyForm.options(settings.intakeCategories.map { ($0.code, $0.label) }, selected: form["category"])
        data["ageMinimum"] = String(settings.ageLimits.minimum)
        return views.page("binaan-asal", title: "Asal rujukan \(person.code)", context: context, data: data, status: status)
    }

    private func stagePage(_ form: MoneyForm, person: Beneficiary, context: some PageContext,
                           status: HTTPResponse.Status = .ok) throws -> Response {
        let settings = try operations.settings()
        var data = form.data
        data["code"] = person.code
        data["cohorts"] = MoneyForm.options(try herCohorts(person), selected: form["cohort"])
        data["stages"] = MoneyForm.options(settings.caseStages.map { ($0.code, $0.label) }, selected: form["stage"])
        data["closing"] = settings.caseStages.filter(\.closes).map(\.label).joined(separator: ", ")
        data["reasons"] = MoneyForm.options(ExitReason.allCases.map { ($0.rawValue, $0.label) }, selected: form["reasonCode"])
        return views.page("binaan-tahap", title: "Tahap penanganan \(person.code)", context: context, data: data, status: status)
    }

    /// Her path on her data page: per enrolment, the intake and every stage, oldest first.
    func casePathData(_ paths: [CasePathEnrolment], code: String, categories: [IntakeCategory]) -> [[String: Any]] {
        paths.map { path -> [String: Any] in
            var row: [String: Any] = ["cohort": path.cohortCode,
                                      "stageLink": "/binaan/\(code)/tahap?angkatan=\(Format.queryEscaped(path.cohortCode))"]
            if let intake = path.intake {
                var parts = ["\(intake.route.label)"]
                if let office = intake.referringOffice { parts.append(office) }
                if let letter = intake.letterNumber {
                    parts.append("surat \(letter)" + (intake.letterDate.map { " tanggal \(Format.date($0))" } ?? ""))
                }
                row["intake"] = parts.joined(separator: " · ")
                row["category"] = categories.first { $0.code == intake.category }?.label ?? intake.category
                row["consent"] = Format.date(intake.consentOn)
            } else {
                row["intakeLink"] = "/binaan/\(code)/asal?angkatan=\(Format.queryEscaped(path.cohortCode))"
            }
            row["stages"] = path.stages.map { s -> [String: Any] in
                var stage: [String: Any] = ["date": Format.date(s.onDate), "label": path.label(s.stage), "actor": s.actor]
                if let reason = s.reasonCode { stage["reason"] = reason.label + (s.reason.map { ": \($0)" } ?? "") }
                return stage
            }
            if let current = path.current { row["current"] = path.label(current.stage) }
            if let closed = path.closed { row["closed"] = Format.date(closed.onDate) ; row.removeValue(forKey: "stageLink") }
            return row
        }
    }
}

extension WebApp {
    /// Her consents on her data page: each as it stands, and every change.
    func consentData(_ person: Beneficiary) throws -> [String: Any] {
        let (state, events) = try operations.consents(beneficiary: person.code, context: OperationContext(actor: "web", now: configuration.clock()))
        return [
            "share": state.shareBusiness ? "ya" : "tidak",
            "name": state.shownName ?? "tidak ada",
            "referrals": state.referrals.isEmpty ? "tidak ada" : state.referrals.sorted().joined(separator: ", "),
            "history": events.reversed().map { e -> [String: Any] in
                ["date": Format.date(e.onDate), "kind": e.kind.label, "given": e.given ? "diberikan" : "dicabut",
                 "detail": e.name ?? e.service ?? "", "actor": e.actor]
            },
            "kinds": ConsentKind.allCases.map { ["value": $0.rawValue, "label": $0.label] },
            "action": "/binaan/\(person.code)/izin",
        ]
    }
}
