/// The recipient list as signed paper (*daftar penerima bantuan*): one row per recipient with
/// the amount and a box to sign or thumb-print on receipt, the total in figures and words, the
/// SK it was approved by, and the signatures of the head of office, the programme officer and
/// the bendahara. Made from an approved list (or a superseded one, marked so); it names every
/// recipient, so making one is audited (``AuditAction/documentDaftarPenerima``).
public struct DaftarPenerima: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        public let number: Int
        public let code: String
        public let registerNumber: String?
        public let name: String
        public let amount: Rupiah
        /// The kuitansi it was paid under, when it was.
        public let paidUnder: String?
    }

    public let listCode: String
    public let officeName: String
    public let officeAddress: String?
    public let cohortName: String
    public let trackName: String?
    public let decreeNumber: String
    public let decreeDate: LocalDate
    public let budgetYear: Int
    public let rows: [Row]
    /// The list that replaced this one, when it was replaced: the paper says so.
    public let supersededBy: String?
    public let signatories: Signatories

    public var total: Rupiah { Rupiah(rows.reduce(Int64(0)) { $0 &+ $1.amount.amount }) }

    /// What the list prints from the settings: it is refused while one is missing.
    public static let neededSettings: [DocumentSetting] = [.officeName, .place, .treasurerName, .treasurerNIP, .headName, .headNIP,
                                                           .programmeOfficerName, .programmeOfficerNIP]

    /// `daftar-penerima-DP-2013-1.pdf`.
    public var fileName: String { "daftar-penerima-\(DocumentFile.safe(listCode)).pdf" }
}

extension Operations {
    /// The daftar penerima of an approved list, audited with the list's code; a draft is
    /// refused (it has no SK yet).
    public func daftarPenerima(list code: String, context: OperationContext) throws -> DaftarPenerima {
        try store.write { tx in
            let state = try Operations.recipientListState(code: code, in: tx)
            guard let approval = state.list.approval else {
                throw ProgrammeRejection.recipientListNotApproved(list: state.list.code, status: state.status)
            }
            let settings = try tx.settings()
            try settings.require(DaftarPenerima.neededSettings, for: "daftar penerima")
            let rows = state.lines.map { line -> DaftarPenerima.Row in
                var paid: String?
                if case .paid(let entryID, let ref, _) = line.state { paid = ref ?? "#\(entryID)" }
                return DaftarPenerima.Row(number: line.line.number, code: line.line.beneficiaryCode, registerNumber: line.registerNumber,
                                          name: line.name, amount: line.line.amount, paidUnder: paid)
            }
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .documentDaftarPenerima, subject: state.list.code,
                               detail: "\(rows.count) recipients")
            return DaftarPenerima(listCode: state.list.code, officeName: settings.officeName, officeAddress: settings.officeAddress,
                                  cohortName: state.cohort.name, trackName: state.track?.name, decreeNumber: approval.decreeNumber,
                                  decreeDate: approval.decreeDate,
                                  budgetYear: settings.budgetYear ?? state.cohort.budgetYear ?? approval.decreeDate.year, rows: rows,
                                  supersededBy: state.status == .superseded ? state.supersededBy : nil, signatories: settings.signatories)
        }
    }
}
