import BekalCore
@testable import BekalWeb
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The SVG charts (`Support/Charts.swift`): well-formed, accessible, escaped; a missing month is
/// a gap in the sales line, never a zero; a success range is a bar from its low end to its high
/// end; and each of the five pages carries its chart, the pendamping's with her own visits only.
@Suite struct ChartTests {
    // MARK: - Reading an SVG back

    /// The chart parsed as XML: a chart that is not well-formed fails here.
    static func parse(_ svg: String) throws -> XMLDocument { try XMLDocument(xmlString: svg, options: []) }

    /// The elements named `name` (the SVG namespace left aside), optionally of one class.
    static func elements(_ name: String, class kind: String? = nil, in doc: XMLDocument) throws -> [XMLElement] {
        let filter = kind.map { "[@class='\($0)']" } ?? ""
        return try doc.nodes(forXPath: "//*[local-name()='\(name)']\(filter)").compactMap { $0 as? XMLElement }
    }

    /// An unprefixed attribute (FoundationXML's `attribute(forName:)` misses them on elements in the SVG namespace).
    static func attribute(_ name: String, of element: XMLElement) -> String? {
        element.attributes?.first { $0.localName == name || $0.name == name }?.stringValue
    }

    /// Every `<svg>…</svg>` of a page.
    static func svgs(in body: String) -> [String] {
        body.matches(of: /<svg[\s\S]*?<\/svg>/).map { String($0.output) }
    }

    /// Each chart of a page, parsed, with its `<title>` text.
    static func charts(in body: String) throws -> [(title: String, doc: XMLDocument, text: String)] {
        try svgs(in: body).map { svg in
            let doc = try parse(svg)
            let title = try doc.nodes(forXPath: "/*[local-name()='svg']/*[local-name()='title']").first?.stringValue ?? ""
            return (title, doc, svg)
        }
    }

    static func month(_ year: Int, _ month: Int) -> YearMonth { YearMonth(year: year, month: month)! }

    // MARK: - The drawings

    @Test func everyDrawingIsWellFormedAccessibleAndScalesDown() throws {
        let drawings = [
            Charts.budgetBars(id: "a", title: "Realisasi anggaran", rows: [
                .init(label: "Angkatan 2007", ceiling: Rupiah(200_000_000), used: Rupiah(186_300_000), usedPercentText: "93,2%"),
                .init(label: "Tanpa angkatan", ceiling: nil, used: Rupiah(750_000), usedPercentText: "-"),
            ]),
            Charts.groupedBars(id: "b", title: "Kunjungan", categories: ["Nov 2012", "Des 2012"],
                               series: [.init(name: "PSM-01", legend: "PSM-01 Rina", values: [6, 0])]),
            Charts.rangeBars(id: "c", title: "Rentang", rows: [.init(label: "2007", lowPermille: 652, highPermille: 827, text: "65,2 % s.d. 82,7 %")]),
            Charts.line(id: "d", title: "Penjualan", points: [.init(label: "Jul 2007", value: Rupiah(1_440_000)), .init(label: "Agu 2007", value: nil)]),
        ]
        for (svg, id) in zip(drawings, ["a", "b", "c", "d"]) {
            let doc = try Self.parse(svg)
            let root = try #require(doc.rootElement())
            #expect(root.localName == "svg")
            #expect(Self.attribute("role", of: root) == "img")
            #expect(Self.attribute("style", of: root) == "max-width:100%;height:auto")
            #expect(Self.attribute("viewBox", of: root)?.hasPrefix("0 0 \(Charts.n(Charts.width)) ") == true)
            #expect(Self.attribute("width", of: root) == Charts.n(Charts.width))
            let labelledBy = try #require(Self.attribute("aria-labelledby", of: root))
            let title = try #require(Self.elements("title", in: doc).first)
            #expect(Self.attribute("id", of: title) == labelledBy && labelledBy == "\(id)-judul")
            #expect(try Self.elements("desc", in: doc).count == 1)
        }
    }

    @Test func aMonthWithoutAReportSplitsTheLineAndIsNotDrawnAtZero() throws {
        let months = ["Jul 2007", "Agu 2007", "Sep 2007", "Okt 2007", "Nov 2007"]
        let values: [Int64?] = [1_000_000, 1_200_000, nil, 900_000, 1_100_000]
        let svg = Charts.line(id: "uji", title: "Penjualan", points: zip(months, values).map { .init(label: $0, value: $1.map(Rupiah.init)) })
        let doc = try Self.parse(svg)
        #expect(try Self.elements("path", class: "garis", in: doc).count == 2, "two runs of reported months, two separate lines")
        let dots = try Self.elements("circle", class: "titik", in: doc)
        #expect(dots.count == 4)
        let gapX = Charts.n(Charts.lineX(2, of: 5)), baseline = Charts.n(Charts.lineTop + Charts.lineHeight)
        #expect(!dots.contains { Self.attribute("cx", of: $0) == gapX }, "nothing is drawn for the missing month")
        #expect(!dots.contains { Self.attribute("cy", of: $0) == baseline }, "no point sits on the zero line")
        for path in try Self.elements("path", class: "garis", in: doc) {
            let d = try #require(Self.attribute("d", of: path))
            let xs = d.matches(of: #/[ML](\S+) /#).map { String($0.output.1) }
            #expect(xs.count == 2 && !xs.contains(gapX), "each line joins two months, neither the missing one: \(d)")
        }
        #expect(!svg.contains("Sep 2007: "), "the missing month has no point with a value")
    }

    @Test func aReportedZeroIsDrawnAtZeroAndJoinsTheLine() throws {
        let points: [Charts.LinePoint] = [.init(label: "Jul 2007", value: Rupiah(500_000)), .init(label: "Agu 2007", value: .zero),
                                          .init(label: "Sep 2007", value: Rupiah(400_000))]
        let doc = try Self.parse(Charts.line(id: "nol", title: "Penjualan", points: points))
        #expect(try Self.elements("path", class: "garis", in: doc).count == 1)
        let baseline = Charts.n(Charts.lineTop + Charts.lineHeight)
        #expect(try Self.elements("circle", class: "titik", in: doc).filter { Self.attribute("cy", of: $0) == baseline }.count == 1)
    }

    @Test func aRangeBarRunsFromTheLowEndToTheHighEndInProportion() throws {
        let rows: [Charts.RangeBar] = [
            .init(label: "A", lowPermille: 500, highPermille: 800, text: "50,0 % s.d. 80,0 %"),
            .init(label: "B", lowPermille: 0, highPermille: 1000, text: "0,0 % s.d. 100,0 %"),
            .init(label: "C", lowPermille: 0, highPermille: nil, text: "0,0 % s.d. – (belum ada hasil diketahui)"),
        ]
        let doc = try Self.parse(Charts.rangeBars(id: "r", title: "Rentang", rows: rows))
        let bars = try Self.elements("rect", class: "rentang", in: doc)
        #expect(bars.count == 2, "no bar where no outcome is known: the text says so instead")
        let plot = Charts.width - Charts.rangeLeft - Charts.rangeRight
        #expect(Self.attribute("x", of: bars[0]) == Charts.n(Charts.rangeLeft + plot * 0.5))
        #expect(Self.attribute("width", of: bars[0]) == Charts.n(plot * 0.3))
        #expect(Self.attribute("x", of: bars[1]) == Charts.n(Charts.rangeLeft))
        #expect(Self.attribute("width", of: bars[1]) == Charts.n(plot))
        let texts = try Self.elements("text", in: doc).map { $0.stringValue ?? "" }
        #expect(texts.contains("A · 50,0 % s.d. 80,0 %") && texts.contains("C · 0,0 % s.d. – (belum ada hasil diketahui)"))
    }

    @Test func aLongListIsCutAtTheLimitAndSaysSo() throws {
        let rows = (0...Charts.rowsMax).map { Charts.RangeBar(label: "K-\($0)", lowPermille: 100, highPermille: 900, text: "10 % s.d. 90 %") }
        let svg = Charts.rangeBars(id: "k", title: "Rentang", rows: rows)
        #expect(try Self.elements("rect", class: "rentang", in: Self.parse(svg)).count == Charts.rowsMax)
        #expect(svg.contains("\(Charts.rowsMax) dari \(Charts.rowsMax + 1) baris digambar; semuanya ada di tabel."))
        let whole = Charts.rangeBars(id: "k", title: "Rentang", rows: Array(rows.dropLast()))
        #expect(!whole.contains("baris digambar"))
    }

    @Test func budgetBarsShareOneScaleAndMoneyWithoutACeilingHasNoCeilingBar() throws {
        let doc = try Self.parse(Charts.budgetBars(id: "b", title: "Anggaran", rows: [
            .init(label: "Angkatan 2007", ceiling: Rupiah(200_000_000), used: Rupiah(100_000_000), usedPercentText: "50,0%"),
            .init(label: "Tanpa angkatan", ceiling: nil, used: Rupiah(50_000_000), usedPercentText: "-"),
        ]))
        let ceilings = try Self.elements("rect", class: "pagu", in: doc), used = try Self.elements("rect", class: "realisasi", in: doc)
        #expect(ceilings.count == 1 && used.count == 2)
        let full = Charts.width - 16
        #expect(Self.attribute("width", of: ceilings[0]) == Charts.n(full))
        #expect(used.map { Self.attribute("width", of: $0) } == [Charts.n(full / 2), Charts.n(full / 4)])
        let texts = try Self.elements("text", in: doc).map { $0.stringValue ?? "" }
        #expect(texts.contains("Angkatan 2007 · Rp100 jt dari pagu Rp200 jt (50,0%)"))
    }

    @Test func textIsEscaped() throws {
        let name = "Kue \"Bu Ani\" <Sari> & Putri's"
        let drawings = [
            Charts.rangeBars(id: "e1", title: "Rentang <b>", rows: [.init(label: name, lowPermille: 100, highPermille: 200, text: "10 %")]),
            Charts.line(id: "e2", title: "Penjualan \(name)", points: [.init(label: name, value: Rupiah(1))]),
            Charts.groupedBars(id: "e3", title: "Kunjungan", categories: [name], series: [.init(name: name, legend: name, values: [1])]),
            Charts.budgetBars(id: "e4", title: "Anggaran", rows: [.init(label: name, ceiling: Rupiah(2), used: Rupiah(1), usedPercentText: "50%")]),
        ]
        for svg in drawings {
            let doc = try Self.parse(svg)
            #expect(!svg.contains("<Sari>") && !svg.contains("<b>"))
            #expect(svg.contains("&lt;Sari&gt; &amp; Putri&#39;s"))
            let texts = try (Self.elements("text", in: doc) + Self.elements("title", in: doc)).map { $0.stringValue ?? "" }
            #expect(texts.contains { $0.contains(name) }, "the name reads back as it was written")
        }
    }

    @Test func noDataIsASentenceNotABrokenChart() {
        let drawings = [
            Charts.budgetBars(id: "x", title: "Anggaran", rows: []),
            Charts.groupedBars(id: "x", title: "Kunjungan", categories: [], series: []),
            Charts.groupedBars(id: "x", title: "Kunjungan", categories: ["Nov 2012"], series: []),
            Charts.rangeBars(id: "x", title: "Rentang", rows: []),
            Charts.line(id: "x", title: "Penjualan", points: []),
            Charts.line(id: "x", title: "Penjualan", points: [.init(label: "Jul 2007", value: nil)]),
        ]
        for svg in drawings {
            #expect(svg.contains("Belum ada data") && !svg.contains("<svg"))
        }
    }

    @Test func shortMoneyLabelsRoundInIntegers() {
        let cases: [(Int64, String)] = [
            (1_500_000, "Rp1,5 jt"), (186_300_000, "Rp186,3 jt"), (200_000_000, "Rp200 jt"), (750_000, "Rp750 rb"),
            (1_250_000_000, "Rp1,3 M"), (999_960, "Rp1 jt"), (500, "Rp500"), (0, "Rp0"), (-1_500_000, "-Rp1,5 jt"),
            (12_345_678_901_234_567, "Rp12.345,7 T"), (Int64.max, "Rp9.223.372 T"),
        ]
        for (amount, text) in cases { #expect(Charts.shortRupiah(Rupiah(amount)) == text, "\(amount)") }
    }

    @Test func aVisitSeriesKeepsOnlyTheWorkersItIsGivenAndCountsAnEmptyMonthAsZero() throws {
        let rina = AftercareWorker(id: 1, code: "PSM-01", name: "Rina"), sari = AftercareWorker(id: 2, code: "PSM-02", name: "Sari")
        let counts = [WorkerMonthCount(workerID: 1, month: Self.month(2012, 11), visits: 6),
                      WorkerMonthCount(workerID: 2, month: Self.month(2012, 11), visits: 9),
                      WorkerMonthCount(workerID: 1, month: Self.month(2012, 1), visits: 4)]
        let asOf = try #require(LocalDate(year: 2013, month: 1, day: 2))
        #expect(MonthlyVisits.firstDay(months: 6, asOf: asOf) == LocalDate(year: 2012, month: 8, day: 1))
        let own = MonthlyVisits.build(counts: counts, workers: [rina], months: 6, asOf: asOf)
        #expect(own.months == [Self.month(2012, 8), Self.month(2012, 9), Self.month(2012, 10), Self.month(2012, 11),
                               Self.month(2012, 12), Self.month(2013, 1)])
        #expect(own.workers.map(\.code) == ["PSM-01"])
        #expect(own.workers[0].visits == [0, 0, 0, 6, 0, 0], "another worker's 9 and a month outside the window are left out")
        let svg = Charts.visits(own)
        #expect(svg.contains("PSM-01, Nov 2012: 6 kunjungan") && svg.contains("PSM-01, Des 2012: 0 kunjungan"))
        #expect(!svg.contains("PSM-02"))
        let both = MonthlyVisits.build(counts: counts, workers: [rina, sari], months: 6, asOf: asOf)
        #expect(both.table.rows[3] == [.text("2012-11"), .integer(6), .integer(9)])
    }

    // MARK: - On the pages

    /// Visits by `worker` in `month` (`2012-11`), counted in the database, not by the code under test.
    static func visits(_ f: WebFixture, worker: String?, month: String) throws -> Int {
        let who = worker.map { " AND w.code = '\($0)'" } ?? ""
        return try f.count("SELECT count(*) FROM visit v JOIN worker w ON w.id = v.worker_id WHERE substr(v.visit_date, 1, 7) = '\(month)'\(who)")
    }

    static let demoMonths = [("2012-08", "Agu 2012"), ("2012-09", "Sep 2012"), ("2012-10", "Okt 2012"), ("2012-11", "Nov 2012"),
                             ("2012-12", "Des 2012"), ("2013-01", "Jan 2013")]

    @Test func theBendaharaHomeDrawsBudgetUsePerCohort() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            let page = try await browser.get("/")
            #expect(page.status == .ok)
            #expect(page.body.contains("<figure class=\"chart\" style=\"margin:1rem 0\"><svg"))
            let chart = try #require(try Self.charts(in: page.body).first { $0.title == "Realisasi anggaran per angkatan" })
            for cohort in ["2007", "2008", "2009", "2010"] { #expect(chart.text.contains("Angkatan \(cohort) · "), "\(cohort)") }
            #expect(chart.text.contains("Angkatan 2007 · Rp186,3 jt dari pagu Rp200 jt (93,2%)"))
            // Four cohorts and the 2012 stand, which names no cohort; the Jumlah line is the table's, not a bar.
            #expect(try Self.elements("rect", class: "realisasi", in: chart.doc).count == 5, "the Jumlah line is the table's, not a bar")
            #expect(page.body.contains("Realisasi Anggaran per Angkatan"), "the table stays beside the chart")
        }
    }

    @Test func theAdminHomeDrawsTheSuccessRangesAndEveryPendampingsVisits() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("admin")
            let page = try await browser.get("/")
            #expect(page.status == .ok)
            let charts = try Self.charts(in: page.body)
            let ranges = try #require(charts.first { $0.title == "Rentang tingkat keberhasilan per angkatan" })
            #expect(ranges.text.contains("Angkatan 2007 · 65,2 % s.d. 82,7 %"))
            #expect(try Self.elements("rect", class: "rentang", in: ranges.doc).count == 4)
            let visits = try #require(charts.first { $0.title == "Kunjungan per bulan per pendamping" })
            for worker in ["PSM-01", "PSM-02", "PSM-03", "PSM-04"] {
                for (key, label) in Self.demoMonths {
                    let n = try Self.visits(f, worker: worker, month: key)
                    #expect(visits.text.contains("\(worker), \(label): \(n) kunjungan"), "\(worker) \(label)")
                }
            }
            #expect(page.body.contains("Kunjungan per bulan per pendamping</caption>"), "the numbers are in a table too")
            #expect(page.body.contains(">November 2012</td>"))
        }
    }

    @Test func thePendampingsChartCountsHerOwnVisitsOnly() async throws {
        let f = try WebFixture()
        // The test could not tell hers from everyone's if nobody else had visited in those months.
        let others = try Self.demoMonths.reduce(0) { $0 + (try Self.visits(f, worker: nil, month: $1.0)) - (try Self.visits(f, worker: "PSM-01", month: $1.0)) }
        #expect(others > 0)
        try await f.test { browser in
            try await browser.login("pendamping1")
            let page = try await browser.get("/")
            #expect(page.status == .ok)
            let chart = try #require(try Self.charts(in: page.body).first { $0.title == "Kunjungan saya per bulan" })
            let bars = try Self.elements("rect", class: "batang", in: chart.doc)
            #expect(bars.count == Self.demoMonths.count, "one bar a month: hers")
            for (key, label) in Self.demoMonths {
                let n = try Self.visits(f, worker: "PSM-01", month: key)
                #expect(chart.text.contains("PSM-01, \(label): \(n) kunjungan"), "\(label)")
            }
            for other in ["PSM-02", "PSM-03", "PSM-04"] { #expect(!page.body.contains(other), "\(other)") }
        }
    }

    @Test func theOutcomePageDrawsTheRangesOfTheGroupingShown() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("admin")
            let cohorts = try await browser.get("/hasil?per=angkatan")
            let byCohort = try #require(try Self.charts(in: cohorts.body).first)
            #expect(byCohort.title == "Rentang tingkat keberhasilan per angkatan")
            #expect(byCohort.text.contains("Angkatan 2010 · "))
            let tracks = try await browser.get("/hasil?per=jalur")
            let byTrack = try #require(try Self.charts(in: tracks.body).first)
            #expect(byTrack.title == "Rentang tingkat keberhasilan per jurusan")
            #expect(!byTrack.text.contains("Angkatan 2010"))
            #expect(try Self.elements("rect", class: "rentang", in: byTrack.doc).count >= 2)
            let refused = try await browser.get("/hasil?per=bulan")
            #expect(refused.status == .unprocessableContent && Self.svgs(in: refused.body).isEmpty, "no report read, no chart")
        }
    }

    @Test func theBusinessPageDrawsItsSalesWithGapsForMonthsWithoutAReport() async throws {
        let f = try WebFixture(configuration: .admin())
        try await f.test { browser in
            try await browser.login("koperasi")
            let page = try await browser.get("/usaha/U-0001")
            #expect(page.status == .ok)
            let chart = try #require(try Self.charts(in: page.body).first)
            #expect(chart.title == "Penjualan per bulan U-0001")
            // The demo's U-0001 reported Jul, Aug and Sep 2007, then Dec 2007: Oct and Nov are a gap.
            #expect(chart.text.contains("Jul 2007: Rp1.440.000") && chart.text.contains("Des 2007: Rp4.095.000"))
            #expect(!chart.text.contains("Okt 2007: ") && !chart.text.contains("Nov 2007: "))
            #expect(try Self.elements("path", class: "garis", in: chart.doc).count == 1, "only Jul–Sep 2007 are consecutive months")
            #expect(try Self.elements("circle", class: "titik", in: chart.doc).count == 8, "one dot per reported month")
            #expect(page.body.contains(">Juli 2007</td>"), "the table of sales stays")
        }
    }
}
