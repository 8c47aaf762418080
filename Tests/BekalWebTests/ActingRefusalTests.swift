import BekalCore
import Testing
@testable import BekalWeb

/// The core's refusals of who acts, said in Indonesian. The pages answer 404 and 403 for them
/// instead of a form refusal; a form shows these only if a handler lets one through.
@Suite struct ActingRefusalTests {
    @Test func outsideHerCaseloadIsSaidAtTheFieldOfWhatItNames() {
        let cases: [(CaseloadReference, String)] = [
            (.worker("PSM-02"), "worker"), (.beneficiary("B-00142"), "beneficiary"), (.kelompok("K-0044"), "kelompok"), (.usaha("U-0005"), "usaha"),
        ]
        for (reference, field) in cases {
            let refusal = Refusal.of(AftercareRejection.outsideCaseload(reference))
            #expect(refusal.field == field)
            #expect(refusal.message == "\(reference.code) bukan binaan Anda. Kunjungan dan hasil dicatat hanya untuk binaan, kelompok "
                + "dan usaha yang ditugaskan kepada Anda.")
        }
    }

    @Test func aRolesLimitNamesTheRole() {
        let refusal = Refusal.of(AccessRejection.notPermitted(role: .mitra, permission: .recordVisits))
        #expect(refusal.field == nil)
        #expect(refusal.message == "Peran Mitra tidak memberi akses untuk ini. Hubungi admin program bila perlu.")
    }
}
