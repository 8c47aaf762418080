import BekalCore
import Testing
@testable import BekalWeb

/// Every AftercareRejection is said in Indonesian, at the field of the form that must change.
@Suite struct VisitRefusalTests {
    static let day = LocalDate(year: 2013, month: 1, day: 2)!
    static let cases: [(AftercareRejection, String?)] = [
        (.noVisitSubject, "beneficiary"),
        (.visitBeforeEnrolment(subject: "B-00001", date: day, trainingStart: day.adding(days: 3)), "date"),
        (.salesWithoutUsaha, "usaha"),
        (.salesPeriodInvalid(start: day, end: day.adding(days: -1), visitDate: day), "salesFrom"),
        (.nextVisitBeforeVisit(next: day.adding(days: -1), date: day), "nextDue"),
        (.visitConflict(visitID: 7, naturalKey: "k"), nil),
        (.futureDate(.visit, date: day.adding(days: 1), today: day), "date"),
        (.futureDate(.outcome, date: day.adding(days: 1), today: day), "asOf"),
        (.futureDate(.asOf, date: day.adding(days: 1), today: day), "asOf"),
    ]

    @Test func everyCaseHasAnIndonesianMessageAndItsField() {
        for (rejection, field) in Self.cases {
            let refusal = Refusal.of(rejection)
            #expect(refusal.field == field, "\(rejection.code)")
            #expect(refusal.message != rejection.message, "\(rejection.code)")
            for english in ["visit", "the ", " is ", "give", "--"] {
                #expect(!refusal.message.lowercased().contains(english), "\(rejection.code): \(refusal.message)")
            }
            // Dates as officers read them.
            #expect(!refusal.message.contains("2013-01"), "\(rejection.code)")
        }
        #expect(Refusal.of(AftercareRejection.visitConflict(visitID: 7, naturalKey: "k")).message.contains("#7"))
    }

    @Test func codesGoIntoLinksAsTheyAreAndAnythingElseIsEscaped() {
        #expect(WebApp.urlCode("B-00139") == "B-00139")
        #expect(WebApp.urlCode("PSM-01") == "PSM-01")
        #expect(WebApp.urlCode("a b/c?d&e") == "a%20b%2Fc%3Fd%26e")
    }
}
