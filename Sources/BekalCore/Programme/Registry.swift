import Foundation

/// A national identity number (Nomor Induk Kependudukan): exactly 16 digits.
/// Sensitive: never in a partner export, a log line or an error message.
public struct NIK: Hashable, Codable, Sendable {
    public let digits: String

    public static let digitCount = 16

    public static func parse(_ text: String, field: InputField = .nik) throws(InputError) -> NIK {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count == digitCount, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            // The input is not echoed: it may be a real NIK with one digit missing.
            throw InputError(field, input: "(\(trimmed.count) characters, not shown)", .notANIK)
        }
        return NIK(digits: trimmed)
    }

    private init(digits: String) { self.digits = digits }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try NIK.parse(text) } catch { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}

/// Programme-wide settings an admin can change.
public struct ProgrammeSettings: Hashable, Codable, Sendable {
    /// How many members a kelompok may be set to have by default.
    public static let kelompokSizes = 1...50

    public var officeName: String
    public var grantAmountDefault: Rupiah
    public var kelompokSizeDefault: Int
    /// The office's time zone (Asia/Jakarta for WIB): it decides what "today" is.
    public var timeZoneIdentifier: String
    /// When graduates are due for a visit, and when silence means lost to follow-up.
    public var followUpPolicy: FollowUpPolicy
    /// Who signs the office's paper (kuitansi, BAST, BKU), and where it is signed.
    public var signatories: Signatories
    /// The office's address, under its name on every document's letterhead.
    public var officeAddress: String?
    /// The budget year (*tahun anggaran*) printed on the documents; nil prints the document's own year.
    public var budgetYear: Int?
    /// Grants are paid only to people on an approved recipient list (``RecipientList``), or
    /// under an admin's recorded exception. On for an office made by `bekal init` and for the
    /// demo; off for a database made before recipient lists existed, until its admin turns it
    /// on (so that an upgrade never stops a month's payments halfway).
    public var grantsNeedApprovedList: Bool
    /// Equipment is issued only to a kelompok whose members on the day are all on an approved
    /// recipient list of its cohort (the SK names who receives the programme's assistance, in
    /// money and in kind). Off unless the office works that way.
    public var equipmentNeedsApprovedList: Bool = false
    /// The stages of a case, in the office's order (``StageDefinition/atensi`` by default).
    public var caseStages: [StageDefinition] = StageDefinition.atensi
    /// The categories an intake records (``IntakeCategory/standard`` by default).
    public var intakeCategories: [IntakeCategory] = IntakeCategory.standard
    /// The ages the programme takes.
    public var ageLimits = AgeLimits()
    /// A need unanswered for longer than this many days is listed as late in the needs report.
    public var needAnswerDays = 30
    /// Marking a trainee completed while she attended fewer than this share of her sessions
    /// (in percent) asks the officer to confirm it.
    public var minimumAttendancePercent = 80
    /// The skills evaluation's pass mark, 0 to 100.
    public var skillsPassScore = 60

    public init(officeName: String = "Dinas Sosial", grantAmountDefault: Rupiah = Rupiah(1_500_000),
                kelompokSizeDefault: Int = 3, timeZoneIdentifier: String = "Asia/Jakarta",
                followUpPolicy: FollowUpPolicy = .standard, signatories: Signatories = Signatories(),
                officeAddress: String? = nil, budgetYear: Int? = nil, grantsNeedApprovedList: Bool = false) {
        self.signatories = signatories
        self.officeAddress = officeAddress
        self.budgetYear = budgetYear
        self.grantsNeedApprovedList = grantsNeedApprovedList
        self.officeName = officeName
        self.grantAmountDefault = grantAmountDefault
        self.kelompokSizeDefault = kelompokSizeDefault
        self.timeZoneIdentifier = timeZoneIdentifier
        self.followUpPolicy = followUpPolicy
    }

    // Settings saved before a field existed decode with that field's default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ProgrammeSettings()
        officeName = try c.decodeIfPresent(String.self, forKey: .officeName) ?? defaults.officeName
        grantAmountDefault = try c.decodeIfPresent(Rupiah.self, forKey: .grantAmountDefault) ?? defaults.grantAmountDefault
        kelompokSizeDefault = try c.decodeIfPresent(Int.self, forKey: .kelompokSizeDefault) ?? defaults.kelompokSizeDefault
        timeZoneIdentifier = try c.decodeIfPresent(String.self, forKey: .timeZoneIdentifier) ?? defaults.timeZoneIdentifier
        followUpPolicy = try c.decodeIfPresent(FollowUpPolicy.self, forKey: .followUpPolicy) ?? defaults.followUpPolicy
        signatories = try c.decodeIfPresent(Signatories.self, forKey: .signatories) ?? defaults.signatories
        officeAddress = try c.decodeIfPresent(String.self, forKey: .officeAddress)
        budgetYear = try c.decodeIfPresent(Int.self, forKey: .budgetYear)
        grantsNeedApprovedList = try c.decodeIfPresent(Bool.self, forKey: .grantsNeedApprovedList) ?? defaults.grantsNeedApprovedList
        equipmentNeedsApprovedList = try c.decodeIfPresent(Bool.self, forKey: .equipmentNeedsApprovedList) ?? false
        caseStages = try c.decodeIfPresent([StageDefinition].self, forKey: .caseStages) ?? StageDefinition.atensi
        intakeCategories = try c.decodeIfPresent([IntakeCategory].self, forKey: .intakeCategories) ?? IntakeCategory.standard
        ageLimits = try c.decodeIfPresent(AgeLimits.self, forKey: .ageLimits) ?? AgeLimits()
        needAnswerDays = try c.decodeIfPresent(Int.self, forKey: .needAnswerDays) ?? 30
        minimumAttendancePercent = try c.decodeIfPresent(Int.self, forKey: .minimumAttendancePercent) ?? 80
        skillsPassScore = try c.decodeIfPresent(Int.self, forKey: .skillsPassScore) ?? 60
    }

    /// The stage of the office's list with this code.
    public func stage(_ code: String) -> StageDefinition? { caseStages.first { $0.code == code } }

    /// The settings a document prints, each checked before it is made: a document that
    /// needs a missing one is refused with the setting named, never printed with a blank.
    public func require(_ needed: [DocumentSetting], for document: String) throws {
        for setting in needed where value(of: setting) == nil {
            throw ProgrammeRejection.documentSettingMissing(document: document, setting: setting)
        }
    }

    /// A setting's value as printed, nil when it is not set.
    public func value(of setting: DocumentSetting) -> String? {
        func given(_ text: String?) -> String? { text.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        switch setting {
        case .officeName: return given(officeName)
        case .officeAddress: return given(officeAddress)
        case .place: return given(signatories.place)
        case .treasurerName: return given(signatories.treasurerName)
        case .treasurerNIP: return signatories.treasurerNIP?.grouped
        case .headName: return given(signatories.headName)
        case .headNIP: return signatories.headNIP?.grouped
        case .programmeOfficerName: return given(signatories.programmeOfficerName)
        case .programmeOfficerNIP: return signatories.programmeOfficerNIP?.grouped
        }
    }
}

/// A setting the office's paper prints (``ProgrammeSettings/require(_:for:)``), named as the
/// command line sets it.
public enum DocumentSetting: String, CaseIterable, Sendable {
    case officeName, officeAddress, place, treasurerName, treasurerNIP, headName, headNIP, programmeOfficerName, programmeOfficerNIP

    /// The option of `bekal settings set` that sets it.
    public var option: String {
        switch self {
        case .officeName: "--office-name"
        case .officeAddress: "--office-address"
        case .place: "--place"
        case .treasurerName: "--treasurer-name"
        case .treasurerNIP: "--treasurer-nip"
        case .headName: "--head-name"
        case .headNIP: "--head-nip"
        case .programmeOfficerName: "--officer-name"
        case .programmeOfficerNIP: "--officer-nip"
        }
    }

    /// What it is, in English.
    public var name: String {
        switch self {
        case .officeName: "the office's name"
        case .officeAddress: "the office's address"
        case .place: "the place documents are signed"
        case .treasurerName: "the bendahara's name"
        case .treasurerNIP: "the bendahara's NIP"
        case .headName: "the head of office's name"
        case .headNIP: "the head of office's NIP"
        case .programmeOfficerName: "the programme officer's name"
        case .programmeOfficerNIP: "the programme officer's NIP"
        }
    }
}

/// The officers who sign the office's documents, with their NIP (the civil servant's 18-digit
/// number), and the place written before the date ("Bandar Lampung, 2 Januari 2013"). Empty
/// until the admin sets them; a document that needs one is refused until it is set.
public struct Signatories: Hashable, Codable, Sendable {
    public var place: String?
    /// The bendahara pengeluaran.
    public var treasurerName: String?
    public var treasurerNIP: NIP?
    /// The head of the office (kepala dinas) or the officer who approves (PPK, PA/KPA).
    public var headName: String?
    public var headNIP: NIP?
    /// The approving officer's title as printed: "Kepala Dinas Sosial" by default.
    public var headTitle: String?
    /// The programme officer (PPTK, *pejabat pelaksana teknis kegiatan*) who hands equipment over and signs the BAST.
    public var programmeOfficerName: String?
    public var programmeOfficerNIP: NIP?

    public init(place: String? = nil, treasurerName: String? = nil, treasurerNIP: NIP? = nil, headName: String? = nil,
                headNIP: NIP? = nil, headTitle: String? = nil, programmeOfficerName: String? = nil, programmeOfficerNIP: NIP? = nil) {
        self.programmeOfficerName = programmeOfficerName
        self.programmeOfficerNIP = programmeOfficerNIP
        self.place = place
        self.treasurerName = treasurerName
        self.treasurerNIP = treasurerNIP
        self.headName = headName
        self.headNIP = headNIP
        self.headTitle = headTitle
    }
}

/// A civil servant's number (Nomor Induk Pegawai): 18 digits, often written in groups
/// (`19750101 200003 2 001`); kept as the digits, printed in its groups.
public struct NIP: Hashable, Codable, Sendable {
    public let digits: String
    public static let digitCount = 18

    public static func parse(_ text: String, field: InputField) throws(InputError) -> NIP {
        let digits = text.filter { !$0.isWhitespace }
        guard digits.count == digitCount, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw InputError(field, input: text, .notANIP)
        }
        return NIP(digits: digits)
    }

    private init(digits: String) { self.digits = digits }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try NIP.parse(text, field: .option("nip")) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }

    /// `19750101 200003 2 001`: birth date, appointment month, sex, number.
    public var grouped: String {
        let d = Array(digits)
        return String(d[0..<8]) + " " + String(d[8..<14]) + " " + String(d[14]) + " " + String(d[15..<18])
    }
}

/// A skills track (*jurusan*): tata boga (catering), jahit (sewing), salon.
public struct Track: Hashable, Codable, Sendable {
    public let id: Int64
    public let code: String
    public var name: String

    public init(id: Int64, code: String, name: String) {
        self.id = id
        self.code = code
        self.name = name
    }
}

/// A cohort (*angkatan*): the women who train together, usually one a year.
public struct Cohort: Hashable, Codable, Sendable {
    public let id: Int64
    public let code: String
    public var name: String
    public var trainingStart: LocalDate?
    public var trainingEnd: LocalDate?
    /// The budget allotted to this cohort (grants, equipment, aftercare).
    public var budget: Rupiah
    public var budgetYear: Int?
    /// This cohort's standard grant, when it is not the programme's (`grantAmountDefault`).
    public var grantAmount: Rupiah?

    public init(id: Int64, code: String, name: String, trainingStart: LocalDate? = nil, trainingEnd: LocalDate? = nil, budget: Rupiah,
                budgetYear: Int? = nil, grantAmount: Rupiah? = nil) {
        self.id = id
        self.code = code
        self.name = name
        self.trainingStart = trainingStart
        self.trainingEnd = trainingEnd
        self.budget = budget
        self.budgetYear = budgetYear
        self.grantAmount = grantAmount
    }

    /// The grant every graduate of this cohort receives unless an officer states otherwise.
    public func standardGrant(_ settings: ProgrammeSettings) -> Rupiah { grantAmount ?? settings.grantAmountDefault }
}

/// A woman in the programme. `name` and `nik` are sensitive.
public struct Beneficiary: Hashable, Codable, Sendable {
    /// The birth years the registry accepts: anything else is a typing error.
    public static let birthYears = 1900...2100

    /// A birth year as typed: four digits within ``birthYears``.
    public static func parseBirthYear(_ text: String) throws(InputError) -> Int {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard let year = Int(text) else { throw InputError(.birthYear, input: text, .notAWholeNumber) }
        guard birthYears.contains(year) else { throw InputError(.birthYear, input: text, .outOfRange) }
        return year
    }

    public let id: Int64
    /// The office's own register number, if it has one (makes imports idempotent).
    public var externalRef: String?
    public var name: String
    public var nik: NIK?
    public var birthYear: Int?
    public var originArea: String?
    public var kelurahan: String?
    /// She agreed that her business data (not her person) may be shared with partners.
    public var consentShare: Bool
    /// The name she agreed may appear in partner exports, if any.
    public var consentName: String?

    /// The public code, derived from the id: `B-00042`. Safe to show where a name is not.
    public var code: String { Beneficiary.code(for: id) }
    public static func code(for id: Int64) -> String { "B-" + zeroPadded(id, 5) }

    public init(id: Int64, externalRef: String? = nil, name: String, nik: NIK? = nil, birthYear: Int? = nil, originArea: String? = nil, kelurahan: String? = nil, consentShare: Bool, consentName: String? = nil) {
        self.id = id
        self.externalRef = externalRef
        self.name = name
        self.nik = nik
        self.birthYear = birthYear
        self.originArea = originArea
        self.kelurahan = kelurahan
        self.consentShare = consentShare
        self.consentName = consentName
    }
}

/// A beneficiary's place in a cohort and track.
public struct Enrolment: Hashable, Codable, Sendable {
    public enum Status: String, Codable, CaseIterable, Sendable {
        case enrolled, completed
        case droppedOut = "dropped_out"
    }
    public let id: Int64
    public let beneficiaryID: Int64
    public let cohortID: Int64
    public let trackID: Int64
    public var status: Status
    public var statusDate: LocalDate?

    public init(id: Int64, beneficiaryID: Int64, cohortID: Int64, trackID: Int64, status: Status, statusDate: LocalDate? = nil) {
        self.id = id
        self.beneficiaryID = beneficiaryID
        self.cohortID = cohortID
        self.trackID = trackID
        self.status = status
        self.statusDate = statusDate
    }
}

/// A work group (*kelompok kerja*, normally three women) that receives equipment and often
/// runs a usaha together. Membership changes over time; the record keeps who was in it when.
public struct Kelompok: Hashable, Codable, Sendable {
    public let id: Int64
    public var name: String
    public let cohortID: Int64
    public let trackID: Int64?
    public var code: String { Kelompok.code(for: id) }
    public static func code(for id: Int64) -> String { "K-" + zeroPadded(id, 4) }

    public init(id: Int64, name: String, cohortID: Int64, trackID: Int64? = nil) {
        self.id = id
        self.name = name
        self.cohortID = cohortID
        self.trackID = trackID
    }
}

public struct KelompokMembership: Hashable, Codable, Sendable {
    public let id: Int64
    public let kelompokID: Int64
    public let beneficiaryID: Int64
    public let joinedOn: LocalDate
    public var leftOn: LocalDate?

    public func isMember(on date: LocalDate) -> Bool {
        joinedOn <= date && (leftOn.map { date < $0 } ?? true)
    }

    public init(id: Int64, kelompokID: Int64, beneficiaryID: Int64, joinedOn: LocalDate, leftOn: LocalDate? = nil) {
        self.id = id
        self.kelompokID = kelompokID
        self.beneficiaryID = beneficiaryID
        self.joinedOn = joinedOn
        self.leftOn = leftOn
    }
}

/// A small business (*usaha*) run by one graduate or by a kelompok. It has its own book,
/// whose code is the usaha's code.
public struct Usaha: Hashable, Codable, Sendable {
    public enum Owner: Hashable, Codable, Sendable {
        case beneficiary(Int64)
        case kelompok(Int64)
    }
    public let id: Int64
    public let owner: Owner
    public var product: String
    public var brand: String?
    public var location: String?
    public var kelurahan: String?
    /// The stable code (also the code of its book) partners see, derived from the id: `U-0042`.
    public var code: String { Usaha.code(for: id) }
    public static func code(for id: Int64) -> String { "U-" + zeroPadded(id, 4) }

    public init(id: Int64, owner: Owner, product: String, brand: String? = nil, location: String? = nil, kelurahan: String? = nil) {
        self.id = id
        self.owner = owner
        self.product = product
        self.brand = brand
        self.location = location
        self.kelurahan = kelurahan
    }
}

/// An item of equipment the office buys and issues (sewing machine, oven, salon chair).
public struct EquipmentItem: Hashable, Codable, Sendable {
    public let id: Int64
    public let code: String
    public var name: String
    public var unit: String

    public init(id: Int64, code: String, name: String, unit: String) {
        self.id = id
        self.code = code
        self.name = name
        self.unit = unit
    }
}

/// What is in the store room: quantity and its book value (moving average cost).
public struct EquipmentStock: Hashable, Codable, Sendable {
    public var quantity: Int64
    public var value: Rupiah
    public init(quantity: Int64, value: Rupiah) {
        self.quantity = quantity
        self.value = value
    }
}

/// Equipment into (positive) or out of (negative) the store room, by one entry.
public struct EquipmentMovement: Hashable, Codable, Sendable {
    public let entryID: Int64
    public let itemID: Int64
    public let kelompokID: Int64?
    public let quantity: Int64
    public let value: Rupiah
    public init(entryID: Int64, itemID: Int64, kelompokID: Int64?, quantity: Int64, value: Rupiah) {
        self.entryID = entryID
        self.itemID = itemID
        self.kelompokID = kelompokID
        self.quantity = quantity
        self.value = value
    }
}

/// A grant paid: links the ledger entry to the person and cohort it was for.
public struct GrantPayment: Hashable, Codable, Sendable {
    public let id: Int64
    public let beneficiaryID: Int64
    public let cohortID: Int64
    public let entryID: Int64
    public let usahaEntryID: Int64?
    public let usahaID: Int64?
    public let amount: Rupiah
    public let exceptionID: Int64?
    /// Why an amount other than the cohort's standard was paid, as the officer stated it.
    public let amountReason: String?
    /// The entry that reversed this grant's entry, if any.
    public var reversedByEntryID: Int64?

    public init(id: Int64, beneficiaryID: Int64, cohortID: Int64, entryID: Int64, usahaEntryID: Int64? = nil, usahaID: Int64? = nil,
                amount: Rupiah, exceptionID: Int64? = nil, amountReason: String? = nil, reversedByEntryID: Int64? = nil) {
        self.amountReason = amountReason
        self.id = id
        self.beneficiaryID = beneficiaryID
        self.cohortID = cohortID
        self.entryID = entryID
        self.usahaEntryID = usahaEntryID
        self.usahaID = usahaID
        self.amount = amount
        self.exceptionID = exceptionID
        self.reversedByEntryID = reversedByEntryID
    }
}

/// An admin's recorded permission to pay a second grant to the same person in the same cohort.
public struct GrantException: Hashable, Codable, Sendable {
    public let id: Int64
    public let beneficiaryID: Int64
    public let cohortID: Int64
    public let reason: String
    public let actor: String
    public let recordedAt: String

    public init(id: Int64, beneficiaryID: Int64, cohortID: Int64, reason: String, actor: String, recordedAt: String) {
        self.id = id
        self.beneficiaryID = beneficiaryID
        self.cohortID = cohortID
        self.reason = reason
        self.actor = actor
        self.recordedAt = recordedAt
    }
}
