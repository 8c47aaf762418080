/// Why a step of her path (``Intake``, ``CaseStage``) was refused. Messages name people by
/// code only: never her name, her NIK or her exact birth date.
public enum CasePathRejection: BekalFailure, Equatable {
    /// She is under the programme's minimum age on the day: a child is referred to child
    /// protection (*perlindungan anak*), never enrolled in an adult programme.
    case underAge(beneficiary: String, age: Int, minimum: Int)
    case overAge(beneficiary: String, age: Int, maximum: Int)
    /// A stage the office's list does not have.
    case unknownStage(String, known: [String])
    case unknownCategory(String, known: [String])
    /// A referral names who referred her and the letter's number.
    case referralIncomplete(missing: String)
    /// Taking part is voluntary: the day she agreed is recorded.
    case consentMissing(beneficiary: String)
    case intakeExists(beneficiary: String, cohort: String)
    /// Her case was closed (on the day, by the stage): nothing more is recorded on it.
    case caseClosed(beneficiary: String, cohort: String, on: LocalDate)
    /// A stage dated before the one recorded last: the history is in order.
    case stageBeforeLast(stage: String, date: LocalDate, last: String, lastDate: LocalDate)
    /// Closing a case takes a coded reason.
    case closingReasonRequired(beneficiary: String, cohort: String)
    case reasonNotForStage(stage: String)
    case futureDate(what: String, date: LocalDate, today: LocalDate)
    /// A day before another it cannot precede (consent before the letter, her birth after intake …).
    case dateOrder(what: String, date: LocalDate, before: String, other: LocalDate)
    /// A need is about one person or one kelompok.
    case needSubject
    case needNotFound(Int64)
    case needClosed(Int64, on: LocalDate)
    case noteTooLong(characters: Int, limit: Int)
    /// Giving a consent she has given, or withdrawing one she has not: nothing would change.
    case consentUnchanged(beneficiary: String, kind: ConsentKind, given: Bool)
    /// A name is shown only with her consent to share the business, and is given with the consent.
    case consentNameMissing
    case consentNameNeedsSharing(beneficiary: String)
    case consentServiceMissing
    case consentBeforeLast(date: LocalDate, last: LocalDate)
    /// She is referred only where she agreed to be.
    case referralWithoutConsent(beneficiary: String, partner: String)
    case referralNotFound(Int64)
    case referralStep(Int64, from: ReferralStatus, to: ReferralStatus)
    /// A declined referral says why; a done one, what came of it.
    case referralNoteRequired(ReferralStatus)
    case partnerExists(String)

    public var code: String {
        switch self {
        case .underAge: "under_age"
        case .overAge: "over_age"
        case .unknownStage: "unknown_stage"
        case .unknownCategory: "unknown_category"
        case .referralIncomplete: "referral_incomplete"
        case .consentMissing: "consent_missing"
        case .intakeExists: "intake_exists"
        case .caseClosed: "case_closed"
        case .stageBeforeLast: "stage_before_last"
        case .closingReasonRequired: "closing_reason_required"
        case .reasonNotForStage: "reason_not_for_stage"
        case .futureDate: "future_date"
        case .dateOrder: "date_order"
        case .needSubject: "need_subject"
        case .needNotFound: "need_not_found"
        case .needClosed: "need_closed"
        case .noteTooLong: "note_too_long"
        case .consentUnchanged: "consent_unchanged"
        case .consentNameMissing: "consent_name_missing"
        case .consentNameNeedsSharing: "consent_name_needs_sharing"
        case .consentServiceMissing: "consent_service_missing"
        case .consentBeforeLast: "consent_before_last"
        case .referralWithoutConsent: "referral_without_consent"
        case .referralNotFound: "referral_not_found"
        case .referralStep: "referral_step"
        case .referralNoteRequired: "referral_note_required"
        case .partnerExists: "partner_exists"
        }
    }

    public var message: String {
        switch self {
        case .underAge(let b, let age, let minimum):
            "\(b) is \(age) (under \(minimum)) on that day: a child is not enrolled in this adult programme. Refer her to child protection "
                + "(the office's perlindungan anak service or the P2TP2A/UPTD PPA) instead; if her birth year is wrong, correct it first."
        case .overAge(let b, let age, let maximum):
            "\(b) is \(age), above the programme's limit of \(maximum) (settings: --age-max); refer her to another service, or change the limit."
        case .unknownStage(let stage, let known):
            "\"\(stage)\" is not a stage of this office's list; use one of: \(known.joined(separator: ", "))."
        case .unknownCategory(let category, let known):
            "\"\(category)\" is not a category of this office's list; use one of: \(known.joined(separator: ", "))."
        case .referralIncomplete(let missing):
            "A referral is recorded with who referred her and the letter: give \(missing)."
        case .consentMissing(let b):
            "Taking part is voluntary: record the day \(b) agreed to take part (--consent-on)."
        case .intakeExists(let b, let cohort):
            "\(b)'s intake into \(cohort) is recorded already; it is kept as recorded."
        case .caseClosed(let b, let cohort, let day):
            "\(b)'s case in \(cohort) was closed on \(day): nothing more is recorded on it."
        case .stageBeforeLast(let stage, let date, let last, let lastDate):
            "The stage \(stage) on \(date) is before the last one recorded (\(last) on \(lastDate)); stages are recorded in order: check the date."
        case .closingReasonRequired(let b, let cohort):
            "Closing \(b)'s case in \(cohort) takes its reason: give --reason (\(ExitReason.allCases.map(\.rawValue).joined(separator: ", ")))."
        case .reasonNotForStage(let stage):
            "A reason is recorded only when a case is closed, not for the stage \(stage): leave --reason out."
        case .futureDate(let what, let date, let today):
            "The \(what) \(date) is after today (\(today)); record what has happened."
        case .dateOrder(let what, let date, let before, let other):
            "The \(what) \(date) is before the \(before) (\(other)); check the dates."
        case .needSubject:
            "A need is about one person or one kelompok: give --beneficiary or --kelompok, not both."
        case .needNotFound(let id):
            "There is no need #\(id); `bekal need list` shows them."
        case .needClosed(let id, let day):
            "Need #\(id) was answered on \(day) already; a new need is opened for what is asked now."
        case .noteTooLong(let count, let limit):
            "The note has \(count) characters; at most \(limit) are kept. Shorten it (nothing is cut off for you)."
        case .consentUnchanged(let b, let kind, let given):
            "\(b)'s consent \(kind.rawValue) is \(given ? "given" : "not given") already; nothing changes."
        case .consentNameMissing:
            "A consent to show a name says which name: give --name (as she agreed it may appear, e.g. Ibu Siti)."
        case .consentNameNeedsSharing(let b):
            "\(b) has not agreed to share her business with partners: a name is shown only with that consent; record it first."
        case .consentServiceMissing:
            "A referral consent names the service: give --service (a partner's code or the service)."
        case .consentBeforeLast(let date, let last):
            "The consent's date \(date) is before the last change of it (\(last)); consents are recorded in order."
        case .referralWithoutConsent(let b, let partner):
            "\(b) has not agreed to be referred to \(partner): record her consent first (`bekal consent give --kind referral --service \(partner)`)."
        case .referralNotFound(let id):
            "There is no referral #\(id); `bekal referral list` shows them."
        case .referralStep(let id, let from, let to):
            "Referral #\(id) is \(from.rawValue): it cannot become \(to.rawValue) (sent, then accepted or declined; done after sent or accepted)."
        case .referralNoteRequired(let status):
            status == .declined ? "A declined referral says why: give --note." : "A done referral says what came of it: give --note."
        case .partnerExists(let code):
            "A partner with the code \(code) is in the register already."
        }
    }
}
