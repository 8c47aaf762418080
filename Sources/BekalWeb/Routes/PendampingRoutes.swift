import BekalCore
import Foundation
import Hummingbird

/// The aftercare worker's pages: her caseload, who is due, the visit and outcome forms.
/// A pendamping sees and edits only her own caseload (``AccessPolicy/limitedToOwnCaseload(_:)``);
/// an admin may open every caseload. Each route's ``CaseloadContext`` carries whose caseload it
/// is (``CaseloadActor``). Anything outside her caseload is answered 404, the same as a code
/// that names nobody, so the pages do not tell her who else is in the programme: a page about
/// one person checks it (``showOnlyInCaseload(_:beneficiary:kelompok:usaha:)``), and the core
/// refuses to record a visit or outcome outside it (``AftercareRejection/outsideCaseload(_:)``).
///
/// The pages themselves are in `Aftercare/`: `CaseloadRoutes.swift` (`/jadwal`, `/binaan`,
/// `/binaan/{code}`), `VisitRoutes.swift` (`/kunjungan/baru`), `OutcomeFormRoutes.swift`
/// (`/binaan/{code}/hasil`), `PhoneRoutes.swift` (`/luring`, her pages without signal).
extension WebApp {
    func addPendampingRoutes(to doors: Doors) {
        let caseloads = doors.caseload(ViewCaseload.self)
        caseloads.get("/jadwal") { request, context in try followUpPage(request: request, context: context) }
        caseloads.get("/binaan") { request, context in try caseloadPage(request: request, context: context) }
        caseloads.get("/binaan/:code") { _, context in
            try casePage(code: context.parameters.get("code") ?? "", context: context)
        }
        // Her whole history in order; her outcomes only for a role that may see them (audited).
        caseloads.get("/binaan/:code/riwayat") { _, context in
            let code = context.parameters.get("code") ?? ""
            try showOnlyInCaseload(context.caseload, beneficiary: code)
            // A merged record's history is the kept record's, at its own address.
            try found { _ = try operations.store.read { tx in try Resolve.beneficiary(code, in: tx) } }
            let history = try found {
                try operations.personHistory(beneficiary: code, withOutcomes: context.user.may(.viewOutcomes), context: self.context(context.user))
            }
            return views.page("binaan-riwayat", title: "Riwayat \(history.code)", context: context, data: [
                "code": history.code, "back": "/binaan/\(Self.urlCode(history.code))", "withOutcomes": history.withOutcomes,
                "events": history.events.map { ["date": Format.date($0.date), "kind": $0.kind.label, "text": $0.text, "key": $0.kind.rawValue] },
            ])
        }
        let outcomes = doors.caseload(RecordOutcomes.self)
        outcomes.get("/binaan/:code/hasil") { _, context in
            try outcomeForm(code: context.parameters.get("code") ?? "", context: context)
        }
        outcomes.post("/binaan/:code/hasil") { _, context in
            try recordOutcome(code: context.parameters.get("code") ?? "", context: context)
        }
        let visits = doors.caseload(RecordVisits.self)
        visits.get("/kunjungan/baru") { request, context in try visitForm(request: request, context: context) }
        visits.post("/kunjungan/baru") { _, context in try recordVisit(context: context) }
        addNeedRoutes(visits)
        addReferralRoutes(visits)
        addPhoneRoutes(visits)
    }

    /// Whose caseload a page is about: a pendamping's own; for an admin the worker she picked
    /// (`?pendamping=PSM-01`), or nobody in particular. A worker code that names nobody is 404.
    func caseloadScope(of actor: CaseloadActor, picked: String?) throws -> CaseloadScope {
        if case .worker(let own) = actor { return CaseloadScope(worker: own.code, ownOnly: true, workers: []) }
        let workers = try operations.store.read { tx in try tx.workers() }
        guard let picked = picked?.trimmingCharacters(in: .whitespaces).uppercased(), !picked.isEmpty else {
            return CaseloadScope(worker: nil, ownOnly: false, workers: workers)
        }
        guard workers.contains(where: { $0.code == picked }) else { throw WebDenial.notFound }
        return CaseloadScope(worker: picked, ownOnly: false, workers: workers)
    }

    /// Stops a page about someone outside a pendamping's caseload before it reads her (404, as
    /// for a code that names nobody). Pages only: recording is refused by the core itself.
    func showOnlyInCaseload(_ actor: CaseloadActor, beneficiary: String? = nil, kelompok: String? = nil, usaha: String? = nil) throws {
        guard case .worker(let worker) = actor else { return }
        guard try operations.isInCaseload(worker: worker.code, beneficiary: beneficiary, kelompok: kelompok, usaha: usaha) else {
            throw WebDenial.notFound
        }
    }

    /// My overdue and due visits, most overdue first, my caseload's size, and the button to log a visit.
    func pendampingDashboard(context: CaseloadContext<ViewCaseload>) throws -> Response {
        // Only a pendamping's first page is this one; an admin's is ``adminDashboard(context:)``.
        guard case .worker(let own) = context.caseload else { throw WebDenial.forbidden }
        let user = context.user, worker = own.code
        // One read for the page; her own visits only (the series drops every other worker's counts).
        let home = try operations.workerHome(worker: worker, months: Charts.visitMonths, context: self.context(user))
        let (asOf, due, caseload, visits) = (home.today, home.due, home.caseload, home.visits)
        return views.page("dashboard-pendamping", title: "Beranda pendamping", context: context, data: [
            "today": Format.date(asOf),
            "due": dueRows(due, caseload: caseload, linkWorker: false),
            "dueCount": due.rows.count,
            "people": caseload.people.count,
            "kelompok": caseload.kelompok.count,
            "visitChart": Charts.visits(visits, title: "Kunjungan saya per bulan"), "visitTable": Charts.visitTable(visits),
            "needs": Self.needRows(home.openNeeds, today: asOf, names: Dictionary(caseload.people.map { ($0.code, $0.name) }) { a, _ in a }),
            "needCount": home.openNeeds.count,
            "referrals": home.openReferrals.map { r, partner -> [String: Any] in
                let code = Beneficiary.code(for: r.beneficiaryID)
                return ["code": code, "name": caseload.person(code)?.name ?? "", "partner": partner, "service": r.service,
                        "status": r.status.label, "since": Format.date(r.steps.last!.onDate), "link": "/binaan/\(code)/rujukan"]
            },
            "referralCount": home.openReferrals.count,
        ])
    }

    /// A code (`B-00139`, `PSM-01`) as it goes in a link: as it is when it needs no escaping,
    /// which is always for the codes Bekal makes (and spares a CharacterSet per link on Linux).
    static func urlCode(_ code: String) -> String {
        let plain = code.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "_")
        }
        return plain ? code : FormData.encode(code)
    }

    /// The due list's rows as the dashboard and `/jadwal` show them; names only from the
    /// caseload given (her own), so an admin's list of everyone shows codes.
    func dueRows(_ list: FollowUpList, caseload: Caseload?, linkWorker: Bool) -> [[String: Any]] {
        let names = Dictionary((caseload?.people ?? []).map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        return list.rows.map { row in
            var link = "/kunjungan/baru?binaan=\(Self.urlCode(row.beneficiary))"
            if linkWorker, let worker = row.worker { link += "&pendamping=\(Self.urlCode(worker))" }
            var data: [String: Any] = [
                "code": row.beneficiary, "cohort": row.cohort, "worker": row.worker ?? "—",
                "dueDate": Format.date(row.dueDate), "lastContact": Format.date(row.lastContact),
                "daysOverdue": row.daysOverdue, "overdue": row.daysOverdue > 0, "lost": row.lostToFollowUp,
                "visitLink": link, "caseLink": "/binaan/\(Self.urlCode(row.beneficiary))",
            ]
            if let name = names[row.beneficiary] { data["personName"] = name }
            return data
        }
    }
}

/// Whose caseload a page shows.
struct CaseloadScope {
    /// The worker's code; nil for an admin who has not picked one.
    let worker: String?
    /// A pendamping's own caseload, which she cannot change.
    let ownOnly: Bool
    /// Every worker, for an admin's picker.
    let workers: [AftercareWorker]

    func pickerData(_ selected: String?) -> [[String: Any]] {
        workers.map { ["code": $0.code, "name": $0.name, "selected": $0.code == selected] }
    }
}
