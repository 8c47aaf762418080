import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/anggaran/mata`: the admin enters the year's budget lines from the DPA and the exceptions
/// that let a line go past its pagu, as `bekal budget line add` and `bekal budget exception` do,
/// beside the year's realisation per line (the report `/laporan/anggaran` shows to the books).
extension WebApp {
    static let budgetLineFields: Set<String> = ["year", "source", "code", "name", "purpose", "cohort", "ceiling"]
    static let budgetExceptionFields: Set<String> = ["line", "amount", "reason"]

    func addBudgetLineRoutes(to doors: Doors) {
        let admin = doors.permitted(Administer.self)
        admin.get("/anggaran/mata") { request, context in
            let asked: Int? = request.uri.queryParameters.get("tahun").flatMap { Int(String($0)) }
            let year = try asked ?? today().year
            return try budgetLinesPage(year: year, line: nil, exception: nil, context: context)
        }
        admin.post("/anggaran/mata") { _, context in
            var form = MoneyForm(fields: Self.budgetLineFields, form: context.form)
            form.aliases = ["budgetPurpose": "purpose", "fundingSource": "source"]
            let year = form.parse("year") { text -> Int in
                guard let year = Int(text) else { throw InputError(.option("Tahun anggaran"), input: text, .notAWholeNumber) }
                return year
            }
            if form["year"] == nil { form.add(Refusal(field: "year", message: "Tulis tahun anggarannya.")) }
            let source = form.parse("source") { try FundingSource.parse($0) }
            let purpose = form.parse("purpose") { try BudgetPurpose.parse($0) }
            let ceiling = form.amount("ceiling")
            if form["ceiling"] == nil { form.add(Refusal(field: "ceiling", message: "Tulis pagu seperti di DPA.")) }
            guard form.isValid, let year, let source, let purpose, let ceiling else {
                return try budgetLinesPage(year: year ?? (try today()).year, line: form, exception: nil, context: context, status: .unprocessableContent)
            }
            do {
                let line = try operations.addBudgetLine(BudgetLineDraft(year: year, source: source, code: form["code"] ?? "", name: form["name"] ?? "",
                                                                        purpose: purpose, cohort: form["cohort"], ceiling: ceiling),
                                                        context: self.context(context.user))
                context.setFlash("Mata anggaran \(line.handle) dicatat dengan pagu \(Format.rupiah(line.ceiling)).")
                return Response.seeOther("/anggaran/mata?tahun=\(year)")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try budgetLinesPage(year: year, line: form, exception: nil, context: context, status: .unprocessableContent)
            }
        }
        admin.post("/anggaran/mata/pengecualian") { _, context in
            var form = MoneyForm(fields: Self.budgetExceptionFields, form: context.form)
            let amount = form.amount()
            if form["amount"] == nil { form.add(Refusal(field: "amount", message: "Tulis berapa pagu boleh dilampaui.")) }
            // The line is chosen by its id from the year's lines.
            let line = try operations.store.read { tx in try Int64(form["line"] ?? "").flatMap { try tx.budgetLine(id: $0) } }
            if line == nil { form.add(Refusal(field: "line", message: "Pilih mata anggarannya.")) }
            guard form.isValid, let line, let amount else {
                return try budgetLinesPage(year: line?.year ?? (try today()).year, line: nil, exception: form, context: context, status: .unprocessableContent)
            }
            do {
                let cohort = try line.cohortID.map { id in try operations.store.read { tx in try tx.cohort(id: id)?.code } } ?? nil
                _ = try operations.recordBudgetException(line: line.code, year: line.year, source: line.source, cohort: cohort, amount: amount,
                                                         reason: form["reason"] ?? "", context: self.context(context.user))
                context.setFlash("Pengecualian \(Format.rupiah(amount)) untuk \(line.handle) dicatat.")
                return Response.seeOther("/anggaran/mata?tahun=\(line.year)")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try budgetLinesPage(year: line.year, line: nil, exception: form, context: context, status: .unprocessableContent)
            }
        }
    }

    private func budgetLinesPage(year: Int, line: MoneyForm?, exception: MoneyForm?, context: Permitted<Administer>,
                                 status: HTTPResponse.Status = .ok) throws -> Response {
        let today = try today()
        let (lines, cohorts, table) = try operations.store.read { tx in
            (try tx.budgetLines(year: year), try tx.cohorts(), try BudgetLineUse.build(year: year, today: today, in: tx).table)
        }
        let cohortCodes = Dictionary(uniqueKeysWithValues: cohorts.map { ($0.id, $0.code) })
        let lineForm = line ?? MoneyForm(fields: Self.budgetLineFields, values: ["year": String(year)])
        var lineData = lineForm.data
        lineData["sources"] = MoneyForm.options(FundingSource.allCases.map { ($0.rawValue, $0.label) }, selected: lineForm["source"])
        lineData["purposes"] = MoneyForm.options(BudgetPurpose.allCases.map { ($0.rawValue, $0.label) }, selected: lineForm["purpose"])
        lineData["cohorts"] = MoneyForm.options(cohorts.map { ($0.code, "\($0.code) · \($0.name)") }, selected: lineForm["cohort"])
        let exceptionForm = exception ?? MoneyForm(fields: Self.budgetExceptionFields, values: [:])
        var exceptionData = exceptionForm.data
        exceptionData["lines"] = MoneyForm.options(lines.map { l in
            (String(l.id), "\(l.code) · \(l.source.label)\(l.cohortID.flatMap { cohortCodes[$0] }.map { " · angkatan \($0)" } ?? "") · pagu \(Format.rupiah(l.ceiling))")
        }, selected: exceptionForm["line"])
        exceptionData["hasLines"] = !lines.isEmpty
        return views.page("anggaran-mata", title: "Mata anggaran \(year)", context: context, data: [
            "year": year, "previous": year - 1, "next": year + 1, "use": TableView.data(table), "line": lineData, "exception": exceptionData,
        ], status: status)
    }
}
