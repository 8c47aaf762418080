import BekalCore
import Foundation
import Hummingbird

/// `/kinerja?tahun=2010`: the programme's performance report (``Performance``) for the admin
/// and the head of office. Figures and ranges only; an equity group too small to show an
/// outcome shows none.
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
                "filters": [filter],
                "report": ["table": TableView.data(report.table), "targetChart": Charts.performanceTargets(report),
                           "equityChart": Charts.performanceEquity(report)] as [String: Any],
            ])
        }
    }
}
