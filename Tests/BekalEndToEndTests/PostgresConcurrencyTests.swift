import BekalTestSupport
import Foundation
import Testing

/// Two `bekal` processes posting at the same moment on one PostgreSQL database: to the same
/// office's books (one waits for the other: no gap or fork in the chain, no negative cash, no
/// grant paid twice) and to two offices' books (neither waits, each chain whole).
@Suite("Two processes posting on one PostgreSQL server")
struct PostgresConcurrencyTests {
    /// Office `code` set up with `graduates` graduates of cohort 2026 and a budget receipt of
    /// `cash` rupiah in cash.
    func setUpOffice(_ bekal: Bekal, url: String, code: String, graduates: Int, cash: Int) throws {
        func ok(_ arguments: String...) throws {
            let run = try bekal.run(arguments: arguments + ["--db", url, "--office", code])
            #expect(run.status == 0, "\(arguments.joined(separator: " ")): \(run.stderr)")
        }
        try ok("init", "--name", "Dinas Sosial \(code)")
        try ok("track", "add", "--code", "tata-boga", "--name", "Tata Boga")
        try ok("cohort", "add", "--code", "2026", "--training-start", "2026-01-05", "--training-end", "2026-04-03")
        var csv = "nama,angkatan,jurusan,status,tanggal_status\n"
        for n in 1...graduates { csv += "Peserta \(code) \(n),2026,tata-boga,lulus,2026-04-03\n" }
        let file = bekal.directory.appendingPathComponent("\(code).csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        try ok("import", "beneficiaries", file.path)
        // The cohort's recipient list, drafted by the admin and approved by the head of office.
        try ok("list", "draft", "--cohort", "2026", "--actor", "admin")
        try ok("list", "approve", "DP-2026-1", "--sk", "460/1/2026", "--sk-date", "2026-11-02", "--actor", "kepala")
        try ok("budget", "receive", "--amount", String(cash), "--ref", "SP2D-\(code)", "--date", "2026-11-02")
    }

    /// Pays B-00001 … B-`count` in `office`, in the given order, kuitansi `KW-n` for B-n: the
    /// same document for the same woman whoever pays, as two bendahara working one list would.
    func payAll(_ bekal: Bekal, url: String, office: String, order: [Int]) throws -> [Bekal.Run] {
        try order.map { n in
            try bekal.run("grant", "disburse", "--beneficiary", String(format: "B-%05d", n), "--ref", "KW-\(n)",
                          "--date", "2026-11-03", "--db", url, "--office", office)
        }
    }

    /// The office's grant register: its rows of grants paid, as CSV lines.
    func grants(_ bekal: Bekal, url: String, office: String) throws -> [String] {
        let run = try bekal.run("report", "grants", "--format", "csv", "--db", url, "--office", office)
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(whereSeparator: \.isNewline).filter { $0.contains(",dibayar,") }.map(String.init)
    }

    func cashBalance(_ bekal: Bekal, url: String, office: String) throws -> String? {
        let run = try bekal.run("report", "trial-balance", "--format", "csv", "--db", url, "--office", office)
        return run.stdout.split(whereSeparator: \.isNewline).first { $0.contains(",1101,") }?.split(separator: ",").last.map(String.init)
    }

    @Test func twoProcessesPayingOneListPayEachWomanOnceAndNeverOverdraw() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        let url = try ScratchPostgres.shared.get().newDatabase()
        // 24 graduates, cash for 18 grants: the last six, whoever reaches them, must be refused.
        try setUpOffice(bekal, url: url, code: "kota", graduates: 24, cash: 18 * 1_500_000)
        let orders = [Array(1...24), Array((1...24).reversed())]
        let runs = Locked<[[Bekal.Run]]>([[], []])
        DispatchQueue.concurrentPerform(iterations: 2) { lane in
            let result = (try? payAll(bekal, url: url, office: "kota", order: orders[lane])) ?? []
            runs.withLock { $0[lane] = result }
        }
        let all = runs.withLock { $0 }.flatMap { $0 }
        #expect(all.count == 48)
        // Each answer is a payment, the same payment said again, or the cash refusal; never a
        // serialization failure, a deadlock or a duplicate key shown to the officer.
        for run in all where run.status != 0 {
            #expect(run.stderr.contains("would take it below zero"), "unexpected refusal: \(run.stderr)")
        }
        let paid = try grants(bekal, url: url, office: "kota")
        #expect(paid.count == 18, "\(paid.joined(separator: "\n"))")
        let women = Set(paid.compactMap { $0.split(separator: ",").first { $0.hasPrefix("B-") } })
        #expect(women.count == 18)
        #expect(try cashBalance(bekal, url: url, office: "kota") == "0")
        let verified = try bekal.run("verify", "--db", url, "--office", "kota")
        #expect(verified.status == 0 && verified.stdout.hasPrefix("OK: 19 entries"), "\(verified.stdout)\(verified.stderr)")
    }

    @Test func twoOfficesPostAtOnceAndEachKeepsItsOwnWholeChain() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        let url = try ScratchPostgres.shared.get().newDatabase()
        for code in ["barat", "timur"] { try setUpOffice(bekal, url: url, code: code, graduates: 12, cash: 30_000_000) }
        let offices = ["barat", "timur"]
        let runs = Locked<[[Bekal.Run]]>([[], []])
        DispatchQueue.concurrentPerform(iterations: 2) { lane in
            let result = (try? payAll(bekal, url: url, office: offices[lane], order: Array(1...12))) ?? []
            runs.withLock { $0[lane] = result }
        }
        for (lane, office) in offices.enumerated() {
            let lane = runs.withLock { $0[lane] }
            #expect(lane.count == 12 && lane.allSatisfy { $0.status == 0 }, "\(lane.map(\.stderr).joined())")
            #expect(try grants(bekal, url: url, office: office).count == 12)
            #expect(try cashBalance(bekal, url: url, office: office) == "12000000")
            let verified = try bekal.run("verify", "--db", url, "--office", office)
            #expect(verified.status == 0 && verified.stdout.hasPrefix("OK: 13 entries"), "\(office): \(verified.stdout)\(verified.stderr)")
        }
        // The roll-up sees both offices' books and adds them.
        let rollup = try bekal.run("report", "rollup", "--accounts", "--format", "csv", "--db", url)
        #expect(rollup.status == 0, "\(rollup.stderr)")
        let cash = rollup.stdout.split(whereSeparator: \.isNewline).first { $0.hasPrefix("1101,") }
        #expect(cash?.hasSuffix(",2,60000000,36000000,24000000") == true, "\(rollup.stdout)")
    }
}
