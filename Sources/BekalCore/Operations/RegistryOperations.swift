import Foundation

/// A new cohort as an admin enters it.
public struct CohortDraft: Hashable, Sendable {
    public var code: String
    public var name: String?
    public var trainingStart: LocalDate?
    public var trainingEnd: LocalDate?
    public var budget: Rupiah
    public var budgetYear: Int?
    /// The cohort's standard grant, when it differs from the programme's.
    public var grantAmount: Rupiah?
    public init(code: String, name: String? = nil, trainingStart: LocalDate? = nil, trainingEnd: LocalDate? = nil,
                budget: Rupiah = .zero, budgetYear: Int? = nil, grantAmount: Rupiah? = nil) {
        self.grantAmount = grantAmount
        self.code = code
        self.name = name
        self.trainingStart = trainingStart
        self.trainingEnd = trainingEnd
        self.budget = budget
        self.budgetYear = budgetYear
    }
}

/// A beneficiary's enrolment as entered: cohort and track by code.
public struct EnrolmentRequest: Hashable, Sendable {
    public var beneficiary: String
    public var cohort: String
    public var track: String
    public var status: Enrolment.Status
    public var statusDate: LocalDate?
    public init(beneficiary: String, cohort: String, track: String, status: Enrolment.Status, statusDate: LocalDate? = nil) {
        self.beneficiary = beneficiary
        self.cohort = cohort
        self.track = track
        self.status = status
        self.statusDate = statusDate
    }
}

/// A new usaha: product, brand, where it trades, and who owns it.
public struct UsahaDraft: Hashable, Sendable {
    public var ownerBeneficiary: String?
    public var ownerKelompok: String?
    public var product: String
    public var brand: String?
    public var location: String?
    public var kelurahan: String?
    public init(ownerBeneficiary: String? = nil, ownerKelompok: String? = nil, product: String, brand: String? = nil,
                location: String? = nil, kelurahan: String? = nil) {
        self.ownerBeneficiary = ownerBeneficiary
        self.ownerKelompok = ownerKelompok
        self.product = product
        self.brand = brand
        self.location = location
        self.kelurahan = kelurahan
    }
}

extension Operations {
    public func addTrack(code: String, name: String) throws -> Track {
        try store.write { tx in try Operations.addTrack(code: code, name: name, in: tx) }
    }

    public static func addTrack(code: String, name: String, in tx: any StoreTransaction) throws -> Track {
        let code = try Operations.code(code, field: .code(.track)).lowercased()
        if let existing = try tx.track(code: code) {
            throw ProgrammeRejection.duplicate(.track, reference: code, existing: existing.name)
        }
        return try tx.insertTrack(code: code, name: name)
    }

    public func addCohort(_ draft: CohortDraft) throws -> Cohort {
        try store.write { tx in try Operations.addCohort(draft, in: tx) }
    }

    public static func addCohort(_ draft: CohortDraft, in tx: any StoreTransaction) throws -> Cohort {
        let code = try Operations.code(draft.code, field: .code(.cohort))
        if let existing = try tx.cohort(code: code) {
            throw ProgrammeRejection.duplicate(.cohort, reference: code, existing: existing.name)
        }
        if draft.budget.amount < 0 {
            throw InputError(.budget, input: draft.budget.description, .negative)
        }
        if let start = draft.trainingStart, let end = draft.trainingEnd, end < start {
            throw InputError(.trainingEnd, input: end.description, .before(.trainingStart(start)))
        }
        if let amount = draft.grantAmount { try Operations.requirePositive(amount, field: .grantAmount) }
        return try tx.insertCohort(code: code, name: draft.name ?? "Angkatan \(code)", trainingStart: draft.trainingStart,
                                   trainingEnd: draft.trainingEnd, budget: draft.budget, budgetYear: draft.budgetYear,
                                   grantAmount: draft.grantAmount)
    }

    public func addBeneficiary(_ draft: BeneficiaryDraft, enrolIn enrolment: (cohort: String, track: String, status: Enrolment.Status)? = nil,
                               context: OperationContext? = nil) throws -> Beneficiary {
        try store.write { tx in
            let person = try Operations.addBeneficiary(draft, context: context, in: tx)
            if let enrolment {
                _ = try Operations.enrol(EnrolmentRequest(beneficiary: person.code, cohort: enrolment.cohort,
                                                          track: enrolment.track, status: enrolment.status), in: tx)
                try Operations.audit(context, .enrolmentStatus, subject: person.code,
                                     detail: "cohort \(enrolment.cohort), track \(enrolment.track): \(enrolment.status.rawValue)", in: tx)
            }
            return person
        }
    }

    /// Registers her, after the NIK, the register number and the likely-duplicate rule. A
    /// confirmation that she is a different person is kept on her record and, with the
    /// context's actor, in the audit log (codes only, never a name).
    public static func addBeneficiary(_ draft: BeneficiaryDraft, context: OperationContext? = nil,
                                      in tx: any StoreTransaction) throws -> Beneficiary {
        var draft = draft
        draft.name = draft.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if draft.name.isEmpty {
            throw InputError(.beneficiaryName, input: "", .empty)
        }
        if let year = draft.birthYear, !Beneficiary.birthYears.contains(year) {
            throw InputError(.birthYear, input: String(year), .outOfRange)
        }
        if let nik = draft.nik, let existing = try tx.beneficiaryID(nik: nik) {
            throw ProgrammeRejection.duplicateNIK(existingBeneficiary: Beneficiary.code(for: existing))
        }
        if let ref = draft.externalRef, let existing = try tx.beneficiary(externalRef: ref) {
            throw ProgrammeRejection.duplicate(.registerNumber, reference: ref, existing: existing.code)
        }
        draft.differentFrom = try draft.differentFrom.map { try Resolve.beneficiary($0, in: tx).code }
        if let year = draft.birthYear {
            let likely = try tx.beneficiaries(nameKey: LikelyDuplicate.nameKey(draft.name), birthYear: year)
                .filter { LikelyDuplicate.matches($0, draft) }.map(\.code)
            let unconfirmed = likely.filter { !draft.differentFrom.contains($0) }
            if !unconfirmed.isEmpty { throw ProgrammeRejection.likelyDuplicate(candidates: unconfirmed) }
        }
        let person = try tx.insertBeneficiary(draft)
        try audit(context, .beneficiaryAdd, subject: person.code,
                  detail: "registered" + (draft.nik == nil ? "" : ", with a NIK") + (draft.externalRef.map { ", register \($0)" } ?? ""), in: tx)
        if !draft.differentFrom.isEmpty, let context {
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .beneficiaryConfirmedDistinct, subject: person.code,
                               detail: "a different person from \(draft.differentFrom.joined(separator: ", "))")
        }
        return person
    }

    /// Enrols her, or records her new status where she is enrolled already (as
    /// ``setEnrolmentStatus(beneficiary:cohort:status:on:reason:reasonText:context:)``, with its rules).
    public func enrol(_ request: EnrolmentRequest, reason: ExitReason? = nil, reasonText: String? = nil, despiteLowAttendance: Bool = false,
                      context: OperationContext? = nil) throws -> Enrolment {
        try store.write { tx in
            let person = try Resolve.beneficiary(request.beneficiary, in: tx)
            let cohort = try Resolve.cohort(request.cohort, in: tx)
            if let existing = try tx.enrolments(beneficiaryID: person.id).first(where: { $0.cohortID == cohort.id }) {
                if request.status == .completed && existing.status != .completed {
                    try Operations.checkAttendance(of: existing, person: person, on: request.statusDate, confirmed: despiteLowAttendance, in: tx)
                }
                return try Operations.recordStatus(of: existing, person: person, cohort: cohort, status: request.status,
                                                   on: request.statusDate, reason: reason, reasonText: reasonText, rules: true,
                                                   context: context, in: tx)
            }
            let enrolment = try Operations.enrol(request, in: tx)
            try Operations.audit(context, .enrolmentStatus, subject: Beneficiary.code(for: enrolment.beneficiaryID),
                                 detail: "cohort \(request.cohort), track \(request.track): \(enrolment.status.rawValue)"
                                     + (enrolment.statusDate.map { " on \($0)" } ?? ""), in: tx)
            return enrolment
        }
    }

    /// Enrols her in a cohort, or, if she is enrolled there already, records her new status
    /// (completed, dropped out) as a registry change, without the reason rules: an import
    /// takes the status its file gives.
    public static func enrol(_ request: EnrolmentRequest, in tx: any StoreTransaction) throws -> Enrolment {
        let person = try Resolve.beneficiary(request.beneficiary, in: tx)
        let cohort = try Resolve.cohort(request.cohort, in: tx)
        let track = try Resolve.track(request.track, in: tx)
        if let existing = try tx.enrolments(beneficiaryID: person.id).first(where: { $0.cohortID == cohort.id }) {
            return try recordStatus(of: existing, person: person, cohort: cohort, status: request.status, on: request.statusDate,
                                    reason: nil, reasonText: nil, rules: false, context: nil, in: tx)
        }
        // A child is referred to child protection, never enrolled: her age when the training starts.
        let settings = try tx.settings()
        try checkAge(person, birthDate: nil, on: cohort.trainingStart ?? request.statusDate ?? OperationContext(actor: "bekal").today(in: settings),
                     settings: settings)
        return try tx.insertEnrolment(beneficiaryID: person.id, cohortID: cohort.id, trackID: track.id,
                                      status: request.status, statusDate: request.statusDate)
    }

    /// Records that she graduated from, left or is again enrolled in a cohort she is enrolled
    /// in, in her track there; refused when she is not enrolled in it. Leaving takes its coded
    /// reason (`other` with a text). The enrolment's row holds the status; the change is kept
    /// beside it with the status before, who, when and why.
    public func setEnrolmentStatus(beneficiary: String, cohort: String, status: Enrolment.Status, on date: LocalDate?,
                                   reason: ExitReason? = nil, reasonText: String? = nil, despiteLowAttendance: Bool = false,
                                   context: OperationContext? = nil) throws -> Enrolment {
        try store.write { tx in
            let person = try Resolve.beneficiary(beneficiary, in: tx)
            let cohort = try Resolve.cohort(cohort, in: tx)
            let enrolment = try Resolve.enrolment(of: person, in: cohort, tx)
            if status == .completed && enrolment.status != .completed {
                try Operations.checkAttendance(of: enrolment, person: person, on: date, confirmed: despiteLowAttendance, in: tx)
            }
            return try Operations.recordStatus(of: enrolment, person: person, cohort: cohort, status: status, on: date, reason: reason,
                                               reasonText: reasonText, rules: true, context: context, in: tx)
        }
    }

    /// A new status of an enrolment: the row updated and the change kept (nothing when nothing
    /// changes). `rules`: a drop-out needs its reason, `other` its text, and no other status takes one.
    static func recordStatus(of enrolment: Enrolment, person: Beneficiary, cohort: Cohort, status: Enrolment.Status, on date: LocalDate?,
                             reason: ExitReason?, reasonText: String?, rules: Bool, context: OperationContext?,
                             in tx: any StoreTransaction) throws -> Enrolment {
        var enrolment = enrolment
        let text = reasonText.flatMap(Operations.optionalText)
        if rules {
            switch (status, reason) {
            case (.droppedOut, nil): throw ProgrammeRejection.exitReasonRequired(beneficiary: person.code, cohort: cohort.code)
            case (.droppedOut, .other?):
                guard let text else { throw ProgrammeRejection.exitReasonTextRequired }
                try Operations.checkReversalReason(text)
            case (.droppedOut, _?), (_, nil): break
            case (_, _?): throw ProgrammeRejection.exitReasonNotForStatus(status: status)
            }
        }
        var fields: [RegistryChange.FieldChange] = []
        if enrolment.status != status { fields.append(.init(field: .status, old: enrolment.status.rawValue, new: status.rawValue)) }
        if enrolment.statusDate != date {
            fields.append(.init(field: .statusDate, old: enrolment.statusDate?.description, new: date?.description))
        }
        guard !fields.isEmpty else { return enrolment }
        // The command line's bulk loads and the demo record as the office.
        let recorder = context ?? OperationContext(actor: "bekal")
        let change = try tx.insertRegistryChange(RegistryChangeDraft(
            subject: .enrolment, subjectID: enrolment.id, onDate: try date ?? recorder.today(in: tx.settings()),
            reasonCode: status == .droppedOut ? reason : nil, reason: status == .droppedOut ? text : nil,
            actor: recorder.actor, recordedAt: recorder.recordedAt, fields: fields))
        try tx.updateEnrolment(id: enrolment.id, status: status, statusDate: date)
        try audit(context, .enrolmentStatus, subject: person.code,
                  detail: "cohort \(cohort.code): \(status.rawValue)" + (date.map { " on \($0)" } ?? "")
                      + (reason.map { ", reason \($0.rawValue)" } ?? "") + " (change #\(change.id))", in: tx)
        enrolment.status = status
        enrolment.statusDate = date
        return enrolment
    }

    public func addKelompok(name: String, cohort: String, track: String?, members: [String], joinedOn: LocalDate,
                            context: OperationContext? = nil) throws -> Kelompok {
        try store.write { tx in
            try Operations.addKelompok(name: name, cohort: cohort, track: track, members: members, joinedOn: joinedOn,
                                       context: context, in: tx)
        }
    }

    /// Forms a kelompok of a cohort and lets its first members join it. Checked in this order:
    /// the name (not blank), the cohort, the track, then each member as ``join(kelompok:beneficiary:on:in:)``
    /// checks her (enrolled in the kelompok's cohort, not already a member).
    public static func addKelompok(name: String, cohort: String, track: String?, members: [String], joinedOn: LocalDate,
                                   context: OperationContext? = nil, in tx: any StoreTransaction) throws -> Kelompok {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { throw InputError(.kelompokName, input: "", .empty) }
        let cohort = try Resolve.cohort(cohort, in: tx)
        let track = try track.map { try Resolve.track($0, in: tx) }
        let kelompok = try tx.insertKelompok(name: name, cohortID: cohort.id, trackID: track?.id)
        try audit(context, .kelompokAdd, subject: kelompok.code, detail: "cohort \(cohort.code)" + (track.map { ", track \($0.code)" } ?? ""), in: tx)
        for member in members { try join(kelompok: kelompok.code, beneficiary: member, on: joinedOn, context: context, in: tx) }
        return kelompok
    }

    public func join(kelompok: String, beneficiary: String, on date: LocalDate, context: OperationContext? = nil) throws {
        try store.write { tx in try Operations.join(kelompok: kelompok, beneficiary: beneficiary, on: date, context: context, in: tx) }
    }

    /// Adds a member from a date. Checked in this order: the kelompok, the person, her enrolment
    /// in the kelompok's cohort (a kelompok is formed from the women who trained together; any
    /// status), and that she is not a member already.
    public static func join(kelompok: String, beneficiary: String, on date: LocalDate, context: OperationContext? = nil,
                            in tx: any StoreTransaction) throws {
        let kelompok = try Resolve.kelompok(kelompok, in: tx)
        let person = try Resolve.beneficiary(beneficiary, in: tx)
        if !(try tx.enrolments(beneficiaryID: person.id).contains { $0.cohortID == kelompok.cohortID }) {
            throw ProgrammeRejection.notEnrolled(beneficiary: person.code, cohort: try tx.cohort(id: kelompok.cohortID)?.code)
        }
        if try tx.memberships(kelompokID: kelompok.id).contains(where: { $0.beneficiaryID == person.id && $0.leftOn == nil }) {
            throw ProgrammeRejection.alreadyMember(beneficiary: person.code, kelompok: kelompok.code)
        }
        _ = try tx.insertMembership(kelompokID: kelompok.id, beneficiaryID: person.id, joinedOn: date)
        try audit(context, .kelompokJoin, subject: kelompok.code, detail: "\(person.code) from \(date)", in: tx)
    }

    public func leave(kelompok: String, beneficiary: String, on date: LocalDate, context: OperationContext? = nil) throws {
        try store.write { tx in try Operations.leave(kelompok: kelompok, beneficiary: beneficiary, on: date, context: context, in: tx) }
    }

    public static func leave(kelompok: String, beneficiary: String, on date: LocalDate, context: OperationContext? = nil,
                             in tx: any StoreTransaction) throws {
        let kelompok = try Resolve.kelompok(kelompok, in: tx)
        let person = try Resolve.beneficiary(beneficiary, in: tx)
        guard let membership = try tx.memberships(kelompokID: kelompok.id)
            .first(where: { $0.beneficiaryID == person.id && $0.leftOn == nil }) else {
            throw ProgrammeRejection.notMember(beneficiary: person.code, kelompok: kelompok.code)
        }
        if date < membership.joinedOn {
            throw InputError(.date, input: date.description, .before(.joined(membership.joinedOn)))
        }
        try tx.endMembership(id: membership.id, leftOn: date)
        try audit(context, .kelompokLeave, subject: kelompok.code, detail: "\(Beneficiary.code(for: membership.beneficiaryID)) on \(date)", in: tx)
    }

    public func addUsaha(_ draft: UsahaDraft, context: OperationContext? = nil) throws -> Usaha {
        try store.write { tx in
            let usaha = try Operations.addUsaha(draft, in: tx)
            try Operations.audit(context, .usahaAdd, subject: usaha.code, detail: Self.ownerText(usaha.owner), in: tx)
            return usaha
        }
    }

    static func ownerText(_ owner: Usaha.Owner) -> String {
        switch owner {
        case .beneficiary(let id): "owned by \(Beneficiary.code(for: id))"
        case .kelompok(let id): "owned by \(Kelompok.code(for: id))"
        }
    }

    /// An audit row for a change a user made (``OperationContext`` given); the command line's
    /// and the demo's bulk loads pass none. Codes and counts only.
    static func audit(_ context: OperationContext?, _ action: AuditAction, subject: String, detail: String,
                      in tx: any StoreTransaction) throws {
        guard let context else { return }
        try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: action, subject: subject, detail: detail)
    }

    /// Registers a usaha and opens its book with the default usaha chart.
    public static func addUsaha(_ draft: UsahaDraft, in tx: any StoreTransaction) throws -> Usaha {
        _ = try officeBook(tx)
        let owner: Usaha.Owner
        switch (draft.ownerBeneficiary, draft.ownerKelompok) {
        case (let b?, nil): owner = .beneficiary(try Resolve.beneficiary(b, in: tx).id)
        case (nil, let k?): owner = .kelompok(try Resolve.kelompok(k, in: tx).id)
        default: throw ProgrammeRejection.invalidUsahaOwner
        }
        let product = draft.product.trimmingCharacters(in: .whitespacesAndNewlines)
        if product.isEmpty {
            throw InputError(.product, input: "", .empty)
        }
        let usaha = try tx.insertUsaha(owner: owner, product: product, brand: draft.brand, location: draft.location,
                                       kelurahan: draft.kelurahan)
        let book = try tx.insertBook(code: usaha.code, name: draft.brand ?? product, kind: .usaha)
        for template in DefaultChart.usaha { _ = try tx.insertAccount(template, bookID: book.id) }
        return usaha
    }

    public func addEquipmentItem(code: String, name: String, unit: String) throws -> EquipmentItem {
        try store.write { tx in try Operations.addEquipmentItem(code: code, name: name, unit: unit, in: tx) }
    }

    public static func addEquipmentItem(code: String, name: String, unit: String, in tx: any StoreTransaction) throws -> EquipmentItem {
        let code = try Operations.code(code, field: .code(.equipmentItem)).lowercased()
        if let existing = try tx.equipmentItem(code: code) {
            throw ProgrammeRejection.duplicate(.equipmentItem, reference: code, existing: existing.name)
        }
        return try tx.insertEquipmentItem(code: code, name: name, unit: unit)
    }

    /// Renames or recodes an account of the office's chart; operations find accounts by role,
    /// so nothing else changes.
    public func renameAccount(code: String, newCode: String?, newName: String?, context: OperationContext) throws -> Account {
        try store.write { tx in
            let book = try Operations.officeBook(tx)
            guard let account = try tx.account(bookID: book.id, code: code) else {
                throw ProgrammeRejection.notFound(.account(book: book.code), reference: code)
            }
            let targetCode = try newCode.map { try Operations.code($0, field: .code(.account(book: book.code))) } ?? account.code
            if targetCode != account.code, let clash = try tx.account(bookID: book.id, code: targetCode) {
                throw ProgrammeRejection.duplicate(.account(book: book.code), reference: targetCode, existing: clash.name)
            }
            try tx.renameAccount(id: account.id, code: targetCode, name: newName ?? account.name)
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .accountRename,
                               subject: account.code, detail: "now \(targetCode) \(newName ?? account.name)")
            return try tx.account(id: account.id)!
        }
    }

    /// A code typed by a person: letters, digits, `-`, `_`, `.`, `/`; 1 to ``Code/lengthMax`` characters.
    static func code(_ text: String, field: InputField) throws -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty || t.count > Code.lengthMax || !Code.isCode(t) {
            throw InputError(field, input: text, .notAUsableCode)
        }
        return t
    }
}

/// The codes people give records (a track, a cohort, an account, an item, a register number).
public enum Code {
    /// The longest code; the schema holds account codes to it too.
    public static let lengthMax = 40

    /// Letters, digits, `-`, `_`, `.`, `/`, ASCII only.
    public static func isCode(_ text: String) -> Bool {
        text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) }
    }
}
