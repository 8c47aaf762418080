import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/kelompok`: the admin's work groups (*kelompok kerja*), on the same core operations as
/// `bekal kelompok add|join|leave`: the list (25 to a page, by cohort), a new kelompok formed
/// from the women enrolled in its cohort, and one kelompok's members over time, where a member
/// joins and, after a confirmation page, leaves. Leaving ends a membership on a date; the
/// record keeps who was in the kelompok when. Members are named: the admin may see names.
extension WebApp {
    static let kelompokPageSize = 25
    static let kelompokFields: Set<String> = ["name", "cohort", "track", "members", "date"]
    static let membershipFields: Set<String> = ["beneficiary", "date"]

    func addKelompokRoutes(to doors: Doors) {
        let admin = doors.permitted(Administer.self)
        admin.get("/kelompok") { request, context in
            try kelompokList(cohort: request.uri.queryParameters.get("angkatan"),
                             page: request.uri.queryParameters.get("hal").flatMap { Int($0) } ?? 1, context: context)
        }
        admin.get("/kelompok/baru") { request, context in
            var values = ["date": try today().description]
            if let cohort = request.uri.queryParameters.get("angkatan")?.trimmingCharacters(in: .whitespaces), !cohort.isEmpty {
                values["cohort"] = cohort
            }
            return try newKelompokPage(MoneyForm(fields: Self.kelompokFields, values: values), members: [], context: context)
        }
        admin.post("/kelompok/baru") { _, context in
            var form = MoneyForm(fields: Self.kelompokFields, form: context.form)
            form.aliases = ["beneficiary": "members"]
            let members = context.form?.all("members") ?? []
            let date = form.date()
            if form["name"] == nil { form.refuse(InputError(.kelompokName, input: "", .empty)) }
            if form["cohort"] == nil { form.add(Refusal(field: "cohort", message: "Pilih angkatannya.")) }
            if form["date"] == nil { form.refuse(InputError(.date, input: "", .empty)) }
            guard form.isValid, let date else {
                return try newKelompokPage(form, members: members, context: context, status: .unprocessableContent)
            }
            do {
                let kelompok = try operations.addKelompok(name: form["name"] ?? "", cohort: form["cohort"] ?? "", track: form["track"],
                                                          members: members, joinedOn: date, context: self.context(context.user))
                context.setFlash("Kelompok \(kelompok.code) (\(kelompok.name)) dibentuk dengan \(members.count) anggota per \(Format.date(date)).")
                return Response.seeOther("/kelompok/\(kelompok.code)")
            } catch let failure as any BekalFailure {
                form.add(Self.memberRefusal(failure, field: "members"))
                return try newKelompokPage(form, members: members, context: context, status: .unprocessableContent)
            }
        }
        admin.get("/kelompok/:code") { _, context in
            try kelompokPage(code: context.parameters.get("code") ?? "",
                             MoneyForm(fields: Self.membershipFields, values: ["date": try today().description]), context: context)
        }
        admin.post("/kelompok/:code/anggota") { _, context in
            let code = context.parameters.get("code") ?? ""
            var form = MoneyForm(fields: Self.membershipFields, form: context.form)
            let date = form.date()
            if form["beneficiary"] == nil { form.add(Refusal(field: "beneficiary", message: "Pilih binaan yang bergabung.")) }
            if form["date"] == nil { form.refuse(InputError(.date, input: "", .empty)) }
            guard form.isValid, let date else { return try kelompokPage(code: code, form, context: context, status: .unprocessableContent) }
            do {
                try operations.join(kelompok: code, beneficiary: form["beneficiary"] ?? "", on: date, context: self.context(context.user))
                context.setFlash("\(form["beneficiary"] ?? "") bergabung dengan \(code.uppercased()) per \(Format.date(date)).")
                return Response.seeOther("/kelompok/\(code.uppercased())")
            } catch let failure as any BekalFailure {
                form.add(Self.memberRefusal(failure, field: "beneficiary"))
                return try kelompokPage(code: code, form, context: context, status: .unprocessableContent)
            }
        }
        admin.get("/kelompok/:code/keluar") { request, context in
            let query = request.uri.queryParameters
            var form = MoneyForm(fields: ["date"], values: ["date": query.get("tanggal") ?? ""].filter { !$0.value.isEmpty })
            if form["date"] == nil { form.refuse(InputError(.date, input: "", .empty)) }
            return try leavePage(code: context.parameters.get("code") ?? "", beneficiary: query.get("binaan") ?? "", form,
                                 date: form.date(), missingIsNotFound: true, context: context)
        }
        admin.post("/kelompok/:code/keluar") { _, context in
            let code = context.parameters.get("code") ?? ""
            let beneficiary = context.form?["beneficiary"] ?? ""
            var form = MoneyForm(fields: ["date"], form: context.form)
            let date = form.date()
            if form["date"] == nil { form.refuse(InputError(.date, input: "", .empty)) }
            guard form.isValid, let date else {
                return try leavePage(code: code, beneficiary: beneficiary, form, date: nil, context: context, status: .unprocessableContent)
            }
            do {
                try operations.leave(kelompok: code, beneficiary: beneficiary, on: date, context: self.context(context.user))
                context.setFlash("Keanggotaan \(beneficiary) di \(code.uppercased()) berakhir per \(Format.date(date)).")
                return Response.seeOther("/kelompok/\(code.uppercased())")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try leavePage(code: code, beneficiary: beneficiary, form, date: date, context: context, status: .unprocessableContent)
            }
        }
    }

    /// A refusal about a member, shown next to the field she was chosen in: the core names the
    /// cohort she is not enrolled in, but what the admin changes is whom she chose.
    static func memberRefusal(_ failure: any BekalFailure, field: String) -> Refusal {
        let refusal = Refusal.of(failure)
        switch failure as? ProgrammeRejection {
        case .notEnrolled?, .alreadyMember?, .notMember?: return Refusal(field: field, message: refusal.message)
        default: return refusal
        }
    }

    /// The names the kelompok pages show: cohorts and tracks by code, for labels.
    private struct KelompokLabels {
        let cohorts: [Int64: Cohort]
        let tracks: [Int64: Track]

        init(cohorts: [Cohort], tracks: [Track]) {
            self.cohorts = Dictionary(uniqueKeysWithValues: cohorts.map { ($0.id, $0) })
            self.tracks = Dictionary(uniqueKeysWithValues: tracks.map { ($0.id, $0) })
        }

        func cohort(_ id: Int64) -> String { cohorts[id].map { Self.cohortName($0) } ?? "—" }
        func track(_ id: Int64?) -> String { id.flatMap { tracks[$0]?.name } ?? "—" }
        /// How a picker offers it: `2010 · Angkatan 2010`.
        static func cohortLabel(_ cohort: Cohort) -> String { "\(cohort.code) · \(cohort.name)" }
        /// How a page names it: its name, with its code when the name does not hold it.
        static func cohortName(_ cohort: Cohort) -> String {
            cohort.name.contains(cohort.code) ? cohort.name : "\(cohort.name) (\(cohort.code))"
        }
    }

    private static func usahaLabel(_ usaha: Usaha) -> [String: Any] {
        ["code": usaha.code, "label": [usaha.product, usaha.brand].compactMap { $0 }.joined(separator: " · ")]
    }

    private func kelompokList(cohort cohortCode: String?, page: Int, context: some PageContext) throws -> Response {
        let today = try today()
        let cohortCode = cohortCode.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let read = try operations.store.read { tx in
            let labels = KelompokLabels(cohorts: try tx.cohorts(), tracks: try tx.tracks())
            let cohort = try cohortCode.flatMap { try tx.cohort(code: $0) }
            let all = try tx.kelompoks().filter { k in cohortCode == nil || k.cohortID == cohort?.id }
            let pageCount = max(1, (all.count + Self.kelompokPageSize - 1) / Self.kelompokPageSize)
            let page = min(max(page, 1), pageCount)
            let shown = Array(all.dropFirst((page - 1) * Self.kelompokPageSize).prefix(Self.kelompokPageSize))
            let usahas = try tx.usahas()
            let rows = try shown.map { k -> [String: Any] in
                let active = try tx.memberships(kelompokID: k.id).filter { $0.isMember(on: today) }.count
                let owned = usahas.filter { $0.owner == .kelompok(k.id) }.map(Self.usahaLabel)
                return ["code": k.code, "name": k.name, "cohort": labels.cohort(k.cohortID), "track": labels.track(k.trackID),
                        "active": active, "usaha": owned, "hasUsaha": !owned.isEmpty]
            }
            return (labels, cohort, all.count, page, pageCount, rows)
        }
        let (labels, cohort, total, current, pageCount, rows) = read
        var data: [String: Any] = ["kelompok": rows, "total": total, "page": current, "pageCount": pageCount]
        let cohorts = labels.cohorts.values.sorted { $0.code < $1.code }
        data["cohorts"] = MoneyForm.options(cohorts.map { ($0.code, KelompokLabels.cohortLabel($0)) }, selected: cohortCode)
        if let cohortCode, cohort == nil {
            data["cohortError"] = Refusal.notFound(kind: .cohort, reference: cohortCode).message
        }
        let first = (current - 1) * Self.kelompokPageSize + 1
        data["shown"] = total == 0 ? "Belum ada kelompok\(cohortCode.map { " di angkatan \($0)" } ?? "")."
            : "Kelompok \(first)–\(first + rows.count - 1) dari \(total)\(cohortCode.map { " di angkatan \($0)" } ?? "")."
        let base = cohortCode.map { "/kelompok?angkatan=\(Format.queryEscaped($0))&" } ?? "/kelompok?"
        // Mustache shows a section for an empty string: a link that is not there has no key.
        if current > 1 { data["previous"] = "\(base)hal=\(current - 1)" }
        if current < pageCount { data["next"] = "\(base)hal=\(current + 1)" }
        data["newLink"] = cohortCode.map { "/kelompok/baru?angkatan=\(Format.queryEscaped($0))" } ?? "/kelompok/baru"
        return views.page("kelompok-daftar", title: "Kelompok kerja", context: context, data: data)
    }

    /// The women enrolled in a cohort, as checkboxes or options: name, code, status there, and
    /// the kelompok she is a member of now, if any (she may be in two; the admin sees it first).
    private static func enrolled(in cohortID: Int64, except: Set<Int64> = [], tx: any StoreTransaction) throws -> [(code: String, label: String)] {
        let enrolments = try tx.enrolments(cohortID: cohortID).filter { !except.contains($0.beneficiaryID) }
        let names = try tx.beneficiaryNames(ids: enrolments.map(\.beneficiaryID))
        return try enrolments.map { e in
            let code = Beneficiary.code(for: e.beneficiaryID)
            let now = try tx.memberships(beneficiaryID: e.beneficiaryID).filter { $0.leftOn == nil }.map { Kelompok.code(for: $0.kelompokID) }
            return (code, "\(names[e.beneficiaryID] ?? code) · \(code) · \(statusLabel(e.status))"
                + (now.isEmpty ? "" : " · kini di \(now.joined(separator: ", "))"))
        }
    }

    private func newKelompokPage(_ form: MoneyForm, members: [String], context: some PageContext,
                                 status: HTTPResponse.Status = .ok) throws -> Response {
        let chosen = Set(members.map { $0.uppercased() })
        let (cohorts, tracks, cohort, people) = try operations.store.read { tx in
            let cohort = try form["cohort"].flatMap { try tx.cohort(code: $0) }
            return (try tx.cohorts(), try tx.tracks(), cohort, try cohort.map { try Self.enrolled(in: $0.id, tx: tx) } ?? [])
        }
        var data = form.data
        data["cohorts"] = MoneyForm.options(cohorts.map { ($0.code, KelompokLabels.cohortLabel($0)) }, selected: form["cohort"])
        data["tracks"] = MoneyForm.options(tracks.map { ($0.code, $0.name) }, selected: form["track"])
        data["cohortChosen"] = form["cohort"] != nil
        data["cohortLabel"] = cohort.map { KelompokLabels.cohortName($0) } ?? form["cohort"] ?? ""
        data["people"] = people.map { ["code": $0.code, "label": $0.label, "checked": chosen.contains($0.code)] as [String: Any] }
        data["hasPeople"] = !people.isEmpty
        return views.page("kelompok-baru", title: "Kelompok baru", context: context, data: data, status: status)
    }

    private func kelompokPage(code: String, _ form: MoneyForm, context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        let today = try today()
        let read = try Self.notFoundIfMissing {
            try operations.store.read { tx in
                let kelompok = try Resolve.kelompok(code, in: tx)
                let labels = KelompokLabels(cohorts: try tx.cohorts(), tracks: try tx.tracks())
                let memberships = try tx.memberships(kelompokID: kelompok.id)
                let names = try tx.beneficiaryNames(ids: memberships.map(\.beneficiaryID))
                let current = Set(memberships.filter { $0.leftOn == nil }.map(\.beneficiaryID))
                let candidates = try Self.enrolled(in: kelompok.cohortID, except: current, tx: tx)
                let usahas = try tx.usahas().filter { $0.owner == .kelompok(kelompok.id) }
                return (kelompok, labels, memberships, names, candidates, usahas)
            }
        }
        let (kelompok, labels, memberships, names, candidates, usahas) = read
        var data = form.data
        data["code"] = kelompok.code
        data["name"] = kelompok.name
        data["cohort"] = labels.cohort(kelompok.cohortID)
        data["track"] = labels.track(kelompok.trackID)
        data["usaha"] = usahas.map(Self.usahaLabel)
        data["hasUsaha"] = !usahas.isEmpty
        data["members"] = memberships.map { m -> [String: Any] in
            let code = Beneficiary.code(for: m.beneficiaryID)
            var row: [String: Any] = ["memberCode": code, "memberName": names[m.beneficiaryID] ?? code, "joined": Format.date(m.joinedOn),
                                      "current": m.leftOn == nil, "today": today.description]
            if let left = m.leftOn { row["left"] = Format.date(left) }
            return row
        }
        data["activeCount"] = memberships.filter { $0.isMember(on: today) }.count
        data["hasMembers"] = !memberships.isEmpty
        data["candidates"] = MoneyForm.options(candidates.map { ($0.code, $0.label) }, selected: form["beneficiary"])
        return views.page("kelompok-detail", title: "Kelompok \(kelompok.code)", context: context, data: data, status: status)
    }

    /// "Akhiri keanggotaan … di … per …?": the step before a member leaves. A code in the
    /// address that names no current member is a 404 page on the GET; on a refused POST the
    /// page shows the refusal instead of the question.
    private func leavePage(code: String, beneficiary: String, _ form: MoneyForm, date: LocalDate?, missingIsNotFound: Bool = false,
                           context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        let read = try Self.notFoundIfMissing {
            try operations.store.read { tx -> (Kelompok, Beneficiary?, KelompokMembership?) in
                let kelompok = try Resolve.kelompok(code, in: tx)
                let person = try? Resolve.beneficiary(beneficiary, in: tx)
                let membership = try person.flatMap { p in
                    try tx.memberships(kelompokID: kelompok.id).first { $0.beneficiaryID == p.id && $0.leftOn == nil }
                }
                return (kelompok, person, membership)
            }
        }
        let (kelompok, person, membership) = read
        if missingIsNotFound && membership == nil { throw WebDenial.notFound }
        var data = form.data
        data["code"] = kelompok.code
        data["name"] = kelompok.name
        data["beneficiary"] = person?.code ?? beneficiary
        data["personName"] = person?.name ?? beneficiary
        data["isMember"] = membership != nil
        data["joined"] = membership.map { Format.date($0.joinedOn) } ?? ""
        if let date, membership != nil {
            data["question"] = ["date": date.description, "dateLabel": Format.date(date)]
        }
        return views.page("kelompok-keluar", title: "Akhiri keanggotaan", context: context, data: data, status: status)
    }
}
