import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/kinerja?tahun=2010`: the programme's performance report (``Performance``) for the admin
/// and the head of office. Figures and ranges only; an equity group too small to show an
/// outcome shows none. `/kinerja/target`: the admin sets the year's targets, as
/// `bekal target set` does (setting one again replaces it; both stay in the record).
extension WebApp {
    func addPerformanceRoutes(to doors: Doors) {
        doors.permitted(ViewPerformance.self).get("/kinerja") { request, context in
            let years = try operations.store.read { tx in Set(try tx.cohorts().compactMap(Performance.year(of:))).sorted(by: >) }
            let text = request.uri.queryParameters.get("tahun")?.trimmingCharacters(in: .whitespaces) ?? ""
            let chosen = text.isEmpty ? years.first : Int(text)
            let filter: [String: Any] = ["name": "tahun", "label": "Tahun", "isSelect": true,
                                         "choices": MoneyForm.options(years.map { (String($0), String($0)) }, selected: chosen.map(String.init))]
            guard let year = chosen, years.contains(year) else {
                let message = "Tahun \"\(text)\" tidak punya angkatan: pilih tahun dari daftar."
                return views.page("kinerja", title: "Kinerja program", context: context, data: [
                    "filters": [filter.merging(["error": message]) { a, _ in a }], "invalid": true,
                ], status: .unprocessableContent)
            }
            let asOf = try today()
            let report = try operations.store.read { tx in
                try Performance.build(year: year, asOf: asOf, policy: try tx.settings().followUpPolicy, in: tx)
            }
            return views.page("kinerja", title: "Kinerja program \(year)", context: context, data: [
                "filters": [filter], "year": year, "setsTargets": context.user.may(.administer),
                "report": ["table": TableView.data(report.table), "targetChart": Charts.performanceTargets(report),
                           "equityChart": Charts.performanceEquity(report)] as [String: Any],
            ])
        }
        let admin = doors.permitted(Administer.self)
        admin.get("/kinerja/target") { request, context in
            let asked = request.uri.queryParameters.get("tahun").flatMap { Int(String($0)) }
            return try targetsPage(year: try asked ?? today().year, form: nil, context: context)
        }
        admin.post("/kinerja/target") { _, context in
            var form = MoneyForm(fields: Self.targetFields, form: context.form)
            let year = form.parse("year") { text -> Int in
                guard let year = Int(text) else { throw InputError(.option("Tahun"), input: text, .notAWholeNumber) }
                return year
            }
            if form["year"] == nil { form.add(Refusal(field: "year", message: "Tulis tahunnya.")) }
            let indicator = form.parse("indicator") { try PerformanceIndicator.parse($0) }
            if form["indicator"] == nil { form.add(Refusal(field: "indicator", message: "Pilih indikatornya.")) }
            let value = form.parse("value") { text -> Int64 in
                guard let value = Int64(text.replacingOccurrences(of: ".", with: "")) else {
                    throw InputError(.option("Target"), input: text, .notAWholeNumber)
                }
                return value
            }
            if form["value"] == nil { form.add(Refusal(field: "value", message: "Tulis targetnya.")) }
            guard form.isValid, let year, let indicator, let value else {
                return try targetsPage(year: year ?? (try today()).year, form: form, context: context, status: .unprocessableContent)
            }
            do {
                let target = try operations.setTarget(year: year, cohort: form["cohort"], indicator: indicator, value: value,
                                                      context: self.context(context.user))
                context.setFlash("Target \(indicator.label.lowercased()) \(year)\(form["cohort"].map { " angkatan \($0)" } ?? ""): "
                    + "\(Self.targetText(target.value, indicator)).")
                return Response.seeOther("/kinerja/target?tahun=\(year)")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try targetsPage(year: year, form: form, context: context, status: .unprocessableContent)
            }
        }
    }

    static let targetFields: Set<String> = ["year", "cohort", "indicator", "value"]

    static func targetText(_ value: Int64, _ indicator: PerformanceIndicator) -> String {
        switch indicator.unit {
        case .count: (indicator.higherIsBetter ? "paling sedikit " : "paling banyak ") + Performance.Quantity.count(value).text
        case .percent: (indicator.higherIsBetter ? "paling sedikit " : "paling banyak ") + "\(value)%"
        case .days: "paling lama \(value) hari"
        }
    }

    /// The year's targets that hold (the latest of each), and the form to set one.
    private func targetsPage(year: Int, form: MoneyForm?, context: Permitted<Administer>, status: HTTPResponse.Status = .ok) throws -> Response {
        let (targets, cohorts) = try operations.store.read { tx in (TargetRows.holding(try tx.targets(year: year)), try tx.cohorts()) }
        let codes = Dictionary(uniqueKeysWithValues: cohorts.map { ($0.id, $0.code) })
        let form = form ?? MoneyForm(fields: Self.targetFields, values: ["year": String(year)])
        var data = form.data
        data["indicators"] = MoneyForm.options(PerformanceIndicator.allCases.map { indicator in
            let unit = switch indicator.unit { case .count: "jumlah"; case .percent: "persen"; case .days: "hari" }
            return (indicator.rawValue, "\(indicator.label) (\(unit)\(indicator.perCohort ? "" : ", kantor seluruhnya"))")
        }, selected: form["indicator"])
        data["cohorts"] = MoneyForm.options(cohorts.filter { Performance.year(of: $0) == year }.map { ($0.code, "\($0.code) · \($0.name)") },
                                            selected: form["cohort"])
        let table = Table(title: "Target kinerja \(year)", columns: [
            .init("indicator", "Indikator"), .init("scope", "Cakupan"), .init("target", "Target"), .init("set", "Ditetapkan"),
        ], rows: targets.map { t in
            [.text(t.indicator.label), .text(t.cohortID.flatMap { codes[$0] }.map { "Angkatan \($0)" } ?? "Seluruh \(year)"),
             .text(Self.targetText(t.value, t.indicator)), .text("\(String(t.recordedAt.prefix(10))) · \(t.actor)")]
        })
        return views.page("kinerja-target", title: "Target kinerja \(year)", context: context, data: [
            "year": year, "previous": year - 1, "next": year + 1, "form": data, "targets": TableView.data(table), "hasTargets": !targets.isEmpty,
        ], status: status)
    }
}
