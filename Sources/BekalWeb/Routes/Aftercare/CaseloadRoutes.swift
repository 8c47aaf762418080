import BekalCore
import Foundation
import Hummingbird

/// `/jadwal` (who is due), `/binaan` (the caseload) and `/binaan/{code}` (one person's file).
extension WebApp {
    /// The follow-up list: her own caseload, or for an admin everyone's with a worker filter.
    func followUpPage(request: Request, context: CaseloadContext<ViewCaseload>) throws -> Response {
        let user = context.user
        let scope = try caseloadScope(of: context.caseload, picked: request.uri.queryParameters.get("pendamping"))
        let asOf = try today()
        let list = try operations.followUpDue(worker: scope.worker, asOf: asOf, context: self.context(user))
        // Names only for her own caseload; the office-wide list shows codes.
        let caseload = try scope.ownOnly ? scope.worker.map {
            try operations.caseload(worker: $0, asOf: asOf, details: false, context: self.context(user))
        } : nil
        return views.page("jadwal", title: "Jadwal kunjungan", context: context, data: [
            "today": Format.date(asOf), "due": dueRows(list, caseload: caseload, linkWorker: !scope.ownOnly),
            "dueCount": list.rows.count, "admin": !scope.ownOnly, "workers": scope.pickerData(scope.worker),
            "canVisit": user.may(.recordVisits),
        ])
    }

    /// Her caseload: the people and kelompok assigned to her now, and their usaha.
    func caseloadPage(request: Request, context: CaseloadContext<ViewCaseload>) throws -> Response {
        let user = context.user
        let scope = try caseloadScope(of: context.caseload, picked: request.uri.queryParameters.get("pendamping"))
        var data: [String: Any] = ["admin": !scope.ownOnly, "workers": scope.pickerData(scope.worker), "pickAction": "/binaan"]
        guard let worker = scope.worker else {
            data["chooseWorker"] = true
            return views.page("binaan", title: "Binaan", context: context, data: data)
        }
        let caseload = try operations.caseload(worker: worker, asOf: try today(), context: self.context(user))
        data["worker"] = ["code": caseload.worker.code, "name": caseload.worker.name]
        data["people"] = caseload.people.map { p -> [String: Any] in
            [
                "code": p.code, "name": p.name, "cohort": p.cohort ?? "—", "kelompok": p.kelompok ?? "—",
                "grantDate": Format.date(p.grantDate), "lastContact": Format.date(p.lastContact),
                "nextDue": Format.date(p.nextDue), "overdue": (p.daysOverdue ?? 0) > 0, "daysOverdue": p.daysOverdue ?? 0,
                "link": "/binaan/\(Self.urlCode(p.code))",
            ]
        }
        data["groups"] = caseload.kelompok.map { k -> [String: Any] in
            var group: [String: Any] = [
                "code": k.code, "name": k.name, "cohort": k.cohort ?? "—", "members": k.members.count,
                "visitLink": "/kunjungan/baru?kelompok=\(Self.urlCode(k.code))"
                    + (scope.ownOnly ? "" : "&pendamping=\(Self.urlCode(worker))"),
            ]
            if !k.equipment.isEmpty { group["equipment"] = k.equipment.map { "\($0.name) (\($0.quantity))" }.joined(separator: ", ") }
            return group
        }
        data["usaha"] = caseload.usaha.map { u -> [String: Any] in
            ["code": u.code, "product": u.product, "brand": u.brand ?? "—", "owner": u.owner]
        }
        data["peopleCount"] = caseload.people.count
        data["groupCount"] = caseload.kelompok.count
        data["usahaCount"] = caseload.usaha.count
        return views.page("binaan", title: scope.ownOnly ? "Binaan saya" : "Binaan \(caseload.worker.code)", context: context, data: data)
    }

    /// One person's file: her kelompok, usaha, grant date, visits, next visit. Not her outcomes.
    func casePage(code: String, context: CaseloadContext<ViewCaseload>) throws -> Response {
        let user = context.user
        try showOnlyInCaseload(context.caseload, beneficiary: code)
        let file = try found { try operations.caseFile(beneficiary: code, asOf: try today(), context: self.context(user)) }
        let (items, workers) = try operations.store.read { tx in
            (Dictionary(uniqueKeysWithValues: try tx.equipmentItems().map { ($0.id, $0.name) }),
             Dictionary(uniqueKeysWithValues: try tx.workers().map { ($0.id, $0.code) }))
        }
        let workerParam: String = if case .worker = context.caseload { "" } else {
            file.worker.map { "&pendamping=\(Self.urlCode($0.code))" } ?? ""
        }
        var data: [String: Any] = [
            "code": file.code, "name": file.name, "kelurahan": file.kelurahan ?? "—", "cohort": file.cohort ?? "—",
            "track": file.track ?? "—", "workerCode": file.worker?.code ?? "—", "workerName": file.worker?.name ?? "",
            "grantDate": Format.date(file.grantDate), "lastContact": Format.date(file.lastContact),
            "nextDue": Format.date(file.nextDue), "overdue": (file.daysOverdue ?? 0) > 0, "daysOverdue": file.daysOverdue ?? 0,
            "usaha": file.usaha.map { u -> [String: Any] in
                var data: [String: Any] = ["code": u.code, "product": u.product]
                if let brand = u.brand { data["brand"] = brand }
                return data
            },
            "visits": file.visits.map { visitData($0, person: file, items: items, workers: workers) },
            "visitCount": file.visits.count, "visitLimit": CaseFile.visitLimit, "capped": file.visits.count >= CaseFile.visitLimit,
            "visitLink": "/kunjungan/baru?binaan=\(Self.urlCode(file.code))\(workerParam)",
            "outcomeLink": "/binaan/\(Self.urlCode(file.code))/hasil",
            "needLink": "/binaan/\(Self.urlCode(file.code))/kebutuhan",
            "referralLink": "/binaan/\(Self.urlCode(file.code))/rujukan",
            "canVisit": user.may(.recordVisits), "canRecordOutcome": user.may(.recordOutcomes), "canAdminister": user.may(.administer),
        ]
        if let planned = file.plannedNext { data["plannedNext"] = Format.date(planned) }
        if let stage = file.stage { data["stage"] = stage }
        if let closed = file.caseClosedOn { data["caseClosed"] = Format.date(closed) }
        if let k = file.kelompok { data["kelompok"] = ["code": k.code, "name": k.name, "left": !k.current] }
        return views.page("binaan-detail", title: "Binaan \(file.code)", context: context, data: data.merging(["heading": "\(file.name) (\(file.code))"]) { $1 })
    }

    /// A visit as the person's page lists it, in the worker's words.
    func visitData(_ v: Visit, person: CaseFile, items: [Int64: String], workers: [Int64: String]) -> [String: Any] {
        let via: String = if v.beneficiaryID != nil {
            "Langsung"
        } else if let k = v.kelompokID {
            "Melalui kelompok \(Kelompok.code(for: k))"
        } else {
            "Melalui usaha \(v.usahaID.map(Usaha.code(for:)) ?? "")"
        }
        var data: [String: Any] = [
            "date": Format.date(v.date), "contact": v.contactMode.label, "via": via, "worker": workers[v.workerID] ?? "",
        ]
        var facts: [[String: String]] = []
        func fact(_ label: String, _ value: String?) { if let value, !value.isEmpty { facts.append(["label": label, "value": value]) } }
        fact("Keberadaan", v.whereabouts?.label)
        fact("Keadaan usaha", v.businessStatus?.label)
        fact("Omzet", v.sales.map { "\(Format.rupiah($0.amount)) (\(Format.date($0.periodStart)) s.d. \(Format.date($0.periodEnd)))" })
        fact("Dukungan", v.support.map(\.label).joined(separator: ", "))
        fact("Peralatan", v.equipment.map { "\(items[$0.itemID] ?? "?"): \($0.condition.label)" }.joined(separator: ", "))
        fact("Bantuan dipakai untuk", v.grantUse?.label)
        fact("Kebutuhan", v.needs)
        fact("Catatan", v.notes)
        fact("Kunjungan berikutnya", v.nextVisitDue.map { Format.date($0) })
        data["facts"] = facts
        return data
    }

    /// A code that names nobody is a page that is not there; so, to a pendamping, is anyone
    /// outside her caseload (the core's ``AftercareRejection/outsideCaseload(_:)``).
    func found<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch ProgrammeRejection.notFound {
            throw WebDenial.notFound
        } catch AftercareRejection.outsideCaseload {
            throw WebDenial.notFound
        }
    }
}
