import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// A business on its way to the market, in the admin's browser: `/usaha/{code}/pasar` lists its
/// licences, koperasi or KUBE and sales channels with one small form for each; `/pameran` lists
/// the exhibitions and markets, `/pameran/baru` records one with its businesses and its stand,
/// and `/pameran/{code}` takes what each business sold there. The same core operations as
/// `bekal usaha licence|join|channel` and `bekal market add|sales`.
extension WebApp {
    static let licenceFields: Set<String> = ["kind", "number", "issued", "validUntil"]
    static let affiliationFields: Set<String> = ["affiliation", "name", "date", "left"]
    static let channelFields: Set<String> = ["channel", "date", "stopped"]
    static let eventFields: Set<String> = ["kind", "name", "place", "from", "to", "standEntry", "standCost", "ref", "usaha"]
    static let eventSalesFields: Set<String> = ["usaha", "amount"]

    func addMarketRoutes(to doors: Doors) {
        let admin = doors.permitted(Administer.self)
        admin.get("/usaha/:code/pasar") { _, context in
            try marketPage(try marketUsaha(context.parameters.get("code") ?? ""), forms: [:], context: context)
        }
        admin.post("/usaha/:code/izin") { _, context in
            let usaha = try marketUsaha(context.parameters.get("code") ?? "")
            var form = MoneyForm(fields: Self.licenceFields, form: context.form)
            form.aliases = ["issuedOn": "issued"]
            let kind = form.parse("kind") { try Self.choice($0, LicenceKind.self, field: .option("kind")) }
            let issued = form.parse("issued") { try LocalDate.parse($0, field: .date) }
            let until = form.parse("validUntil") { try LocalDate.parse($0, field: .date) }
            if form["issued"] == nil { form.add(Refusal(field: "issued", message: "Tulis tanggal terbit izinnya.")) }
            return try marketPost(usaha, form: form, key: "licence", context: context) {
                let result = try operations.addLicence(usaha: usaha.code, kind: kind!, number: form["number"] ?? "", issuedOn: issued!,
                                                       validUntil: until, context: self.context(context.user))
                return result.replayed ? "\(result.licence.text) sudah tercatat; tidak dicatat dua kali." : "\(result.licence.text) dicatat."
            }
        }
        admin.post("/usaha/:code/koperasi") { _, context in
            let usaha = try marketUsaha(context.parameters.get("code") ?? "")
            var form = MoneyForm(fields: Self.affiliationFields, form: context.form)
            let kind = form.parse("affiliation") { try Self.choice($0, AffiliationKind.self, field: .option("affiliation")) }
            let date = form.date()
            let left = form["left"] != nil
            return try marketPost(usaha, form: form, key: "affiliation", context: context) {
                let row = try operations.recordAffiliation(usaha: usaha.code, kind: kind!, name: form["name"] ?? "", on: date ?? (try today()),
                                                           joined: !left, context: self.context(context.user))
                return "\(usaha.code) \(left ? "keluar dari" : "menjadi anggota") \(row.kind.label) \(row.name)."
            }
        }
        admin.post("/usaha/:code/saluran") { _, context in
            let usaha = try marketUsaha(context.parameters.get("code") ?? "")
            var form = MoneyForm(fields: Self.channelFields, form: context.form)
            let channel = form.parse("channel") { try Self.choice($0, SalesChannel.self, field: .option("channel")) }
            let date = form.date()
            let stopped = form["stopped"] != nil
            return try marketPost(usaha, form: form, key: "channel", context: context) {
                let row = try operations.recordChannel(usaha: usaha.code, channel: channel!, on: date ?? (try today()), active: !stopped,
                                                       context: self.context(context.user))
                return "\(usaha.code) \(stopped ? "berhenti menjual" : "menjual") lewat \(row.channel.label.lowercased())."
            }
        }

        admin.get("/pameran") { _, context in
            let report = try operations.store.read { tx in try MarketEventReport.build(in: tx) }
            let events = report.rows.map { row -> [String: Any] in
                ["code": row.eventCode, "what": "\(row.kind.label) \(row.name)", "place": row.place,
                 "dates": "\(Format.date(row.startsOn)) – \(Format.date(row.endsOn))", "usaha": row.usahaCodes.joined(separator: " "),
                 "sales": Format.rupiah(row.sales), "reported": "\(row.salesReported) dari \(row.usahaCodes.count)",
                 "stand": row.standCost.map(Format.rupiah) ?? "—"]
            }
            return views.page("pameran", title: "Pameran dan bazar", context: context, data: ["events": events, "empty": report.rows.isEmpty])
        }
        admin.get("/pameran/baru") { _, context in
            let today = try today().description
            return try eventForm(MoneyForm(fields: Self.eventFields, values: ["kind": "pameran", "from": today, "to": today]), chosen: [],
                                 context: context)
        }
        admin.post("/pameran/baru") { _, context in
            var form = MoneyForm(fields: Self.eventFields, form: context.form)
            form.aliases = ["startsOn": "from", "endsOn": "to", "entryID": "standEntry"]
            let chosen = (context.form?.fields["usaha"] ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let kind = form.parse("kind") { try Self.choice($0, MarketEventKind.self, field: .option("kind")) }
            let from = form.parse("from") { try LocalDate.parse($0, field: .periodStart) }
            let to = form.parse("to") { try LocalDate.parse($0, field: .periodEnd) }
            if form["from"] == nil { form.add(Refusal(field: "from", message: "Tulis tanggal mulai acaranya.")) }
            let standEntry = form.parse("standEntry") { text -> Int64 in
                guard let id = Int64(text.drop { $0 == "#" }) else { throw InputError(.option("standEntry"), input: text, .notAWholeNumber) }
                return id
            }
            let standCost = form.amount("standCost")
            if standCost != nil && form["ref"] == nil { form.add(Refusal(field: "ref", message: "Tulis nomor kuitansi sewa stannya.")) }
            if standCost != nil && standEntry != nil {
                form.add(Refusal(field: "standCost", message: "Pilih salah satu: stan yang sudah dibayar, atau bayar stan sekarang."))
            }
            guard form.isValid, let kind, let from else { return try eventForm(form, chosen: chosen, context: context, status: .unprocessableContent) }
            var stand = MarketEventDraft.Stand.none
            if let standEntry { stand = .paid(entryID: standEntry) }
            if let standCost { stand = .pay(AftercareExpense(amount: standCost, documentRef: form["ref"] ?? "", memo: "", valueDate: from)) }
            do {
                let event = try operations.recordMarketEvent(
                    MarketEventDraft(kind: kind, name: form["name"] ?? "", place: form["place"] ?? "", startsOn: from, endsOn: to ?? from,
                                     usaha: chosen, stand: stand), context: self.context(context.user))
                context.setFlash("\(event.kind.label) \(event.name) dicatat sebagai \(event.code), dengan \(chosen.count) usaha peserta.")
                return Response.seeOther("/pameran/\(event.code)")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try eventForm(form, chosen: chosen, context: context, status: .unprocessableContent)
            }
        }
        admin.get("/pameran/:code") { _, context in
            try eventPage(context.parameters.get("code") ?? "", form: MoneyForm(fields: Self.eventSalesFields, values: [:]), context: context)
        }
        admin.post("/pameran/:code") { _, context in
            let code = context.parameters.get("code") ?? ""
            var form = MoneyForm(fields: Self.eventSalesFields, form: context.form)
            let amount = form.parse("amount") { try Rupiah.parse($0, field: .amount) }
            if form["amount"] == nil { form.add(Refusal(field: "amount", message: "Tulis penjualannya di acara itu (0 bila tidak ada).")) }
            guard form.isValid, let amount else { return try eventPage(code, form: form, context: context, status: .unprocessableContent) }
            do {
                try operations.recordMarketSales(event: code, usaha: form["usaha"] ?? "", amount: amount, context: self.context(context.user))
                context.setFlash("Penjualan \(form["usaha"] ?? "") di \(code.uppercased()): \(Format.rupiah(amount)).")
                return Response.seeOther("/pameran/\(code.uppercased())")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try eventPage(code, form: form, context: context, status: .unprocessableContent)
            }
        }
    }

    /// A choice of a form's select, by its stored value.
    static func choice<T: RawRepresentable & CaseIterable>(_ text: String, _: T.Type, field: InputField) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else { throw InputError(field, input: text, .notOneOf(T.allCases.map(\.rawValue))) }
        return value
    }

    private func marketUsaha(_ code: String) throws -> Usaha {
        try Self.notFoundIfMissing { try operations.store.read { tx in try Resolve.usaha(code.uppercased(), in: tx) } }
    }

    /// Runs one of the page's forms: its refusals (the form's own, then the core's) show the
    /// page again with that form marked; success goes back to the page with what was recorded.
    private func marketPost(_ usaha: Usaha, form: MoneyForm, key: String, context: Permitted<Administer>,
                            record: () throws -> String) throws -> Response {
        var form = form
        if form.isValid {
            do {
                context.setFlash(try record())
                return Response.seeOther("/usaha/\(usaha.code)/pasar")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
            }
        }
        return try marketPage(usaha, forms: [key: form], context: context, status: .unprocessableContent)
    }

    private func marketPage(_ usaha: Usaha, forms: [String: MoneyForm], context: Permitted<Administer>,
                            status: HTTPResponse.Status = .ok) throws -> Response {
        let today = try today()
        let (licences, affiliations, channels, readiness) = try operations.store.read { tx in
            (try tx.licences(usahaID: usaha.id), try tx.affiliations(usahaID: usaha.id), try tx.channels(usahaID: usaha.id),
             try MarketReadiness.build(asOf: today, in: tx).rows.first { $0.usahaCode == usaha.code })
        }
        let day = today.description
        var data: [String: Any] = ["code": usaha.code, "product": usaha.product, "asOf": Format.date(today)]
        data["licences"] = licences.reversed().map { l -> [String: Any] in
            ["kind": l.kind.label, "number": l.number, "issued": Format.date(l.issuedOn), "until": l.validUntil.map(Format.date) ?? "—",
             "valid": l.isValid(on: today) ? "berlaku" : "tidak berlaku"]
        }
        data["memberships"] = affiliations.reversed().map { a -> [String: Any] in
            ["kind": a.kind.label, "name": a.name, "date": Format.date(a.onDate), "what": a.joined ? "masuk" : "keluar"]
        }
        data["channelRows"] = channels.reversed().map { c -> [String: Any] in
            ["channel": c.channel.label, "date": Format.date(c.onDate), "what": c.active ? "mulai" : "berhenti"]
        }
        data["now"] = ["licences": readiness?.licences.joined(separator: "; ") ?? "", "memberships": readiness?.memberships.joined(separator: "; ") ?? "",
                       "channels": readiness?.channels.map(\.label).joined(separator: ", ") ?? "", "events": readiness?.events.joined(separator: "; ") ?? ""]
        let licence = forms["licence"] ?? MoneyForm(fields: Self.licenceFields, values: ["issued": day])
        let affiliation = forms["affiliation"] ?? MoneyForm(fields: Self.affiliationFields, values: ["date": day])
        let channel = forms["channel"] ?? MoneyForm(fields: Self.channelFields, values: ["date": day])
        var licenceData = licence.data
        licenceData["kinds"] = MoneyForm.options(LicenceKind.allCases.map { ($0.rawValue, $0.label) }, selected: licence["kind"])
        var affiliationData = affiliation.data
        affiliationData["kinds"] = MoneyForm.options(AffiliationKind.allCases.map { ($0.rawValue, $0.label) }, selected: affiliation["affiliation"])
        var channelData = channel.data
        channelData["channels"] = MoneyForm.options(SalesChannel.allCases.map { ($0.rawValue, $0.label) }, selected: channel["channel"])
        data["licence"] = licenceData
        data["affiliation"] = affiliationData
        data["channel"] = channelData
        return views.page("usaha-pasar", title: "\(usaha.code) · izin, koperasi dan pemasaran", context: context, data: data, status: status)
    }

    private func eventForm(_ form: MoneyForm, chosen: [String], context: Permitted<Administer>,
                           status: HTTPResponse.Status = .ok) throws -> Response {
        let (usahas, stands) = try operations.store.read { tx -> ([Usaha], [(String, String)]) in
            guard let book = try tx.book(code: Book.officeCode) else { throw ProgrammeRejection.notInitialised }
            let used = Set(try tx.marketEvents().compactMap(\.standEntryID))
            let costs = try tx.recentEntries(bookID: book.id, limit: 500)
                .filter { $0.kind == .aftercareExpense && !used.contains($0.id) }
                .filter { try tx.reversalID(of: $0.id) == nil }
                .map { ("\($0.id)", "#\($0.id) · \(Format.date($0.valueDate)) · \($0.memo) · \(Format.rupiah(EntryView.amount($0)))") }
            return (try tx.usahas(), costs)
        }
        var data = form.data
        data["kinds"] = MoneyForm.options(MarketEventKind.allCases.map { ($0.rawValue, $0.label) }, selected: form["kind"])
        data["usahas"] = usahas.map { u -> [String: Any] in
            ["code": u.code, "label": "\(u.code) · \(u.brand ?? u.product)", "checked": chosen.contains { $0.uppercased() == u.code }]
        }
        data["stands"] = MoneyForm.options(stands.map { (value: $0.0, label: $0.1) }, selected: form["standEntry"])
        return views.page("pameran-baru", title: "Catat pameran atau bazar", context: context, data: data, status: status)
    }

    private func eventPage(_ code: String, form: MoneyForm, context: Permitted<Administer>, status: HTTPResponse.Status = .ok) throws -> Response {
        let (event, participants, usahas): (MarketEvent, [MarketParticipant], [Int64: Usaha])
        do {
            (event, participants, usahas) = try operations.store.read { tx in
                let event = try Operations.resolveMarketEvent(code, in: tx)
                return (event, try tx.marketParticipants(eventID: event.id), Dictionary(uniqueKeysWithValues: try tx.usahas().map { ($0.id, $0) }))
            }
        } catch MarketRejection.unknownEvent { throw WebDenial.notFound }
        var data = form.data
        data["code"] = event.code
        data["what"] = "\(event.kind.label) \(event.name), \(event.place), \(Format.date(event.startsOn)) – \(Format.date(event.endsOn))"
        data["standEntry"] = event.standEntryID as Any
        data["participants"] = participants.map { p -> [String: Any] in
            let usaha = usahas[p.usahaID]
            return ["code": Usaha.code(for: p.usahaID), "label": usaha.map { $0.brand ?? $0.product } ?? "",
                    "sales": p.sales.map(Format.rupiah) ?? "belum dilaporkan"]
        }
        // Those already reported stay in the list, marked, so a second figure is refused by name.
        data["open"] = MoneyForm.options(participants.map { p in
            (Usaha.code(for: p.usahaID), "\(Usaha.code(for: p.usahaID)) · \(usahas[p.usahaID].map { $0.brand ?? $0.product } ?? "")"
                + (p.sales == nil ? "" : " (sudah dilaporkan)"))
        }, selected: form["usaha"] ?? participants.first { $0.sales == nil }.map { Usaha.code(for: $0.usahaID) })
        data["hasParticipants"] = !participants.isEmpty
        return views.page("pameran-detail", title: "\(event.code) · \(event.name)", context: context, data: data, status: status)
    }
}
