/// The handover report (*berita acara serah terima*, BAST) of an equipment issue: what the
/// office handed to a kelompok, each item's quantity and book value, and the members of the
/// kelompok on the day (who sign it). Built from the issue's journal entry and its equipment
/// movements; the PDF adapter lays it out. It names the members, so making one is audited.
public struct BeritaAcaraSerahTerima: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public let itemName: String
        public let unit: String
        public let quantity: Int64
        public let value: Rupiah
    }

    public struct Member: Hashable, Sendable {
        public let code: String
        public let name: String
    }

    /// The issue's document number (BAST/2013/004), or the entry's number when it has none.
    public let number: String
    public let entryID: Int64
    public let officeName: String
    public let date: LocalDate
    public let kelompokCode: String
    public let kelompokName: String
    public let lines: [Line]
    public let members: [Member]
    public let signatories: Signatories
    public let reversedByEntryID: Int64?

    /// The office's address for the letterhead.
    public var officeAddress: String? = nil

    /// What a BAST prints from the settings: it is refused while one is missing.
    public static let neededSettings: [DocumentSetting] = [.officeName, .place, .headName, .headNIP]

    public var total: Rupiah { Rupiah(lines.reduce(0) { $0 + $1.value.amount }) }
}

extension Operations {
    /// The BAST of the equipment issued by entry `entryID`, audited with the kelompok's code;
    /// refused when the entry is not an equipment issue to a kelompok.
    public func beritaAcaraSerahTerima(entryID: Int64, context: OperationContext) throws -> BeritaAcaraSerahTerima {
        try store.write { tx in
            guard let entry = try tx.entry(id: entryID), entry.kind == .equipmentIssue else {
                throw ProgrammeRejection.notFound(.equipmentIssue, reference: "#\(entryID)")
            }
            let movements = try tx.equipmentMovements(entryID: entry.id)
            guard let kelompokID = movements.lazy.compactMap(\.kelompokID).first, let kelompok = try tx.kelompok(id: kelompokID) else {
                throw ProgrammeRejection.notFound(.equipmentIssue, reference: "#\(entryID)")
            }
            let lines = try movements.map { movement -> BeritaAcaraSerahTerima.Line in
                let item = try tx.equipmentItem(id: movement.itemID)
                return .init(itemName: item?.name ?? "#\(movement.itemID)", unit: item?.unit ?? "",
                             // Out of the store room: negative in the movement, handed over as positive.
                             quantity: Int64(clamping: movement.quantity.magnitude), value: Rupiah(Int64(clamping: movement.value.amount.magnitude)))
            }
            let members = try tx.memberships(kelompokID: kelompok.id).filter { $0.isMember(on: entry.valueDate) }.map { membership in
                let person = try tx.beneficiary(id: membership.beneficiaryID)
                return BeritaAcaraSerahTerima.Member(code: Beneficiary.code(for: membership.beneficiaryID), name: person?.name ?? "")
            }
            let settings = try tx.settings()
            try settings.require(BeritaAcaraSerahTerima.neededSettings, for: "BAST")
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .documentBAST, subject: kelompok.code,
                               detail: "bast of entry #\(entry.id)")
            var bast = BeritaAcaraSerahTerima(number: entry.documentRef ?? "#\(entry.id)", entryID: entry.id, officeName: settings.officeName,
                                          date: entry.valueDate, kelompokCode: kelompok.code, kelompokName: kelompok.name, lines: lines,
                                          members: members, signatories: settings.signatories, reversedByEntryID: try tx.reversalID(of: entry.id))
            bast.officeAddress = settings.officeAddress
            return bast
        }
    }
}
