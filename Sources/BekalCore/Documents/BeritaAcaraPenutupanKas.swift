/// The cash-closing report (*berita acara penutupan kas*) of a closed month: the cash on hand
/// and in the bank at the month's end, the month's entries counted, and the seal made with the
/// closing in its short form, so the paper the bendahara and the head of the office sign is a
/// copy of the seal kept away from the server (`bekal verify --expect "…"` checks it later).
public struct BeritaAcaraPenutupanKas: Hashable, Sendable {
    public let officeName: String
    public let month: YearMonth
    public let cashAccount: String
    public let cash: Rupiah
    public let bankAccount: String
    public let bank: Rupiah
    public var total: Rupiah { Rupiah(cash.amount &+ bank.amount) }
    public let entryCount: Int
    /// The seal made with the closing (`month_close:YYYY-MM`), if the month was closed with the key.
    public let sealShortForm: String?
    public let signatories: Signatories
    /// The office's address for the letterhead.
    public var officeAddress: String? = nil

    /// What the report prints from the settings: it is refused while one is missing.
    public static let neededSettings: [DocumentSetting] = [.officeName, .place, .treasurerName, .treasurerNIP, .headName, .headNIP]
}

extension Operations {
    /// The closing report of a month of the office book; refused unless the month is closed.
    public func beritaAcaraPenutupanKas(month: YearMonth) throws -> BeritaAcaraPenutupanKas {
        try store.read { tx in
            let book = try Operations.officeBook(tx)
            guard let closed = try tx.closedThrough(bookID: book.id), closed >= month else {
                throw ProgrammeRejection.monthNotClosed(month: month)
            }
            guard let cashAccount = try tx.account(bookID: book.id, role: .cash), let bankAccount = try tx.account(bookID: book.id, role: .bank)
            else { throw ProgrammeRejection.chartIncomplete(book: book.code, role: .cash) }
            let balances = try TrialBalance.build(from: tx, asAt: month.lastDay).books.first { $0.code == book.code }?.accounts ?? []
            func balance(_ account: Account) -> Rupiah { balances.first { $0.code == account.code }?.balance ?? .zero }
            let span = try tx.entrySpan(bookID: book.id, from: month.firstDay, through: month.lastDay)
            let seal = try tx.seals().last { $0.reason == "month_close:\(month)" }
            let settings = try tx.settings()
            try settings.require(BeritaAcaraPenutupanKas.neededSettings, for: "berita acara penutupan kas")
            var report = BeritaAcaraPenutupanKas(officeName: settings.officeName, month: month, cashAccount: "\(cashAccount.code) \(cashAccount.name)",
                                           cash: balance(cashAccount), bankAccount: "\(bankAccount.code) \(bankAccount.name)",
                                           bank: balance(bankAccount), entryCount: span.count, sealShortForm: seal?.shortForm,
                                           signatories: settings.signatories)
            report.officeAddress = settings.officeAddress
            return report
        }
    }
}
