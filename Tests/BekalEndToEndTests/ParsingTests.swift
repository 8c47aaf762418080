@testable import BekalCLI
import Testing

@Suite("Command-line parsing")
struct ParsingTests {
    @Test func parsesGrantDisburse() throws {
        let command = try BekalCommand.parseAsRoot(["grant", "disburse", "--beneficiary", "B-00001", "--ref", "KW-001",
                                                    "--amount", "1.250.000", "--date", "2026-11-20", "--db", "x.sqlite"])
        let disburse = try #require(command as? GrantCommand.Disburse)
        #expect(disburse.beneficiary == "B-00001" && disburse.ref == "KW-001")
        #expect(disburse.amount == "1.250.000" && disburse.date == "2026-11-20")
        #expect(disburse.store.db == "x.sqlite" && disburse.store.path == "x.sqlite")
        #expect(disburse.cohort == nil && disburse.usaha == nil)
    }
}
