import BekalCore

/// The training months of 2010 (issue 16): six instructors (the three skills instructors with
/// their BNSP certificates, the salon instructor's lapsed before the cohort began), twelve skills sessions per track and four of
/// each kind of guidance for the whole cohort, each trainee's attendance, the skills
/// evaluation at the end, and the tools of the training room: four sewing machines for ten
/// trainees, as the Surakarta study found. One sewing graduate attended less than the office's
/// 80 % and was marked completed all the same (the import does not ask); the report shows it.
enum DemoTraining {
    static let cohort = "2010"
    static let instructors: [(code: String, name: String, expertise: String, certificate: (name: String, number: String, issued: String, until: String)?)] = [
        ("INS-01", "Yuliana Siregar", "Tata boga", ("Sertifikat Kompetensi BNSP Pengolahan Makanan", "KOM.1234.00871.2009", "2009-02-10", "2014-02-09")),
        ("INS-02", "Marlina Hutapea", "Tata busana dan jahit", ("Sertifikat Kompetensi BNSP Garmen Apparel", "KOM.2211.00342.2008", "2008-11-03", "2013-11-02")),
        ("INS-03", "Desi Ratnasari", "Tata kecantikan", ("Sertifikat Kompetensi BNSP Tata Kecantikan Rambut", "KOM.3102.01190.2006", "2006-05-20", "2009-05-19")),
        ("INS-04", "Ustazah Aminah", "Bimbingan keagamaan", nil),
        ("INS-05", "Hendra Wijaya, M.Psi.", "Bimbingan mental", nil),
        ("INS-06", "Sri Wahyuni, S.Sos.", "Bimbingan sosial", nil),
    ]
    static let skills: [String: (instructor: String, topics: [String])] = [
        "tata-boga": ("INS-01", ["Kebersihan dapur", "Kue basah", "Kue kering", "Roti manis", "Keripik", "Kemasan"]),
        "jahit": ("INS-02", ["Mengenal mesin", "Pola dasar", "Rok", "Kemeja", "Permak", "Seragam"]),
        "salon": ("INS-03", ["Kebersihan alat", "Potong rambut", "Creambath", "Rias wajah", "Perawatan kuku", "Melayani pelanggan"]),
    ]
    static let guidance: [(SessionKind, String, String)] = [
        (.mental, "INS-05", "Mengenal diri dan masa depan"), (.religious, "INS-04", "Ibadah dan akhlak"),
        (.social, "INS-06", "Hidup bertetangga dan berkelompok"),
    ]
    static let tools: [(track: String, name: String, quantity: Int64)] = [
        ("jahit", "Mesin jahit", 4), ("jahit", "Mesin obras", 1), ("tata-boga", "Oven", 2), ("tata-boga", "Mixer", 3),
        ("salon", "Kursi salon", 2), ("salon", "Hair dryer", 2),
    ]
}

extension DemoProgramme.Loader {
    func training2010() throws {
        var admin = context
        admin.actor = "admin"
        for instructor in DemoTraining.instructors {
            _ = try Operations.addInstructor(code: instructor.code, name: instructor.name, expertise: instructor.expertise, context: admin, in: tx)
            if let c = instructor.certificate {
                _ = try Operations.addCertificate(instructor: instructor.code, name: c.name, number: c.number, issuedOn: DemoRoster.day(c.issued),
                                                  validUntil: DemoRoster.day(c.until), context: admin, in: tx)
            }
        }
        let plan = DemoRoster.cohorts.first { $0.code == DemoTraining.cohort }!
        let people = DemoRoster.people.filter { $0.cohort == DemoTraining.cohort }
        // The sewing graduate who missed much of it, and everyone's occasional absence.
        let weak = people.first { $0.track == "jahit" && $0.completed }!.register
        func absent(_ trainees: [DemoRoster.Person], session: Int) -> [String] {
            trainees.enumerated().compactMap { index, person in
                guard person.completed || person.statusDate > plan.trainingStart.adding(days: 7 * session) else { return nil }
                if person.register == weak { return session % 5 < 2 ? person.register : nil }
                return (index + session) % 11 == 0 ? person.register : nil
            }
        }
        for (track, skill) in DemoTraining.skills.sorted(by: { $0.key < $1.key }) {
            let trainees = people.filter { $0.track == track }
            for session in 0..<12 {
                let day = plan.trainingStart.adding(days: 7 * session + 1)
                let held = day
                let gone = Set(trainees.filter { !$0.completed && $0.statusDate <= held }.map(\.register))
                _ = try Operations.recordSession(
                    SessionRecord(cohort: DemoTraining.cohort, track: track, kind: .skills, topic: skill.topics[session / 2], heldOn: held, hours: 4,
                                  instructor: skill.instructor, absent: absent(trainees, session: session).filter { !gone.contains($0) }),
                    context: admin, in: tx)
            }
        }
        for round in 0..<4 {
            for (offset, (kind, instructor, topic)) in DemoTraining.guidance.enumerated() {
                let held = plan.trainingStart.adding(days: 14 * round + 3 + offset)
                let gone = Set(people.filter { !$0.completed && $0.statusDate <= held }.map(\.register))
                _ = try Operations.recordSession(
                    SessionRecord(cohort: DemoTraining.cohort, track: nil, kind: kind, topic: topic, heldOn: held, hours: 2, instructor: instructor,
                                  absent: absent(people, session: round * 3 + offset).filter { !gone.contains($0) }),
                    context: admin, in: tx)
            }
        }
        let end = plan.trainingEnd
        for (index, person) in people.enumerated() where person.completed {
            let score = person.register == weak ? 58 : 62 + (index * 7) % 33
            _ = try Operations.recordEvaluation(beneficiary: person.register, cohort: DemoTraining.cohort, score: score, evaluatedOn: end,
                                                evaluator: DemoTraining.skills[person.track]!.instructor, note: nil, context: admin, in: tx)
        }
        for tool in DemoTraining.tools {
            _ = try Operations.recordTools(cohort: DemoTraining.cohort, track: tool.track, name: tool.name, quantity: tool.quantity,
                                           countedOn: plan.trainingStart, context: admin, in: tx)
        }
    }
}
