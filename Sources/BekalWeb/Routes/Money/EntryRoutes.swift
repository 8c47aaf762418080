import BekalCore
import Foundation
import HTTPTypes
import BekalPDF
import Hummingbird

/// `/jurnal/{id}`: one entry with its postings, and `/jurnal/{id}/batal`: its reversal. An
/// entry is never edited; a mistake is undone by a reversal that points at it, once. A grant's
/// entry gives its kuitansi as a PDF (`/jurnal/{id}/kuitansi.pdf`), an equipment issue its BAST
/// (`/jurnal/{id}/bast.pdf`).
extension WebApp {
    static let reversalFields: Set<String> = ["reason", "date"]

    func addEntryRoutes(to doors: Doors) {
        let books = doors.permitted(ViewBooks.self), reversals = doors.permitted(ReverseEntries.self)
        books.get("/jurnal/:id") { _, context in
            let id = try Self.entryID(context)
            var data = try entryDetail(id)
            data["mayReverse"] = context.user.may(.reverseEntries) && data["reversible"] as? Bool == true
            return views.page("jurnal-entri", title: "Entri #\(id)", context: context, data: data)
        }

        // The grant's kuitansi, an A4 PDF for her to sign (audited: it names her).
        books.get("/jurnal/:id/kuitansi.pdf") { _, context in
            let id = try Self.entryID(context)
            let number = try operations.store.read { tx -> String in
                guard let entry = try tx.entry(id: id), entry.kind == .grant, let ref = entry.documentRef else { throw WebDenial.notFound }
                return ref
            }
            let kuitansi = try Self.notFoundIfMissing { try operations.kuitansi(number: number, context: self.context(context.user)) }
            return try pdfDownload(named: kuitansi.fileName) { try KuitansiPDF.write(kuitansi, to: $0) }
        }

        // An equipment issue's BAST, for the kelompok's members to sign (audited: it names them).
        books.get("/jurnal/:id/bast.pdf") { _, context in
            let id = try Self.entryID(context)
            let bast = try Self.notFoundIfMissing { try operations.beritaAcaraSerahTerima(entryID: id, context: self.context(context.user)) }
            return try pdfDownload(named: bast.fileName) { try BASTPDF.write(bast, to: $0) }
        }

        reversals.get("/jurnal/:id/batal") { _, context in
            let id = try Self.entryID(context)
            let form = MoneyForm(fields: Self.reversalFields, values: ["date": try today().description])
            return try reversalPage(id, form: form, context: context)
        }

        reversals.post("/jurnal/:id/batal") { _, context in
            let id = try Self.entryID(context)
            var form = MoneyForm(fields: Self.reversalFields, form: context.form)
            let date = form.date()
            guard form.isValid else { return try reversalPage(id, form: form, context: context, status: .unprocessableContent) }
            if Confirmation.editing(context.form) { return try reversalPage(id, form: form, context: context) }
            if !Confirmation.confirmed(context.form) {
                do {
                    // The core's rule for the reason, at once: there is nothing to confirm without one.
                    try Operations.checkReversalReason(form["reason"] ?? "")
                } catch let failure as any BekalFailure {
                    form.refuse(failure)
                    return try reversalPage(id, form: form, context: context, status: .unprocessableContent)
                }
                let entry = try entryDetail(id)
                var confirmation = Confirmation(
                    action: "/jurnal/\(id)/batal",
                    question: "Balik entri #\(id) (\(entry["amount"] ?? ""), \(entry["memo"] ?? ""))?",
                    values: Confirmation.values(context.form, Self.reversalFields), yes: "Ya, balik entri #\(id)", cancel: "/jurnal/\(id)")
                confirmation.facts = [
                    ("Entri", "#\(id) · \(entry["date"] ?? "")\(entry["ref"].map { " · bukti \($0)" } ?? "")"),
                    ("Alasan", form["reason"] ?? ""),
                    ("Tanggal pembalikan", try Format.date(date ?? today())),
                    ("Akibatnya", "Entri pembalik dengan jumlah yang sama dicatat; entri #\(id) tetap ada di buku dan ditandai dibalik."),
                ]
                return confirmationPage(confirmation, title: "Periksa pembalikan", context: context)
            }
            do {
                let result = try operations.reverse(entryID: id, reason: form["reason"] ?? "", date: date, context: self.context(context.user))
                context.setFlash(result.isReplay
                    ? "Entri #\(id) sudah dibalik oleh entri #\(result.entry.id) dengan alasan yang sama; tidak ada yang berubah."
                    : "Entri #\(id) dibalik oleh entri #\(result.entry.id).")
                return Response.seeOther("/jurnal/\(id)")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try reversalPage(id, form: form, context: context, status: .unprocessableContent)
            }
        }
    }

    static func entryID(_ context: some RequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else { throw WebDenial.notFound }
        return id
    }

    /// The entry as the pages show it; a missing entry is a 404.
    func entryDetail(_ id: Int64) throws -> [String: Any] {
        let settings = try operations.settings()
        return try operations.store.read { tx -> [String: Any] in
            guard let entry = try tx.entry(id: id), let book = try tx.book(id: entry.bookID) else { throw WebDenial.notFound }
            let reversedBy = try tx.reversalID(of: id)
            let postings = try entry.postings.map { posting -> [String: Any] in
                let account = try tx.account(id: posting.accountID)
                var row: [String: Any] = [
                    "account": account.map { "\($0.code) \($0.name)" } ?? "#\(posting.accountID)",
                    "debit": posting.amount.isPositive ? Format.rupiah(posting.amount) : "",
                    "credit": posting.amount.isPositive ? "" : Format.rupiah(posting.amount.negated),
                ]
                let slices = try Self.slices(posting.dimensions, in: tx)
                if !slices.isEmpty { row["slices"] = slices }
                return row
            }
            var data: [String: Any] = [
                "id": entry.id, "date": Format.date(entry.valueDate), "kind": EntryView.kindLabel(entry.kind),
                "memo": entry.memo, "book": "\(book.code) · \(book.name)", "actor": entry.actor,
                "recordedAt": EntryView.recorded(entry.recordedAt, timeZone: settings.timeZoneIdentifier),
                "postings": postings,
                "amount": Format.rupiah(EntryView.amount(entry)),
                "reversible": reversedBy == nil && entry.reversesEntryID == nil,
            ]
            if let ref = entry.documentRef { data["ref"] = ref }
            if entry.kind == .grant, entry.documentRef != nil { data["kuitansi"] = "/jurnal/\(entry.id)/kuitansi.pdf" }
            if entry.kind == .equipmentIssue { data["bast"] = "/jurnal/\(entry.id)/bast.pdf" }
            if entry.kind == .equipmentPurchase, let documents = try tx.purchaseDocuments(entryID: entry.id) {
                if let supplier = documents.supplier { data["supplier"] = supplier }
                if let invoice = documents.invoiceNumber { data["invoice"] = invoice }
                if let report = documents.receiptReport { data["receiptReport"] = report }
            }
            if let reverses = entry.reversesEntryID { data["reverses"] = reverses }
            if let reversedBy { data["reversedBy"] = reversedBy }
            if let linked = entry.linkedEntryID { data["linked"] = linked }
            return data
        }
    }

    /// `penerima B-00012 · angkatan 2007 · tahun anggaran 2007`: the posting's dimensions, by code.
    static func slices(_ d: Dimensions, in tx: any StoreTransaction) throws -> String {
        var parts: [String] = []
        if let id = d.beneficiaryID { parts.append("penerima \(Beneficiary.code(for: id))") }
        if let id = d.kelompokID { parts.append("kelompok \(Kelompok.code(for: id))") }
        if let id = d.usahaID { parts.append("usaha \(Usaha.code(for: id))") }
        if let id = d.cohortID { parts.append("angkatan \(try tx.cohort(id: id)?.code ?? "?")") }
        if let year = d.budgetYear { parts.append("tahun anggaran \(year)") }
        return parts.joined(separator: " · ")
    }

    private func reversalPage(_ id: Int64, form: MoneyForm, context: some PageContext,
                              status: HTTPResponse.Status = .ok) throws -> Response {
        var data = form.data
        data["entry"] = try entryDetail(id)
        return views.page("jurnal-batal", title: "Balik entri #\(id)", context: context, data: data, status: status)
    }
}

extension WebApp {
    /// A PDF written into the scratch folder by `write`, sent as an attachment, and removed.
    func pdfDownload(named name: String, _ write: (String) throws -> Void) throws -> Response {
        try FileManager.default.createDirectory(at: configuration.scratchFolder, withIntermediateDirectories: true)
        let file = configuration.scratchFolder.appendingPathComponent("bekal-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        try write(file.path)
        var headers = HTTPFields()
        headers[.contentType] = "application/pdf"
        headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try Data(contentsOf: file))))
    }
}
