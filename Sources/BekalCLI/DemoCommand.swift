import ArgumentParser
// Placeholder while the demo programme is written in this change.
struct DemoCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "demo") }
