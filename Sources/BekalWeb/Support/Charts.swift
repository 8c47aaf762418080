import BekalCore
import Foundation

/// Charts drawn on the server as inline SVG, for the pages where an officer would rather look
/// than read: no script, no stylesheet needed. Each draws numbers the core has already reported
/// (``BudgetUse``, ``MonthlyVisits``, ``OutcomeReport``, ``BusinessFollowUp``) and decides
/// nothing about them; the page keeps the report's table beside the chart.
///
/// Every chart is one `<svg role="img">` with a `<title>` and a `<desc>` in Indonesian, its
/// size a `viewBox` that scales down to a phone (`max-width:100%`), each bar or point with a
/// `<title>` of its own, all text escaped. Without data it is a short sentence instead.
/// Positions are `Double` (layout); amounts stay ``Rupiah`` until a label is written.
///
/// ## Topics
/// - ``budgetUse(_:id:)``, ``visits(_:title:id:)``, ``successRanges(_:id:)``, ``sales(_:id:)``: a core report as a chart
/// - ``budgetBars(id:title:rows:)``, ``groupedBars(id:title:categories:series:)``,
///   ``rangeBars(id:title:rows:)``, ``line(id:title:points:)``: the four drawings
enum Charts {
    /// The width every chart is drawn at: narrow, so that a phone (about 360 px inside the page's
    /// margins) scales its text down only a little.
    static let width = 440.0
    static let ink = "#1f2933"
    static let grid = "#c2c9d1"
    static let empty = "<p class=\"chart-empty\">Belum ada data</p>"
    /// Series colours, each at least 3:1 against white.
    static let palette = ["#1f4e79", "#b35c00", "#2e7d32", "#7b1fa2", "#c62828", "#00695c"]
    /// The most rows a bar or range chart draws; the table beside it has them all.
    static let rowsMax = 60
    /// The most months a sales line covers, ending with the latest report.
    static let salesMonthsMax = 24

    // MARK: - Core reports as charts

    /// Ceiling (*pagu*) against used per cohort; the `Jumlah` line is left to the table.
    static func budgetUse(_ report: BudgetUse, id: String = "grafik-anggaran") -> String {
        budgetBars(id: id, title: "Realisasi anggaran per angkatan", rows: report.lines.map { line in
            BudgetBar(label: line.cohortCode.map { "Angkatan \($0)" } ?? "Tanpa angkatan",
                      ceiling: line.cohortCode == nil ? nil : line.budget, used: line.used, usedPercentText: line.usedPercentText)
        })
    }

    /// Visits per month, one bar per pendamping in each month.
    static func visits(_ series: MonthlyVisits, title: String = "Kunjungan per bulan per pendamping", id: String = "grafik-kunjungan") -> String {
        groupedBars(id: id, title: title, categories: series.months.map(month),
                    series: series.workers.map { Series(name: $0.code, legend: "\($0.code) \($0.name)", values: $0.visits) })
    }

    /// The success range of each group, low to high.
    static func successRanges(_ report: OutcomeReport, id: String = "grafik-hasil") -> String {
        rangeBars(id: id, title: "Rentang tingkat keberhasilan per \(report.grouping.label.lowercased())", rows: report.groups.map { g in
            let label = switch report.grouping {
            case .kelompok: g.name.isEmpty ? g.code : "\(g.code) \(g.name)"
            case .cohort, .track: g.name.isEmpty ? g.code : g.name
            }
            return RangeBar(label: label, lowPermille: g.successLowPermille, highPermille: g.successHighPermille,
                            text: g.tally.successRangeLabel)
        })
    }

    /// The reported sales of each month from the first report to the latest (at most
    /// ``salesMonthsMax``), a month without a report left as a gap.
    static func sales(_ business: BusinessFollowUp.Business, id: String = "grafik-penjualan") -> String {
        guard let first = business.monthlySales.first?.month, let last = business.latestSales?.month else {
            return line(id: id, title: "Penjualan per bulan", points: [])
        }
        let months = min((last.year - first.year) * 12 + last.month - first.month + 1, salesMonthsMax)
        let trend = business.salesTrend(months: months, asOf: last.lastDay)
        return line(id: id, title: "Penjualan per bulan \(business.code)", points: trend.map { LinePoint(label: month($0.month), value: $0.sales) })
    }

    /// How many months the visit charts cover, this one included.
    static let visitMonths = 6

    /// The numbers of a visit chart for the `table` partial, months as `November 2012`.
    static func visitTable(_ series: MonthlyVisits) -> [String: Any] {
        let table = series.table
        var data = TableView.data(table)
        data["rows"] = zip(series.months, table.rows).map { month, cells -> [String: Any] in
            var row = TableView.row(cells)["cells"] as? [[String: Any]] ?? []
            row[0]["text"] = Format.month(month)
            return ["cells": row]
        }
        return data
    }

    // MARK: - Labels

    /// `Feb 2007`.
    static func month(_ month: YearMonth) -> String { "\(Format.months[month.month - 1]) \(month.year)" }

    /// `Rp1,5 jt`, `Rp186,3 jt`, `Rp750 rb`, `Rp1,2 M`: an amount short enough for a chart,
    /// rounded half up to one decimal of the largest unit it reaches once rounded, in integers.
    static func shortRupiah(_ amount: Rupiah) -> String {
        let sign = amount.amount < 0 ? "-" : ""
        let magnitude = amount.amount.magnitude
        let units: [(UInt64, String)] = [(1_000_000_000_000, "T"), (1_000_000_000, "M"), (1_000_000, "jt"), (1_000, "rb")]
        for (unit, name) in units {
            let tenth = unit / 10, rest = magnitude % tenth
            let tenths = magnitude / tenth + (rest >= tenth - rest ? 1 : 0)
            guard tenths >= 10 else { continue }
            let whole = Rupiah(Int64(tenths / 10)).groupedDigits
            return "\(sign)Rp\(whole)\(tenths % 10 == 0 ? "" : ",\(tenths % 10)") \(name)"
        }
        return "\(sign)Rp\(magnitude)"
    }

    /// Text for an SVG text node or attribute.
    static func escape(_ text: String) -> String {
        guard mayNeedEscaping(text) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Whether `text` holds one of the bytes of `&`, `<`, `>`, `"` and `'`: without them no
    /// character of it is one of those, and escaping leaves it as it is.
    static func mayNeedEscaping(_ text: String) -> Bool {
        text.utf8.contains { byte in
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "'")
        }
    }

    /// A coordinate: at most one decimal, a point as decimal separator whatever the locale.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    // MARK: - Drawing

    /// The `<svg>` element around a chart's body.
    static func svg(id: String, title: String, summary: String, height: Double, _ body: String) -> String {
        let w = n(width), h = n(height)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" role=\"img\" aria-labelledby=\"\(id)-judul\" "
            + "aria-describedby=\"\(id)-ket\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" "
            + "style=\"max-width:100%;height:auto\" font-family=\"sans-serif\" font-size=\"14\" fill=\"\(ink)\">"
            + "<title id=\"\(id)-judul\">\(escape(title))</title><desc id=\"\(id)-ket\">\(escape(summary))</desc>"
            + body + "</svg>"
    }

    static func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", size: Int? = nil) -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\"\(anchor == "start" ? "" : " text-anchor=\"\(anchor)\"")\(size.map { " font-size=\"\($0)\"" } ?? "")>"
            + escape(content) + "</text>"
    }

    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil, title: String? = nil,
                     classes: String? = nil) -> String {
        let head = "<rect\(classes.map { " class=\"\($0)\"" } ?? "") x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(w, 0)))\" "
            + "height=\"\(n(max(h, 0)))\" fill=\"\(fill)\"\(stroke.map { " stroke=\"\($0)\"" } ?? "")"
        return title.map { head + "><title>\(escape($0))</title></rect>" } ?? head + "/>"
    }

    static func rule(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = grid) -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\"/>"
    }

    /// A round step (1, 2 or 5 times a power of ten) that divides `0…maximum` into at most `ticks` parts.
    static func step(_ maximum: Int64, ticks: Int64 = 4) -> Int64 {
        var power: Int64 = 1
        while power <= Int64.max / 50 {
            for factor: Int64 in [1, 2, 5] where power * factor * ticks >= maximum { return power * factor }
            power *= 10
        }
        return Int64.max / ticks
    }

    /// The first multiple of `step` at or above `maximum` (at least one step).
    static func roundedUp(_ maximum: Int64, step: Int64) -> Int64 {
        let steps = max(1, maximum / step + (maximum % step == 0 ? 0 : 1))
        let (top, overflow) = steps.multipliedReportingOverflow(by: step)
        return overflow ? Int64.max : top
    }

    /// Under a chart cut at ``rowsMax`` rows, a line that says so.
    static func cutNote(drawn: Int, of count: Int, top: Double) -> String {
        drawn < count ? text(8, top + 16, "\(drawn) dari \(count) baris digambar; semuanya ada di tabel.") : ""
    }

    static func cutNoteHeight(_ count: Int) -> Double { count > rowsMax ? 24 : 0 }

    /// Swatches and names under a chart, one line each.
    static func legend(_ items: [(name: String, colour: String)], top: Double) -> String {
        items.enumerated().map { i, item in
            let y = top + Double(i) * 20
            return rect(8, y, 14, 14, fill: item.colour) + text(28, y + 12, item.name)
        }.joined()
    }
}

// MARK: - Horizontal bars: ceiling against used

extension Charts {
    struct BudgetBar {
        let label: String
        /// Nil for money without a ceiling (spent without a cohort): only what was used is drawn.
        let ceiling: Rupiah?
        let used: Rupiah
        let usedPercentText: String
    }

    static let ceilingFill = "#d5dee8", ceilingStroke = "#52606d", usedFill = "#1f4e79"

    /// Per row, a label line (`Angkatan 2007 · Rp186,3 jt dari pagu Rp200 jt (93,2%)`) over a light
    /// bar for the ceiling and a dark bar for what was used, on one scale for every row.
    static func budgetBars(id: String, title: String, rows all: [BudgetBar]) -> String {
        guard !all.isEmpty else { return empty }
        let rows = Array(all.prefix(rowsMax))
        let left = 8.0, plot = width - 16, rowHeight = 46.0
        let largest = rows.map { max($0.ceiling?.amount ?? 0, $0.used.amount) }.max() ?? 0
        let scale = largest > 0 ? plot / Double(largest) : 0
        var body = ""
        for (i, row) in rows.enumerated() {
            let y = 6 + Double(i) * rowHeight
            let usedText = shortRupiah(row.used)
            let label = row.ceiling.map { "\(row.label) · \(usedText) dari pagu \(shortRupiah($0)) (\(row.usedPercentText))" }
                ?? "\(row.label) · \(usedText) terpakai, tanpa pagu"
            body += text(left, y + 14, label)
            if let ceiling = row.ceiling {
                body += rect(left, y + 20, Double(max(ceiling.amount, 0)) * scale, 18, fill: ceilingFill, stroke: ceilingStroke,
                             title: "\(row.label): pagu \(Format.rupiah(ceiling))", classes: "pagu")
            }
            body += rect(left, y + 24, Double(max(row.used.amount, 0)) * scale, 10, fill: usedFill,
                         title: "\(row.label): realisasi \(Format.rupiah(row.used))", classes: "realisasi")
        }
        let legendTop = 10 + Double(rows.count) * rowHeight
        body += legend([("Pagu", ceilingFill), ("Realisasi", usedFill)], top: legendTop)
        let summary = "Pagu dan realisasi \(rows.count) baris; angka lengkap ada di tabel."
        return svg(id: id, title: title, summary: summary, height: legendTop + 44 + cutNoteHeight(all.count),
                   body + cutNote(drawn: rows.count, of: all.count, top: legendTop + 44))
    }
}

// MARK: - Grouped bars: counts per month

extension Charts {
    struct Series {
        /// On each bar's own title: `PSM-01`.
        let name: String
        /// In the legend: `PSM-01 Rina Hartati`.
        let legend: String
        /// One count per category.
        let values: [Int]
    }

    /// Per category (a month) one bar per series, counted from zero on one scale, each bar
    /// with its number above it.
    static func groupedBars(id: String, title: String, categories: [String], series all: [Series]) -> String {
        guard !categories.isEmpty, !all.isEmpty else { return empty }
        let series = Array(all.prefix(palette.count * 2))
        precondition(series.allSatisfy { $0.values.count == categories.count }, "one count per category")
        let left = 40.0, right = 8.0, top = 16.0, plotHeight = 180.0
        let plotWidth = width - left - right, bottom = top + plotHeight
        let largest = Int64(series.flatMap(\.values).max() ?? 0)
        let tickStep = step(max(largest, 1)), ceiling = roundedUp(max(largest, 1), step: tickStep)
        func y(_ value: Int64) -> Double { bottom - plotHeight * Double(value) / Double(ceiling) }
        var body = ""
        for tick in stride(from: Int64(0), through: ceiling, by: Int(tickStep)) {
            body += rule(left, y(tick), width - right, y(tick)) + text(left - 6, y(tick) + 4, String(tick), anchor: "end", size: 12)
        }
        let groupWidth = plotWidth / Double(categories.count)
        let barWidth = groupWidth * 0.8 / Double(series.count)
        for (c, category) in categories.enumerated() {
            let groupLeft = left + groupWidth * Double(c) + groupWidth * 0.1
            for (s, one) in series.enumerated() {
                let value = Int64(one.values[c]), x = groupLeft + barWidth * Double(s)
                body += rect(x, y(value), barWidth - 1, bottom - y(value), fill: palette[s % palette.count],
                             title: "\(one.name), \(category): \(value) kunjungan", classes: "batang")
                if barWidth >= 12 { body += text(x + barWidth / 2, y(value) - 3, String(value), anchor: "middle", size: 12) }
            }
            body += text(left + groupWidth * (Double(c) + 0.5), bottom + 18, category, anchor: "middle", size: 12)
        }
        body += rule(left, bottom, width - right, bottom, stroke: ink)
        let legendTop = bottom + 32
        body += legend(series.enumerated().map { ($1.legend, palette[$0 % palette.count]) }, top: legendTop)
        let summary = "\(series.count) pendamping, \(categories.first ?? "") s.d. \(categories.last ?? ""); angka lengkap ada di tabel."
        return svg(id: id, title: title, summary: summary, height: legendTop + Double(series.count) * 20 + 4, body)
    }
}

// MARK: - Range bars: a success range from low to high

extension Charts {
    struct RangeBar {
        let label: String
        /// Nil when the group has no grant.
        let lowPermille: Int?
        /// Nil when no outcome of the group is known: no bar is drawn, the text says why.
        let highPermille: Int?
        /// The core's `65,2 % s.d. 82,7 %`.
        let text: String
    }

    static let rangeFill = "#2a6f97", rangeTrack = "#eef1f4"
    static let rangeLeft = 8.0, rangeRight = 16.0
    static var rangeWidth: Double { width - rangeLeft - rangeRight }

    /// Where `permille` (0…1000) of the 0–100 % axis is.
    static func rangeX(_ permille: Int) -> Double { rangeLeft + rangeWidth * Double(min(max(permille, 0), 1000)) / 1000 }

    /// Per row, a label line with the range as the core writes it over a bar from the low end to
    /// the high end on a 0–100 % axis: a range, never one flattering point.
    static func rangeBars(id: String, title: String, rows all: [RangeBar]) -> String {
        guard !all.isEmpty else { return empty }
        let rows = Array(all.prefix(rowsMax))
        let top = 24.0, rowHeight = 44.0, bottom = top + Double(rows.count) * rowHeight
        var body = ""
        for percent in stride(from: 0, through: 100, by: 25) {
            let x = rangeX(percent * 10)
            body += rule(x, top - 4, x, bottom) + text(x, top - 8, "\(percent) %", anchor: percent == 0 ? "start" : percent == 100 ? "end" : "middle", size: 12)
        }
        for (i, row) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            body += text(rangeLeft, y + 16, "\(row.label) · \(row.text)")
            body += rect(rangeLeft, y + 22, rangeWidth, 14, fill: rangeTrack)
            if let low = row.lowPermille, let high = row.highPermille {
                let x = rangeX(low), w = max(rangeX(high) - x, 2)
                body += rect(x, y + 22, w, 14, fill: rangeFill, title: "\(row.label): \(row.text)", classes: "rentang")
            }
        }
        let summary = "Tingkat keberhasilan sebagai rentang, dari angka bawah ke angka atas, untuk \(rows.count) baris; angka lengkap ada di tabel."
        return svg(id: id, title: title, summary: summary, height: bottom + 8 + cutNoteHeight(all.count),
                   body + cutNote(drawn: rows.count, of: all.count, top: bottom + 8))
    }
}

// MARK: - A line with gaps

extension Charts {
    struct LinePoint {
        let label: String
        /// Nil for a month without a report: a gap in the line, not a zero.
        let value: Rupiah?
    }

    static let lineStroke = "#8a3b12"
    static let lineLeft = 72.0, lineRight = 12.0, lineTop = 14.0, lineHeight = 180.0

    /// Where the `index`-th of `count` points is across the plot.
    static func lineX(_ index: Int, of count: Int) -> Double {
        lineLeft + (width - lineLeft - lineRight) * (Double(index) + 0.5) / Double(count)
    }

    /// A line over the points, broken where a value is missing: each run of reported months is a
    /// path of its own, every reported month a dot, and nothing at all for a missing one.
    static func line(id: String, title: String, points: [LinePoint]) -> String {
        let values = points.compactMap(\.value?.amount)
        guard !values.isEmpty else { return empty }
        let bottom = lineTop + lineHeight
        let largest = max(values.max() ?? 0, 1)
        let tickStep = step(largest), ceiling = roundedUp(largest, step: tickStep)
        // Sales are never negative; a negative figure would sit on the axis rather than below the chart.
        func y(_ amount: Int64) -> Double { bottom - lineHeight * Double(max(amount, 0)) / Double(ceiling) }
        var body = ""
        for tick in stride(from: Int64(0), through: ceiling, by: Int(tickStep)) {
            body += rule(lineLeft, y(tick), width - lineRight, y(tick))
                + text(lineLeft - 6, y(tick) + 4, shortRupiah(Rupiah(tick)), anchor: "end", size: 12)
        }
        var runs: [[(x: Double, y: Double)]] = [], run: [(x: Double, y: Double)] = []
        for (i, point) in points.enumerated() {
            guard let value = point.value else {
                if !run.isEmpty { runs.append(run); run = [] }
                continue
            }
            run.append((lineX(i, of: points.count), y(value.amount)))
        }
        if !run.isEmpty { runs.append(run) }
        for segment in runs where segment.count > 1 {
            let d = segment.enumerated().map { "\($0 == 0 ? "M" : "L")\(n($1.x)) \(n($1.y))" }.joined(separator: " ")
            body += "<path class=\"garis\" d=\"\(d)\" fill=\"none\" stroke=\"\(lineStroke)\" stroke-width=\"2.5\"/>"
        }
        let every = max(1, (points.count + 4) / 5)
        for (i, point) in points.enumerated() {
            let x = lineX(i, of: points.count)
            if let value = point.value {
                body += "<circle class=\"titik\" cx=\"\(n(x))\" cy=\"\(n(y(value.amount)))\" r=\"4\" fill=\"\(lineStroke)\">"
                    + "<title>\(escape("\(point.label): \(Format.rupiah(value))"))</title></circle>"
            }
            if i % every == 0 {
                body += text(x, bottom + 18, point.label, anchor: "middle", size: 12)
            }
        }
        body += rule(lineLeft, bottom, width - lineRight, bottom, stroke: ink)
        let missing = points.count - values.count
        let summary = "\(values.count) bulan dengan laporan dari \(points.first?.label ?? "") s.d. \(points.last?.label ?? "")"
            + (missing > 0 ? "; \(missing) bulan tanpa laporan dibiarkan kosong, bukan nol." : ".")
        return svg(id: id, title: title, summary: summary, height: bottom + 30, body)
    }
}

extension Charts {
    /// The year's indicators that are shares, each as its range (a single value is a range of
    /// one point), with its target and whether it was met in the bar's text.
    static func performanceTargets(_ report: Performance, id: String = "grafik-kinerja") -> String {
        rangeBars(id: id, title: "Capaian indikator kinerja \(report.year)", rows: report.rows.compactMap { row in
            guard row.scope == nil, let (low, high) = permilleRange(row.value) else { return nil }
            var text = row.value.text
            if let target = row.target { text += " · target \(target.text)" }
            if let met = row.met { text += " · \(met.label)" }
            return RangeBar(label: row.label, lowPermille: low, highPermille: high, text: text)
        })
    }

    /// The range of grants not returned per equity group; a group too small to show has no bar.
    static func performanceEquity(_ report: Performance, id: String = "grafik-kesetaraan") -> String {
        rangeBars(id: id, title: "Penerima bantuan yang tidak kembali per kelompok \(report.year)", rows: report.rows.compactMap { row in
            guard row.aspect == .equity, row.label == "Penerima bantuan yang tidak kembali", let scope = row.scope else { return nil }
            let (low, high) = permilleRange(row.value) ?? (nil, nil)
            return RangeBar(label: scope, lowPermille: low, highPermille: high,
                            text: row.value == .none ? "tidak ditampilkan (kurang dari \(Rollup.smallestShownGroup) penerima)" : row.value.text)
        })
    }

    /// A share or a range of shares as per mille ends; nil for a figure that is not a share.
    static func permilleRange(_ value: Performance.Quantity) -> (Int?, Int?)? {
        switch value {
        case .permille(let p): (Int(p), Int(p))
        case .range(.permille(let low), .permille(let high)): (Int(low), Int(high))
        case .range(.permille(let low), .none): (Int(low), nil)
        default: nil
        }
    }
}
