import BekalCore
import BekalStore
import Foundation
import Testing

@Suite("Reports over a small programme")
struct ReportsTests {
    let p: ReportsProgramme
    init() throws { p = try ReportsProgramme() }

    func rp(_ amount: Int64) -> Rupiah { Rupiah(amount) }
    func id(_ name: String) -> Int64 { p.entries[name]! }

    // MARK: Cash book

    @Test func cashBookNumbersEachMonthFromOneWithRunningBalanceAndMonthTotals() throws {
        let book = try p.read { tx in try CashBook.build(CashBook.Request(), in: tx) }
        #expect(book.opening.openingBalance == .zero)
        let entries = book.rows.filter { $0.type == .entry }
        #expect(entries.map(\.entryID) == [id("budget"), id("grantA"), id("grantB"), id("purchase"), id("grantC"),
                                           id("reverseC"), id("aftercareK"), id("aftercareU"), id("grantD"), id("grantD2")])
        #expect(entries.map(\.number) == [1, 1, 2, 3, 4, 1, 2, 3, 4, 5])
        #expect(entries.map(\.balance) == [rp(100_000_000), rp(98_500_000), rp(97_000_000), rp(91_750_000), rp(90_250_000),
                                           rp(91_750_000), rp(91_500_000), rp(91_400_000), rp(89_900_000), rp(88_400_000)])
        let totals = book.rows.filter { $0.type == .monthTotal }
        #expect(totals.map(\.month.description) == ["2026-01", "2026-02", "2026-03"])
        #expect(totals.map(\.receipt) == [rp(100_000_000), .zero, rp(1_500_000)])
        #expect(totals.map(\.payment) == [.zero, rp(9_750_000), rp(3_350_000)])
        #expect(totals.map(\.balance) == [rp(100_000_000), rp(90_250_000), rp(88_400_000)])
        #expect(totals.map(\.date.description) == ["2026-01-31", "2026-02-28", "2026-03-31"])
        // Each month total comes right after the month's last entry.
        #expect(book.rows.map(\.type) == [.entry, .monthTotal, .entry, .entry, .entry, .entry, .monthTotal,
                                          .entry, .entry, .entry, .entry, .entry, .monthTotal])
        #expect(book.closing.totalReceipts == rp(101_500_000) && book.closing.totalPayments == rp(13_100_000))
        #expect(book.closing.closingBalance == rp(88_400_000) && book.closing.entryCount == 10)
        #expect(book.closing.closingBalance == (try p.trialBalance(.cash)))
    }

    @Test func cashBookShowsReversalPairing() throws {
        let book = try p.read { tx in try CashBook.build(CashBook.Request(), in: tx) }
        let original = try #require(book.rows.first { $0.entryID == id("grantC") })
        let reversal = try #require(book.rows.first { $0.entryID == id("reverseC") })
        #expect(original.note == "dibalik oleh #\(id("reverseC"))")
        #expect(reversal.note == "membalik #\(id("grantC"))")
        #expect(reversal.receipt == rp(1_500_000) && reversal.payment == .zero)
        #expect(book.rows.first { $0.entryID == id("grantB") }?.note == "")
    }

    @Test func cashBookFromMidMonthCarriesOpeningBalanceAndContinuesTheMonthsNumbering() throws {
        let request = CashBook.Request(from: ReportsProgramme.day("2026-02-10"), to: ReportsProgramme.day("2026-03-04"))
        let book = try p.read { tx in try CashBook.build(request, in: tx) }
        #expect(book.opening.openingBalance == rp(97_000_000))
        let entries = book.rows.filter { $0.type == .entry }
        #expect(entries.map(\.entryID) == [id("purchase"), id("grantC"), id("reverseC"), id("aftercareK"), id("aftercareU")])
        #expect(entries.map(\.number) == [3, 4, 1, 2, 3])
        let totals = book.rows.filter { $0.type == .monthTotal }
        // A month total covers the part of the month inside the period, and ends on its last day.
        #expect(totals.map(\.payment) == [rp(6_750_000), rp(350_000)])
        #expect(totals.last?.date == ReportsProgramme.day("2026-03-04"))
        #expect(book.closing.closingBalance == rp(91_400_000))
        #expect(book.table.rows.first?[4] == .text("Saldo awal"))
        #expect(book.table.rows.first?[7] == .rupiah(rp(97_000_000)))
    }

    @Test func cashBookRefusesAPeriodThatEndsBeforeItStarts() throws {
        #expect(throws: InputError.self) {
            try p.read { tx in
                try CashBook.build(CashBook.Request(from: ReportsProgramme.day("2026-03-01"), to: ReportsProgramme.day("2026-02-01")), in: tx)
            }
        }
    }

    // MARK: General ledger

    @Test func ledgerOfGrantExpenseFromMarchOpensWithFebruaryAndPairsReversals() throws {
        let code = try p.accountCode(.grantExpense)
        let ledger = try p.read { tx in
            try GeneralLedger.build(GeneralLedger.Request(accountCode: code, from: ReportsProgramme.day("2026-03-01")), in: tx)
        }
        #expect(ledger.opening.openingBalance == rp(4_500_000))
        #expect(ledger.lines.map(\.entryID) == [id("reverseC"), id("grantD"), id("grantD2")])
        #expect(ledger.lines.map(\.debit) == [.zero, rp(1_500_000), rp(1_500_000)])
        #expect(ledger.lines.map(\.credit) == [rp(1_500_000), .zero, .zero])
        #expect(ledger.lines.map(\.balance) == [rp(3_000_000), rp(4_500_000), rp(6_000_000)])
        #expect(ledger.lines[0].kind == .reversal && ledger.lines[0].note == "membalik #\(id("grantC"))")
        #expect(ledger.lines[0].documentRef == "KW-003")
        #expect(ledger.closing.totalDebit == rp(3_000_000) && ledger.closing.totalCredit == rp(1_500_000))
        #expect(ledger.closing.closingBalance == rp(6_000_000) && ledger.closing.lineCount == 3)
        #expect(ledger.closing.closingBalance == (try p.trialBalance(.grantExpense)))
    }

    @Test func ledgerClosingEqualsTheTrialBalanceForEveryOfficeAccount() throws {
        try p.read { tx in
            let tb = try TrialBalance.build(from: tx, bookCode: Book.officeCode)
            for line in tb.books[0].accounts {
                let ledger = try GeneralLedger.build(GeneralLedger.Request(accountCode: line.code), in: tx)
                #expect(ledger.closing.closingBalance == line.balance, "account \(line.code)")
                #expect(ledger.closing.totalDebit == line.debit && ledger.closing.totalCredit == line.credit, "account \(line.code)")
            }
        }
    }

    @Test func ledgerSlicedByBeneficiaryNetsHerReversedGrantToZero() throws {
        let code = try p.accountCode(.grantExpense)
        let ledger = try p.read { tx in
            try GeneralLedger.build(GeneralLedger.Request(accountCode: code, beneficiary: p.c.code), in: tx)
        }
        #expect(ledger.lines.map(\.entryID) == [id("grantC"), id("reverseC")])
        #expect(ledger.lines[0].note == "dibalik oleh #\(id("reverseC"))")
        #expect(ledger.closing.closingBalance == .zero)
        #expect(ledger.opening.slices == ["beneficiary": p.c.code])
    }

    @Test func ledgerSlicedByKelompokAndCohortAndBudgetYear() throws {
        let equipment = try p.accountCode(.equipmentExpense)
        let aftercare = try p.accountCode(.aftercareExpense)
        try p.read { tx in
            let byKelompok = try GeneralLedger.build(GeneralLedger.Request(accountCode: equipment, kelompok: p.kelompok.code), in: tx)
            #expect(byKelompok.lines.map(\.debit) == [rp(3_500_000), rp(1_750_000), .zero])
            #expect(byKelompok.closing.closingBalance == rp(3_500_000))
            let byCohort = try GeneralLedger.build(GeneralLedger.Request(accountCode: aftercare, cohort: "2026A"), in: tx)
            #expect(byCohort.closing.closingBalance == rp(350_000))
            let byUsaha = try GeneralLedger.build(GeneralLedger.Request(accountCode: aftercare, usaha: p.usaha.code), in: tx)
            #expect(byUsaha.lines.map(\.entryID) == [id("aftercareU")])
            let otherYear = try GeneralLedger.build(GeneralLedger.Request(accountCode: aftercare, budgetYear: 2025), in: tx)
            #expect(otherYear.lines.isEmpty && otherYear.closing.closingBalance == .zero)
        }
    }

    @Test func ledgerOfAUsahaBookShowsTheGrantAsCapital() throws {
        let ledger = try p.read { tx in
            try GeneralLedger.build(GeneralLedger.Request(accountCode: "3101", bookCode: p.usaha.code), in: tx)
        }
        #expect(ledger.lines.count == 1)
        #expect(ledger.lines[0].kind == .grantCapital && ledger.lines[0].credit == rp(1_500_000))
        #expect(ledger.closing.closingBalance == rp(-1_500_000))
    }

    @Test func ledgerRefusesAnUnknownAccountOrBook() throws {
        #expect(throws: ProgrammeRejection.self) {
            try p.read { tx in try GeneralLedger.build(GeneralLedger.Request(accountCode: "9999"), in: tx) }
        }
        #expect(throws: ProgrammeRejection.self) {
            try p.read { tx in try GeneralLedger.build(GeneralLedger.Request(accountCode: "1101", bookCode: "U-0999"), in: tx) }
        }
    }

    @Test func ledgerStreamsOneLineAtATime() throws {
        let code = try p.accountCode(.cash)
        var events: [String] = []
        let closing = try p.read { tx in
            try GeneralLedger.stream(GeneralLedger.Request(accountCode: code), in: tx,
                                     opening: { _ in events.append("opening") }, line: { events.append("#\($0.entryID)") })
        }
        #expect(events.first == "opening" && events.count == 11)
        #expect(closing.lineCount == 10)
    }

    // MARK: Grant register

    @Test func grantRegisterListsEveryGrantByCodeWithStatusAndTotals() throws {
        let register = try p.read { tx in try GrantRegister.build(in: tx) }
        #expect(register.lines.map(\.entryID) == [id("grantA"), id("grantB"), id("grantC"), id("grantD"), id("grantD2")])
        #expect(register.lines.map(\.beneficiaryCode) == [p.a.code, p.b.code, p.c.code, p.d.code, p.d.code])
        #expect(register.lines.map(\.documentRef) == ["KW-001", "KW-002", "KW-003", "KW-005", "KW-006"])
        #expect(register.lines.allSatisfy { $0.cohortCode == "2026A" && $0.trackCode == "jahit" && $0.amount == rp(1_500_000) })
        #expect(register.lines.map(\.usahaCode) == [p.usaha.code, nil, nil, nil, nil])
        #expect(register.lines.map(\.exceptionID) == [nil, nil, nil, nil, p.exceptionID])
        #expect(register.lines.map(\.statusText) == ["dibayar", "dibayar", "dibalik oleh #\(id("reverseC"))", "dibayar", "dibayar"])
        #expect(register.totals.count == 5 && register.totals.reversedCount == 1)
        #expect(register.totals.paid == rp(7_500_000) && register.totals.reversed == rp(1_500_000) && register.totals.net == rp(6_000_000))
        #expect(register.totals.net == (try p.trialBalance(.grantExpense)))
    }

    @Test func grantRegisterNeverCarriesANameAndFiltersByCohort() throws {
        let (all, other) = try p.read { tx in (try GrantRegister.build(in: tx), try GrantRegister.build(cohort: "2026B", in: tx)) }
        let text = all.table.rows.flatMap { $0.map(\.plain) }.joined(separator: "|")
        for name in ["Ani", "Budi", "Citra", "Dewi"] { #expect(!text.contains(name)) }
        #expect(other.lines.isEmpty && other.totals.net == .zero && other.cohortCode == "2026B")
    }

    // MARK: Equipment register

    @Test func equipmentRegisterShowsTheMembersOnTheDayOfEachIssue() throws {
        let register = try p.read { tx in try EquipmentRegister.build(in: tx) }
        let issues = register.rows.filter { $0.type == .issue }
        #expect(issues.map(\.entryID) == [id("issue1"), id("issue2"), id("reverseIssue2")])
        // B left on 2026-02-14 and D joined on 2026-02-16.
        #expect(issues[0].members == [p.a.code, p.c.code])
        #expect(issues[1].members == [p.a.code, p.c.code, p.d.code])
        #expect(issues.map(\.quantity) == [2, 1, -1])
        #expect(issues.map(\.value) == [rp(3_500_000), rp(1_750_000), rp(-1_750_000)])
        #expect(issues.map(\.note) == ["", "dibalik oleh #\(id("reverseIssue2"))", "membalik #\(id("issue2"))"])
        #expect(issues.allSatisfy { $0.kelompokCode == "K-0001" && $0.itemCode == "mesin-jahit" })
        let total = try #require(register.rows.last)
        #expect(total.type == .kelompokTotal && total.quantity == 2 && total.value == rp(3_500_000))
        #expect(register.totals.kelompokCount == 1 && register.totals.quantity == 2 && register.totals.value == rp(3_500_000))
        #expect(register.totals.value == (try p.trialBalance(.equipmentExpense)))
    }

    @Test func equipmentRegisterOfAKelompokWithoutIssuesIsEmpty() throws {
        let register = try p.store.write { tx in
            let k = try Operations.addKelompok(name: "Kosong", cohort: "2026A", track: nil, members: [],
                                               joinedOn: ReportsProgramme.day("2026-01-05"), in: tx)
            return try EquipmentRegister.build(kelompok: k.code, in: tx)
        }
        #expect(register.rows.isEmpty && register.totals.value == .zero)
    }

    // MARK: Budget use

    @Test func budgetUsePerCohortNetsReversalsAndMatchesTheTrialBalance() throws {
        let use = try p.read { tx in try BudgetUse.build(in: tx) }
        // The budget was received without a cohort: a row of its own, with no ceiling.
        #expect(use.lines.map(\.cohortCode) == ["2026A", "2026B", nil])
        let a = use.lines[0]
        #expect(a.budget == rp(50_000_000) && a.grants == rp(6_000_000) && a.equipment == rp(3_500_000) && a.aftercare == rp(350_000))
        #expect(a.used == rp(9_850_000) && a.remaining == rp(40_150_000) && a.received == .zero && a.unspent == rp(-9_850_000))
        #expect(a.usedPerMille == 197 && a.usedPercentText == "19,7%")
        let b = use.lines[1]
        #expect(b.used == .zero && b.remaining == rp(10_000_000) && b.usedPercentText == "0,0%")
        let none = use.lines[2]
        #expect(none.used == .zero && none.received == rp(100_000_000) && none.unspent == rp(100_000_000) && none.usedPercentText == "-")
        #expect(BudgetUse.cells(none)[1] == .empty && BudgetUse.cells(none)[7] == .empty)
        #expect(use.total.budget == rp(60_000_000) && use.total.used == rp(9_850_000) && use.total.remaining == rp(50_150_000))
        #expect(use.total.received == rp(100_000_000) && use.total.unspent == rp(90_150_000))
        #expect(use.total.usedPerMille == 164)
        #expect(use.total.grants == (try p.trialBalance(.grantExpense)))
        #expect(use.total.equipment == (try p.trialBalance(.equipmentExpense)))
        #expect(use.total.aftercare == (try p.trialBalance(.aftercareExpense)))
    }

    @Test func perMilleRoundsHalfAwayFromZeroWithoutOverflow() {
        #expect(BudgetUse.perMille(Rupiah(1), of: Rupiah(2000)) == 1)
        #expect(BudgetUse.perMille(Rupiah(1), of: Rupiah(2001)) == 0)
        #expect(BudgetUse.perMille(Rupiah(-1), of: Rupiah(2000)) == -1)
        #expect(BudgetUse.perMille(Rupiah(30_000_000_000_000), of: Rupiah(40_000_000_000_000)) == 750)
        #expect(BudgetUse.perMille(Rupiah(Int64.max), of: Rupiah(Int64.max)) == 1000)
        #expect(BudgetUse.perMille(Rupiah(Int64.max), of: Rupiah(1)) == Int64.max)
        #expect(BudgetUse.perMille(Rupiah(5), of: .zero) == nil)
        #expect(BudgetUse.percentText(1000) == "100,0%" && BudgetUse.percentText(-15) == "-1,5%")
    }
}
