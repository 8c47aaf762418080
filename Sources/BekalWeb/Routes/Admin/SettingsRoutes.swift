import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/pengaturan`: the office settings the paper needs (the letterhead, the place, who signs
/// with their NIP, the budget year) and the two approval rules, as `bekal settings set` sets
/// them, in one transaction; a bad NIP is refused at its field and changes nothing.
extension WebApp {
    static let settingsTextFields: [(name: String, part: SignatoryText)] = [
        ("place", .place), ("headName", .headName), ("headTitle", .headTitle), ("treasurerName", .treasurerName),
        ("officerName", .programmeOfficerName),
    ]
    static let settingsNIPFields: [(name: String, whose: SignatoryNIP)] = [
        ("headNIP", .head), ("treasurerNIP", .treasurer), ("officerNIP", .programmeOfficer),
    ]
    static let settingsFields: Set<String> = Set(settingsTextFields.map(\.name) + settingsNIPFields.map(\.name))
        .union(["officeName", "officeAddress", "budgetYear", "grantsNeedList", "equipmentNeedsList", "minimumAttendance", "passScore"])

    func addSettingsRoutes(to doors: Doors) {
        let admin = doors.permitted(Administer.self)
        admin.get("/pengaturan") { _, context in
            let s = try operations.settings()
            var values: [String: String] = ["officeName": s.officeName]
            if let address = s.officeAddress { values["officeAddress"] = address }
            if let year = s.budgetYear { values["budgetYear"] = String(year) }
            let signers = s.signatories
            for (name, value) in [("place", signers.place), ("headName", signers.headName), ("headTitle", signers.headTitle),
                                  ("treasurerName", signers.treasurerName), ("officerName", signers.programmeOfficerName),
                                  ("headNIP", signers.headNIP?.grouped), ("treasurerNIP", signers.treasurerNIP?.grouped),
                                  ("officerNIP", signers.programmeOfficerNIP?.grouped)] {
                if let value { values[name] = value }
            }
            values["grantsNeedList"] = s.grantsNeedApprovedList ? "ya" : "tidak"
            values["equipmentNeedsList"] = s.equipmentNeedsApprovedList ? "ya" : "tidak"
            values["minimumAttendance"] = String(s.minimumAttendancePercent)
            values["passScore"] = String(s.skillsPassScore)
            return try settingsPage(MoneyForm(fields: Self.settingsFields, values: values), context: context)
        }
        admin.post("/pengaturan") { _, context in
            var form = MoneyForm(fields: Self.settingsFields, form: context.form)
            var change = SettingsChange()
            change.officeName = form["officeName"] ?? ""
            change.officeAddress = form["officeAddress"] ?? ""
            change.budgetYear = form["budgetYear"] == nil ? 0 : form.parse("budgetYear") { text -> Int in
                guard let year = Int(text) else { throw InputError(.option("Tahun anggaran"), input: text, .notAWholeNumber) }
                return year
            }
            for field in Self.settingsTextFields { change.signatoryTexts[field.part] = form[field.name] ?? "" }
            for field in Self.settingsNIPFields {
                if form[field.name] == nil {
                    change.signatoryNIPs[field.whose] = NIP?.none
                } else if let nip = form.parse(field.name, { try NIP.parse($0, field: .option("NIP")) }) {
                    change.signatoryNIPs[field.whose] = nip
                }
            }
            change.grantsNeedApprovedList = form["grantsNeedList"] == "ya"
            change.equipmentNeedsApprovedList = form["equipmentNeedsList"] == "ya"
            // Whole numbers from 0 to 100, said at their field before the core checks them again.
            for (name, label) in [("minimumAttendance", "Kehadiran minimum"), ("passScore", "Nilai lulus evaluasi")] where form[name] != nil {
                let value = form.parse(name) { text -> Int in
                    guard let value = Int(text), (0...100).contains(value) else { throw InputError(.option(label), input: text, .outOfRange) }
                    return value
                }
                if name == "minimumAttendance" { change.minimumAttendancePercent = value } else { change.skillsPassScore = value }
            }
            guard form.isValid else { return try settingsPage(form, context: context, status: .unprocessableContent) }
            do {
                let saved = try operations.changeSettings(change, context: self.context(context.user))
                let missing = DocumentSetting.allCases.filter { saved.value(of: $0) == nil }
                context.setFlash("Pengaturan tersimpan." + (missing.isEmpty ? " Semua isian yang dicetak dokumen sudah lengkap."
                    : " Belum diisi, sehingga dokumen yang mencantumkannya ditolak: " + missing.map(Refusal.settingLabel).joined(separator: ", ") + "."))
                return Response.seeOther("/pengaturan")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try settingsPage(form, context: context, status: .unprocessableContent)
            }
        }
    }

    private func settingsPage(_ form: MoneyForm, context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        var data = form.data
        data["grantsNeedListOn"] = form["grantsNeedList"] == "ya"
        data["equipmentNeedsListOn"] = form["equipmentNeedsList"] == "ya"
        return views.page("pengaturan", title: "Pengaturan kantor", context: context, data: data, status: status)
    }
}
