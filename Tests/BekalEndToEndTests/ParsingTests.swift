import ArgumentParser
@testable import BekalCLI
import Testing

@Suite("Command-line parsing")
struct ParsingTests {
    @Test func parsesGrantDisburse() throws {
        let command = try BekalCommand.parseAsRoot(["grant", "disburse", "--beneficiary", "B-00001", "--ref", "KW-001",
                                                    "--amount", "1.250.000", "--date", "2026-11-20", "--db", "x.sqlite",
                                                    "--usaha", "U-0007", "--actor", "bendahara"])
        let disburse = try #require(command as? GrantCommand.Disburse)
        #expect(disburse.beneficiary == "B-00001" && disburse.ref == "KW-001")
        #expect(disburse.amount == "1.250.000" && disburse.date == "2026-11-20")
        #expect(disburse.store.path == "x.sqlite" && disburse.store.actor == "bendahara")
        #expect(disburse.cohort == nil && disburse.usaha == "U-0007")
    }

    @Test func parsesOtherCommands() throws {
        let budget = try #require(try BekalCommand.parseAsRoot(["budget", "receive", "--amount", "Rp 150.000.000", "--ref", "SP2D-7", "--into-bank"])
            as? BudgetCommand.Receive)
        #expect(budget.amount == "Rp 150.000.000" && budget.intoBank && budget.store.db == nil)
        let trial = try #require(try BekalCommand.parseAsRoot(["report", "trial-balance", "--format", "csv", "--book", "U-0001"]) as? TrialBalanceReport)
        #expect(trial.output.format == .csv && trial.book == "U-0001")
        let buy = try #require(try BekalCommand.parseAsRoot(["equipment", "buy", "--item", "oven:2:2.500.000", "--item", "mesin-jahit:1:1.750.000",
                                                             "--ref", "NOTA-1"]) as? EquipmentCommand.Buy)
        #expect(buy.item == ["oven:2:2.500.000", "mesin-jahit:1:1.750.000"])
        let reverse = try #require(try BekalCommand.parseAsRoot(["entry", "reverse", "--entry", "12", "--reason", "salah orang"]) as? EntryCommand.Reverse)
        #expect(reverse.entry == 12 && reverse.reason == "salah orang")
        #expect(try BekalCommand.parseAsRoot(["verify", "--format", "json"]) is VerifyCommand)
    }

    @Test func refusesBadUsage() {
        #expect(throws: (any Error).self) { try BekalCommand.parseAsRoot(["grant", "disburse", "--beneficiary", "B-00001"]) }
        #expect(throws: (any Error).self) { try BekalCommand.parseAsRoot(["report", "trial-balance", "--format", "xlsx"]) }
        #expect(throws: (any Error).self) { try BekalCommand.parseAsRoot(["entry", "reverse", "--entry", "dua", "--reason", "salah"]) }
        do {
            _ = try BekalCommand.parseAsRoot(["grant", "disburse", "--beneficiary", "B-00001"])
        } catch {
            #expect(BekalCommand.message(for: error) == "Missing expected argument '--ref <ref>'")
            #expect(BekalCommand.exitCode(for: error) == .validationFailure)
        }
    }

    @Test func grantDisburseHelpIsPinned() {
        #expect(BekalCommand.helpMessage(for: GrantCommand.Disburse.self, columns: 100) == """
            OVERVIEW: Pay a graduate her working-capital grant.

            USAGE: bekal grant disburse [<options>] --beneficiary <beneficiary> --ref <ref>

            OPTIONS:
              --db <db>               The database: an SQLite file, or postgres://USER@HOST:PORT/NAME (default:
                                      $BEKAL_DB, else bekal.sqlite).
              --office <office>       The office, on a PostgreSQL database that holds several (default:
                                      $BEKAL_OFFICE, else its only office).
              --actor <actor>         Who is acting, for the record (default: the OS user).
              --beneficiary <beneficiary>
                                      Her code (B-00012) or the office's register number.
              --ref <ref>             The kuitansi or SP2D number; paying the same reference again pays once.
              --amount <amount>       Amount (default the cohort's standard grant, normally Rp1.500.000).
              --amount-reason <amount-reason>
                                      Why another amount than the cohort's standard is intended (at least 10
                                      characters).
              --date <date>           Value date YYYY-MM-DD (default today).
              --cohort <cohort>       Cohort, if she completed more than one.
              --usaha <usaha>         Her usaha (U-0007): the grant also enters its book as capital.
              --from-bank             Transferred from the bank account to hers, rather than paid in cash.
              --line <line>           The budget line's kode rekening (default: the year's one line for this
                                      purpose).
              --source <source>       Its funding source, when two fund the same code: apbd-kota,
                                      apbd-provinsi, apbn or lainnya.
              -h, --help              Show help information.

            """)
    }
}

/// Every command names itself. Without a `commandName`, ArgumentParser derives the name from
/// the type with `String(describing:)` on every start, each a scan of every protocol
/// conformance in the binary: most of the time `bekal --help` took (BENCHMARKS.md, startup).
@Suite("Command names")
struct CommandNameTests {
    static func walk(_ command: any ParsableCommand.Type, path: String, into found: inout [String]) {
        if command.configuration.commandName == nil { found.append(path) }
        for sub in command.configuration.subcommands {
            walk(sub, path: path + " " + (sub.configuration.commandName ?? "\(sub)"), into: &found)
        }
    }

    @Test func everyCommandInTheTreeHasAnExplicitName() {
        var unnamed: [String] = []
        Self.walk(BekalCommand.self, path: "bekal", into: &unnamed)
        #expect(unnamed.isEmpty, "commands without a commandName: \(unnamed.joined(separator: ", "))")
    }
}
