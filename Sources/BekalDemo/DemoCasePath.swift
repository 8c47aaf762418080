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
/// The stories: of the cake kelompok's four who went home (seed 002), BL-2008-003 was taken
/// home by her family, and her case was closed that day; the other three stay open, lost.
/// BL-2009-003 agreed to be referred to the Puskesmas, went, and was treated.
enum DemoCasePath {
    static let takenOut = (register: "BL-2008-003", on: DemoRoster.day("2009-06-30"))
    static let lampung: Set<String> = ["Bandar Lampung", "Lampung Selatan", "Pesawaran", "Tanggamus", "Lampung Tengah", "Metro", "Pringsewu"]

    /// The office's register of service partners.
    static let partners: [(code: String, name: String, kind: PartnerKind)] = [
        ("PKM-KEDATON", "Puskesmas Kedaton", .puskesmas), ("RSUD-AM", "RSUD Dr. H. Abdul Moeloek", .hospital),
        ("DISNAKER-BL", "Dinas Tenaga Kerja Kota Bandar Lampung", .disnaker), ("BLK-BL", "UPTD Balai Latihan Kerja Bandar Lampung", .blk),
        ("KEMENAG-BL", "Kantor Kementerian Agama Kota Bandar Lampung", .kemenag),
        ("DISKOPERINDAG-BL", "Dinas Koperasi, Perindustrian dan Perdagangan", .koperasi),
        ("DISDUKCAPIL-BL", "Disdukcapil Kota Bandar Lampung", .disdukcapil), ("KUA-KEDATON", "KUA Kecamatan Kedaton", .kua),
        ("UPTD-PPA", "UPTD PPA Provinsi Lampung", .childProtection), ("DINSOS-PULANG", "Bantuan pemulangan Dinas Sosial Provinsi", .returnHome),
    ]
    /// The story: a graduate with a health complaint agrees to be referred to the Puskesmas; it is done.
    static let referred = (register: "BL-2009-003", on: DemoRoster.day("2010-03-08"))

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
        for p in DemoCasePath.partners { _ = try tx.insertPartner(code: p.code, name: p.name, kind: p.kind) }
        let r = DemoCasePath.referred
        let person = try Resolve.beneficiary(r.register, in: tx)
        _ = try tx.insertConsentEvent(ConsentEventDraft(beneficiaryID: person.id, kind: .referral, given: true, onDate: r.on, name: nil,
                                                        service: "PKM-KEDATON", actor: officer.actor, recordedAt: officer.recordedAt))
        let partner = try tx.partner(code: "PKM-KEDATON")!
        let referral = try tx.insertReferral(beneficiaryID: person.id, partnerID: partner.id, service: "Pemeriksaan kesehatan",
                                             sent: .init(status: .sent, onDate: r.on, note: nil, actor: officer.actor, recordedAt: officer.recordedAt))
        try tx.insertReferralStep(referralID: referral.id, .init(status: .accepted, onDate: r.on.adding(days: 2), note: nil,
                                                                 actor: officer.actor, recordedAt: officer.recordedAt))
        try tx.insertReferralStep(referralID: referral.id, .init(status: .done, onDate: r.on.adding(days: 9),
                                                                 note: "Diperiksa dan diobati; kontrol sebulan lagi", actor: officer.actor,
                                                                 recordedAt: officer.recordedAt))
        let story = DemoCasePath.takenOut
        _ = try Operations.recordStage(beneficiary: story.register, cohort: "2008", stage: "terminasi", on: story.on, reason: .takenOut,
                                       reasonText: nil, context: officer, in: tx)
    }
}
