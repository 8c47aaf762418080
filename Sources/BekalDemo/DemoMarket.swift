import BekalCore

/// The businesses on their way to the market in 2012 (issue 16): the banana-chip kelompok got
/// its NIB through OSS and its P-IRT, and joined the women's koperasi with the uniform maker;
/// the cake kelompok sells through consignment in two shops; and four businesses took a stand at
/// the city's anniversary exhibition, whose rent the office had paid in June (the aftercare
/// cost KW/PDP/2012/019). Three reported what they sold there; the salon, which took orders
/// rather than cash, did not.
enum DemoMarket {
    static let koperasi = "Koperasi Wanita Sejahtera Bandar Lampung"
    static let kube = "KUBE Siger Mandiri"
    static let exhibition = (name: "Pameran HUT Kota Bandar Lampung 2012", place: "Lapangan Saburai, Enggal",
                             from: "2012-06-15", to: "2012-06-17", stand: "KW/PDP/2012/019")
    /// Usaha by their products, so that the story does not lean on their numbers.
    static let chips = "Keripik pisang", cakes = "Kue basah dan kue kering", uniforms = "Konveksi seragam sekolah",
               salon = "Salon kecantikan", tailor = "Jahit dan permak pakaian"
    static let sales: [(product: String, amount: Rupiah?)] = [
        (chips, Rupiah(1_850_000)), (cakes, Rupiah(940_000)), (uniforms, Rupiah(2_400_000)), (salon, nil),
    ]
}

extension DemoProgramme.Loader {
    func market2012() throws {
        var admin = context
        admin.actor = "admin"
        let usahas = try tx.usahas()
        func code(_ product: String) -> String { usahas.first { $0.product == product }!.code }
        let chips = code(DemoMarket.chips), cakes = code(DemoMarket.cakes), uniforms = code(DemoMarket.uniforms)
        _ = try Operations.addLicence(usaha: chips, kind: .nib, number: "9120003451287", issuedOn: DemoRoster.day("2012-02-20"),
                                      validUntil: nil, context: admin, in: tx)
        _ = try Operations.addLicence(usaha: chips, kind: .pirt, number: "2061871010123-17", issuedOn: DemoRoster.day("2012-04-02"),
                                      validUntil: DemoRoster.day("2017-04-01"), context: admin, in: tx)
        _ = try Operations.addLicence(usaha: uniforms, kind: .nib, number: "9120003451391", issuedOn: DemoRoster.day("2012-03-12"),
                                      validUntil: nil, context: admin, in: tx)
        _ = try Operations.recordAffiliation(usaha: chips, kind: .koperasi, name: DemoMarket.koperasi, on: DemoRoster.day("2012-05-07"),
                                             joined: true, context: admin, in: tx)
        _ = try Operations.recordAffiliation(usaha: uniforms, kind: .koperasi, name: DemoMarket.koperasi, on: DemoRoster.day("2012-05-07"),
                                             joined: true, context: admin, in: tx)
        _ = try Operations.recordAffiliation(usaha: code(DemoMarket.tailor), kind: .kube, name: DemoMarket.kube, on: DemoRoster.day("2011-10-03"),
                                             joined: true, context: admin, in: tx)
        for (usaha, channel, day) in [(chips, SalesChannel.titip, "2012-03-01"), (chips, .pameran, "2012-06-15"), (cakes, .titip, "2011-09-05"),
                                      (cakes, .pesanan, "2011-09-05"), (uniforms, .pesanan, "2011-07-18"), (code(DemoMarket.salon), .warung, "2011-08-01")] {
            _ = try Operations.recordChannel(usaha: usaha, channel: channel, on: DemoRoster.day(day), active: true, context: admin, in: tx)
        }
        // The consignment shop of the cake kelompok closed at the end of 2012.
        _ = try Operations.recordChannel(usaha: cakes, channel: .titip, on: DemoRoster.day("2012-11-30"), active: false, context: admin, in: tx)
        let stand = try tx.entry(idempotencyKey: "aftercare:\(DemoMarket.exhibition.stand)")!
        let event = try Operations.recordMarketEvent(
            MarketEventDraft(kind: .pameran, name: DemoMarket.exhibition.name, place: DemoMarket.exhibition.place,
                             startsOn: DemoRoster.day(DemoMarket.exhibition.from), endsOn: DemoRoster.day(DemoMarket.exhibition.to),
                             usaha: DemoMarket.sales.map { code($0.product) }, stand: .paid(entryID: stand.id)),
            context: admin, in: tx)
        for (product, amount) in DemoMarket.sales {
            guard let amount else { continue }
            try Operations.recordMarketSales(event: event.code, usaha: code(product), amount: amount, context: admin, in: tx)
        }
    }
}
