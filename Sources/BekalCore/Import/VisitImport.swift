import Foundation

/// The columns of a visit import file: what a worker in the field fills in offline, one row
/// per visit. Header names are matched case-insensitively, with spaces and hyphens read as
/// underscores, in any order.
public enum VisitColumn: String, CaseIterable, Sendable {
    /// The day of the visit, YYYY-MM-DD.
    case tanggal
    /// The worker's code, e.g. PSM-01.
    case pendamping
    case caraKontak = "cara_kontak"
    /// The woman visited: her code (B-00012) or the office's register number.
    case binaan
    case kelompok, usaha, keberadaan
    case statusUsaha = "status_usaha"
    /// Sales in rupiah for the period below, posted to the usaha's book.
    case penjualan
    case penjualanDari = "penjualan_dari"
    case penjualanSampai = "penjualan_sampai"
    /// Support given, separated by `;`.
    case dukungan
    /// `item:kondisi;…`
    case peralatan
    case penggunaanBantuan = "penggunaan_bantuan"
    case kebutuhan, catatan
    case kunjunganBerikutnya = "kunjungan_berikutnya"

    public static let required: [VisitColumn] = [.tanggal, .pendamping, .caraKontak]
    /// A visit names at least one of these.
    public static let subjects: [VisitColumn] = [.binaan, .kelompok, .usaha]
}

/// What a visit import wrote, or (dry run) would write.
public struct VisitImportSummary: Hashable, Sendable {
    /// Visits recorded by this import.
    public let recorded: Int
    /// Rows skipped because the same visit was already recorded (by an earlier import of the
    /// file, by `bekal visit add`, or by an identical row above it).
    public let skipped: Int
    /// Sales posted to usaha books.
    public let salesPosted: Int

    public init(recorded: Int, skipped: Int, salesPosted: Int) {
        self.recorded = recorded
        self.skipped = skipped
        self.salesPosted = salesPosted
    }
}

/// Import of aftercare visits from a CSV file.
///
/// Parse → record, both over the whole file. Every row is read first and every column problem
/// collected; then every readable row is recorded through ``Operations/recordVisit(_:context:in:)``
/// in one transaction, each refusal becoming a problem of its line. Any problem refuses the
/// whole file (``ImportRejection``) and the transaction is rolled back, so a file is either
/// imported whole or not at all. A visit already recorded is skipped, which makes importing
/// the same file twice harmless.
///
/// Problems quote codes only (worker, kelompok, usaha, equipment item, the vocabulary), never
/// a beneficiary reference, needs or notes: the message may be pasted into a chat.
public enum VisitImport {
    public static let rowCountMax = 20_000
    /// Needs and notes longer than this are a column mix-up or a pasted document.
    public static let textLengthMax = 2_000

    public struct Row: Hashable, Sendable {
        public let line: Int
        public let request: VisitRequest
    }

    /// The CSV records of a file (UTF-8; `;`-separated when the header has semicolons and no comma).
    static func records(_ data: Data, file: String) throws -> [CSVRecord] {
        do {
            let text = try CSV.decodeUTF8(data)
            let header = text.prefix { $0 != "\n" && $0 != "\r" && $0 != "\r\n" }
            return try CSV.parse(text, separator: header.contains(";") && !header.contains(",") ? ";" : ",")
        } catch {
            throw ImportRejection(file: file, problems: [
                ImportProblem(place: .character(line: error.line, column: error.column), reason: error.reason, hint: error.hint),
            ])
        }
    }

    /// The rows that could be read, and the problems of those that could not.
    public static func parse(records: [CSVRecord]) -> (rows: [Row], problems: [ImportProblem]) {
        guard let header = records.first else {
            return ([], [ImportProblem(place: .row(line: 1, column: nil), reason: "the file is empty",
                                       hint: "the first line names the columns, e.g. tanggal,pendamping,cara_kontak,binaan; then one line per visit")])
        }
        var reader = VisitRowReader()
        reader.readHeader(header)
        if !reader.problems.isEmpty { return ([], reader.problems) }
        if records.count - 1 > rowCountMax {
            return ([], [ImportProblem(place: .row(line: records[rowCountMax + 1].line, column: nil),
                                       reason: "the file has more than \(rowCountMax) rows", hint: "split it into several files")])
        }
        var rows: [Row] = []
        for record in records.dropFirst() {
            if let request = reader.read(record) { rows.append(Row(line: record.line, request: request)) }
        }
        return (rows, reader.problems)
    }

    /// Records every row in the caller's transaction, each in its own savepoint, so that a
    /// refused row leaves nothing and the rows after it are still tried (and their refusals
    /// listed too). Throws ``ImportRejection`` with `earlierProblems` and every refusal, so the
    /// caller's transaction rolls back.
    public static func apply(_ rows: [Row], file: String, earlierProblems: [ImportProblem] = [], context: OperationContext,
                             in tx: any StoreTransaction) throws -> VisitImportSummary {
        var problems = earlierProblems
        var recorded = 0, skipped = 0, salesPosted = 0
        /// The line that recorded each visit of this import, to name it when a later row conflicts.
        var lineOfVisit: [Int64: Int] = [:]
        for row in rows {
            do {
                let result = try tx.savepoint { try Operations.recordVisit(row.request, context: context, in: tx) }
                if result.replayed {
                    skipped += 1
                } else {
                    recorded += 1
                    lineOfVisit[result.visit.id] = row.line
                    if result.visit.salesEntryID != nil { salesPosted += 1 }
                }
            } catch let failure as BekalFailure {
                problems.append(problem(for: failure, line: row.line, request: row.request, lineOfVisit: lineOfVisit))
            }
        }
        if !problems.isEmpty {
            throw ImportRejection(file: file, problems: problems.enumerated().sorted { a, b in
                (a.element.line, a.offset) < (b.element.line, b.offset)
            }.map(\.element))
        }
        return VisitImportSummary(recorded: recorded, skipped: skipped, salesPosted: salesPosted)
    }

    /// A refusal of ``Operations/recordVisit(_:context:in:)`` as a problem of the row, in the
    /// column it is about. A beneficiary reference is never quoted: it may be a name typed in
    /// the wrong column.
    static func problem(for failure: BekalFailure, line: Int, request: VisitRequest, lineOfVisit: [Int64: Int]) -> ImportProblem {
        func at(_ column: VisitColumn?, _ reason: String, _ hint: String) -> ImportProblem {
            ImportProblem(place: .row(line: line, column: column?.rawValue), reason: reason, hint: hint)
        }
        switch failure {
        case ProgrammeRejection.notFound(let kind, let reference):
            switch kind {
            case .beneficiary, .registerNumber:
                return at(.binaan, "no beneficiary has this code or register number", "write her code (B-00012) or the office's register number")
            case .worker:
                return at(.pendamping, "no worker \(quoted(reference)) exists", "list workers with `bekal worker list`, or add one with `bekal worker add`")
            case .kelompok: return at(.kelompok, "no kelompok \(quoted(reference)) exists", "write its code, e.g. K-0003")
            case .usaha: return at(.usaha, "no usaha \(quoted(reference)) exists", "write its code, e.g. U-0007")
            case .equipmentItem: return at(.peralatan, "no equipment item \(quoted(reference)) exists", "use the item codes of `bekal equipment` (e.g. oven)")
            case .cohort, .track, .account, .book, .kuitansi, .equipmentIssue, .recipientList, .partner, .stockTake: return at(nil, "no \(kind.name) \(quoted(reference)) exists", kind.lookupHint)
            }
        case AftercareRejection.visitConflict(let id, _):
            if let first = lineOfVisit[id] {
                return at(nil, "the same visit (day, worker, who and contact mode) is on line \(first) with different details",
                          "keep one row per visit, or merge the two rows")
            }
            return at(nil, "this visit (day, worker, who and contact mode) was already recorded as visit #\(id) with different details",
                      "visits are not edited: remove the row, or record what changed as a new visit on another day")
        case AftercareRejection.futureDate(_, let date, let today):
            return at(.tanggal, "\(date) is after today (\(today))", "record visits that have happened")
        case AftercareRejection.visitBeforeEnrolment(let subject, _, let start):
            let column: VisitColumn = subject.hasPrefix("K-") ? .kelompok : .binaan
            return at(.tanggal, "is before the training of \(subject) started (\(start))", "check the date and the \(column.rawValue) column")
        case AftercareRejection.salesWithoutUsaha:
            return at(.penjualan, "sales are given but no usaha", "name the usaha in the usaha column: sales are posted to its book")
        case AftercareRejection.salesPeriodInvalid(let start, let end, let date):
            return at(.penjualanDari, "the sales period \(start) to \(end) does not fit a visit on \(date)",
                      "the period starts on or before it ends, and ends on or before the visit")
        case AftercareRejection.nextVisitBeforeVisit(let next, let date):
            return at(.kunjunganBerikutnya, "\(next) is before the visit (\(date))", "give a later date or leave it empty")
        case ProgrammeRejection.notEnrolled(let b, _):
            return at(.binaan, "\(b) is not enrolled in any cohort", "enrol her first with `bekal enrol`")
        case AftercareRejection.outsideCaseload(let reference):
            let column: VisitColumn = switch reference {
            case .worker: .pendamping
            case .beneficiary: .binaan
            case .kelompok: .kelompok
            case .usaha: .usaha
            }
            return at(column, "is not in the caseload of the pendamping importing this file",
                      "a pendamping imports visits of her own caseload only, under her own worker code")
        default:
            var message = failure.message
            if message.hasSuffix(".") { message.removeLast() }
            return at(nil, message, "the row was refused as `bekal visit add` would refuse it")
        }
    }

    /// A code quoted back only when it looks like one.
    static func quoted(_ text: String, or instead: String = "with this code") -> String {
        BeneficiaryImport.Validator.looksLikeCode(text) ? "\"\(text)\"" : instead
    }
}

extension Operations {
    /// Imports a visit file in one transaction; with `dryRun` the same work is done and rolled
    /// back, so a dry run finds every problem a real import would.
    public func importVisits(_ data: Data, file: String, dryRun: Bool, context: OperationContext) throws -> VisitImportSummary {
        struct RolledBack: Error { let summary: VisitImportSummary }
        let (rows, problems) = VisitImport.parse(records: try VisitImport.records(data, file: file))
        // A header or file-size problem leaves no rows to check against the records.
        if rows.isEmpty && !problems.isEmpty { throw ImportRejection(file: file, problems: problems) }
        do {
            return try store.write { tx in
                let summary = try VisitImport.apply(rows, file: file, earlierProblems: problems, context: context, in: tx)
                if dryRun { throw RolledBack(summary: summary) }
                return summary
            }
        } catch let rolledBack as RolledBack {
            return rolledBack.summary
        }
    }
}

/// Reads the header and the rows of a visit file into ``VisitRequest``s, collecting every
/// problem with its line and column.
struct VisitRowReader {
    var problems: [ImportProblem] = []
    var columns: [VisitColumn?] = []
    var columnPosition: [VisitColumn: Int] = [:]

    static func normalised(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    mutating func readHeader(_ header: CSVRecord) {
        let allowed = VisitColumn.allCases.map(\.rawValue).joined(separator: ", ")
        columns = header.fields.map { VisitColumn(rawValue: Self.normalised($0)) }
        problems += header.headingProblems
        if columns.allSatisfy({ $0 == nil }) {
            problems.append(problem(header.line, nil, "the first line does not name the columns",
                                    "the first line must be the header, e.g. tanggal,pendamping,cara_kontak,binaan; the columns are: \(allowed)"))
            return
        }
        for (index, column) in columns.enumerated() {
            let written = header.fields[index].trimmingCharacters(in: .whitespaces)
            guard let column else {
                if !header.flaws(ofField: index).isEmpty { continue }
                let name = written.isEmpty ? "\(index + 1)" : written
                problems.append(problem(header.line, name, written.isEmpty ? "has no name" : "is not a column of the visit import",
                                        "use only: \(allowed); or delete the column"))
                continue
            }
            if columnPosition[column] != nil {
                problems.append(problem(header.line, column.rawValue, "appears twice in the header", "keep one of them"))
            } else {
                columnPosition[column] = index
            }
        }
        for column in VisitColumn.required where columnPosition[column] == nil {
            problems.append(problem(header.line, column.rawValue, "is missing from the header",
                                    "add a column named \(column.rawValue): \(Self.meaning[column]!)"))
        }
        if VisitColumn.subjects.allSatisfy({ columnPosition[$0] == nil }) {
            problems.append(problem(header.line, nil, "the header has none of binaan, kelompok and usaha",
                                    "add at least one: who or what was visited"))
        }
    }

    static let meaning: [VisitColumn: String] = [
        .tanggal: "the day of the visit, YYYY-MM-DD", .pendamping: "the worker's code, e.g. PSM-01",
        .caraKontak: "kunjungan_rumah, telepon, melalui_rt or melalui_lain",
    ]

    func problem(_ line: Int, _ column: String?, _ reason: String, _ hint: String) -> ImportProblem {
        ImportProblem(place: .row(line: line, column: column), reason: reason, hint: hint)
    }

    /// One row's cells and its problems, in the order of the file's columns.
    struct Cells {
        let line: Int
        let values: [VisitColumn: String]
        /// Cells the CSV reader flagged (too long, a control character): already a problem, and
        /// read as absent, but never as "empty" or "not given".
        let flawed: Set<VisitColumn>
        var problems: [(column: VisitColumn?, reason: String, hint: String)] = []

        init(line: Int, values: [VisitColumn: String], flawed: Set<VisitColumn> = []) {
            self.line = line
            self.values = values
            self.flawed = flawed
        }

        func text(_ column: VisitColumn) -> String? { values[column].flatMap { $0.isEmpty ? nil : $0 } }

        /// Whether the row has something in this cell, readable or not.
        func isFilled(_ column: VisitColumn) -> Bool { text(column) != nil || flawed.contains(column) }

        mutating func fail(_ column: VisitColumn?, _ reason: String, _ hint: String) { problems.append((column, reason, hint)) }

        /// A required cell, with "is empty" when it is not there.
        mutating func required(_ column: VisitColumn, _ hint: String) -> String? {
            guard let text = text(column) else {
                if !flawed.contains(column) { fail(column, "is empty", hint) }
                return nil
            }
            return text
        }

        mutating func date(_ column: VisitColumn) -> LocalDate? {
            guard let text = text(column) else { return nil }
            do { return try LocalDate.parse(text, field: .column(column.rawValue)) } catch {
                fail(column, "\(VisitImport.quoted(text, or: "the value")) \(error.reason.phrase)", error.hint)
                return nil
            }
        }

        mutating func term<T>(_ column: VisitColumn, _ table: [String: T], _ hint: String) -> T? {
            guard let text = text(column) else { return nil }
            if let value = table[VisitRowReader.normalised(text)] { return value }
            fail(column, "\(VisitImport.quoted(text, or: "the value")) is not one of the allowed values", hint)
            return nil
        }

        mutating func freeText(_ column: VisitColumn) -> String? {
            guard let text = text(column) else { return nil }
            if text.count > VisitImport.textLengthMax {
                fail(column, "is longer than \(VisitImport.textLengthMax) characters", "write it shorter; keep long reports on paper")
                return nil
            }
            return text
        }
    }

    mutating func read(_ record: CSVRecord) -> VisitRequest? {
        if record.fields.count != columns.count {
            problems.append(problem(record.line, nil, "the row has \(record.fields.count) fields but the header has \(columns.count)",
                                    "a value with a comma must be in double quotes; check for a missing or extra comma"))
            return nil
        }
        var values: [VisitColumn: String] = [:]
        for (column, field) in zip(columns, record.fields) {
            if let column { values[column] = field.trimmingCharacters(in: .whitespaces) }
        }
        let flawed = record.flawedCells(by: columns)
        for (column, _) in flawed { values[column] = nil }
        var cells = Cells(line: record.line, values: values, flawed: Set(flawed.map(\.column)))
        for (column, flaw) in flawed { cells.fail(column, flaw.reason, flaw.hint) }
        let request = read(&cells)
        problems += cells.problems.enumerated().sorted { a, b in
            let ka = a.element.column.flatMap { columnPosition[$0] } ?? -1
            let kb = b.element.column.flatMap { columnPosition[$0] } ?? -1
            return (ka, a.offset) < (kb, b.offset)
        }.map { problem(record.line, $0.element.column?.rawValue, $0.element.reason, $0.element.hint) }
        return cells.problems.isEmpty ? request : nil
    }

    func read(_ cells: inout Cells) -> VisitRequest? {
        let dateText = cells.required(.tanggal, "write the day of the visit, YYYY-MM-DD")
        let date = dateText == nil ? nil : cells.date(.tanggal)
        let worker = cells.required(.pendamping, "write the worker's code, e.g. PSM-01")
        if let worker, !BeneficiaryImport.Validator.looksLikeCode(worker) {
            cells.fail(.pendamping, "is not a worker code", "write the worker's code, e.g. PSM-01, not a name")
        }
        var contact: ContactMode?
        if cells.required(.caraKontak, "write kunjungan_rumah, telepon, melalui_rt or melalui_lain") != nil {
            contact = cells.term(.caraKontak, VisitTerms.contactModes, "write kunjungan_rumah, telepon, melalui_rt or melalui_lain")
        }
        let beneficiary = cells.text(.binaan)
        if let beneficiary, !BeneficiaryImport.Validator.looksLikeCode(beneficiary) {
            cells.fail(.binaan, "is not a beneficiary code or register number", "write her code (B-00012) or the office's register number, not her name")
        }
        let kelompok = cells.text(.kelompok), usaha = cells.text(.usaha)
        if !VisitColumn.subjects.contains(where: cells.isFilled) {
            cells.fail(nil, "names no one visited", "fill in at least one of binaan, kelompok and usaha")
        }
        let whereabouts = cells.term(.keberadaan, VisitTerms.whereabouts,
                                     "write di_tempat, pindah_dalam_kota, pulang_kampung or tidak_dapat_dihubungi")
        let status = cells.term(.statusUsaha, VisitTerms.businessStatuses, "write berjalan, berhenti, tutup or belum_mulai")
        let sales = readSales(&cells, visitDate: date)
        let support = readSupport(&cells)
        let equipment = readEquipment(&cells)
        let grantUse = cells.term(.penggunaanBantuan, VisitTerms.grantUses,
                                  "write modal_usaha, peralatan_usaha, rumah_tangga, telepon, usaha_keluarga, bayar_utang or lainnya")
        let needs = cells.freeText(.kebutuhan), notes = cells.freeText(.catatan)
        let next = cells.date(.kunjunganBerikutnya)
        guard cells.problems.isEmpty, let date, let worker, let contact else { return nil }
        return VisitRequest(date: date, worker: worker, beneficiary: beneficiary, kelompok: kelompok, usaha: usaha,
                            contactMode: contact, whereabouts: whereabouts, businessStatus: status, sales: sales,
                            support: support, equipment: equipment, grantUse: grantUse, needs: needs, notes: notes,
                            nextVisitDue: next)
    }

    func readSales(_ cells: inout Cells, visitDate: LocalDate?) -> SalesReport? {
        let from = cells.date(.penjualanDari), to = cells.date(.penjualanSampai)
        guard let text = cells.text(.penjualan) else {
            if !cells.flawed.contains(.penjualan), cells.isFilled(.penjualanDari) || cells.isFilled(.penjualanSampai) {
                cells.fail(.penjualan, "is empty but a sales period is given", "write the sales in rupiah, or leave the period empty")
            }
            return nil
        }
        let amount: Rupiah
        do { amount = try Rupiah.parse(text, field: .column(VisitColumn.penjualan.rawValue)) } catch {
            cells.fail(.penjualan, "\(VisitImport.quoted(text, or: "the amount")) \(error.reason.phrase)", error.hint)
            return nil
        }
        if amount.amount < 0 {
            cells.fail(.penjualan, "is negative", "sales are Rp0 or more; write 0 when nothing was sold")
            return nil
        }
        guard let visitDate else { return nil }
        return SalesReport(amount: amount, periodStart: from ?? visitDate.yearMonth.firstDay, periodEnd: to ?? visitDate)
    }

    func readSupport(_ cells: inout Cells) -> [SupportKind] {
        guard let text = cells.text(.dukungan) else { return [] }
        var kinds: [SupportKind] = []
        for part in text.split(separator: ";") {
            let word = String(part).trimmingCharacters(in: .whitespaces)
            if word.isEmpty { continue }
            if let kind = VisitTerms.support[VisitRowReader.normalised(word)] {
                kinds.append(kind)
            } else {
                cells.fail(.dukungan, "\(VisitImport.quoted(word, or: "a value")) is not a kind of support",
                           "separate with ; and use pemasaran, merek, kemasan, pembukuan, jejaring_pasar, pameran, pelatihan, rujukan_kesehatan or mediasi")
            }
        }
        return kinds
    }

    func readEquipment(_ cells: inout Cells) -> [EquipmentObservation] {
        guard let text = cells.text(.peralatan) else { return [] }
        var seen: Set<String> = []
        var observations: [EquipmentObservation] = []
        for part in text.split(separator: ";") {
            let entry = String(part).trimmingCharacters(in: .whitespaces)
            if entry.isEmpty { continue }
            let pieces = entry.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, !pieces[0].isEmpty, BeneficiaryImport.Validator.looksLikeCode(pieces[0]) else {
                cells.fail(.peralatan, "\(VisitImport.quoted(entry, or: "an entry")) is not item:kondisi",
                           "write item:kondisi separated by ;, e.g. oven:baik;mixer:rusak; kondisi is baik, rusak, dijual or hilang")
                continue
            }
            guard let condition = VisitTerms.conditions[VisitRowReader.normalised(pieces[1])] else {
                cells.fail(.peralatan, "\(VisitImport.quoted(pieces[1], or: "a condition")) is not a condition",
                           "write baik, rusak, dijual or hilang")
                continue
            }
            let item = pieces[0].lowercased()
            if !seen.insert(item).inserted {
                cells.fail(.peralatan, "\"\(item)\" is given twice", "give each item once")
                continue
            }
            observations.append(EquipmentObservation(item: item, condition: condition))
        }
        return observations
    }
}

/// The words a visit file may use: Bahasa Indonesia as workers write it, and the stored codes.
enum VisitTerms {
    static func table<T: RawRepresentable & CaseIterable>(_ indonesian: [String: T]) -> [String: T] where T.RawValue == String {
        var table = indonesian
        for value in T.allCases { table[value.rawValue] = value }
        return table
    }

    static let contactModes = table(["kunjungan_rumah": ContactMode.homeVisit, "telepon": .phone,
                                     "melalui_rt": .throughRTHead, "melalui_lain": .throughOther])
    static let whereabouts = table(["di_tempat": Whereabouts.here, "pindah_dalam_kota": .movedWithinCity,
                                    "pulang_kampung": .wentHomeToVillage, "tidak_dapat_dihubungi": .unreachable])
    static let businessStatuses = table(["berjalan": BusinessStatus.running, "berhenti": .paused, "tutup": .closed,
                                         "belum_mulai": .neverStarted])
    static let support = table(["pemasaran": SupportKind.marketing, "merek": .branding, "kemasan": .packaging,
                                "pembukuan": .bookkeeping, "jejaring_pasar": .marketLink, "pameran": .exhibition,
                                "pelatihan": .extraTraining, "rujukan_kesehatan": .healthReferral, "mediasi": .mediation])
    static let conditions = table(["baik": EquipmentCondition.working, "rusak": .broken, "dijual": .sold, "hilang": .lost])
    static let grantUses = table(["modal_usaha": GrantUse.businessStock, "peralatan_usaha": .businessEquipment,
                                  "rumah_tangga": .household, "telepon": .phone, "hp": .phone, "usaha_keluarga": .familyBusiness,
                                  "bayar_utang": .debt, "lainnya": .other])
}
