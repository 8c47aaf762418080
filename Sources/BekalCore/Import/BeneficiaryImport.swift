import Foundation

/// The columns of a beneficiary import file, by their header names (Bahasa Indonesia, as
/// the office's own registers use them). Header names are matched case-insensitively, with
/// spaces and hyphens read as underscores, in any order.
public enum BeneficiaryColumn: String, CaseIterable, Sendable {
    /// The office's register number: re-importing a row that carries one is a no-op.
    case noRegister = "no_register"
    case nama, nik
    case tahunLahir = "tahun_lahir"
    case daerahAsal = "daerah_asal"
    case kelurahan
    /// Cohort code.
    case angkatan
    /// Track code.
    case jurusan
    /// enrolled / completed / dropped_out, or terdaftar / lulus / keluar.
    case status
    case tanggalStatus = "tanggal_status"
    /// ya / tidak: she agreed her business data may be shared with partners.
    case izinBerbagi = "izin_berbagi"
    /// The name she agreed may appear in partner exports.
    case namaIzin = "nama_izin"
    /// The records (B-00007 …) she was confirmed to be a different woman from, when she has
    /// their name and birth year (``LikelyDuplicate``).
    case bedaDari = "beda_dari"

    public static let required: [BeneficiaryColumn] = [.nama, .angkatan, .jurusan]
}

/// What the import needs to know about the database, as closures over an open transaction
/// so the rules below can be checked without a store.
public struct ImportLookup {
    public var cohort: (String) throws -> Cohort?
    public var track: (String) throws -> Track?
    public var beneficiary: (_ externalRef: String) throws -> Beneficiary?
    public var beneficiaryID: (NIK) throws -> Int64?
    public var enrolments: (_ beneficiaryID: Int64) throws -> [Enrolment]
    /// Everyone registered with this name key and birth year.
    public var namesakes: (_ nameKey: String, _ birthYear: Int) throws -> [Beneficiary]
    /// A record by its code (B-00007).
    public var beneficiaryByCode: (String) throws -> Beneficiary?
    /// The ages the programme enrols (settings): a child in the file is refused at her line.
    public var ageLimits = AgeLimits()

    public init(cohort: @escaping (String) throws -> Cohort?, track: @escaping (String) throws -> Track?,
                beneficiary: @escaping (String) throws -> Beneficiary?, beneficiaryID: @escaping (NIK) throws -> Int64?,
                enrolments: @escaping (Int64) throws -> [Enrolment],
                namesakes: @escaping (String, Int) throws -> [Beneficiary] = { _, _ in [] },
                beneficiaryByCode: @escaping (String) throws -> Beneficiary? = { _ in nil }) {
        self.namesakes = namesakes
        self.beneficiaryByCode = beneficiaryByCode
        self.cohort = cohort
        self.track = track
        self.beneficiary = beneficiary
        self.beneficiaryID = beneficiaryID
        self.enrolments = enrolments
    }

    public init(_ tx: any RegistryPort) {
        self.init(cohort: { try tx.cohort(code: $0) }, track: { try tx.track(code: $0) },
                  beneficiary: { try tx.beneficiary(externalRef: $0) }, beneficiaryID: { try tx.beneficiaryID(nik: $0) },
                  enrolments: { try tx.enrolments(beneficiaryID: $0) },
                  namesakes: { try tx.beneficiaries(nameKey: $0, birthYear: $1) },
                  beneficiaryByCode: { code in try Resolve.id(code, prefix: "B").flatMap { try tx.beneficiary(id: $0) } })
        ageLimits = (try? tx.settings().ageLimits) ?? AgeLimits()
    }
}

/// What an import will write: new women with their enrolment, and the lines skipped because
/// the same record is already registered under its no_register.
public struct BeneficiaryImportPlan: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        public let line: Int
        public let draft: BeneficiaryDraft
        public let cohort: String
        public let track: String
        public let status: Enrolment.Status
        public let statusDate: LocalDate?
    }
    public var rows: [Row] = []
    public var skippedLines: [Int] = []

    public var summary: ImportSummary {
        ImportSummary(beneficiaries: rows.count, enrolments: rows.count, skipped: skippedLines.count)
    }
}

public struct ImportSummary: Hashable, Sendable {
    public let beneficiaries: Int
    public let enrolments: Int
    public let skipped: Int

    public init(beneficiaries: Int, enrolments: Int, skipped: Int) {
        self.beneficiaries = beneficiaries
        self.enrolments = enrolments
        self.skipped = skipped
    }
}

/// Import of beneficiaries and their enrolments from a CSV file.
///
/// Parse → validate → write, as separate stages. The whole file is validated first, every
/// row against the database and against the other rows; one bad row refuses the whole file
/// with every problem listed (``ImportRejection``), so an officer fixes the spreadsheet once
/// rather than once per error, and a half-imported register never exists.
public enum BeneficiaryImport {
    /// More rows than any office registers in a year; a bigger file is probably the wrong file.
    public static let rowCountMax = 20_000
    /// Names and places longer than this are a column mix-up, not data.
    public static let textLengthMax = 100

    /// Reads and validates a file; throws ``ImportRejection`` listing every problem.
    public static func plan(data: Data, file: String, today: LocalDate, lookup: ImportLookup) throws -> BeneficiaryImportPlan {
        let records: [CSVRecord]
        do {
            let text = try CSV.decodeUTF8(data)
            // A header with semicolons and no comma: a spreadsheet that separates with ';'.
            let header = text.prefix { $0 != "\n" && $0 != "\r" && $0 != "\r\n" }
            records = try CSV.parse(text, separator: header.contains(";") && !header.contains(",") ? ";" : ",")
        } catch {
            throw ImportRejection(file: file, problems: [
                ImportProblem(place: .character(line: error.line, column: error.column), reason: error.reason, hint: error.hint,
                              alasan: error.alasan, petunjuk: error.petunjuk),
            ])
        }
        return try plan(records: records, file: file, today: today, lookup: lookup)
    }

    public static func plan(records: [CSVRecord], file: String, today: LocalDate,
                            lookup: ImportLookup) throws -> BeneficiaryImportPlan {
        guard let headerRecord = records.first else {
            throw ImportRejection(file: file, problems: [ImportProblem(
                place: .row(line: 1, column: nil), reason: "the file is empty",
                hint: "the first line names the columns, e.g. nama,angkatan,jurusan; then one line per woman",
                alasan: "Berkasnya kosong",
                petunjuk: "Baris pertama berisi nama kolom, misalnya nama,angkatan,jurusan; lalu satu baris per binaan")])
        }
        var validator = Validator(today: today, lookup: lookup)
        validator.readHeader(headerRecord)
        if records.count - 1 > rowCountMax {
            validator.problems.append(ImportProblem(
                place: .row(line: records[rowCountMax + 1].line, column: nil),
                reason: "the file has more than \(rowCountMax) rows", hint: "split it into several files",
                alasan: "Berkas ini berisi lebih dari \(rowCountMax) baris", petunjuk: "Pecah menjadi beberapa berkas"))
        } else {
            for record in records.dropFirst() { try validator.check(record) }
        }
        if !validator.problems.isEmpty { throw ImportRejection(file: file, problems: validator.problems) }
        return validator.plan
    }

    /// Writes a validated plan in the caller's transaction through the registry operations.
    public static func apply(_ plan: BeneficiaryImportPlan, context: OperationContext? = nil,
                             in tx: any StoreTransaction) throws -> ImportSummary {
        for row in plan.rows {
            let person = try Operations.addBeneficiary(row.draft, context: context, in: tx)
            _ = try Operations.enrol(EnrolmentRequest(beneficiary: person.code, cohort: row.cohort, track: row.track,
                                                      status: row.status, statusDate: row.statusDate), in: tx)
        }
        return plan.summary
    }

    static func status(_ text: String) -> Enrolment.Status? {
        switch text.lowercased() {
        case "enrolled", "terdaftar": .enrolled
        case "completed", "lulus": .completed
        case "dropped_out", "dropped out", "keluar": .droppedOut
        default: nil
        }
    }

    static func consent(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "", "tidak", "no": false
        case "ya", "yes": true
        default: nil
        }
    }
}

extension Operations {
    /// Imports a beneficiary file in one transaction (or, with `dryRun`, only checks it).
    public func importBeneficiaries(_ data: Data, file: String, dryRun: Bool,
                                    context: OperationContext) throws -> ImportSummary {
        if dryRun {
            return try store.read { tx in
                try BeneficiaryImport.plan(data: data, file: file, today: context.today(in: try tx.settings()),
                                           lookup: ImportLookup(tx)).summary
            }
        }
        return try store.write { tx in
            let plan = try BeneficiaryImport.plan(data: data, file: file, today: context.today(in: try tx.settings()),
                                                  lookup: ImportLookup(tx))
            return try BeneficiaryImport.apply(plan, context: context, in: tx)
        }
    }
}
