import BekalCore
import Foundation
import Hummingbird

/// `/kunjungan/baru`: the visit form, mobile first. It parses what was typed into a
/// ``VisitRequest`` and calls ``Operations/recordVisit(_:context:)``, as `bekal visit add` does;
/// the core's natural key makes a double submit record one visit.
extension WebApp {
    /// The form's fields; a refusal about any other field is shown at the top.
    static let visitFields: Set<String> = [
        "date", "beneficiary", "kelompok", "usaha", "contact", "whereabouts", "businessStatus", "sales",
        "salesFrom", "salesTo", "support", "equipment", "grantUse", "needs", "needKinds", "notes", "nextDue",
    ]

    func visitForm(request: Request, context: CaseloadContext<RecordVisits>) throws -> Response {
        let query = request.uri.queryParameters
        var state = FormState()
        state.set("date", try today().description)
        state.set("contact", ContactMode.homeVisit.rawValue)
        for (param, field) in [("binaan", "beneficiary"), ("kelompok", "kelompok"), ("usaha", "usaha")] {
            if let code = query.get(param)?.trimmingCharacters(in: .whitespaces).uppercased(), !code.isEmpty { state.set(field, code) }
        }
        // A form filled in for someone outside her caseload is not there for her.
        try showOnlyInCaseload(context.caseload, beneficiary: Self.blankIsNil(state.value("beneficiary")),
                               kelompok: Self.blankIsNil(state.value("kelompok")), usaha: Self.blankIsNil(state.value("usaha")))
        let scope = try caseloadScope(of: context.caseload, picked: query.get("pendamping"))
        return try visitPage(scope: scope, state: state, context: context)
    }

    /// The core refuses, and writes nothing for, a visit outside a pendamping's caseload; that is
    /// not there for her (404), exactly like a code that names nobody.
    func recordVisit(context: CaseloadContext<RecordVisits>) throws -> Response {
        let form = context.form ?? FormData("")
        let scope = try caseloadScope(of: context.caseload, picked: form["worker"])
        var state = FormState(form)
        do {
            let worker = try FormParse.required(scope.worker, "worker", "Pilih pendamping yang berkunjung.")
            let request = try Self.visitRequest(form, worker: worker)
            let result = try operations.recordVisit(request, context: self.context(context.user))
            context.setFlash(try visitFlash(result, request: request))
            return .seeOther("/")
        } catch AftercareRejection.outsideCaseload {
            throw WebDenial.notFound
        } catch let refused as FieldRefusal {
            state.refuse(refused.refusal, fields: Self.visitFields)
        } catch let error as any BekalFailure {
            state.refuse(Refusal.of(error), fields: Self.visitFields)
        }
        return try visitPage(scope: scope, state: state, context: context, status: .unprocessableContent)
    }

    /// What the form says, as the core's request; a value that cannot be read is refused at its field.
    static func visitRequest(_ form: FormData, worker: String) throws -> VisitRequest {
        let date = try FormParse.required(FormParse.date(form, "date"), "date", "Tanggal kunjungan masih kosong; isi tanggalnya.")
        var sales: SalesReport?
        if let text = form["sales"] {
            let amount = try FormParse.at("sales") { try Rupiah.parse(text, field: .sales) }
            sales = SalesReport(amount: amount, periodStart: try FormParse.date(form, "salesFrom") ?? date.yearMonth.firstDay,
                                periodEnd: try FormParse.date(form, "salesTo") ?? date)
        } else if form["salesFrom"] != nil || form["salesTo"] != nil {
            throw FieldRefusal(refusal: Refusal(field: "sales", message: "Periode omzet diisi, tetapi omzetnya kosong: isi omzetnya "
                + "(tulis 0 bila tidak ada penjualan) atau kosongkan periodenya."))
        }
        let support = try form.all("support").map { text -> SupportKind in
            guard let kind = SupportKind(rawValue: text) else {
                throw FieldRefusal(refusal: Refusal(field: "support", message: "Dukungan \"\(text)\" tidak dikenal; pilih dari daftar."))
            }
            return kind
        }
        let equipment = try form.fields.keys.filter { $0.hasPrefix(itemPrefix) }.sorted().compactMap { name -> EquipmentObservation? in
            guard let condition = try FormParse.choice(form, name, as: EquipmentCondition.self) else { return nil }
            return EquipmentObservation(item: String(name.dropFirst(itemPrefix.count)), condition: condition)
        }
        var request = VisitRequest(
            date: date, worker: worker, beneficiary: form["beneficiary"], kelompok: form["kelompok"], usaha: form["usaha"],
            contactMode: try FormParse.required(FormParse.choice(form, "contact", as: ContactMode.self), "contact",
                                                "Pilih cara kontak."),
            whereabouts: try FormParse.choice(form, "whereabouts", as: Whereabouts.self),
            businessStatus: try FormParse.choice(form, "businessStatus", as: BusinessStatus.self),
            sales: sales, support: support, equipment: equipment,
            grantUse: try FormParse.choice(form, "grantUse", as: GrantUse.self),
            needs: form["needs"], notes: form["notes"], nextVisitDue: try FormParse.date(form, "nextDue"))
        // Each need heard is opened, to be answered (``Need``).
        request.needKinds = try form.all("needKinds").filter { !$0.isEmpty }.map { try NeedKind.parse($0, option: "needKinds") }
        return request
    }

    /// Each issued item's condition is a select named `item-<code>`.
    static let itemPrefix = "item-"

    static func blankIsNil(_ text: String) -> String? { text.isEmpty ? nil : text }

    func visitFlash(_ result: VisitResult, request: VisitRequest) throws -> String {
        if result.replayed { return "Kunjungan ini sudah tercatat sebelumnya; tidak ada yang berubah." }
        let who: String = if let code = request.beneficiary {
            try operations.store.read { tx in try Resolve.beneficiary(code, in: tx).name }
        } else {
            [request.kelompok, request.usaha].compactMap { $0 }.joined(separator: ", ")
        }
        return "Kunjungan \(Format.date(request.date)) untuk \(who) tercatat."
    }

    /// The form for a caseload, filled with `state`; an admin who has not picked a worker picks one first.
    func visitPage(scope: CaseloadScope, state: FormState, context: CaseloadContext<RecordVisits>,
                   status: HTTPResponse.Status = .ok) throws -> Response {
        let user = context.user
        var data: [String: Any] = [
            "admin": !scope.ownOnly, "workers": scope.pickerData(scope.worker), "formErrors": state.generalData,
            "pickAction": "/kunjungan/baru",
            "keep": ["beneficiary": state.value("beneficiary"), "kelompok": state.value("kelompok"), "usaha": state.value("usaha")],
        ]
        guard let worker = scope.worker else {
            data["chooseWorker"] = true
            return views.page("kunjungan-baru", title: "Catat kunjungan", context: context, data: data, status: status)
        }
        let caseload = try operations.caseload(worker: worker, asOf: try today(), context: self.context(user))
        data["worker"] = ["code": caseload.worker.code, "name": caseload.worker.name]
        data["today"] = try today().description
        for name in ["date", "sales", "salesFrom", "salesTo", "needs", "notes", "nextDue"] { data[name] = state.field(name) }
        data["beneficiary"] = state.options("beneficiary", caseload.people.map { ($0.code, "\($0.name) · \($0.code)") }, blank: "— tidak ada —",
                                              label: "Binaan")
        data["kelompok"] = state.options("kelompok", caseload.kelompok.map { ($0.code, "\($0.code) · \($0.name)") }, blank: "— tidak ada —",
                                           label: "Kelompok")
        data["usaha"] = state.options("usaha", caseload.usaha.map { ($0.code, "\($0.brand ?? $0.product) · \($0.code)") },
                                        blank: "— tidak ada —", label: "Usaha")
        data["contact"] = state.checks("contact", AftercareLabels.choices(ContactMode.self, \.label))
        data["needKinds"] = state.checks("needKinds", NeedKind.allCases.map { ($0.rawValue, $0.label) })
        data["whereabouts"] = state.options("whereabouts", AftercareLabels.choices(Whereabouts.self, \.label),
                                              blank: "— tidak dicatat —", label: "Keberadaan binaan")
        data["businessStatus"] = state.options("businessStatus", AftercareLabels.choices(BusinessStatus.self, \.label),
                                                 blank: "— tidak dicatat —", label: "Keadaan usaha")
        data["support"] = state.checks("support", AftercareLabels.choices(SupportKind.self, \.label))
        data["grantUse"] = state.options("grantUse", AftercareLabels.choices(GrantUse.self, \.label),
                                           blank: "— belum diketahui —", label: "Bantuan modal dipakai untuk")
        data["equipment"] = visitItems(caseload: caseload, state: state).map { item -> [String: Any] in
            var select = state.options(Self.itemPrefix + item.code, AftercareLabels.choices(EquipmentCondition.self, \.label),
                                       blank: "— tidak diperiksa —")
            select["label"] = "\(item.name) (\(item.quantity))"
            return select
        }
        data["equipmentError"] = state.field("equipment")["error"]
        return views.page("kunjungan-baru", title: "Catat kunjungan", context: context, data: data, status: status)
    }

    /// The items whose condition the form asks for: those issued to the kelompok visited (or
    /// to the visited person's kelompok), else to any kelompok of the caseload, plus any typed.
    func visitItems(caseload: Caseload, state: FormState) -> [Caseload.IssuedItem] {
        let kelompok = Self.blankIsNil(state.value("kelompok")) ?? caseload.person(state.value("beneficiary"))?.kelompok
        let usahaOwner = caseload.business(state.value("usaha"))?.owner
        var items = (kelompok ?? usahaOwner).flatMap { caseload.group($0)?.equipment } ?? caseload.issuedItems
        let typed = state.values.keys.filter { $0.hasPrefix(Self.itemPrefix) }.map { String($0.dropFirst(Self.itemPrefix.count)) }
        for code in typed.sorted() where !items.contains(where: { $0.code == code }) {
            if let item = caseload.issuedItems.first(where: { $0.code == code }) { items.append(item) }
        }
        return items
    }
}
