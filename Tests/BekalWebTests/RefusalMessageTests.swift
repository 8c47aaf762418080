import BekalCore
import BekalExport
import Foundation
import Testing
@testable import BekalWeb

/// The core's refusals said in Indonesian, each next to the form field it is about.
@Suite struct RefusalMessageTests {
    static let december = YearMonth(year: 2012, month: 12)!
    static let day = LocalDate(year: 2013, month: 1, day: 2)!

    @Test func ledgerRefusalsNameTheirFieldAndFormatMoneyAndDates() {
        let cases: [(LedgerRejection, String?, [String])] = [
            (.wouldGoNegative(accountCode: "1101", accountName: "Kas di Bendahara Pengeluaran", balance: Rupiah(1_000_000),
                              shortfall: Rupiah(500_000)),
             "amount", ["Saldo 1101 Kas di Bendahara Pengeluaran tinggal Rp1.000.000", "kurang Rp500.000", "penerimaan anggaran"]),
            (.wouldGoNegativeOnDate(accountCode: "1101", accountName: "Kas di Bendahara Pengeluaran", valueDate: LocalDate(year: 2012, month: 12, day: 3)!,
                                    date: LocalDate(year: 2012, month: 12, day: 5)!, balance: Rupiah(200_000), shortfall: Rupiah(1_300_000)),
             "date", ["pada 5 Des 2012 hanya Rp200.000", "bertanggal 3 Des 2012", "kurang Rp1.300.000", "saldo hari ini cukup"]),
            (.futureDate(valueDate: LocalDate(year: 2013, month: 1, day: 3)!, today: Self.day), "date",
             ["Tanggal 3 Jan 2013 sesudah hari ini (2 Jan 2013)"]),
            (.periodClosed(valueDate: LocalDate(year: 2012, month: 12, day: 28)!, closedThrough: Self.december, bookCode: "KANTOR"), "date",
             ["28 Des 2012", "sudah ditutup", "Desember 2012"]),
            (.idempotencyConflict(key: "KW/1", entryID: 12, field: .amount, recorded: "Rp1.500.000", proposed: "Rp2.000.000"), "ref",
             ["Nomor bukti \"KW/1\" sudah dipakai untuk entri #12 dengan jumlah Rp1.500.000", "sedangkan isian ini berisi jumlah Rp2.000.000"]),
            (.idempotencyConflict(key: "KW/1", entryID: 12, field: .date, recorded: "2012-12-01", proposed: "2012-12-02"), "ref",
             ["dengan tanggal 1 Des 2012", "isian ini berisi tanggal 2 Des 2012"]),
            (.alreadyReversed(entryID: 7, reversalID: 9), nil, ["Entri #7 sudah dibalik oleh entri #9", "hanya dapat dibalik sekali"]),
            (.reversalOfReversal(entryID: 9, originalID: 7), nil, ["pembalikan entri #7", "tidak dapat dibalik lagi"]),
            (.entryNotFound(entryID: 42), nil, ["Entri #42 tidak ada"]),
            (.monthAlreadyClosed(month: YearMonth(year: 2012, month: 11)!, closedThrough: Self.december, bookCode: "KANTOR"), "month",
             ["sudah ditutup sampai dengan Desember 2012", "November 2012 tidak dapat ditutup lagi"]),
            (.unbalanced(sum: Rupiah(-1)), nil, ["tidak seimbang", "-Rp1"]),
            (.amountOverflow, "amount", ["terlalu besar"]),
            (.zeroPosting(line: 0), nil, ["Baris posting ke-1 bernilai Rp0"]),
        ]
        for (rejection, field, phrases) in cases {
            let refusal = Refusal.of(rejection)
            #expect(refusal.field == field, "\(rejection)")
            for phrase in phrases { #expect(refusal.message.contains(phrase), "\(refusal.message) lacks \(phrase)") }
            #expect(!refusal.message.contains("bekal "), "no command line in \(refusal.message)")
        }
    }

    @Test func programmeRefusalsNameTheirFieldInIndonesian() {
        let cases: [(ProgrammeRejection, String?, [String])] = [
            (.trainingNotCompleted(beneficiary: "B-00071", cohort: "2010", status: .enrolled), "beneficiary",
             ["B-00071 belum lulus pelatihan angkatan 2010", "masih mengikuti pelatihan", "hanya dibayarkan kepada lulusan"]),
            (.trainingNotCompleted(beneficiary: "B-00071", cohort: "2010", status: .droppedOut), "beneficiary", ["keluar dari pelatihan"]),
            (.alreadyPaid(beneficiary: "B-00001", cohort: "2007", entryID: 45), "beneficiary",
             ["B-00001 sudah menerima hibah angkatan 2007 (entri #45)", "pengecualian"]),
            (.alreadyPaidInOtherCohort(beneficiary: "B-00001", paidCohort: "2007", entryID: 45, cohort: "2009"), "beneficiary",
             ["B-00001 sudah menerima hibah di angkatan 2007 (entri #45)", "sekali per orang", "pengecualian untuk angkatan 2009"]),
            (.grantBeforeGraduation(beneficiary: "B-00071", cohort: "2010", graduated: LocalDate(year: 2010, month: 9, day: 3)!,
                                    valueDate: LocalDate(year: 2010, month: 8, day: 30)!), "date",
             ["B-00071 lulus dari angkatan 2010 pada 3 Sep 2010", "bertanggal 30 Agu 2010"]),
            (.grantAmountNotStandard(beneficiary: "B-00071", cohort: "2010", amount: Rupiah(15_000_000), standard: Rupiah(1_500_000)), "amount",
             ["sebesar Rp15.000.000", "jumlah baku angkatan 2010 (Rp1.500.000)", "kelebihan satu nol", "tulis alasannya"]),
            (.likelyDuplicate(candidates: ["B-00007"]), "name", ["B-00007 bernama sama", "tanpa NIK", "berbeda dari B-00007"]),
            (.notFound(.beneficiary, reference: "B-99999"), "beneficiary",
             ["Penerima manfaat \"B-99999\" tidak ditemukan"]),
            (.notFound(.beneficiary, reference: ""), "beneficiary", ["Penerima manfaat belum diisi"]),
            (.notFound(.equipmentItem, reference: "kulkas"), "item", ["Barang \"kulkas\" tidak ditemukan"]),
            (.notFound(.account(book: "KANTOR"), reference: "9999"), "account", ["Akun \"9999\" tidak ditemukan"]),
            (.notFound(.kelompok, reference: "K-9"), "kelompok", ["Kelompok \"K-9\" tidak ditemukan", "K-0003"]),
            (.duplicate(.cohort, reference: "2007", existing: "Angkatan 2007"), "cohort", ["Angkatan \"2007\" sudah ada"]),
            (.notEnrolled(beneficiary: "B-00071", cohort: "2009"), "cohort", ["tidak terdaftar di angkatan 2009"]),
            (.notEnrolled(beneficiary: "B-00071", cohort: nil), "beneficiary", ["belum terdaftar di angkatan mana pun"]),
            (.ambiguousCohort(beneficiary: "B-00071", cohorts: ["2009", "2010"]), "cohort", ["2009, 2010", "Pilih angkatan"]),
            (.reasonTooShort(minimumCharacters: 5), "reason", ["sedikitnya 5 huruf"]),
            (.usahaNotHers(usaha: "U-0007", beneficiary: "B-00071"), "usaha", ["Usaha U-0007 bukan milik B-00071"]),
            (.insufficientStock(item: "oven", inStock: 2, requested: 5), "quantity", ["Persediaan oven hanya 2; diminta 5"]),
            (.stockValueShort(item: "oven", value: Rupiah(1_650_000), requested: Rupiah(3_300_000)), nil,
             ["Rp1.650.000", "Rp3.300.000"]),
            (.emptyItemList, "item", ["Belum ada barang"]),
            (.quantityNotPositive(item: "oven", quantity: 0), "quantity", ["tidak lebih dari nol"]),
            (.missingDocumentRef, "ref", ["Nomor bukti wajib diisi", "kuitansi"]),
            (.chartIncomplete(book: "KANTOR", role: .cash), nil, ["Bagan akun buku KANTOR tidak lengkap"]),
            (.monthNotEnded(month: YearMonth(year: 2013, month: 1)!, today: Self.day), "month",
             ["Januari 2013 belum berakhir", "2 Jan 2013", "mulai 1 Feb 2013"]),
        ]
        for (rejection, field, phrases) in cases {
            let refusal = Refusal.of(rejection)
            #expect(refusal.field == field, "\(rejection)")
            for phrase in phrases { #expect(refusal.message.contains(phrase), "\(refusal.message) lacks \(phrase)") }
        }
    }

    @Test func inputErrorsAreTranslatedAndMappedToFormFields() throws {
        func refusal(_ parse: () throws -> Void) -> Refusal? {
            do { try parse(); return nil } catch { return Refusal.of(error) }
        }
        let cases: [(Refusal?, String, [String])] = [
            (refusal { _ = try Rupiah.parsePayment("1.500.000,50") }, "amount",
             ["Jumlah \"1.500.000,50\" memuat pecahan rupiah (koma desimal)", "1.500.000"]),
            (refusal { _ = try Rupiah.parsePayment("1.50.000") }, "amount", ["bukan pemisah ribuan"]),
            (refusal { _ = try Rupiah.parsePayment("0") }, "amount", ["bernilai nol", "lebih dari Rp0"]),
            (refusal { _ = try Rupiah.parsePayment("-5.000") }, "amount", ["negatif"]),
            (refusal { _ = try Rupiah.parsePayment("seratus") }, "amount", ["bukan jumlah rupiah"]),
            (refusal { _ = try LocalDate.parse("2013-02-30") }, "date", ["Tanggal \"2013-02-30\" tidak ada di kalender"]),
            (refusal { _ = try LocalDate.parse("kemarin", field: .date) }, "date", ["bukan tanggal", "TTTT-BB-HH"]),
            (refusal { _ = try YearMonth.parse("Des 2012") }, "month", ["Bulan \"Des 2012\" bukan bulan"]),
            (refusal { _ = try NIK.parse("123") }, "nik", ["bukan NIK", "16 angka"]),
            (Refusal.of(InputError(.periodEnd, input: "2012-01-31", .before(.periodStart(LocalDate(year: 2012, month: 6, day: 1)!)))), "to",
             ["Tanggal akhir \"2012-01-31\" lebih awal dari tanggal awal 1 Jun 2012"]),
            (Refusal.of(InputError(.birthYear, input: "85", .outOfRange)), "birthYear", ["Tahun lahir \"85\"", "empat angka"]),
            (Refusal.of(InputError(.unitCost(item: "oven"), input: "Rp0", .notMoreThanZero)), "unitCost",
             ["Harga satuan oven \"Rp0\" bernilai nol"]),
            (Refusal.of(InputError(.grantAmount, input: "Rp0", .notMoreThanZero)), "amount", ["Jumlah hibah \"Rp0\"", "hibah harus lebih dari Rp0"]),
        ]
        for (refusal, field, phrases) in cases {
            let refusal = try #require(refusal)
            #expect(refusal.field == field, "\(refusal)")
            for phrase in phrases { #expect(refusal.message.contains(phrase), "\(refusal.message) lacks \(phrase)") }
            for english in ["is not", "write it", "amounts are", " is "] {
                #expect(!refusal.message.contains(english), "English left in \(refusal.message)")
            }
        }
    }

    /// Every reason, for a few fields, in Indonesian: the switch is exhaustive, and this checks
    /// that no case fell back on English or on the core's own message.
    @Test func everyInputReasonIsSaidInIndonesian() {
        let day = LocalDate(year: 2013, month: 1, day: 2)!
        let reasons: [InputReason] = [
            .empty, .notADate, .notACalendarDay(year: 2013, month: 2), .notAMonth, .decimalComma, .decimalPoint, .notARupiahAmount,
            .misplacedDots, .tooLarge, .zero, .negative, .notMoreThanZero, .notAWholeNumber, .notANIK, .notAUsableCode, .outOfRange,
            .notAUserName, .notARole, .notATimeZone, .notExactlyOneSubject, .csvOnly, .notASheet(of: ["Ringkasan"]),
            .notItemAndQuantity, .notItemQuantityAndCost, .notItemAndCondition, .before(.periodStart(day)),
            .before(.trainingStart(day)), .before(.joined(day)), .before(.assignmentBegan(day)), .notASealReference, .unreadable,
            .notOneOf(["a", "b"]),
        ]
        let fields: [InputField] = [.amount, .sales, .budget, .date, .birthYear, .kelompokSize, .followUpPolicy, .code(.track)]
        for reason in reasons {
            for field in fields {
                let error = InputError(field, input: "x", reason)
                let refusal = Refusal.of(error)
                #expect(refusal.field == Refusal.formField(field))
                #expect(refusal.message != error.message)
                for english in ["is not", "write it", "amounts are", " is ", "give ", "check the", "e.g."] {
                    #expect(!refusal.message.contains(english), "English left in \(refusal.message)")
                }
                #expect(!refusal.message.contains("2013-01-02"), "a date as officers do not read it: \(refusal.message)")
            }
        }
    }
}

extension RefusalMessageTests {
    @Test func exportFailuresAreSaidInIndonesianWithoutCellText() {
        let reasons: [ExportError.Reason] = [
            .library(code: 3, description: "Error creating output xlsx file"), .outputNotWritable(detail: "/tmp/x: Permission denied"),
            .numberTooLarge(9_007_199_254_740_993), .cellOutOfRange(row: 1_048_576, column: 0), .rowAlreadyWritten(row: 3),
            .rowWidth(row: 2, expected: 5, actual: 4), .bodyAfterFooter(row: 9), .closed,
        ]
        for reason in reasons {
            let error = ExportError(action: "writing cell D12", file: "/tmp/hibah.xlsx", reason: reason)
            let refusal = Refusal.of(error)
            #expect(refusal.message.hasPrefix("Lembar kerja tidak dapat dibuat: "), "\(reason)")
            #expect(!refusal.message.contains("/tmp"), "no server path in \(refusal.message)")
        }
    }

    /// What her phone keeps beside an item the office refused: in Indonesian, with what to do.
    @Test func phoneSyncRefusalsSayWhatToDoInIndonesian() {
        for (rejection, phrases) in [
            (PhoneSyncRejection.badKey("pendek"), ["tidak dapat dikenali", "kirim lagi"]),
            (.keyReused(key: "aaaaaaaa-0000-0000-0000-000000000004", kind: .visit), ["sudah dipakai untuk kunjungan", "kirim lagi"]),
        ] {
            let refusal = Refusal.of(rejection)
            for phrase in phrases { #expect(refusal.message.contains(phrase), "\(refusal.message) lacks \(phrase)") }
            #expect(refusal.message != rejection.message, "not the English text")
        }
    }
}

