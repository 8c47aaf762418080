import BekalCore
import BekalPDF
import Foundation
import HTTPTypes
import Hummingbird

/// `/daftar-penerima`: recipient lists, maker-checker, as `bekal list` does them. The admin
/// drafts a cohort's list (`/daftar-penerima/baru`); the head of office (or another officer who
/// may approve, never the drafter) approves it with the SK; the bendahara pays the whole list
/// at once, each line under its own kuitansi number, so a run stopped halfway is finished by
/// running it again. Every step that cannot be undone is confirmed first. The list's page shows
/// who is paid, who not yet, and what holds a line back; its daftar penerima is a PDF to sign.
extension WebApp {
    static let draftListFields: Set<String> = ["cohort", "track", "amount", "amountReason", "supersedes", "reason", "equipment"]
    static let approveListFields: Set<String> = ["decreeNumber", "decreeDate"]
    static let payListFields: Set<String> = ["date", "paidFrom"]

    func addRecipientListRoutes(to doors: Doors) {
        let books = doors.permitted(ViewBooks.self)
        books.get("/daftar-penerima") { _, context in try recipientListsPage(context: context) }
        books.get("/daftar-penerima/:code") { _, context in
            try recipientListPage(code: context.parameters.get("code") ?? "", context: context)
        }
        books.get("/daftar-penerima/:code/daftar.pdf") { _, context in
            let code = context.parameters.get("code") ?? ""
            let document: DaftarPenerima
            do {
                document = try operations.daftarPenerima(list: code, context: self.context(context.user))
            } catch ProgrammeRejection.notFound { throw WebDenial.notFound } catch ProgrammeRejection.recipientListNotApproved { throw WebDenial.notFound }
            return try pdfDownload(named: document.fileName) { try DaftarPenerimaPDF.write(document, to: $0) }
        }

        books.get("/daftar-penerima/:code/kuitansi.pdf") { _, context in
            let code = context.parameters.get("code") ?? ""
            let all: [Kuitansi]
            do { all = try operations.kuitansi(list: code, context: self.context(context.user)) } catch ProgrammeRejection.notFound { throw WebDenial.notFound }
            return try pdfDownload(named: "kuitansi-\(DocumentFile.safe(code.uppercased())).pdf") {
                try KuitansiPDF.writeAll(all, to: $0)
            }
        }

        let admin = doors.permitted(Administer.self)
        admin.get("/daftar-penerima/baru") { request, context in
            var values: [String: String] = [:]
            if let cohort = request.uri.queryParameters.get("angkatan") { values["cohort"] = String(cohort) }
            if let replaces = request.uri.queryParameters.get("ganti") { values["supersedes"] = String(replaces) }
            return try draftListPage(MoneyForm(fields: Self.draftListFields, values: values), context: context)
        }
        admin.post("/daftar-penerima/baru") { _, context in
            var form = MoneyForm(fields: Self.draftListFields, form: context.form)
            let amount = form["amount"] == nil ? nil : form.amount()
            if form["cohort"] == nil { form.add(Refusal(field: "cohort", message: "Pilih angkatannya.")) }
            // One line per kelompok and item: K-0001:mesin-jahit:2.
            let equipment = form.parse("equipment") { text in
                try text.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    .map { try EquipmentPlanLine.parse($0) }
            } ?? []
            guard form.isValid else { return try draftListPage(form, context: context, status: .unprocessableContent) }
            do {
                let list = try operations.draftRecipientList(
                    RecipientListRequest(cohort: form["cohort"] ?? "", track: form["track"], amount: amount, amountReason: form["amountReason"],
                                         supersedes: form["supersedes"], reason: form["reason"], equipment: equipment),
                    context: self.context(context.user))
                context.setFlash("Daftar \(list.code) tersusun: \(list.lines.count) orang, \(Format.rupiah(list.amount)) per orang, "
                                 + "jumlah \(Format.rupiah(list.total)). Daftar ini menunggu persetujuan kepala dinas dengan SK.")
                return Response.seeOther("/daftar-penerima/\(list.code)")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try draftListPage(form, context: context, status: .unprocessableContent)
            }
        }

        doors.permitted(ApproveRecipientLists.self).post("/daftar-penerima/:code/setujui") { _, context in
            let code = context.parameters.get("code") ?? ""
            var form = MoneyForm(fields: Self.approveListFields, form: context.form)
            let date = form.date("decreeDate")
            if form["decreeNumber"] == nil { form.add(Refusal(field: "decreeNumber", message: "Tulis nomor SK penerima bantuan.")) }
            if date == nil && form["decreeDate"] == nil { form.add(Refusal(field: "decreeDate", message: "Isi tanggal SK.")) }
            guard let date, form.isValid else { return try recipientListPage(code: code, approval: form, context: context, status: .unprocessableContent) }
            do {
                let state = try operations.recipientListState(code: code)
                if !Confirmation.confirmed(context.form) {
                    var confirmation = Confirmation(
                        action: "/daftar-penerima/\(state.list.code)/setujui",
                        question: "Setujui daftar \(state.list.code) dengan SK \(form["decreeNumber"] ?? "") tanggal \(Format.date(date))?",
                        values: Confirmation.values(context.form, Self.approveListFields), yes: "Ya, setujui",
                        cancel: "/daftar-penerima/\(state.list.code)")
                    confirmation.editable = false
                    confirmation.facts = [
                        ("Angkatan", state.cohort.code + (state.track.map { " · \($0.name)" } ?? "")),
                        ("Penerima", "\(state.lines.count) orang, \(Format.rupiah(state.list.amount)) per orang"),
                        ("Jumlah", Format.rupiah(state.list.total)),
                        ("Tidak dapat diubah", "Sesudah disetujui daftar ini dibekukan; perbaikan dibuat sebagai daftar baru yang menggantikannya."),
                    ]
                    return confirmationPage(confirmation, title: "Periksa persetujuan daftar", context: context)
                }
                let list = try operations.approveRecipientList(code: code, decreeNumber: form["decreeNumber"] ?? "", decreeDate: date,
                                                               context: self.context(context.user))
                context.setFlash("Daftar \(list.code) disetujui dengan SK \(list.approval?.decreeNumber ?? ""); bendahara dapat membayarnya.")
                return Response.seeOther("/daftar-penerima/\(list.code)")
            } catch ProgrammeRejection.notFound {
                throw WebDenial.notFound
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try recipientListPage(code: code, approval: form, context: context, status: .unprocessableContent)
            }
        }

        doors.permitted(RecordMoney.self).post("/daftar-penerima/:code/bayar") { _, context in
            let code = context.parameters.get("code") ?? ""
            var form = MoneyForm(fields: Self.payListFields, form: context.form)
            let date = form.date()
            guard form.isValid else { return try recipientListPage(code: code, payment: form, context: context, status: .unprocessableContent) }
            let paidFrom: CashSubBook = form["paidFrom"] == CashSubBook.bank.rawValue ? .bank : .cash
            do {
                let state = try operations.recipientListState(code: code)
                let unpaid = state.lines.filter { if case .paid = $0.state { false } else { true } }
                if !Confirmation.confirmed(context.form) {
                    var confirmation = Confirmation(
                        action: "/daftar-penerima/\(state.list.code)/bayar",
                        question: "Bayar \(unpaid.count) orang dari daftar \(state.list.code), jumlah "
                            + "\(Format.rupiah(Rupiah(unpaid.reduce(Int64(0)) { $0 &+ $1.line.amount.amount })))?",
                        values: Confirmation.values(context.form, Self.payListFields), yes: "Ya, bayar semuanya",
                        cancel: "/daftar-penerima/\(state.list.code)")
                    confirmation.editable = false
                    confirmation.facts = [
                        ("SK", state.list.approval.map { "\($0.decreeNumber) tanggal \(Format.date($0.decreeDate))" } ?? "—"),
                        ("Nomor kuitansi", "\(Operations.batchPrefix(state.list))001 dan seterusnya, satu per orang"),
                        ("Tanggal", date.map(Format.date) ?? "hari ini"),
                        ("Dibayar dari", paidFrom == .bank ? "Bank (transfer ke rekeningnya)" : "Kas tunai"),
                        ("Bila terhenti", "Jalankan lagi: yang sudah dibayar dilewati, tidak ada yang dibayar dua kali."),
                    ]
                    return confirmationPage(confirmation, title: "Periksa pembayaran daftar", context: context)
                }
                let results = try operations.payRecipientList(code: code, valueDate: date, paidFrom: paidFrom, context: self.context(context.user))
                var paid = 0, before = 0
                var refused: [String] = []
                for result in results {
                    switch result.outcome {
                    case .paid: paid += 1
                    case .alreadyRecorded, .paidEarlier: before += 1
                    case .refused(let error): refused.append("\(result.line.beneficiaryCode): \(Refusal.of(error).message)")
                    }
                }
                var flash = "Daftar \(state.list.code): \(paid) orang dibayar sekarang, \(before) sudah dibayar sebelumnya."
                if !refused.isEmpty { flash += " \(refused.count) ditolak (tidak ada yang tersimpan untuknya): " + refused.joined(separator: " · ") }
                context.setFlash(flash)
                return Response.seeOther("/daftar-penerima/\(state.list.code)")
            } catch ProgrammeRejection.notFound {
                throw WebDenial.notFound
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try recipientListPage(code: code, payment: form, context: context, status: .unprocessableContent)
            }
        }
    }

    /// The register of lists, those waiting for approval first: the kepala's home page.
    func recipientListsPage(context: some PageContext) throws -> Response {
        let lists = try operations.recipientLists()
        func view(_ l: (summary: RecipientListSummary, status: RecipientList.Status, cohort: String, track: String?)) -> [String: Any] {
            var item: [String: Any] = [
                "code": l.summary.code, "cohort": l.cohort, "track": l.track ?? "semua jurusan", "people": l.summary.lineCount,
                "amount": Format.rupiah(l.summary.amount), "status": Self.listStatusWord(l.status),
                "statusClass": l.status.rawValue, "draftedBy": l.summary.draftedBy,
            ]
            if let approval = l.summary.approval { item["decree"] = "\(approval.decreeNumber) · \(Format.date(approval.decreeDate))" }
            return item
        }
        let waiting = lists.filter { $0.status == .draft }.map(view)
        let others = lists.filter { $0.status != .draft }.reversed().map(view)
        var data: [String: Any] = ["waiting": waiting, "lists": others, "hasWaiting": !waiting.isEmpty, "hasLists": !others.isEmpty]
        if context.signedInUser?.may(.administer) == true { data["mayDraft"] = true }
        if context.signedInUser?.may(.approveRecipientLists) == true { data["mayApprove"] = true }
        return views.page("daftar-penerima", title: "Daftar penerima bantuan", context: context, data: data)
    }

    static func listStatusWord(_ status: RecipientList.Status) -> String {
        switch status {
        case .draft: "Menunggu persetujuan"
        case .approved: "Disetujui, berlaku"
        case .superseded: "Sudah diganti"
        }
    }

    /// One list: its SK, its lines and the form its status allows the user (approve, or pay).
    func recipientListPage(code: String, approval: MoneyForm? = nil, payment: MoneyForm? = nil, context: some PageContext,
                           status: HTTPResponse.Status = .ok) throws -> Response {
        let state: RecipientListState
        do { state = try operations.recipientListState(code: code) } catch ProgrammeRejection.notFound { throw WebDenial.notFound }
        guard let user = context.signedInUser else { throw WebDenial.signInFirst }
        let today = try today()
        let equipment = try operations.store.read { tx in try RecipientListTable.equipment(state.list, in: tx) }
        var unpaid = 0
        let lines: [[String: Any]] = state.lines.map { line in
            var item: [String: Any] = ["number": line.line.number, "code": line.line.beneficiaryCode, "name": line.name,
                                       "amount": Format.rupiah(line.line.amount)]
            switch line.state {
            case .paid(let entryID, let ref, let date):
                item["paid"] = "Dibayar \(Format.date(date))" + (ref.map { ", kuitansi \($0)" } ?? "")
                item["entry"] = entryID
            case .unpaid:
                unpaid += 1
                item["unpaid"] = true
            case .blocked(let why):
                unpaid += 1
                item["blocked"] = Refusal.of(why).message
            }
            return item
        }
        var data: [String: Any] = [
            "code": state.list.code, "cohort": "\(state.cohort.code) · \(state.cohort.name)", "track": state.track?.name ?? "semua jurusan",
            "status": Self.listStatusWord(state.status), "statusClass": state.status.rawValue,
            "amount": Format.rupiah(state.list.amount), "total": Format.rupiah(state.list.total), "people": state.lines.count,
            "paidCount": state.paidCount, "paidTotal": Format.rupiah(state.paidTotal), "lines": lines,
            "draftedBy": state.list.draftedBy, "draftedAt": state.list.draftedAt,
        ]
        if !equipment.rows.isEmpty {
            data["hasEquipment"] = true
            data["equipment"] = equipment.rows.map { row in
                ["kelompok": row[1].display, "item": row[2].display, "quantity": row[3].display, "issued": row[4].display]
            }
        }
        if let reason = state.list.amountReason { data["amountReason"] = reason }
        if let replaced = state.supersedes {
            data["supersedes"] = replaced
            data["supersedeReason"] = state.list.supersedeReason ?? ""
        }
        if let by = state.supersededBy { data["supersededBy"] = by }
        if let a = state.list.approval {
            data["decree"] = "\(a.decreeNumber) tanggal \(Format.date(a.decreeDate))"
            data["approvedBy"] = a.approvedBy
            data["pdf"] = "/daftar-penerima/\(state.list.code)/daftar.pdf"
            if state.paidCount > 0 { data["kuitansiAll"] = "/daftar-penerima/\(state.list.code)/kuitansi.pdf" }
        }
        let actor = self.context(user).actor
        if let approval {
            // A refused approval shows its refusal, even to the one who drafted the list.
            data["approve"] = approval.data
        } else if state.status == .draft && user.may(.approveRecipientLists) {
            if state.list.draftedBy == actor {
                data["ownDraft"] = true
            } else {
                let form = approval ?? MoneyForm(fields: Self.approveListFields, values: ["decreeDate": today.description])
                data["approve"] = form.data
            }
        }
        if state.status == .approved && user.may(.recordMoney) && unpaid > 0 {
            let form = payment ?? MoneyForm(fields: Self.payListFields, values: ["date": today.description, "paidFrom": "cash"])
            var view = form.data
            view["unpaid"] = unpaid
            view["bank"] = form["paidFrom"] == CashSubBook.bank.rawValue
            data["pay"] = view
        }
        if state.status != .superseded && state.supersededBy == nil && user.may(.administer) {
            data["replace"] = "/daftar-penerima/baru?angkatan=\(state.cohort.code)&ganti=\(state.list.code)"
        }
        return views.page("daftar-penerima-detail", title: "Daftar penerima \(state.list.code)", context: context, data: data, status: status)
    }

    private func draftListPage(_ form: MoneyForm, context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        let (cohorts, tracks) = try operations.store.read { tx in (try tx.cohorts(), try tx.tracks()) }
        let lists = try operations.recipientLists()
        var data = form.data
        data["cohorts"] = MoneyForm.options(cohorts.map { ($0.code, "\($0.code) · \($0.name)") }, selected: form["cohort"])
        data["tracks"] = MoneyForm.options(tracks.map { ($0.code, $0.name) }, selected: form["track"])
        // A list that may be replaced: the last of each chain (a draft or one in effect).
        let replaceable = lists.filter { l in l.status != .superseded && !lists.contains { $0.summary.supersedesID == l.summary.id } }
        data["replaceable"] = MoneyForm.options(replaceable.map { ($0.summary.code, "\($0.summary.code) · angkatan \($0.cohort)"
                                                                   + ($0.track.map { " · \($0)" } ?? "") + " · \(Self.listStatusWord($0.status).lowercased())") },
                                                selected: form["supersedes"])
        return views.page("daftar-penerima-baru", title: "Susun daftar penerima", context: context, data: data, status: status)
    }
}
