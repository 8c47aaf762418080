import BekalCore
@testable import BekalStore
import Foundation
import Testing

/// A kelompok is formed from the women who trained together: it has a name, and every member is
/// enrolled in its cohort (in any status), whether she is there from the start or joins later.
@Suite struct KelompokRuleTests {
    @Test func aKelompokHasANameAndMembersEnrolledInItsCohort() throws {
        let f = try Fixture()
        let before = try f.snapshot()
        #expect(throws: InputError(.kelompokName, input: "", .empty)) {
            try f.ops.addKelompok(name: "  ", cohort: "2026", track: nil, members: [], joinedOn: Fixture.today)
        }
        // Of cohort 2025 only B-00009 trained there; B-00001 is of 2026. Nothing of the kelompok is kept.
        #expect(throws: ProgrammeRejection.notEnrolled(beneficiary: "B-00001", cohort: "2025")) {
            try f.ops.addKelompok(name: "Kue 2025", cohort: "2025", track: nil, members: [Fixture.twoCohorts, "B-00001"], joinedOn: Fixture.today)
        }
        #expect(try f.snapshot() == before)
        let kelompok = try f.ops.addKelompok(name: " Kue 2025 ", cohort: "2025", track: nil, members: [Fixture.twoCohorts], joinedOn: Fixture.today)
        #expect(kelompok.name == "Kue 2025")
        #expect(throws: ProgrammeRejection.notEnrolled(beneficiary: "B-00002", cohort: "2025")) {
            try f.ops.join(kelompok: kelompok.code, beneficiary: "B-00002", on: Fixture.today)
        }
        // A woman who left the training is still one of her cohort.
        try f.ops.join(kelompok: "K-0001", beneficiary: Fixture.dropout, on: Fixture.today)
    }

    @Test("a cohort's enrolments, in register order, on every store", arguments: StoreUnderTest.all)
    func aCohortsEnrolmentsAreInRegisterOrder(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest)
        _ = try programme.ops.addCohort(CohortDraft(code: "2027"))
        _ = try programme.ops.enrol(EnrolmentRequest(beneficiary: "B-00002", cohort: "2027", track: "tata-boga", status: .droppedOut))
        let (of2026, of2027) = try programme.store.read { tx in
            (try tx.enrolments(cohortID: try #require(try tx.cohort(code: "2026")).id),
             try tx.enrolments(cohortID: try #require(try tx.cohort(code: "2027")).id))
        }
        #expect(of2026.map(\.beneficiaryID) == [1, 2, 3] && of2026.allSatisfy { $0.status == .completed })
        #expect(of2027.map(\.beneficiaryID) == [2] && of2027.first?.status == .droppedOut)
    }
}
