import Foundation

/// Her path through the programme: the intake into an enrolment, the dated stages of her
/// case, its closing. See ``Intake`` and ``CaseStage``.
extension Operations {
    /// Records how she came into a cohort she is enrolled in: the route (a referral names
    /// the referring office and its letter), her category from the office's list, the day she
    /// agreed to take part (required), and her birth date when she shows one, which is then
    /// checked against the programme's ages. Once per enrolment.
    public func recordIntake(_ request: IntakeRequest, context: OperationContext) throws -> Intake {
        try store.write { tx in try Operations.recordIntake(request, context: context, in: tx) }
    }

    public static func recordIntake(_ request: IntakeRequest, context: OperationContext, in tx: any StoreTransaction) throws -> Intake {
        let settings = try tx.settings()
        let today = context.today(in: settings)
        let person = try Resolve.beneficiary(request.beneficiary, in: tx)
        let cohort = try Resolve.cohort(request.cohort, in: tx)
        let enrolment = try Resolve.enrolment(of: person, in: cohort, tx)
        if try tx.intake(enrolmentID: enrolment.id) != nil {
            throw CasePathRejection.intakeExists(beneficiary: person.code, cohort: cohort.code)
        }
        let office = request.referringOffice.flatMap(Operations.optionalText)
        let letter = request.letterNumber.flatMap(Operations.optionalText)
        if request.route == .referral {
            let missing = [office == nil ? "--referred-by" : nil, letter == nil ? "--letter" : nil].compactMap { $0 }
            if !missing.isEmpty { throw CasePathRejection.referralIncomplete(missing: missing.joined(separator: " and ")) }
        }
        let category = request.category.trimmingCharacters(in: .whitespaces)
        guard settings.intakeCategories.contains(where: { $0.code == category }) else {
            throw CasePathRejection.unknownCategory(category, known: settings.intakeCategories.map(\.code))
        }
        guard let consent = request.consentOn else { throw CasePathRejection.consentMissing(beneficiary: person.code) }
        if consent > today { throw CasePathRejection.futureDate(what: "consent date", date: consent, today: today) }
        if let letterDate = request.letterDate {
            if letterDate > today { throw CasePathRejection.futureDate(what: "letter date", date: letterDate, today: today) }
        }
        if let birth = request.birthDate {
            if birth > today { throw CasePathRejection.futureDate(what: "birth date", date: birth, today: today) }
            try checkAge(person, birthDate: birth, on: cohort.trainingStart ?? consent, settings: settings)
        }
        let intake = Intake(enrolmentID: enrolment.id, route: request.route, referringOffice: request.route == .referral ? office : nil,
                            letterNumber: request.route == .referral ? letter : nil,
                            letterDate: request.route == .referral ? request.letterDate : nil, category: category, consentOn: consent,
                            birthDate: request.birthDate, actor: context.actor, recordedAt: context.recordedAt)
        try tx.insertIntake(intake)
        // Who referred her and her category are hers: the audit log names the record only.
        try audit(context, .caseIntake, subject: person.code, detail: "cohort \(cohort.code): intake by \(request.route.rawValue)", in: tx)
        return intake
    }

    /// Refuses her when her age on `day` is outside the programme's (settings): a child is
    /// referred to child protection. From her birth date when known, else her birth year; a
    /// person with neither is not refused (the register says her age is unknown).
    static func checkAge(_ person: Beneficiary, birthDate: LocalDate?, on day: LocalDate, settings: ProgrammeSettings) throws {
        guard let age = AgeLimits.age(on: day, birthDate: birthDate, birthYear: person.birthYear) else { return }
        let limits = settings.ageLimits
        if age < limits.minimum { throw CasePathRejection.underAge(beneficiary: person.code, age: age, minimum: limits.minimum) }
        if let maximum = limits.maximum, age > maximum {
            throw CasePathRejection.overAge(beneficiary: person.code, age: age, maximum: maximum)
        }
    }

    /// Records a stage of her case in a cohort she is enrolled in. The stage is one of the
    /// office's list; it is dated on or after the last one recorded and not after today; a
    /// closing stage takes a coded reason (`other` with a text), no other stage takes one;
    /// after a closing stage nothing more is recorded.
    public func recordStage(beneficiary: String, cohort: String, stage: String, on date: LocalDate?, reason: ExitReason? = nil,
                            reasonText: String? = nil, context: OperationContext) throws -> CaseStage {
        try store.write { tx in
            try Operations.recordStage(beneficiary: beneficiary, cohort: cohort, stage: stage, on: date, reason: reason,
                                       reasonText: reasonText, context: context, in: tx)
        }
    }

    public static func recordStage(beneficiary: String, cohort: String, stage code: String, on date: LocalDate?, reason: ExitReason?,
                                   reasonText: String?, context: OperationContext, in tx: any StoreTransaction) throws -> CaseStage {
        let settings = try tx.settings()
        let today = context.today(in: settings)
        let person = try Resolve.beneficiary(beneficiary, in: tx)
        let cohort = try Resolve.cohort(cohort, in: tx)
        let enrolment = try Resolve.enrolment(of: person, in: cohort, tx)
        let code = code.trimmingCharacters(in: .whitespaces).lowercased()
        guard let stage = settings.stage(code) else {
            throw CasePathRejection.unknownStage(code, known: settings.caseStages.map(\.code))
        }
        let day = date ?? today
        if day > today { throw CasePathRejection.futureDate(what: "stage date", date: day, today: today) }
        let history = try tx.caseStages(enrolmentID: enrolment.id)
        if let closed = history.first(where: \.closes) {
            throw CasePathRejection.caseClosed(beneficiary: person.code, cohort: cohort.code, on: closed.onDate)
        }
        if let last = history.last, day < last.onDate {
            throw CasePathRejection.stageBeforeLast(stage: stage.code, date: day, last: last.stage, lastDate: last.onDate)
        }
        let text = reasonText.flatMap(Operations.optionalText)
        switch (stage.closes, reason) {
        case (true, nil): throw CasePathRejection.closingReasonRequired(beneficiary: person.code, cohort: cohort.code)
        case (true, .other?):
            guard let text else { throw ProgrammeRejection.exitReasonTextRequired }
            _ = try Operations.checkReversalReason(text)
        case (false, _?): throw CasePathRejection.reasonNotForStage(stage: stage.code)
        case (true, _?), (false, nil): break
        }
        let recorded = try tx.insertCaseStage(CaseStageDraft(
            enrolmentID: enrolment.id, stage: stage.code, onDate: day, closes: stage.closes, reasonCode: stage.closes ? reason : nil,
            reason: stage.closes && reason == .other ? text : nil, actor: context.actor, recordedAt: context.recordedAt))
        // Why her case was closed is hers: the audit log names the stage, not the reason.
        try audit(context, .caseStage, subject: person.code,
                  detail: "cohort \(cohort.code): stage \(stage.code) on \(day)\(stage.closes ? " (case closed)" : "") (stage #\(recorded.id))",
                  in: tx)
        return recorded
    }

    /// Her path in each cohort she is enrolled in: the intake and the stages, in order.
    public func casePath(beneficiary: String) throws -> [CasePathEnrolment] {
        try store.read { tx in
            let person = try Resolve.beneficiary(beneficiary, in: tx)
            return try Operations.casePath(of: person.id, in: tx)
        }
    }

    public static func casePath(of beneficiaryID: Int64, in tx: any StoreTransaction) throws -> [CasePathEnrolment] {
        let settings = try tx.settings()
        let cohorts = Dictionary(uniqueKeysWithValues: try tx.cohorts().map { ($0.id, $0) })
        return try tx.enrolments(beneficiaryID: beneficiaryID).map { enrolment in
            CasePathEnrolment(enrolment: enrolment, cohortCode: cohorts[enrolment.cohortID]?.code ?? "#\(enrolment.cohortID)",
                              intake: try tx.intake(enrolmentID: enrolment.id), stages: try tx.caseStages(enrolmentID: enrolment.id),
                              labels: settings.caseStages)
        }
    }
}

/// One enrolment's path, as her page and `bekal beneficiary path` show it.
public struct CasePathEnrolment: Sendable {
    public let enrolment: Enrolment
    public let cohortCode: String
    public let intake: Intake?
    public let stages: [CaseStage]
    /// The office's stage list, for the labels.
    public let labels: [StageDefinition]

    public var current: CaseStage? { stages.last }
    public var closed: CaseStage? { stages.first(where: \.closes) }

    /// A stage's label from the office's list; its code when the list no longer has it.
    public func label(_ code: String) -> String { labels.first { $0.code == code }?.label ?? code }
}

extension Operations {
    /// Cases per stage and cohort, and the closed ones by reason: counts only.
    public func stageReport() throws -> StageReport {
        try store.read { tx in try StageReport.build(from: tx, settings: try tx.settings()) }
    }
}
