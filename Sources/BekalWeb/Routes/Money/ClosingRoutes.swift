import BekalCore
import Foundation
import HTTPTypes
import BekalPDF
import Hummingbird

/// `/tutup-buku`: close the office's book through a month after the monthly SPJ. Closing is
/// cumulative (every month up to it) and final: entries dated in a closed month are refused.
/// A closed month's berita acara penutupan kas is its PDF (`/tutup-buku/{YYYY-MM}/berita-acara.pdf`).
extension WebApp {
    static let closingFields: Set<String> = ["month"]

    func addClosingRoutes(to doors: Doors) {
        let closing = doors.permitted(CloseMonth.self)
        // A closed month's berita acara penutupan kas, with the closing's seal, as a PDF to sign.
        doors.permitted(ViewBooks.self).get("/tutup-buku/:month/berita-acara.pdf") { _, context in
            guard let month = try? YearMonth.parse(context.parameters.get("month") ?? "", field: .month) else { throw WebDenial.notFound }
            let report: BeritaAcaraPenutupanKas
            do { report = try operations.beritaAcaraPenutupanKas(month: month) } catch ProgrammeRejection.monthNotClosed { throw WebDenial.notFound }
            return try pdfDownload(named: report.fileName) { try PenutupanKasPDF.write(report, to: $0) }
        }

        closing.get("/tutup-buku") { _, context in
            let (through, today) = (try closedThrough(), try today())
            let lastMonth = today.yearMonth.firstDay.adding(days: -1).yearMonth
            let suggested = through.map { $0 >= lastMonth ? $0.lastDay.adding(days: 1).yearMonth : lastMonth } ?? lastMonth
            let form = MoneyForm(fields: Self.closingFields, values: ["month": suggested.description])
            return try closingPage(form, context: context)
        }

        closing.post("/tutup-buku") { _, context in
            var form = MoneyForm(fields: Self.closingFields, form: context.form)
            let month = form.parse("month") { try YearMonth.parse($0, field: .month) }
            if month == nil && form.isValid {
                form.refuse(InputError(.month, input: "", .empty))
            }
            guard let month, form.isValid else { return try closingPage(form, context: context, status: .unprocessableContent) }
            do {
                if Confirmation.editing(context.form) { return try closingPage(form, context: context) }
                if !Confirmation.confirmed(context.form) {
                    // What it would lock, from the core's own plan of the closing (nothing written).
                    let plan = try operations.previewClosing(month, context: self.context(context.user))
                    var confirmation = Confirmation(
                        action: "/tutup-buku", question: "Tutup Buku Kantor sampai dengan \(Format.month(plan.through))?",
                        values: Confirmation.values(context.form, Self.closingFields), yes: "Ya, tutup buku", cancel: "/tutup-buku")
                    confirmation.facts = [
                        ("Yang dikunci", Self.closingText(plan)),
                        ("Tidak dapat dibatalkan", "Sesudah ditutup, entri bertanggal pada atau sebelum \(Format.date(plan.through.lastDay)) ditolak; "
                            + "kesalahan di bulan itu dibetulkan dengan entri bertanggal sesudahnya."),
                    ]
                    return confirmationPage(confirmation, title: "Periksa penutupan buku", context: context)
                }
                guard let key = configuration.sealKey else {
                    form.add(Refusal(field: "month", message: "Buku belum dapat ditutup: kunci segel kantor tidak tersedia di server ini. Minta admin menjalankan `bekal seal` sekali, lalu mulai ulang aplikasi web."))
                    return try closingPage(form, context: context, status: .unprocessableContent)
                }
                let closing = try operations.closeMonth(month, sealingWith: key, context: self.context(context.user))
                var flash = Self.closingText(closing)
                if let seal = closing.seal { flash += " Segel: \(seal.shortForm) — salin ke laporan penutupan bulan ini." }
                context.setFlash(flash)
                return Response.seeOther("/tutup-buku")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try closingPage(form, context: context, status: .unprocessableContent)
            }
        }
    }

    /// What a closing locked, in the officer's words.
    static func closingText(_ c: MonthClosing) -> String {
        let months = c.months.count == 1 ? Format.month(c.months[0])
            : "\(Format.month(c.months.first!)) s.d. \(Format.month(c.months.last!)) (\(c.months.count) bulan)"
        let entries = c.entryCount == 0 ? "tanpa entri" : "\(c.entryCount) entri bertanggal \(Format.date(c.firstEntryDate!)) s.d. \(Format.date(c.lastEntryDate!))"
        return "Buku Kantor ditutup sampai dengan \(Format.month(c.through)): terkunci \(months), \(entries). "
            + "Entri bertanggal pada atau sebelum \(Format.date(c.through.lastDay)) kini ditolak."
    }

    func closedThrough() throws -> YearMonth? {
        try operations.store.read { tx in
            guard let book = try tx.book(code: Book.officeCode) else { throw ProgrammeRejection.notInitialised }
            return try tx.closedThrough(bookID: book.id)
        }
    }

    private func closingPage(_ form: MoneyForm, context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        var data = form.data
        if let through = try closedThrough() {
            data["closedThrough"] = Format.month(through)
            data["closingReport"] = "/tutup-buku/\(through)/berita-acara.pdf"
        }
        return views.page("tutup-buku", title: "Tutup buku bulanan", context: context, data: data, status: status)
    }
}
