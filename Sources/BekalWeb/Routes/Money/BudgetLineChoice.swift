import BekalCore

/// The budget line a money form books against (the `line` field, the `mata-anggaran-pilih`
/// partial): "Otomatis" lets the core take the year's one line for the purpose, as on the
/// command line without `--line`; when the year has more than one, the core's refusal names
/// them and the bendahara picks one here. A line is chosen by its source and kode rekening;
/// the core finds it in the entry's budget year.
extension WebApp {
    /// The field for the template, or nil when no year has a line of this purpose (a receipt: any line).
    func budgetLineField(purpose: BudgetPurpose?, form: MoneyForm) throws -> [String: Any]? {
        let lines = try operations.store.read { tx in try tx.budgetLines(year: nil) }.filter { purpose == nil || $0.purpose == purpose }
        guard !lines.isEmpty else { return nil }
        // One choice per source and code, whatever years (or cohorts) have a line of it.
        let byChoice = Dictionary(grouping: lines, by: Self.budgetLineValue)
        let choices = [(value: "", label: "Otomatis (satu-satunya mata anggaran tahun itu)")] + byChoice.keys.sorted().map { key in
            let same = byChoice[key]!, line = same[0]
            let years = Set(same.map(\.year)).sorted().map(String.init).joined(separator: ", ")
            return (value: key, label: "\(line.code) · \(line.name) · \(line.source.label) (\(years))")
        }
        return ["options": MoneyForm.options(choices, selected: form["line"] ?? ""),
                "hint": purpose == nil ? "Mata anggaran SP2D ini." : "Biarkan Otomatis bila tahun itu hanya ada satu mata anggaran untuk biaya ini."]
    }

    static func budgetLineValue(_ line: BudgetLine) -> String { "\(line.source.rawValue) \(line.code)" }

    /// The form's choice: blank is the core's own choice; `source code` names a line.
    static func budgetChoice(_ form: MoneyForm) -> BudgetChoice {
        guard let value = form["line"], !value.isEmpty else { return .unnamed }
        let parts = value.split(separator: " ", maxSplits: 1).map(String.init)
        if parts.count == 2, let source = FundingSource(rawValue: parts[0]) { return BudgetChoice(line: parts[1], source: source) }
        return BudgetChoice(line: value)
    }
}
