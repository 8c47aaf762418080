import ArgumentParser
// Placeholder while the journal export is written in this change.
struct ExportCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "export") }
