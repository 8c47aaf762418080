// The office's paper at a busy office's scale (issue 14): the Buku Kas Umum of a month of
// 10,000 entries as PDF and as xlsx, and the kuitansi of 1,000 grants into one PDF and into
// 1,000 files. Each step is its own process, so `/usr/bin/time -v` (Benchmarks/documents/run.sh)
// gives its wall time and peak memory; the step prints its own split between reading the books
// and writing the file.
//
//   swift build -c release --build-path .build-rel-bku --product bekal-documents-bench
//   bekal-documents-bench prepare DB [ENTRIES] [GRANTS]   a November 2026 of ENTRIES entries, GRANTS of them grants
//   bekal-documents-bench bku-pdf DB OUT.pdf | bku-xlsx DB OUT.xlsx
//   bekal-documents-bench kuitansi-one DB OUT.pdf | kuitansi-files DB FOLDER
import BekalCore
import BekalExport
import BekalPDF
import BekalStore
import Foundation

let context = OperationContext(actor: "bench", now: Date(timeIntervalSince1970: 1_796_108_400)) // 2026-12-01
let november = YearMonth(year: 2026, month: 11)!

func fail(_ text: String) -> Never {
    FileHandle.standardError.write(Data((text + "\n").utf8))
    exit(2)
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// An office with `grants` graduates paid in November 2026 and `entries` entries that month in
/// all: two budget receipts (cash, bank), the grants from cash, then aftercare costs from cash
/// and the bank with a transfer every 50th, their memos of varied length so some Uraian wrap.
func prepare(_ path: String, entries: Int, grants: Int) throws {
    try? FileManager.default.removeItem(atPath: path)
    let ops = Operations(store: try SQLiteStore(path: path))
    _ = try ops.initialise(officeName: "Dinas Sosial Kota Bandar Lampung")
    _ = try ops.addTrack(code: "tata-boga", name: "Tata Boga")
    _ = try ops.addCohort(CohortDraft(code: "2026", name: "Angkatan 2026", budget: Rupiah(10_000_000_000), budgetYear: 2026))
    var change = SettingsChange()
    change.signatories = Signatories(place: "Bandar Lampung", treasurerName: "Dra. Sri Rahayu",
                                     treasurerNIP: try NIP.parse("197501012000032001", field: .option("nip")),
                                     headName: "Drs. Ahmad Yani", headNIP: try NIP.parse("196805121994031005", field: .option("nip")))
    change.officeAddress = "Jl. Dr. Susilo No. 2, Bandar Lampung"
    _ = try ops.changeSettings(change, context: context)
    let day = { (n: Int) in LocalDate(year: 2026, month: 11, day: 1 + n * 29 / max(entries, 1))! }
    try ops.store.write { tx in
        _ = try Operations.receiveBudget(BudgetReceipt(amount: Rupiah(5_000_000_000), documentRef: "SP2D-TUNAI", valueDate: day(0)),
                                         context: context, in: tx)
        _ = try Operations.receiveBudget(BudgetReceipt(amount: Rupiah(5_000_000_000), documentRef: "SP2D-BANK", valueDate: day(0),
                                                       intoBank: true), context: context, in: tx)
        for i in 1...grants {
            let person = try Operations.addBeneficiary(BeneficiaryDraft(name: "Binaan \(i)"), in: tx)
            _ = try Operations.enrol(EnrolmentRequest(beneficiary: person.code, cohort: "2026", track: "tata-boga", status: .completed), in: tx)
            _ = try Operations.disburseGrant(GrantRequest(beneficiary: person.code, documentRef: "KW/2026/\(i)", valueDate: day(i)),
                                             context: context, in: tx)
        }
        let purposes = ["Cetak label merek", "Transport pendamping ke lokasi usaha binaan",
                        "Sewa stan pameran produk usaha binaan di gedung Dinas Koperasi, Perindustrian dan Perdagangan selama tiga hari"]
        for n in (grants + 2)..<entries {
            if n % 50 == 0 {
                _ = try Operations.transferCash(CashTransfer(amount: Rupiah(1_000_000), to: n % 100 == 0 ? .cash : .bank,
                                                             documentRef: "PB-\(n)", valueDate: day(n)), context: context, in: tx)
            } else {
                _ = try Operations.recordAftercareExpense(AftercareExpense(amount: Rupiah(Int64(50_000 + n % 7 * 25_000)), documentRef: "BP-\(n)",
                                                                           memo: purposes[n % 3], valueDate: day(n),
                                                                           paidFrom: n % 2 == 0 ? .cash : .bank), context: context, in: tx)
            }
        }
    }
    print("prepared \(path): \(entries) entries in \(november), \(grants) of them grants")
}

let arguments = CommandLine.arguments
guard arguments.count >= 4 || (arguments.count >= 3 && arguments[1] == "prepare") else {
    fail("usage: bekal-documents-bench prepare DB [ENTRIES] [GRANTS] | bku-pdf|bku-xlsx|kuitansi-one|kuitansi-files DB OUT")
}
let db = arguments[2]
do {
    switch arguments[1] {
    case "prepare":
        let entries = arguments.count > 3 ? Int(arguments[3]) ?? 10_000 : 10_000
        let grants = arguments.count > 4 ? Int(arguments[4]) ?? 1_000 : 1_000
        try prepare(db, entries: entries, grants: grants)
    case "bku-pdf", "bku-xlsx":
        let ops = Operations(store: try SQLiteStore(path: db))
        var bku: BukuKasUmum?
        let read = try seconds { bku = try ops.bukuKasUmum(month: november) }
        let write = try seconds {
            if arguments[1] == "bku-pdf" { try BKUPDF.write(bku!, to: arguments[3]) } else { try BKUWorkbook.write(bku!, to: arguments[3]) }
        }
        print(String(format: "%@ %d rows: read %.2f s, write %.2f s", arguments[1], bku!.rows.count, read, write))
    case "kuitansi-one", "kuitansi-files":
        let ops = Operations(store: try SQLiteStore(path: db))
        var all: [Kuitansi] = []
        let read = try seconds {
            var entries: [Int64] = []
            try ops.store.read { tx in try tx.forEachGrant(cohortID: nil) { entries.append($0.grant.entryID) } }
            all = try entries.map { try ops.kuitansi(entryID: $0, context: context) }
        }
        let write = try seconds {
            if arguments[1] == "kuitansi-one" {
                try KuitansiPDF.writeAll(all, to: arguments[3])
            } else {
                try FileManager.default.createDirectory(atPath: arguments[3], withIntermediateDirectories: true)
                for k in all { try KuitansiPDF.write(k, to: "\(arguments[3])/\(k.fileName)") }
            }
        }
        print(String(format: "%@ %d kuitansi: read (audited) %.2f s, write %.2f s", arguments[1], all.count, read, write))
    default:
        fail("unknown step \(arguments[1])")
    }
} catch let failure as any BekalFailure {
    fail("bekal-documents-bench: \(failure.message)")
}
