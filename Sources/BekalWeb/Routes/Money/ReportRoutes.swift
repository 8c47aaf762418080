import BekalCore
import BekalPDF
import Foundation
import HTTPTypes
import Hummingbird

/// `/laporan`: the finance reports, each computed once by the core as a ``Table`` and shown
/// with the `table` partial. A bad filter (a date that is not a date, an account that does
/// not exist) shows the page again with the refusal next to the filter, status 422.
extension WebApp {
    /// A report's filter field: a date, or a choice from a list.
    struct ReportFilter {
        let name: String
        let label: String
        var choices: [(value: String, label: String)]? = nil
        /// The first entry of a select, meaning "no filter"; nil: a choice is required.
        var any: String? = nil
    }

    /// A report of the index: its path, title, what it shows, and the finance workbook's sheet
    /// that holds the same rows (for the CSV download), if any.
    static let moneyReports: [(slug: String, title: String, about: String, sheet: String?)] = [
        ("neraca-saldo", "Neraca saldo", "Saldo setiap akun di setiap buku.", "Neraca Saldo"),
        ("buku-kas", "Buku kas umum (BKU): kas tunai", "Penerimaan dan pengeluaran kas tunai, nomor BKU per bulan, saldo berjalan.", "BKU Kas Tunai"),
        ("buku-bank", "Buku kas umum (BKU): bank", "Penerimaan dan pengeluaran rekening bank bendahara, nomor BKU per bulan, saldo berjalan.", "BKU Bank"),
        ("buku-besar", "Buku besar", "Posting satu akun dengan saldo awal, saldo berjalan dan saldo akhir.", "Buku Besar"),
        ("hibah", "Register bantuan modal kerja", "Setiap hibah yang dibayar, bukti, angkatan dan statusnya.", "Register Bantuan"),
        ("peralatan", "Register bantuan peralatan", "Peralatan yang diserahkan per kelompok, dengan anggota pada tanggal itu.", "Register Peralatan"),
        ("peralatan-posisi", "Posisi peralatan", "Di mana setiap barang sekarang: gudang kantor dan setiap kelompok, dengan kondisi terakhir dari kunjungan.", "Posisi Peralatan"),
        ("peralatan-rusak", "Peralatan rusak atau hilang", "Barang yang dilaporkan rusak atau hilang pada kunjungan dan belum diperbaiki, ditarik, dimutasi atau dihapus.", nil),
        ("stock-opname", "Hasil stock opname", "Hasil hitung fisik peralatan dibandingkan dengan register, per tempat dan barang.", "Stock Opname"),
        ("realisasi", "Realisasi anggaran per angkatan", "Pagu, hibah, peralatan, pendampingan dan sisa per angkatan.", nil),
        ("anggaran", "Realisasi anggaran per sumber dana", "Pagu setiap mata anggaran DPA, dana diterima, realisasi dan sisa, per sumber dana dan angkatan.",
         "Realisasi Anggaran"),
    ]

    func addMoneyReportRoutes(to doors: Doors) {
        let books = doors.permitted(ViewBooks.self)
        books.get("/laporan") { _, context in
            let reports = Self.moneyReports.map { ["slug": $0.slug, "title": $0.title, "about": $0.about] }
            return views.page("laporan", title: "Laporan keuangan", context: context,
                              data: ["reports": reports, "mayDownload": context.user.may(.downloadKeuangan)])
        }

        books.get("/laporan/neraca-saldo") { request, context in
            try report("neraca-saldo", request: request, context: context, filters: []) { _, tx in
                try TrialBalance.build(from: tx).table
            }
        }

        books.get("/laporan/buku-kas") { request, context in
            try report("buku-kas", request: request, context: context, filters: Self.periodFilters,
                       defaults: try thisMonth(request)) { form, tx in
                let (from, to) = try Self.period(form)
                return try CashBook.build(CashBook.Request(from: from, to: to, subBook: .cash), in: tx).table
            }
        }

        books.get("/laporan/buku-bank") { request, context in
            try report("buku-bank", request: request, context: context, filters: Self.periodFilters,
                       defaults: try thisMonth(request)) { form, tx in
                let (from, to) = try Self.period(form)
                return try CashBook.build(CashBook.Request(from: from, to: to, subBook: .bank), in: tx).table
            }
        }

        // A month's Buku Kas Umum, cash and bank together, as the PDF the bendahara submits
        // (`/laporan/bku/2012-11.pdf`); a month that is not one, or is still to come, is not found.
        books.get("/laporan/bku/:file") { _, context in
            let file = context.parameters.get("file") ?? ""
            guard file.hasSuffix(".pdf"), let month = try? YearMonth.parse(String(file.dropLast(4)), field: .month),
                  month <= (try today()).yearMonth else { throw WebDenial.notFound }
            let bku = try operations.bukuKasUmum(month: month)
            return try pdfDownload(named: bku.fileName()) { try BKUPDF.write(bku, to: $0) }
        }

        books.get("/laporan/buku-besar") { request, context in
            let accounts = try operations.store.read { tx -> [Account] in
                guard let book = try tx.book(code: Book.officeCode) else { throw ProgrammeRejection.notInitialised }
                return try tx.accounts(bookID: book.id)
            }
            let filters = [ReportFilter(name: "akun", label: "Akun", choices: accounts.map { ($0.code, "\($0.code) \($0.name)") })]
                + Self.periodFilters
            let cash = accounts.first { $0.role == .cash }?.code ?? accounts.first?.code ?? ""
            return try report("buku-besar", request: request, context: context, filters: filters,
                              defaults: try thisMonth(request).merging(["akun": cash]) { a, _ in a }) { form, tx in
                let (from, to) = try Self.period(form)
                return try GeneralLedger.build(GeneralLedger.Request(accountCode: form["akun"] ?? cash, from: from, to: to), in: tx).table
            }
        }

        books.get("/laporan/hibah") { request, context in
            let cohorts = try operations.store.read { tx in try tx.cohorts() }
            let filters = [ReportFilter(name: "angkatan", label: "Angkatan", choices: cohorts.map { ($0.code, "\($0.code) · \($0.name)") },
                                        any: "Semua angkatan")]
            return try report("hibah", request: request, context: context, filters: filters) { form, tx in
                try GrantRegister.build(cohort: form["angkatan"], in: tx).table
            }
        }

        books.get("/laporan/peralatan") { request, context in
            let kelompoks = try operations.store.read { tx in try tx.kelompoks() }
            let filters = [ReportFilter(name: "kelompok", label: "Kelompok", choices: kelompoks.map { ($0.code, "\($0.code) · \($0.name)") },
                                        any: "Semua kelompok")]
            return try report("peralatan", request: request, context: context, filters: filters) { form, tx in
                try EquipmentRegister.build(kelompok: form["kelompok"], in: tx).table
            }
        }

        books.get("/laporan/peralatan-posisi") { request, context in
            let items = try operations.store.read { tx in try tx.equipmentItems() }
            let filters = [ReportFilter(name: "barang", label: "Barang", choices: items.map { ($0.code, $0.name) }, any: "Semua barang")]
            return try report("peralatan-posisi", request: request, context: context, filters: filters) { form, tx in
                try EquipmentWhereabouts.build(item: form["barang"], in: tx).table
            }
        }

        books.get("/laporan/peralatan-rusak") { request, context in
            let today = try today()
            return try report("peralatan-rusak", request: request, context: context, filters: []) { _, tx in
                try BrokenEquipmentWork.build(asOf: today, in: tx).table
            }
        }

        books.get("/laporan/stock-opname") { request, context in
            let refs = try operations.store.read { tx in
                var seen: [String] = []
                for line in try tx.equipmentCounts(countRef: nil) where !seen.contains(line.countRef) { seen.append(line.countRef) }
                return seen
            }
            let filters = [ReportFilter(name: "nomor", label: "Nomor BA", choices: refs.map { ($0, $0) }, any: "Semua stock opname")]
            return try report("stock-opname", request: request, context: context, filters: filters) { form, tx in
                try StockTakeReport.build(countRef: form["nomor"], in: tx).table
            }
        }

        books.get("/laporan/anggaran") { request, context in
            // The years of the DPA lines, and those of the cohorts, whose money is booked against none.
            let years = try operations.store.read { tx in
                Set(try tx.budgetLines(year: nil).map(\.year) + (try tx.cohorts().compactMap(\.budgetYear))).sorted(by: >)
            }
            let filters = [ReportFilter(name: "tahun", label: "Tahun anggaran", choices: years.map { (String($0), String($0)) },
                                        any: "Tahun terakhir")]
            let today = try today()
            return try report("anggaran", request: request, context: context, filters: filters) { form, tx in
                let year = try form["tahun"].flatMap { $0.isEmpty ? nil : $0 }.map { text in
                    guard let year = Int(text) else { throw InputError(.option("tahun"), input: text, .notAWholeNumber) }
                    return year
                }
                return try BudgetLineUse.build(year: year, today: today, in: tx).table
            }
        }

        books.get("/laporan/realisasi") { request, context in
            try report("realisasi", request: request, context: context, filters: []) { _, tx in
                try BudgetUse.build(in: tx).table
            }
        }
    }

    static let periodFilters = [ReportFilter(name: "dari", label: "Dari tanggal"), ReportFilter(name: "sampai", label: "Sampai tanggal")]

    /// A book opened from the menu (no filter in its address) shows the current month, from its
    /// first day to today; a filter the officer chose, even an empty one, is kept as she chose it.
    func thisMonth(_ request: Request) throws -> [String: String] {
        guard (request.uri.query ?? "").isEmpty else { return [:] }
        let today = try today()
        return ["dari": today.yearMonth.firstDay.description, "sampai": today.description]
    }

    /// Where the core's refusals about a report's inputs go on the filter form.
    static let reportAliases = ["from": "dari", "to": "sampai", "account": "akun", "cohort": "angkatan", "item": "barang", "countRef": "nomor"]

    /// `dari` and `sampai` with the core's date parser; a bad one is an InputError for `from`/`to`.
    static func period(_ form: MoneyForm) throws -> (LocalDate?, LocalDate?) {
        (try form["dari"].map { try LocalDate.parse($0, field: .periodStart) }, try form["sampai"].map { try LocalDate.parse($0, field: .periodEnd) })
    }

    /// Reads the filter, builds the table in one read transaction, renders it; a refusal
    /// (a malformed date, an unknown code) renders the page with the message and status 422.
    func report(_ slug: String, request: Request, context: Permitted<ViewBooks>, filters: [ReportFilter], defaults: [String: String] = [:],
                build: (MoneyForm, any StoreTransaction) throws -> Table) throws -> Response {
        let user = context.user
        guard let spec = Self.moneyReports.first(where: { $0.slug == slug }) else { throw WebDenial.notFound }
        var form = MoneyForm(fields: Set(filters.map(\.name)), query: { request.uri.queryParameters.get($0) })
        form.aliases = Self.reportAliases
        for (name, value) in defaults where form[name] == nil { form.values[name] = value }
        var table: Table?
        do {
            let filled = form
            table = try operations.store.read { tx in try CodeNames(tx).named(try build(filled, tx)) }
        } catch let failure as any BekalFailure {
            form.refuse(failure)
        }
        var data = form.data
        data["filters"] = filters.map { filter -> [String: Any] in
            var row: [String: Any] = ["name": filter.name, "label": filter.label, "value": form[filter.name] ?? "",
                                      "isSelect": filter.choices != nil]
            if let choices = filter.choices {
                row["choices"] = MoneyForm.options(choices, selected: form[filter.name])
                if let any = filter.any { row["any"] = any }
            }
            if let error = form.errors[filter.name] { row["error"] = error }
            return row
        }
        data["hasFilters"] = !filters.isEmpty
        if let table { data["report"] = TableView.data(table) }
        if let sheet = spec.sheet, table != nil, user.may(.downloadKeuangan) {
            var query = ["lembar=\(slug)"]
            for name in ["dari", "sampai"] { if let value = form[name] { query.append("\(name)=\(FormData.encode(value))") } }
            data["csv"] = "/unduh/keuangan.csv?" + query.joined(separator: "&")
            data["csvSheet"] = sheet
        }
        // The cash books print the month they show (the month of `dari`, or this month) as the BKU PDF.
        if slug == "buku-kas" || slug == "buku-bank", table != nil {
            let month = try form["dari"].flatMap { try? LocalDate.parse($0, field: .periodStart) }?.yearMonth ?? today().yearMonth
            data["bkuPDF"] = "/laporan/bku/\(month).pdf"
            data["bkuMonth"] = Format.month(month)
        }
        return views.page("laporan-tabel", title: spec.title, context: context, data: data,
                          status: table == nil ? .unprocessableContent : .ok)
    }
}
