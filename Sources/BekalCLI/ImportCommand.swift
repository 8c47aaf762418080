import ArgumentParser
// Placeholder while the CSV import is written in this change.
struct ImportCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "import") }
