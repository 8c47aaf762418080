/// The receipt (*kuitansi*) a graduate signs for her working-capital grant: what the SPJ keeps
/// for every rupiah paid. Built from the grant's journal entry, its grant record and the
/// office's signatories; the PDF adapter only lays it out. It names her (she signs it), so
/// making one is audited (``AuditAction/documentKuitansi``).
public struct Kuitansi: Hashable, Sendable {
    /// The kuitansi number: the entry's document reference (KW/2013/001).
    public let number: String
    public let entryID: Int64
    public let officeName: String
    public let recipientName: String
    public let recipientCode: String
    public let registerNumber: String?
    public let amount: Rupiah
    /// The amount in words, as the kuitansi writes it ("Satu juta lima ratus ribu rupiah").
    public var amountInWords: String { Terbilang.rupiah(amount) }
    /// What it is for: "Bantuan modal kerja usaha bagi lulusan pelatihan Angkatan 2010 (Tata Boga)".
    public let purpose: String
    public let valueDate: LocalDate
    public let signatories: Signatories
    /// The entry that reversed this grant, if any: the paper says it is void.
    public let reversedByEntryID: Int64?
    /// The decision it was paid under (the SK penerima bantuan), once recipient lists hold it.
    public var decree: String? = nil
    /// The office's address for the letterhead.
    public var officeAddress: String? = nil

    /// What a kuitansi prints from the settings: it is refused while one is missing.
    public static let neededSettings: [DocumentSetting] = [.officeName, .place, .treasurerName, .treasurerNIP, .headName, .headNIP]

    public init(number: String, entryID: Int64, officeName: String, recipientName: String, recipientCode: String, registerNumber: String?,
                amount: Rupiah, purpose: String, valueDate: LocalDate, signatories: Signatories, reversedByEntryID: Int64?) {
        self.number = number
        self.entryID = entryID
        self.officeName = officeName
        self.recipientName = recipientName
        self.recipientCode = recipientCode
        self.registerNumber = registerNumber
        self.amount = amount
        self.purpose = purpose
        self.valueDate = valueDate
        self.signatories = signatories
        self.reversedByEntryID = reversedByEntryID
    }
}

extension Operations {
    /// The kuitansi of the grant paid under a kuitansi number (the entry's document
    /// reference, in the office book), audited with her code and the number; refused when no
    /// grant was paid under that number.
    public func kuitansi(number: String, context: OperationContext) throws -> Kuitansi {
        try store.write { tx in
            let number = number.trimmingCharacters(in: .whitespaces)
            let book = try Operations.officeBook(tx)
            guard !number.isEmpty,
                  let entry = try tx.entries(documentRefContaining: number, bookID: book.id, limit: 50)
                    .first(where: { $0.documentRef == number && $0.kind == .grant })
            else { throw ProgrammeRejection.notFound(.kuitansi, reference: number) }
            return try Operations.kuitansi(of: entry, context: context, in: tx)
        }
    }

    /// The kuitansi of the grant paid by entry `entryID`.
    public func kuitansi(entryID: Int64, context: OperationContext) throws -> Kuitansi {
        try store.write { tx in
            guard let entry = try tx.entry(id: entryID), entry.kind == .grant else {
                throw ProgrammeRejection.notFound(.kuitansi, reference: "#\(entryID)")
            }
            return try Operations.kuitansi(of: entry, context: context, in: tx)
        }
    }

    /// The kuitansi of every line of a list that was paid, in the list's order, each audited;
    /// refused when none is paid yet.
    public func kuitansi(list code: String, context: OperationContext) throws -> [Kuitansi] {
        try store.write { tx in
            let state = try Operations.recipientListState(code: code, in: tx)
            let all = try state.lines.compactMap { line -> Kuitansi? in
                guard case .paid(let entryID, _, _) = line.state, let entry = try tx.entry(id: entryID) else { return nil }
                return try Operations.kuitansi(of: entry, context: context, in: tx)
            }
            if all.isEmpty { throw ProgrammeRejection.notFound(.kuitansi, reference: "\(state.list.code) (no line paid yet)") }
            return all
        }
    }

    /// The kuitansi of a grant entry, audited; the SK it was paid under when it was paid
    /// against an approved recipient list.
    public static func kuitansi(of entry: JournalEntry, context: OperationContext, in tx: any StoreTransaction) throws -> Kuitansi {
        let reference = entry.documentRef ?? "#\(entry.id)"
        guard entry.kind == .grant,
              let beneficiaryID = entry.postings.lazy.compactMap(\.dimensions.beneficiaryID).first,
              let person = try tx.beneficiary(id: beneficiaryID),
              let grant = try tx.grants(beneficiaryID: beneficiaryID).first(where: { $0.entryID == entry.id })
        else { throw ProgrammeRejection.notFound(.kuitansi, reference: reference) }
        let settings = try tx.settings()
        try settings.require(Kuitansi.neededSettings, for: "kuitansi")
        let cohort = try tx.cohort(id: grant.cohortID)
        let track = try tx.enrolments(beneficiaryID: person.id).first { $0.cohortID == grant.cohortID }
            .flatMap { try tx.track(id: $0.trackID) }
        let purpose = "Bantuan modal kerja usaha bagi lulusan pelatihan " + (cohort?.name ?? "angkatan \(grant.cohortID)")
            + (track.map { " (\($0.name))" } ?? "")
        try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .documentKuitansi, subject: person.code,
                           detail: "kuitansi \(reference)")
        var kuitansi = Kuitansi(number: reference, entryID: entry.id, officeName: settings.officeName, recipientName: person.name,
                                recipientCode: person.code, registerNumber: person.externalRef, amount: grant.amount, purpose: purpose,
                                valueDate: entry.valueDate, signatories: settings.signatories,
                                reversedByEntryID: try tx.reversalID(of: entry.id))
        kuitansi.officeAddress = settings.officeAddress
        kuitansi.decree = try Operations.decree(ofGrantEntry: entry.id, in: tx)
        return kuitansi
    }
}
