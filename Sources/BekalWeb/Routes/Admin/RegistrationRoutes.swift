import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/registrasi/baru`: the admin registers a woman and, when the cohort and track are chosen,
/// enrols her (or records her as graduated), on the same core rules as `bekal beneficiary add`
/// and the CSV import: one NIK and one register number per person, and a name and birth year
/// like an existing person's refused until the admin confirms, person by person, that she is
/// someone else (audited, codes only).
extension WebApp {
    static let registrationFields: Set<String> = ["name", "externalRef", "nik", "birthYear", "originArea", "kelurahan",
                                                  "consentShare", "consentName", "cohort", "track", "status", "statusDate"]

    func addRegistrationRoutes(to doors: Doors) {
        let admin = doors.permitted(Administer.self)
        admin.get("/registrasi/baru") { _, context in
            try registrationPage(MoneyForm(fields: Self.registrationFields, values: ["status": Enrolment.Status.completed.rawValue]),
                                 candidates: [], context: context)
        }
        admin.post("/registrasi/baru") { _, context in
            var form = MoneyForm(fields: Self.registrationFields, form: context.form)
            form.aliases = ["beneficiaryName": "name", "registerNumber": "externalRef"]
            let nik = form.parse("nik") { try NIK.parse($0) }
            let year = form.parse("birthYear") { text -> Int in
                guard let year = Int(text) else { throw InputError(.birthYear, input: text, .notAWholeNumber) }
                return year
            }
            if form["name"] == nil { form.refuse(InputError(.beneficiaryName, input: "", .empty)) }
            if (form["cohort"] == nil) != (form["track"] == nil) {
                form.add(Refusal(field: form["cohort"] == nil ? "cohort" : "track",
                                 message: "Pilih angkatan dan jurusannya bersama-sama, atau kosongkan keduanya (daftarkan saja)."))
            }
            let confirmed = (context.form?.fields["differentFrom"] ?? []).filter { !$0.isEmpty }
            guard form.isValid else { return try registrationPage(form, candidates: [], context: context, status: .unprocessableContent) }
            let draft = BeneficiaryDraft(externalRef: form["externalRef"], name: form["name"] ?? "", nik: nik, birthYear: year,
                                         originArea: form["originArea"], kelurahan: form["kelurahan"],
                                         consentShare: form["consentShare"] == "ya", consentName: form["consentName"],
                                         differentFrom: confirmed)
            let status = Enrolment.Status(rawValue: form["status"] ?? "") ?? .enrolled
            let enrolment = form["cohort"].flatMap { cohort in form["track"].map { (cohort: cohort, track: $0, status: status) } }
            do {
                let person = try operations.addBeneficiary(draft, enrolIn: enrolment, context: self.context(context.user))
                context.setFlash("Terdaftar sebagai \(person.code)" + (enrolment.map { " (angkatan \($0.cohort), \(Self.statusLabel($0.status)))" } ?? "") + ".")
                return Response.seeOther("/registrasi/baru")
            } catch ProgrammeRejection.likelyDuplicate(let candidates) {
                form.add(Refusal(field: nil, message: "Nama dan tahun lahirnya mirip binaan yang sudah terdaftar: \(candidates.joined(separator: ", ")). "
                                 + "Periksa dulu; bila ia memang orang lain, centang pernyataan di bawah lalu simpan lagi."))
                return try registrationPage(form, candidates: candidates, context: context, status: .unprocessableContent)
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try registrationPage(form, candidates: [], context: context, status: .unprocessableContent)
            }
        }
    }

    static func statusLabel(_ status: Enrolment.Status) -> String {
        switch status {
        case .enrolled: "terdaftar"
        case .completed: "lulus"
        case .droppedOut: "keluar"
        }
    }

    private func registrationPage(_ form: MoneyForm, candidates: [String], context: some PageContext,
                                  status: HTTPResponse.Status = .ok) throws -> Response {
        let (cohorts, tracks) = try operations.store.read { tx in (try tx.cohorts(), try tx.tracks()) }
        var data = form.data
        data["cohorts"] = MoneyForm.options(cohorts.map { ($0.code, "\($0.code) · \($0.name)") }, selected: form["cohort"])
        data["tracks"] = MoneyForm.options(tracks.map { ($0.code, $0.name) }, selected: form["track"])
        data["statuses"] = MoneyForm.options([Enrolment.Status.enrolled, .completed].map { ($0.rawValue, Self.statusLabel($0)) },
                                             selected: form["status"])
        data["consentShare"] = form["consentShare"] == "ya"
        data["candidates"] = candidates.map { ["code": $0] }
        data["hasCandidates"] = !candidates.isEmpty
        return views.page("registrasi-baru", title: "Daftarkan binaan", context: context, data: data, status: status)
    }
}
