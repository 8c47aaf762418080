import Testing
@testable import BekalCLI

/// What `bekal report ARGUMENTS --db PATH` prints, parsed and rendered in-process.
func reportOutput(_ arguments: [String], db path: String) throws -> String {
    let command = try BekalCommand.parseAsRoot(["report"] + arguments + ["--db", path])
    let rendering = try #require(command as? any ReportRendering)
    var text = ""
    let writer = ReportStreamWriter(format: rendering.output.format) { text += $0 }
    try rendering.render(to: writer)
    writer.flush()
    return text
}
