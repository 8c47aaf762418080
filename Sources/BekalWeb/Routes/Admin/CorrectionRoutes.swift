import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// Her registered data and its corrections, and a usaha's changes, for the admin, on the core's
/// ``RegistryChange``s (as `bekal beneficiary correct` and `bekal usaha update`):
/// - `/binaan/{code}/data`: her data as it is now, her enrolments (with why she left), her
///   businesses, and every change with who, when, why and the value before (a NIK by its last
///   four digits);
/// - `/binaan/{code}/koreksi`: the correction form, prefilled but for the NIK (never put in a page);
/// - `/usaha/{code}/ubah`: a brand or product set later, with the day and what happened.
/// Nothing is overwritten unseen: each saved form is one change, kept beside the record.
extension WebApp {
    static let correctionFields: Set<String> = ["name", "externalRef", "nik", "birthYear", "originArea", "kelurahan", "reason"]
    static let usahaUpdateFields: Set<String> = ["product", "brand", "location", "kelurahan", "date", "note"]

    func addCorrectionRoutes(to doors: Doors) {
        let admin = doors.permitted(Administer.self)
        admin.get("/binaan/:code/data") { _, context in
            try personDataPage(code: context.parameters.get("code") ?? "", context: context)
        }
        admin.get("/binaan/:code/koreksi") { _, context in
            let person = try person(context.parameters.get("code") ?? "")
            let values = ["name": person.name, "externalRef": person.externalRef, "birthYear": person.birthYear.map(String.init),
                          "originArea": person.originArea, "kelurahan": person.kelurahan].compactMapValues { $0 }
            return try correctionPage(MoneyForm(fields: Self.correctionFields, values: values), person: person, context: context)
        }
        admin.post("/binaan/:code/koreksi") { _, context in
            let person = try person(context.parameters.get("code") ?? "")
            var form = MoneyForm(fields: Self.correctionFields, form: context.form)
            form.aliases = ["beneficiaryName": "name"]
            // Every error of the form at once, by the core's own parsers, before it is asked.
            if form["name"] == nil { form.refuse(InputError(.beneficiaryName, input: "", .empty)) }
            _ = form.parse("nik") { try NIK.parse($0) }
            _ = form.parse("birthYear") { try Beneficiary.parseBirthYear($0) }
            do { try Operations.checkReversalReason(form["reason"] ?? "") } catch { form.refuse(error) }
            guard form.isValid else { return try correctionPage(form, person: person, context: context, status: .unprocessableContent) }
            // Every field of the form is what it should hold (blank clears it), but the NIK,
            // which the page never shows: blank leaves it as it is.
            let correction = BeneficiaryCorrection(name: form["name"] ?? "", nik: form["nik"], birthYear: form["birthYear"] ?? "",
                                                   originArea: form["originArea"] ?? "", kelurahan: form["kelurahan"] ?? "",
                                                   externalRef: form["externalRef"] ?? "", reason: form["reason"] ?? "")
            do {
                let change = try operations.correctBeneficiary(person.code, correction, context: self.context(context.user))
                context.setFlash("Data \(person.code) dikoreksi: \(change.shownFields.map { Self.fieldLabel($0.field) }.joined(separator: ", ")).")
                return Response.seeOther("/binaan/\(person.code)/data")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try correctionPage(form, person: person, context: context, status: .unprocessableContent)
            }
        }

        admin.get("/usaha/:code/ubah") { _, context in
            let usaha = try usaha(context.parameters.get("code") ?? "")
            let values = ["product": usaha.product, "brand": usaha.brand, "location": usaha.location, "kelurahan": usaha.kelurahan,
                          "date": try today().description].compactMapValues { $0 }
            return try usahaUpdatePage(MoneyForm(fields: Self.usahaUpdateFields, values: values), usaha: usaha, context: context)
        }
        admin.post("/usaha/:code/ubah") { _, context in
            let usaha = try usaha(context.parameters.get("code") ?? "")
            var form = MoneyForm(fields: Self.usahaUpdateFields, form: context.form)
            let date = form.date()
            guard form.isValid else { return try usahaUpdatePage(form, usaha: usaha, context: context, status: .unprocessableContent) }
            let update = UsahaUpdate(product: form["product"] ?? "", brand: form["brand"] ?? "", location: form["location"] ?? "",
                                     kelurahan: form["kelurahan"] ?? "", onDate: date, note: form["note"])
            do {
                let change = try operations.updateUsaha(usaha.code, update, context: self.context(context.user))
                context.setFlash("Usaha \(usaha.code) diubah: \(change.fields.map { Self.fieldLabel($0.field) }.joined(separator: ", ")).")
                return Response.seeOther(Self.ownerDataLink(usaha.owner) ?? "/usaha/\(usaha.code)/ubah")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try usahaUpdatePage(form, usaha: usaha, context: context, status: .unprocessableContent)
            }
        }
    }

    private func person(_ code: String) throws -> Beneficiary {
        try Self.notFoundIfMissing { try operations.store.read { tx in try Resolve.beneficiary(code, in: tx) } }
    }

    private func usaha(_ code: String) throws -> Usaha {
        try Self.notFoundIfMissing { try operations.store.read { tx in try Resolve.usaha(code.uppercased(), in: tx) } }
    }

    static func ownerDataLink(_ owner: Usaha.Owner) -> String? {
        if case .beneficiary(let id) = owner { return "/binaan/\(Beneficiary.code(for: id))/data" }
        return nil
    }

    private func personDataPage(code: String, context: some PageContext) throws -> Response {
        let person = try person(code)
        let (paths, categories) = try operations.store.read { tx in
            (try Operations.casePath(of: person.id, in: tx), try tx.settings().intakeCategories)
        }
        let (enrolments, cohorts, usahas, changes, enrolmentChanges) = try operations.store.read { tx in
            let enrolments = try tx.enrolments(beneficiaryID: person.id)
            let memberOf = Set(try tx.memberships(beneficiaryID: person.id).map(\.kelompokID))
            let usahas = try tx.usahas().filter { usaha in
                switch usaha.owner {
                case .beneficiary(let id): id == person.id
                case .kelompok(let id): memberOf.contains(id)
                }
            }
            return (enrolments, try tx.cohorts(), usahas, try tx.registryChanges(subject: .beneficiary, subjectID: person.id),
                    try enrolments.map { try tx.registryChanges(subject: .enrolment, subjectID: $0.id) })
        }
        let cohortCode = Dictionary(uniqueKeysWithValues: cohorts.map { ($0.id, $0.code) })
        let facts: [(String, String?)] = [
            ("Kode", person.code), ("Nama", person.name), ("Nomor register kantor", person.externalRef),
            ("NIK", person.nik.map { RegistryChange.FieldChange.shown($0.digits, .nik) ?? "" } ?? "belum dicatat"),
            ("Tahun lahir", person.birthYear.map(String.init)), ("Daerah asal", person.originArea), ("Kelurahan", person.kelurahan),
        ]
        let history = (changes + enrolmentChanges.flatMap { $0 }).sorted { $0.id > $1.id }
        return views.page("binaan-data", title: "Data binaan \(person.code)", context: context, data: [
            "code": person.code,
            "facts": facts.map { ["label": $0.0, "text": $0.1 ?? "—"] },
            "enrolments": zip(enrolments, enrolmentChanges).map { enrolment, changes -> [String: Any] in
                var row: [String: Any] = ["cohort": cohortCode[enrolment.cohortID] ?? "", "status": Self.statusLabel(enrolment.status)]
                if let date = enrolment.statusDate { row["date"] = Format.date(date) }
                if enrolment.status == .droppedOut, let last = changes.last(where: { $0.reasonCode != nil }) {
                    row["reason"] = Self.exitReasonLabel(last.reasonCode!) + (last.reason.map { ": \($0)" } ?? "")
                }
                return row
            },
            "usahas": usahas.map { ["code": $0.code, "product": $0.product, "brand": $0.brand ?? "", "link": "/usaha/\($0.code)/ubah"] },
            "changes": history.flatMap { change in
                change.shownFields.map { field -> [String: Any] in
                    ["date": Format.date(change.onDate), "actor": change.actor, "field": Self.fieldLabel(field.field),
                     "before": field.shownOld.map { Self.valueLabel($0, field.field) } ?? "—",
                     "after": field.shownNew.map { Self.valueLabel($0, field.field) } ?? "—",
                     "reason": [change.reasonCode.map(Self.exitReasonLabel), change.reason].compactMap { $0 }.joined(separator: ": ")]
                }
            },
            "statusLink": "/registrasi/status?binaan=\(person.code)",
            "paths": casePathData(paths, code: person.code, categories: categories),
            "consent": try consentData(person),
            "merged": try mergedInto(person),
            "today": try today().description,
        ])
    }

    private func correctionPage(_ form: MoneyForm, person: Beneficiary, context: some PageContext,
                                status: HTTPResponse.Status = .ok) throws -> Response {
        var data = form.data
        data["code"] = person.code
        data["hasNIK"] = person.nik != nil
        data["nikShown"] = person.nik.map { RegistryChange.FieldChange.shown($0.digits, .nik) ?? "" } ?? "belum dicatat"
        return views.page("binaan-koreksi", title: "Koreksi data \(person.code)", context: context, data: data, status: status)
    }

    private func usahaUpdatePage(_ form: MoneyForm, usaha: Usaha, context: some PageContext,
                                 status: HTTPResponse.Status = .ok) throws -> Response {
        var data = form.data
        data["code"] = usaha.code
        let changes = try operations.registryChanges(.usaha, id: usaha.id)
        data["changes"] = changes.reversed().flatMap { change in
            change.fields.map { field -> [String: Any] in
                ["date": Format.date(change.onDate), "actor": change.actor, "field": Self.fieldLabel(field.field),
                 "before": field.old ?? "—", "after": field.new ?? "—", "reason": change.reason ?? ""]
            }
        }
        if let back = Self.ownerDataLink(usaha.owner) { data["back"] = back }
        return views.page("usaha-ubah", title: "Ubah data usaha \(usaha.code)", context: context, data: data, status: status)
    }

    /// How the pages name a changed field.
    static func fieldLabel(_ field: RegistryChange.Field) -> String {
        switch field {
        case .externalRef: "Nomor register kantor"
        case .name: "Nama"
        case .nik: "NIK"
        case .birthYear: "Tahun lahir"
        case .originArea: "Daerah asal"
        case .kelurahan: "Kelurahan"
        case .nameKey: "Kunci nama"
        case .product: "Produk"
        case .brand: "Merek"
        case .location: "Tempat usaha"
        case .status: "Status pelatihan"
        case .statusDate: "Tanggal status"
        }
    }

    /// A changed value as the pages show it: a status and a date in words.
    static func valueLabel(_ value: String, _ field: RegistryChange.Field) -> String {
        switch field {
        case .status: Enrolment.Status(rawValue: value).map(statusLabel) ?? value
        case .statusDate: (try? LocalDate.parse(value)).map(Format.date) ?? value
        default: value
        }
    }

    /// Why she left, in the words the workers use.
    static func exitReasonLabel(_ reason: ExitReason) -> String { reason.label }
}
