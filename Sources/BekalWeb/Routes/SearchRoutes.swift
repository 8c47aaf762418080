import BekalCore
import Foundation
import Hummingbird

/// `/cari?q=…`: the search box in every page's header. It finds only what the user's role may
/// see (``SearchScope``): the admin everything, the bendahara people, kelompok, usaha and
/// entries by kuitansi number, a pendamping her own caseload, a partner the businesses listed
/// for partners. The monitor has no search: the roll-up has no person in it.
extension WebApp {
    func addSearchRoutes(to doors: Doors) {
        doors.signedIn.get("/cari") { request, context in
            let scope = SearchScope(context.user)
            guard !scope.isEmpty else { throw WebDenial.forbidden }
            let text = (request.uri.queryParameters.get("q") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let results = try operations.search(text, scope: scope, asOf: try today())
            return views.page("cari", title: "Cari", context: context, data: Self.searchData(results, user: context.user))
        }
    }

    static func searchData(_ results: SearchResults, user: AppUser) -> [String: Any] {
        let mayOpenPerson = user.may(.viewCaseload)
        let mayPay = user.may(.recordMoney)
        var data: [String: Any] = [
            "q": results.text,
            "tooShort": !results.text.isEmpty && results.text.count < Operations.searchTextMinimum,
            "searched": results.text.count >= Operations.searchTextMinimum,
            "nothing": results.text.count >= Operations.searchTextMinimum && results.isEmpty,
            "hint": results.scope.hint ?? "",
            "people": results.people.map { line -> [String: Any] in
                var row = registerLineData(line)
                if mayOpenPerson { row["link"] = "/binaan/\(line.code)" }
                if mayPay, line.status == .completed { row["payLink"] = "/hibah/baru?binaan=\(line.code)" }
                return row
            },
            "morePeople": results.morePeople,
            "kelompok": results.kelompok.map { hit -> [String: Any] in
                var row: [String: Any] = ["code": hit.code, "name": hit.name]
                if let cohort = hit.cohortCode { row["cohort"] = cohort }
                if user.may(.administer) { row["link"] = "/kelompok/\(hit.code)" }
                return row
            },
            "usaha": results.usaha.map { ["code": $0.code, "label": $0.label, "product": $0.product] },
            "entries": results.entries.map { EntryView.row($0, reversedBy: nil) },
        ]
        if user.may(.administer) { data["registerLink"] = "/registrasi?q=\(Format.queryEscaped(results.text))" }
        data["anyPeople"] = !results.people.isEmpty
        data["anyKelompok"] = !results.kelompok.isEmpty
        data["anyUsaha"] = !results.usaha.isEmpty
        data["anyEntries"] = !results.entries.isEmpty
        return data
    }

    /// One person as the register and the search list her: code, register number, name, where
    /// she is in the programme. Never her NIK: only whether one is recorded.
    static func registerLineData(_ line: RegisterLine) -> [String: Any] {
        // Mustache shows a section for any value, even an empty text: what is missing is left out.
        var data: [String: Any] = [
            "code": line.code, "name": line.name, "nik": line.hasNIK ? "tercatat" : "belum ada",
            "status": line.status.map(statusLabel) ?? "belum terdaftar di angkatan",
        ]
        if let ref = line.externalRef { data["ref"] = ref }
        if let year = line.birthYear { data["birthYear"] = String(year) }
        if let kelurahan = line.kelurahan, !kelurahan.isEmpty { data["kelurahan"] = kelurahan }
        if let cohort = line.cohortName { data["cohort"] = "\(cohort) (\(line.cohortCode ?? ""))" }
        if let track = line.trackName { data["track"] = track }
        return data
    }
}
