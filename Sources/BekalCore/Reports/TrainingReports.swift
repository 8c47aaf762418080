/// A cohort's training months as the office reports them (*rekap kehadiran dan evaluasi*): per
/// trainee, the sessions on her list, those she attended, her share against the threshold, her
/// skills score and her status; then per track, the sessions held by kind and hours.
public struct TrainingAttendanceReport: Hashable, Codable, Sendable {
    public struct Row: Hashable, Codable, Sendable {
        public let beneficiaryCode: String
        public let trackCode: String
        public let status: Enrolment.Status
        public let sessions: Int
        public let attended: Int
        /// Attended per thousand of her sessions; nil without any.
        public let perMille: Int64?
        public let belowThreshold: Bool
        public let score: Int?
        public let passed: Bool?
    }

    /// How many sessions of a kind were held, and their hours.
    public struct SessionTotal: Hashable, Codable, Sendable {
        public var count = 0
        public var hours = 0
    }

    public let cohortCode: String
    public let thresholdPercent: Int
    public let rows: [Row]
    public let sessionsByKind: [SessionKind: SessionTotal]

    public static let title = "Rekap Kehadiran dan Evaluasi Pelatihan"
    public static let columns: [Table.Column] = [
        .init("beneficiary", "Kode Binaan"), .init("track", "Jurusan"), .init("status", "Status"), .init("sessions", "Sesi", .integer),
        .init("attended", "Hadir", .integer), .init("share", "% Hadir"), .init("below", "Di Bawah Batas"), .init("score", "Nilai", .integer),
        .init("passed", "Lulus Evaluasi"),
    ]

    public static func build(cohort code: String, in tx: any StoreTransaction) throws -> TrainingAttendanceReport {
        let cohort = try Resolve.cohort(code, in: tx)
        let threshold = try tx.settings().minimumAttendancePercent
        var tracks: [Int64: String] = [:]
        for track in try tx.tracks() { tracks[track.id] = track.code }
        let byEnrolment = Dictionary(grouping: try tx.attendance(cohortID: cohort.id, enrolmentID: nil), by: \.enrolmentID)
        let evaluations = Dictionary(uniqueKeysWithValues: try tx.evaluations(cohortID: cohort.id).map { ($0.enrolmentID, $0) })
        let rows = try tx.enrolments(cohortID: cohort.id).sorted { $0.beneficiaryID < $1.beneficiaryID }.map { enrolment -> Row in
            let mine = byEnrolment[enrolment.id] ?? []
            let attended = mine.filter(\.present).count
            let perMille = BudgetUse.perMille(Rupiah(Int64(attended)), of: Rupiah(Int64(mine.count)))
            let evaluation = evaluations[enrolment.id]
            return Row(beneficiaryCode: Beneficiary.code(for: enrolment.beneficiaryID), trackCode: tracks[enrolment.trackID] ?? "",
                       status: enrolment.status, sessions: mine.count, attended: attended, perMille: perMille,
                       belowThreshold: !mine.isEmpty && attended * 100 < threshold * mine.count,
                       score: evaluation?.score, passed: evaluation?.passed)
        }
        var kinds: [SessionKind: SessionTotal] = [:]
        for session in try tx.sessions(cohortID: cohort.id) {
            kinds[session.kind, default: SessionTotal()].count += 1
            kinds[session.kind, default: SessionTotal()].hours += session.hours
        }
        return TrainingAttendanceReport(cohortCode: cohort.code, thresholdPercent: threshold, rows: rows, sessionsByKind: kinds)
    }

    static func statusLabel(_ status: Enrolment.Status) -> String {
        switch status {
        case .enrolled: "Masih pelatihan"
        case .completed: "Lulus"
        case .droppedOut: "Keluar"
        }
    }

    public var table: Table {
        Table(title: "\(Self.title) · Angkatan \(cohortCode) · batas \(thresholdPercent)%", columns: Self.columns, rows: rows.map { row in
            [.text(row.beneficiaryCode), .text(row.trackCode), .text(Self.statusLabel(row.status)), .integer(Int64(row.sessions)),
             .integer(Int64(row.attended)), row.perMille.map { .text(BudgetUse.percentText($0)) } ?? .empty,
             .text(row.belowThreshold ? "ya" : ""), row.score.map { .integer(Int64($0)) } ?? .empty,
             row.passed.map { .text($0 ? "ya" : "tidak") } ?? .empty]
        }, footer: SessionKind.allCases.compactMap { kind in
            sessionsByKind[kind].map { [.text(kind.label), .empty, .empty, .integer(Int64($0.count)), .empty, .text("\($0.hours) jam"),
                                        .empty, .empty, .empty] }
        })
    }
}

/// The training room's tools per trainee (*sarana praktik per peserta*): per track, each tool
/// counted, the trainees of the track, and how many trainees share one tool.
public struct TrainingToolsReport: Hashable, Codable, Sendable {
    public struct Row: Hashable, Codable, Sendable {
        public let trackCode: String
        public let tool: String
        public let quantity: Int64
        public let trainees: Int
        public let countedOn: LocalDate
        /// Tools per trainee, per thousand; nil without trainees.
        public let perMille: Int64?
        /// Fewer tools than trainees.
        public var short: Bool { Int64(trainees) > quantity }
    }

    public let cohortCode: String
    public let rows: [Row]

    public static let title = "Sarana Praktik per Peserta"
    public static let columns: [Table.Column] = [
        .init("track", "Jurusan"), .init("tool", "Alat"), .init("quantity", "Jumlah", .integer), .init("trainees", "Peserta", .integer),
        .init("per_trainee", "Alat per Peserta"), .init("short", "Kurang"), .init("counted_on", "Dihitung", .date),
    ]

    public static func build(cohort code: String, in tx: any StoreTransaction) throws -> TrainingToolsReport {
        let cohort = try Resolve.cohort(code, in: tx)
        var tracks: [Int64: String] = [:]
        for track in try tx.tracks() { tracks[track.id] = track.code }
        let enrolments = try tx.enrolments(cohortID: cohort.id)
        // The latest count of each tool of each track.
        var latest: [String: TrainingTool] = [:]
        for tool in try tx.tools(cohortID: cohort.id) {
            let key = "\(tool.trackID)|\(tool.name.lowercased())"
            if let seen = latest[key], (seen.countedOn, seen.id) > (tool.countedOn, tool.id) { continue }
            latest[key] = tool
        }
        let rows = latest.values.sorted { (tracks[$0.trackID] ?? "", $0.name) < (tracks[$1.trackID] ?? "", $1.name) }.map { tool -> Row in
            let trainees = enrolments.filter { $0.trackID == tool.trackID }.count
            return Row(trackCode: tracks[tool.trackID] ?? "", tool: tool.name, quantity: tool.quantity, trainees: trainees, countedOn: tool.countedOn,
                       perMille: BudgetUse.perMille(Rupiah(tool.quantity), of: Rupiah(Int64(trainees))))
        }
        return TrainingToolsReport(cohortCode: cohort.code, rows: rows)
    }

    /// `0,50` tools per trainee.
    static func ratioText(_ perMille: Int64) -> String {
        let hundredths = (perMille + 5) / 10
        let cents = hundredths % 100
        return "\(hundredths / 100),\(cents < 10 ? "0" : "")\(cents)"
    }

    public var table: Table {
        Table(title: "\(Self.title) · Angkatan \(cohortCode)", columns: Self.columns, rows: rows.map { row in
            [.text(row.trackCode), .text(row.tool), .integer(row.quantity), .integer(Int64(row.trainees)),
             row.perMille.map { .text(Self.ratioText($0)) } ?? .empty, .text(row.short ? "ya" : ""), .date(row.countedOn)]
        })
    }
}
