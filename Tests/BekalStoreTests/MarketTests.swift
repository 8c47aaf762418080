import BekalCore
import BekalStore
import Foundation
import Testing

/// Businesses on their way to the market (issue 16, part 3), on every store: licences, a
/// koperasi, channels and an exhibition with its stand and sales; tried as the careless officer
/// (a NIB of 12 digits, the same licence for two businesses, a koperasi left that was never
/// joined, a stand paid by a grant), and as the insider who rewrites a sales figure.
@Suite("Businesses on their way to the market")
struct MarketTests {
    static let context = Programme.context
    static func d(_ text: String) -> LocalDate { try! LocalDate.parse(text) }

    /// Two usaha of two graduates, Rp10.000.000 received in May, a stand already paid in June.
    static func programme(_ underTest: StoreUnderTest) throws -> (Programme, stand: Int64) {
        let programme = try Programme(underTest, cash: 0)
        let ops = programme.ops
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(10_000_000), documentRef: "SP2D-1", valueDate: d("2026-05-01")), context: context)
        _ = try ops.addUsaha(UsahaDraft(ownerBeneficiary: "B-00001", product: "Keripik pisang"))
        _ = try ops.addUsaha(UsahaDraft(ownerBeneficiary: "B-00002", product: "Kue basah"))
        let stand = try ops.recordAftercareExpense(AftercareExpense(amount: Rupiah(1_000_000), documentRef: "KW-STAN-1", memo: "Sewa stan",
                                                                   valueDate: d("2026-06-01")), context: context)
        return (programme, stand.entry.id)
    }

    struct State: Equatable {
        var books: Programme.State
        var licences: Int, affiliations: Int, channels: Int, events: Int, participants: [MarketParticipant]
    }

    static func state(_ programme: Programme) throws -> State {
        try programme.store.read { tx in
            State(books: try Programme.state(tx), licences: try tx.licences(usahaID: nil).count, affiliations: try tx.affiliations(usahaID: nil).count,
                  channels: try tx.channels(usahaID: nil).count, events: try tx.marketEvents().count,
                  participants: try tx.marketParticipants(eventID: nil))
        }
    }

    @Test("a business gets its licences, joins a koperasi, sells at an exhibition; the readiness report and the Koperasi profile say so",
          arguments: StoreUnderTest.all)
    func theWayToTheMarket(_ underTest: StoreUnderTest) throws {
        let (programme, stand) = try Self.programme(underTest)
        let ops = programme.ops
        let nib = try ops.addLicence(usaha: "U-0001", kind: .nib, number: "9120 0034 512 87", issuedOn: Self.d("2026-02-20"), context: Self.context)
        #expect(!nib.replayed && nib.licence.number == "9120003451287")
        #expect(try ops.addLicence(usaha: "U-0001", kind: .nib, number: "9120003451287", issuedOn: Self.d("2026-02-20"), context: Self.context).replayed)
        _ = try ops.addLicence(usaha: "U-0001", kind: .pirt, number: "2061871010123-17", issuedOn: Self.d("2021-04-02"),
                               validUntil: Self.d("2026-04-01"), context: Self.context)
        _ = try ops.addLicence(usaha: "U-0001", kind: .halal, number: "ID18110000123450826", issuedOn: Self.d("2026-08-26"), context: Self.context)
        _ = try ops.recordAffiliation(usaha: "U-0001", kind: .koperasi, name: "Koperasi Wanita Sejahtera", on: Self.d("2026-05-07"), joined: true,
                                      context: Self.context)
        _ = try ops.recordAffiliation(usaha: "U-0002", kind: .kube, name: "Mawar", on: Self.d("2026-05-07"), joined: true, context: Self.context)
        _ = try ops.recordAffiliation(usaha: "U-0002", kind: .kube, name: "mawar", on: Self.d("2026-09-01"), joined: false, context: Self.context)
        _ = try ops.recordChannel(usaha: "U-0001", channel: .titip, on: Self.d("2026-03-01"), active: true, context: Self.context)
        _ = try ops.recordChannel(usaha: "U-0001", channel: .online, on: Self.d("2026-03-01"), active: true, context: Self.context)
        _ = try ops.recordChannel(usaha: "U-0001", channel: .titip, on: Self.d("2026-10-01"), active: false, context: Self.context)
        let cashBefore = try programme.state().cash
        let event = try ops.recordMarketEvent(MarketEventDraft(kind: .bazar, name: "Bazar Ramadan", place: "Masjid Agung", startsOn: Self.d("2026-06-10"),
                                                               endsOn: Self.d("2026-06-12"), usaha: ["U-0001", "u-0002", "U-0001"],
                                                               stand: .paid(entryID: stand)), context: Self.context)
        #expect(event.code == "PM-0001" && event.standEntryID == stand)
        #expect(try programme.state().cash == cashBefore, "a stand already paid is not paid again")
        try ops.recordMarketSales(event: "PM-0001", usaha: "U-0001", amount: Rupiah(850_000), context: Self.context)
        try ops.recordMarketSales(event: "pm-0001", usaha: "U-0001", amount: Rupiah(850_000), context: Self.context) // the same again
        // A second event whose stand is paid now: an aftercare cost against the year, out of cash.
        let paid = try ops.recordMarketEvent(MarketEventDraft(kind: .pameran, name: "Pameran UMKM", place: "Gedung Juang", startsOn: Self.d("2026-11-20"),
                                                              endsOn: Self.d("2026-11-21"), usaha: ["U-0002"],
                                                              stand: .pay(AftercareExpense(amount: Rupiah(400_000), documentRef: "KW-STAN-2", memo: "",
                                                                                           valueDate: Self.d("2026-11-19")))),
                                             context: Self.context)
        #expect(try programme.state().cash == Rupiah(cashBefore.amount - 400_000))
        let standEntry = try #require(try programme.store.read { tx in try tx.entry(id: paid.standEntryID!) })
        #expect(standEntry.kind == .aftercareExpense && standEntry.memo == "Sewa stan pameran Pameran UMKM")

        let readiness = try programme.store.read { tx in try MarketReadiness.build(asOf: Self.d("2026-11-25"), in: tx) }
        let first = try #require(readiness.rows.first { $0.usahaCode == "U-0001" })
        // The P-IRT expired on 2026-04-01; the halal certificate is in force.
        #expect(first.licences == ["NIB 9120003451287", "Sertifikat halal ID18110000123450826"])
        #expect(first.memberships == ["Koperasi Wanita Sejahtera"] && first.channels == [.online])
        #expect(first.events == ["Bazar Ramadan (2026-06-10): Rp850.000"])
        let second = try #require(readiness.rows.first { $0.usahaCode == "U-0002" })
        #expect(second.memberships.isEmpty && second.events == ["Bazar Ramadan (2026-06-10)", "Pameran UMKM (2026-11-20)"])
        let events = try programme.store.read { tx in try MarketEventReport.build(in: tx) }
        #expect(events.rows.map { "\($0.eventCode) \($0.usahaCodes) \($0.sales.amount) \($0.salesReported) \($0.standCost?.amount ?? -1)" }
                == ["PM-0001 [\"U-0001\", \"U-0002\"] 850000 1 1000000", "PM-0002 [\"U-0002\"] 0 0 400000"])
        #expect(try programme.verify().isValid)
    }

    @Test("every careless licence, membership, channel and event is refused with what to do, and writes nothing", arguments: StoreUnderTest.all)
    func refusals(_ underTest: StoreUnderTest) throws {
        let (programme, stand) = try Self.programme(underTest)
        let ops = programme.ops
        _ = try ops.addLicence(usaha: "U-0001", kind: .nib, number: "9120003451287", issuedOn: Self.d("2026-02-20"), context: Self.context)
        _ = try ops.recordMarketEvent(MarketEventDraft(kind: .bazar, name: "Bazar", place: "Alun-alun", startsOn: Self.d("2026-06-10"),
                                                       endsOn: Self.d("2026-06-10"), usaha: ["U-0001"], stand: .paid(entryID: stand)), context: Self.context)
        let grant = try ops.disburseGrant(GrantRequest(beneficiary: "B-00003", documentRef: "KW-G1", valueDate: Self.d("2026-06-02")), context: Self.context)
        let before = try Self.state(programme)
        func licence(_ number: String, _ kind: LicenceKind = .nib, usaha: String = "U-0002", issued: String = "2026-03-01",
                     until: String? = nil) throws {
            _ = try ops.addLicence(usaha: usaha, kind: kind, number: number, issuedOn: Self.d(issued), validUntil: until.map(Self.d), context: Self.context)
        }
        #expect(throws: MarketRejection.licenceNumberDigits(kind: .nib, number: "912000345128", digits: 13)) { try licence("912000345128") }
        #expect(throws: MarketRejection.licenceNumberDigits(kind: .pirt, number: "20618710101232A", digits: 15)) { try licence("20618710101232A", .pirt) }
        #expect(throws: MarketRejection.licenceNumberEmpty(kind: .halal)) { try licence("  ", .halal) }
        #expect(throws: MarketRejection.licenceElsewhere(kind: .nib, number: "9120003451287", usaha: "U-0001")) { try licence("9120-0034-51287") }
        #expect(throws: MarketRejection.licenceExpiresBeforeIssue(issuedOn: Self.d("2026-03-01"), validUntil: Self.d("2026-02-28"))) {
            try licence("206187101012317", .pirt, until: "2026-02-28")
        }
        #expect(throws: MarketRejection.dateInFuture(date: Self.d("2026-11-26"), today: Self.d("2026-11-25"))) { try licence("9120003451288", issued: "2026-11-26") }
        #expect(throws: ProgrammeRejection.self) { try licence("9120003451288", usaha: "U-0099") }
        func join(_ name: String, joined: Bool = true, kind: AffiliationKind = .koperasi) throws {
            _ = try ops.recordAffiliation(usaha: "U-0002", kind: kind, name: name, on: Self.d("2026-05-01"), joined: joined, context: Self.context)
        }
        #expect(throws: MarketRejection.affiliationNameEmpty) { try join(" ") }
        #expect(throws: MarketRejection.notMember(kind: .koperasi, name: "Koperasi Maju", usaha: "U-0002")) { try join("Koperasi Maju", joined: false) }
        #expect(throws: MarketRejection.channelUnchanged(channel: .online, active: false, usaha: "U-0002")) {
            _ = try ops.recordChannel(usaha: "U-0002", channel: .online, on: Self.d("2026-05-01"), active: false, context: Self.context)
        }
        func event(name: String = "Pameran", place: String = "Gedung", from: String = "2026-07-01", to: String = "2026-07-02",
                   usaha: [String] = ["U-0002"], stand: MarketEventDraft.Stand = .none) throws {
            _ = try ops.recordMarketEvent(MarketEventDraft(kind: .pameran, name: name, place: place, startsOn: Self.d(from), endsOn: Self.d(to),
                                                           usaha: usaha, stand: stand), context: Self.context)
        }
        #expect(throws: MarketRejection.eventNameEmpty) { try event(name: "") }
        #expect(throws: MarketRejection.eventPlaceEmpty) { try event(place: "\n") }
        #expect(throws: MarketRejection.eventEndsBeforeStart(startsOn: Self.d("2026-07-02"), endsOn: Self.d("2026-07-01"))) { try event(from: "2026-07-02", to: "2026-07-01") }
        #expect(throws: MarketRejection.eventWithoutBusinesses) { try event(usaha: []) }
        #expect(throws: MarketRejection.standEntryNotACost(entryID: grant.entry.id)) { try event(stand: .paid(entryID: grant.entry.id)) }
        #expect(throws: MarketRejection.standEntryUsed(entryID: stand, event: "PM-0001")) { try event(stand: .paid(entryID: stand)) }
        // A stand paid now but refused by the books (more than the cash) leaves neither the event nor the cost.
        #expect { try event(stand: .pay(AftercareExpense(amount: Rupiah(50_000_000), documentRef: "KW-STAN-9", memo: "", valueDate: Self.d("2026-07-01")))) }
            throws: { error in if case LedgerRejection.wouldGoNegative = error { true } else { false } }
        #expect(throws: MarketRejection.notAtEvent(event: "PM-0001", usaha: "U-0002")) {
            try ops.recordMarketSales(event: "PM-0001", usaha: "U-0002", amount: Rupiah(1), context: Self.context)
        }
        #expect(throws: MarketRejection.unknownEvent("PM-0404")) {
            try ops.recordMarketSales(event: "PM-0404", usaha: "U-0001", amount: Rupiah(1), context: Self.context)
        }
        #expect(try Self.state(programme) == before)
        try ops.recordMarketSales(event: "PM-0001", usaha: "U-0001", amount: .zero, context: Self.context)
        #expect(throws: MarketRejection.salesAlreadyRecorded(event: "PM-0001", usaha: "U-0001", amount: .zero)) {
            try ops.recordMarketSales(event: "PM-0001", usaha: "U-0001", amount: Rupiah(500_000), context: Self.context)
        }
        #expect(try programme.verify().isValid)
    }

    @Test("a sales figure or a licence rewritten by hand is refused by the store, and found by the seal when its guard is dropped",
          arguments: StoreUnderTest.all)
    func insider(_ underTest: StoreUnderTest) throws {
        let (programme, stand) = try Self.programme(underTest)
        let ops = programme.ops
        _ = try ops.addLicence(usaha: "U-0001", kind: .nib, number: "9120003451287", issuedOn: Self.d("2026-02-20"), context: Self.context)
        _ = try ops.recordMarketEvent(MarketEventDraft(kind: .bazar, name: "Bazar", place: "Alun-alun", startsOn: Self.d("2026-06-10"),
                                                       endsOn: Self.d("2026-06-10"), usaha: ["U-0001"], stand: .paid(entryID: stand)), context: Self.context)
        try ops.recordMarketSales(event: "PM-0001", usaha: "U-0001", amount: Rupiah(850_000), context: Self.context)
        let key = SealKey.generate()
        _ = try ops.seal(key: key, context: Self.context)
        for sql in ["UPDATE market_sale SET amount = 8500000", "DELETE FROM market_sale", "UPDATE usaha_licence SET usaha_id = 2",
                    "DELETE FROM market_participant", "UPDATE market_event SET stand_entry_id = NULL"] {
            #expect(throws: (any Error).self, "\(sql)") { try RegistryChangeTests.insider(programme.store, sql) }
        }
        // The schema's own checks: a sale of a business that was not there, a stand paid twice.
        #expect(throws: (any Error).self) {
            try RegistryChangeTests.insider(programme.store, "INSERT INTO market_sale (event_id, usaha_id, amount, actor, recorded_at) VALUES (1, 2, 1, 'x', 'y')")
        }
        #expect(throws: (any Error).self) {
            try RegistryChangeTests.insider(programme.store, "INSERT INTO market_event (kind, name, place, starts_on, ends_on, stand_entry_id, actor, recorded_at) VALUES ('bazar', 'B', 'P', '2026-06-10', '2026-06-10', \(stand), 'x', 'y')")
        }
        let drop = programme.store is SQLiteStore
            ? "DROP TRIGGER market_sale_no_update; UPDATE market_sale SET amount = 8500000"
            : "DROP TRIGGER market_sale_append_only ON market_sale; UPDATE market_sale SET amount = 8500000"
        try RegistryChangeTests.insider(programme.store, drop)
        let problems = try programme.store.read { tx in try Verification.run(on: tx, trustedPublicKey: key.publicKeyHex) }.problems
        #expect(problems.contains { $0.contains("market_sale") }, "\(problems)")
    }
}
