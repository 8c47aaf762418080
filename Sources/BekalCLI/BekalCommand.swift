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
            BudgetCommand.self, TransferCommand.self, GrantCommand.self, EquipmentCommand.self, ExpenseCommand.self,
            EntryCommand.self, PeriodCommand.self, AccountCommand.self, SettingsCommand.self,
            TrackCommand.self, CohortCommand.self, BeneficiaryCommand.self, EnrolCommand.self,
            KelompokCommand.self, UsahaCommand.self, ImportCommand.self,
            WorkerCommand.self, VisitCommand.self, OutcomeCommand.self, FollowUpCommand.self, AuditCommand.self,
            ReportCommand.self, ExportCommand.self, BackupCommand.self, RestoreCommand.self,
            UserCommand.self, ServeLauncher.self,
        ]
    )

    public init() {}

    /// Runs the command line, printing a refusal as one line on stderr with a non-zero exit.
    public static func run(arguments: [String]? = nil) async -> Never {
        await run(Self.self, arguments: arguments)
    }

    /// Runs `root` (this command tree, or `bekal-serve`'s), with the same handling of refusals.
    public static func run(_ root: any ParsableCommand.Type, arguments: [String]? = nil) async -> Never {
        do {
            var command = try root.parseAsRoot(arguments)
            if var server = command as? any AsyncParsableCommand {
                try await server.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch let failure as any BekalFailure {
            FileHandle.standardError.write(Data("bekal: \(failure.message)\n".utf8))
            Foundation.exit(1)
        } catch {
            root.exit(withError: error)
        }
    }
}
