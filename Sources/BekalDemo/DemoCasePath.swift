import BekalCore

/// Each woman's path (issue 15): how she came in, and the ATENSI stages of her case.
///
/// Women from Lampung's districts come referred by their district's social office with a
/// letter; those from Java and South Sumatra were found by the office's outreach in the city's
/// localisation; every eleventh came on her own. Each agreed to take part ten days before her
/// training started. Every woman was identified, assessed and planned for before training,
/// in intervention during it; a graduate was evaluated on the last day and is in aftercare
/// (*bimbingan lanjut*) two weeks later; a drop-out's case ends at her enrolment's status.
///
/// The story: of the cake kelompok's four who went home (seed 002), BL-2008-003 was taken
/// home by her family, and her case was closed that day; the other three stay open, lost.
enum DemoCasePath {
    static let takenOut = (register: "BL-2008-003", on: DemoRoster.day("2009-06-30"))
    static let lampung: Set<String> = ["Bandar Lampung", "Lampung Selatan", "Pesawaran", "Tanggamus", "Lampung Tengah", "Metro", "Pringsewu"]

    static func office(of area: String) -> String {
        area == "Bandar Lampung" || area == "Metro" ? "Dinas Sosial Kota \(area)" : "Dinas Sosial Kabupaten \(area)"
    }
}

extension DemoProgramme.Loader {
    func recordCasePaths() throws {
        var officer = context
        officer.actor = "admin"
        for (i, person) in DemoRoster.people.enumerated() {
            let cohort = DemoRoster.cohorts.first { $0.code == person.cohort }!
            let start = cohort.trainingStart
            let route: IntakeRoute = i % 11 == 0 ? .selfReferred : DemoCasePath.lampung.contains(person.originArea) ? .referral : .outreach
            _ = try Operations.recordIntake(IntakeRequest(
                beneficiary: person.register, cohort: cohort.code, route: route,
                referringOffice: route == .referral ? DemoCasePath.office(of: person.originArea) : nil,
                letterNumber: route == .referral ? "460/\(String(format: "%03d", i + 1))/DINSOS/\(start.year)" : nil,
                letterDate: route == .referral ? start.adding(days: -30) : nil,
                category: i % 13 == 0 ? "rentan" : "eks-wts", consentOn: start.adding(days: -10)), context: officer, in: tx)
            var stages: [(String, LocalDate)] = [("identifikasi", start.adding(days: -14)), ("asesmen", start.adding(days: -7)),
                                                 ("rencana-intervensi", start.adding(days: -1)), ("intervensi", start)]
            if person.completed {
                stages += [("evaluasi", cohort.trainingEnd), ("bimbingan-lanjut", cohort.trainingEnd.adding(days: 14))]
            }
            for (stage, day) in stages {
                _ = try Operations.recordStage(beneficiary: person.register, cohort: cohort.code, stage: stage, on: day, reason: nil,
                                               reasonText: nil, context: officer, in: tx)
            }
        }
        let story = DemoCasePath.takenOut
        _ = try Operations.recordStage(beneficiary: story.register, cohort: "2008", stage: "terminasi", on: story.on, reason: .takenOut,
                                       reasonText: nil, context: officer, in: tx)
    }
}
