/// Why an aftercare operation was refused. Messages name people by code only.
public enum AftercareRejection: BekalFailure, Equatable {
    case noVisitSubject
    case visitBeforeEnrolment(subject: String, date: LocalDate, trainingStart: LocalDate)
    case salesWithoutUsaha
    case salesPeriodInvalid(start: LocalDate, end: LocalDate, visitDate: LocalDate)
    case nextVisitBeforeVisit(next: LocalDate, date: LocalDate)
    case visitConflict(visitID: Int64, naturalKey: String)
    case futureDate(AftercareDate, date: LocalDate, today: LocalDate)
    /// A visit's needs or notes longer than the record keeps (``VisitText``): refused whole,
    /// never cut.
    case textTooLong(VisitText, characters: Int)
    /// A pendamping acting on a worker, person, kelompok or usaha outside her own caseload, or
    /// on a code that names nothing (so the refusal does not tell her which).
    case outsideCaseload(CaseloadReference)
    /// A "returned" outcome says why, with at least one coded reason.
    case returnReasonRequired
    case returnReasonTextRequired
    /// Reasons belong to a "returned" outcome, protective factors to a "not returned" one.
    case factorNotForOutcome(ReturnedToSexWork)

    public var code: String {
        switch self {
        case .noVisitSubject: "no_visit_subject"
        case .visitBeforeEnrolment: "visit_before_enrolment"
        case .salesWithoutUsaha: "sales_without_usaha"
        case .salesPeriodInvalid: "sales_period_invalid"
        case .nextVisitBeforeVisit: "next_visit_before_visit"
        case .visitConflict: "visit_conflict"
        case .futureDate: "future_date"
        case .textTooLong: "text_too_long"
        case .outsideCaseload: "outside_caseload"
        case .returnReasonRequired: "return_reason_required"
        case .returnReasonTextRequired: "return_reason_text_required"
        case .factorNotForOutcome: "factor_not_for_outcome"
        }
    }

    public var message: String {
        switch self {
        case .noVisitSubject:
            "A visit needs someone or something visited: give --beneficiary, --kelompok or --usaha."
        case .visitBeforeEnrolment(let subject, let date, let start):
            "The visit date \(date) is before \(subject)'s training started (\(start)); check the date."
        case .salesWithoutUsaha:
            "Sales belong to a business: name the usaha with --usaha (sales are posted to its book)."
        case .salesPeriodInvalid(let start, let end, let date):
            "The sales period \(start) to \(end) is not valid for a visit on \(date): it must start on or before it ends, and end on or before the visit."
        case .nextVisitBeforeVisit(let next, let date):
            "The next visit due \(next) is before this visit (\(date)); give a later date."
        case .visitConflict(let id, _):
            "This visit (same day, worker, person and contact mode) was already recorded as visit #\(id) with different details; visits are not edited — record what changed in a new visit."
        case .futureDate(let field, let date, let today):
            "The \(field.name) \(date) is after today (\(today)); record what has happened."
        case .textTooLong(let field, let count):
            "The visit's \(field.name) has \(count) characters; at most \(field.limit) are kept. Shorten it (nothing is cut off for you)."
        case .outsideCaseload(let reference):
            "\(reference.code) is not in this pendamping's caseload: she records visits and outcomes only for the people, kelompok and usaha assigned to her worker, under her worker's code."
        case .returnReasonRequired:
            "A \"returned\" outcome is recorded with why she returned: give --reason (\(ReturnReason.allCases.map(\.rawValue).joined(separator: ", "))), once or more."
        case .returnReasonTextRequired:
            "A reason of `other` says what it was: give --reason-text (5 to \(OutcomeFactors.textLimit) characters)."
        case .factorNotForOutcome(let returned):
            switch returned {
            case .yes: "Protective factors belong to a \"not returned\" outcome: leave --protective out."
            case .no: "Reasons for returning belong to a \"returned\" outcome: leave --reason out, or give --protective."
            case .unknown: "An unknown outcome has no reasons and no protective factors: leave --reason and --protective out."
            }
        }
    }
}

/// The free text of a visit, and how long each may be.
public enum VisitText: Hashable, Sendable {
    case needs
    case notes

    public var limit: Int {
        switch self {
        case .needs: 2000
        case .notes: 4000
        }
    }

    public var name: String {
        switch self {
        case .needs: "needs"
        case .notes: "notes"
        }
    }
}

/// The dates of the aftercare record that cannot lie in the future.
public enum AftercareDate: Hashable, Sendable {
    /// The day of a visit.
    case visit
    /// The day an outcome was known.
    case outcome
    /// The day an outcome report is drawn up to.
    case asOf

    /// How the English messages name it.
    public var name: String {
        switch self {
        case .visit: "visit date"
        case .outcome: "outcome date"
        case .asOf: "as-of date"
        }
    }
}

/// What an aftercare request names, by the code as given: checked against a pendamping's
/// caseload before it is looked up.
public enum CaseloadReference: Hashable, Sendable {
    case worker(String)
    case beneficiary(String)
    case kelompok(String)
    case usaha(String)

    public var code: String {
        switch self {
        case .worker(let code), .beneficiary(let code), .kelompok(let code), .usaha(let code): code
        }
    }
}
