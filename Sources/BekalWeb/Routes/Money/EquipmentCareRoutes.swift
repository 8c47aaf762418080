import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// Equipment after issue in the bendahara's browser, as `bekal equipment transfer|return|write-off`,
/// `repair` and `count` do it: `/peralatan/mutasi` moves an item a kelompok holds to another
/// kelompok, back to the store room, or off the register with its berita acara;
/// `/peralatan/perbaikan` pays for a repair; `/peralatan/opname` records a stock-take of one place.
extension WebApp {
    static let moveFields: Set<String> = ["action", "item", "quantity", "from", "to", "ref", "reason", "visit", "date"]
    static let repairFields: Set<String> = ["item", "quantity", "kelompok", "amount", "ref", "reason", "visit", "date", "paidFrom"]
    static let countFields: Set<String> = ["countRef", "place", "date", "note"]
    static let countRows = 6

    func addEquipmentCareRoutes(to doors: Doors) {
        let money = doors.permitted(RecordMoney.self)
        money.get("/peralatan/mutasi") { _, context in
            try moveForm(MoneyForm(fields: Self.moveFields, values: ["action": "transfer", "quantity": "1", "date": try today().description]),
                         context: context)
        }
        money.post("/peralatan/mutasi") { _, context in
            var form = MoneyForm(fields: Self.moveFields, form: context.form)
            form.aliases = ["countRef": "ref", "visitID": "visit"]
            let date = form.date()
            let quantity = form.parse("quantity") { try Self.quantity($0) }
            let visit = form.parse("visit") { text -> Int64 in
                guard let id = Int64(text.drop { $0 == "#" }) else { throw InputError(.option("visit"), input: text, .notAWholeNumber) }
                return id
            }
            let destination: EquipmentMove.Destination
            switch form["action"] {
            case "return": destination = .storeRoom
            case "write_off": destination = .writtenOff
            default:
                if form["to"] == nil { form.add(Refusal(field: "to", message: "Pilih kelompok yang menerima barangnya.")) }
                destination = .kelompok(form["to"] ?? "")
            }
            if form["item"] == nil { form.add(Refusal(field: "item", message: "Pilih barangnya.")) }
            guard form.isValid, let quantity else { return try moveForm(form, context: context, status: .unprocessableContent) }
            let move = EquipmentMove(item: form["item"] ?? "", quantity: quantity, from: form["from"], to: destination, documentRef: form["ref"] ?? "",
                                     reason: form["reason"] ?? "", visitID: visit, valueDate: date)
            do {
                let result = try operations.moveEquipment(move, context: self.context(context.user))
                context.setFlash(result.isReplay
                    ? "Berita acara \(result.entry.documentRef ?? "") sudah tercatat sebagai entri #\(result.entry.id); tidak dicatat dua kali."
                    : "Tercatat sebagai entri #\(result.entry.id): \(EntryView.kindLabel(result.entry.kind).lowercased()).")
                return Response.seeOther("/laporan/peralatan-posisi")
            } catch let failure as any BekalFailure {
                form.add(try namedRefusal(failure))
                return try moveForm(form, context: context, status: .unprocessableContent)
            }
        }

        money.get("/peralatan/perbaikan") { request, context in
            var values = ["quantity": "1", "date": try today().description, "paidFrom": "cash"]
            for name in ["kelompok", "item", "visit"] { if let v = request.uri.queryParameters.get(name) { values[name] = String(v) } }
            return try repairForm(MoneyForm(fields: Self.repairFields, values: values), context: context)
        }
        money.post("/peralatan/perbaikan") { _, context in
            var form = MoneyForm(fields: Self.repairFields, form: context.form)
            form.aliases = ["visitID": "visit"]
            let date = form.date()
            let quantity = form.parse("quantity") { try Self.quantity($0) }
            let amount = form.amount()
            if form["amount"] == nil { form.add(Refusal(field: "amount", message: "Tulis biaya perbaikannya seperti di nota.")) }
            let visit = form.parse("visit") { text -> Int64 in
                guard let id = Int64(text.drop { $0 == "#" }) else { throw InputError(.option("visit"), input: text, .notAWholeNumber) }
                return id
            }
            if form["item"] == nil { form.add(Refusal(field: "item", message: "Pilih barangnya.")) }
            guard form.isValid, let quantity, let amount else { return try repairForm(form, context: context, status: .unprocessableContent) }
            let repair = EquipmentRepair(item: form["item"] ?? "", quantity: quantity, kelompok: form["kelompok"], amount: amount,
                                         documentRef: form["ref"] ?? "", reason: form["reason"] ?? "", visitID: visit, valueDate: date,
                                         paidFrom: form["paidFrom"] == "bank" ? .bank : .cash)
            do {
                let result = try operations.repairEquipment(repair, context: self.context(context.user))
                context.setFlash(result.isReplay
                    ? "Nota \(result.entry.documentRef ?? "") sudah tercatat sebagai entri #\(result.entry.id); tidak dibayar dua kali."
                    : "Perbaikan \(Format.rupiah(amount)) tercatat sebagai entri #\(result.entry.id).")
                return Response.seeOther("/laporan/peralatan-rusak")
            } catch let failure as any BekalFailure {
                form.add(try namedRefusal(failure))
                return try repairForm(form, context: context, status: .unprocessableContent)
            }
        }

        money.get("/peralatan/opname") { _, context in
            try countForm(MoneyForm(fields: Self.countFields, values: ["date": try today().description]), lines: [], context: context)
        }
        money.post("/peralatan/opname") { _, context in
            var form = MoneyForm(fields: Self.countFields, form: context.form)
            form.aliases = ["counted": "item"]
            let date = form.date()
            let typed = Self.itemRows(context.form)
            var lines: [StockTake.Line] = []
            for (item, counted) in typed {
                do { lines.append(StockTake.Line(item: item, counted: try Self.quantity(counted))) } catch { form.refuse(error) }
            }
            guard form.isValid else { return try countForm(form, lines: typed, context: context, status: .unprocessableContent) }
            do {
                let result = try operations.recordStockTake(StockTake(countRef: form["countRef"] ?? "", place: form["place"], lines: lines,
                                                                      countedOn: date, note: form["note"]), context: self.context(context.user))
                let differences = result.lines.filter { $0.difference != 0 }.count
                context.setFlash(result.replayed ? "Stock opname ini sudah tercatat; tidak dicatat dua kali."
                                 : "Stock opname tercatat: \(result.lines.count) barang, \(differences) selisih.")
                return Response.seeOther("/laporan/stock-opname?nomor=\(FormData.encode(form["countRef"] ?? ""))")
            } catch let failure as any BekalFailure {
                form.add(try namedRefusal(failure))
                return try countForm(form, lines: typed, context: context, status: .unprocessableContent)
            }
        }
    }

    /// The core's refusal in Indonesian, items by name.
    private func namedRefusal(_ failure: any BekalFailure) throws -> Refusal {
        try operations.store.read { tx in try CodeNames(tx).refusal(Refusal.of(failure)) }
    }

    /// The kelompok and the items as choices, with what each place holds now.
    private func equipmentChoices(_ form: MoneyForm, kelompokFields: [String]) throws -> [String: Any] {
        let (kelompoks, items) = try operations.store.read { tx in (try tx.kelompoks(), try tx.equipmentItems()) }
        var data = form.data
        for name in kelompokFields {
            data[name + "Choices"] = MoneyForm.options(kelompoks.map { ($0.code, "\($0.code) · \($0.name)") }, selected: form[name]?.uppercased())
        }
        data["items"] = MoneyForm.options(items.map { ($0.code, $0.name) }, selected: form["item"])
        return data
    }

    private func moveForm(_ form: MoneyForm, context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        var data = try equipmentChoices(form, kelompokFields: ["from", "to"])
        data["actions"] = MoneyForm.options([("transfer", "Mutasi ke kelompok lain"), ("return", "Dikembalikan ke gudang"),
                                             ("write_off", "Dihapus (berita acara penghapusan)")], selected: form["action"])
        return views.page("peralatan-mutasi", title: "Mutasi, pengembalian atau penghapusan peralatan", context: context, data: data, status: status)
    }

    private func repairForm(_ form: MoneyForm, context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        var data = try equipmentChoices(form, kelompokFields: ["kelompok"])
        data["fromBank"] = form["paidFrom"] == "bank"
        return views.page("peralatan-perbaikan", title: "Bayar perbaikan peralatan", context: context, data: data, status: status)
    }

    private func countForm(_ form: MoneyForm, lines: [(String, String)], context: some PageContext,
                           status: HTTPResponse.Status = .ok) throws -> Response {
        var data = try equipmentChoices(form, kelompokFields: ["place"])
        let items = try operations.store.read { tx in try tx.equipmentItems() }
        let padded = lines + Array(repeating: ("", ""), count: max(0, Self.countRows - lines.count))
        data["rows"] = padded.enumerated().map { index, line -> [String: Any] in
            ["number": index + 1, "counted": line.1, "items": MoneyForm.options(items.map { ($0.code, $0.name) }, selected: line.0)]
        }
        return views.page("peralatan-opname", title: "Catat stock opname peralatan", context: context, data: data, status: status)
    }
}
