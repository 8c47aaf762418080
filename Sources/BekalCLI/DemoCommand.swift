import ArgumentParser
import BekalCore
import BekalDemo
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create the database and load the demo programme (Dinas Sosial Kota Bandar Lampung, 2007-2012).",
        discussion: "Invented names, no NIK. Loads into a new or empty database only; run again, it changes nothing.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var keyFile: SealKeyOptions

    func run() throws {
        let opened = try store.createStore()
        if try DemoProgramme.isLoaded(in: opened) {
            printLine("Database \(store.shownPath) already holds the demo programme; nothing changed.")
            return
        }
        let s = try DemoProgramme.load(into: opened)
        printLine("""
            Loaded the demo programme of \(DemoProgramme.officeName) into \(store.shownPath): \
            \(s.beneficiaries) beneficiaries (\(s.graduates) graduates), \(s.kelompok) kelompok, \(s.usaha) usaha, \
            \(s.grants) grant payments (one reversed and paid again), \(s.visits) aftercare visits, \(s.outcomes) outcomes, \
            \(s.entries) journal entries.
            """)
        printLine(try store.ensureSealKey(in: opened, at: keyFile.path(store)))
        let key = try SealKeyFile.load(keyFile.path(store))
        printLine("Sealed: \(try Operations(store: opened).seal(reason: "demo", key: key, context: DemoProgramme.context).shortForm)")
    }
}
