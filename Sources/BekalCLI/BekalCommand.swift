import ArgumentParser
import BekalCore
import Foundation

/// `bekal`: the root only lists the subcommands.
public struct BekalCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bekal",
        abstract: "Grant and aftercare ledger for a Dinas Sosial rehabilitation programme.",
        discussion: "Every command takes --db PATH (default: $BEKAL_DB, else bekal.sqlite in this folder).",
        subcommands: [
            InitCommand.self, DemoCommand.self, UpgradeCommand.self, VerifyCommand.self, SealCommand.self,
            BudgetCommand.self, TargetCommand.self, TransferCommand.self, GrantCommand.self, EquipmentCommand.self, ExpenseCommand.self,
            EntryCommand.self, PeriodCommand.self, AccountCommand.self, SettingsCommand.self,
            TrackCommand.self, CohortCommand.self, BeneficiaryCommand.self, EnrolCommand.self, IntakeCommand.self, StageCommand.self, NeedCommand.self, ConsentCommand.self, PartnerCommand.self, ReferralCommand.self,
            KelompokCommand.self, UsahaCommand.self, MarketCommand.self, TrainingCommand.self, ImportCommand.self,
            WorkerCommand.self, VisitCommand.self, OutcomeCommand.self, FollowUpCommand.self, AuditCommand.self,
            ReportCommand.self, ExportCommand.self, BackupCommand.self, RestoreCommand.self, MigrateCommand.self,
            PrintCommand.self, RecipientListCommand.self, UserCommand.self, OfficeCommand.self, ServeLauncher.self,
        ]
    )

    public init() {}

    /// Runs the command line, printing a refusal as one line on stderr with a non-zero exit.
    /// Synchronous: no command of this tree is async (`serve` hands over to bekal-serve), so a
    /// command starts without Swift's concurrency runtime and its threads.
    public static func run(arguments: [String]? = nil) -> Never {
        finish(Self.self) {
            var command = try parseAsRoot(arguments)
            precondition(!(command is any AsyncParsableCommand), "an async command in bekal's tree: run it from bekal-serve")
            try command.run()
        }
    }

    /// Runs `root`, a tree with async commands (`bekal-serve`'s), with the same handling of refusals.
    public static func run(_ root: any ParsableCommand.Type, arguments: [String]? = nil) async -> Never {
        do {
            var command = try root.parseAsRoot(arguments)
            if var server = command as? any AsyncParsableCommand {
                try await server.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch {
            fail(root, error)
        }
    }

    private static func finish(_ root: any ParsableCommand.Type, _ body: () throws -> Void) -> Never {
        do {
            try body()
            Foundation.exit(0)
        } catch {
            fail(root, error)
        }
    }

    private static func fail(_ root: any ParsableCommand.Type, _ error: any Error) -> Never {
        if let failure = error as? any BekalFailure {
            FileHandle.standardError.write(Data("bekal: \(failure.message)\n".utf8))
            Foundation.exit(1)
        }
        root.exit(withError: error)
    }
}
