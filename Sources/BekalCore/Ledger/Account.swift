/// Which side of the accounting equation an account is on.
public enum AccountType: String, Codable, CaseIterable, Sendable {
    case asset, liability, equity, income, expense
}

/// What an account is for, independent of the code and name an office gives it.
///
/// Operations find their accounts by role, so an office can renumber and rename its chart
/// (`bekal account rename`) without any change to the code.
public enum AccountRole: String, Codable, CaseIterable, Sendable {
    // The office's book.
    case cash = "cash"                          // Kas di Bendahara
    case bank = "bank"                          // Rekening Kas Bendahara
    case equipmentStock = "equipment_stock"     // Persediaan Peralatan
    case budgetTransfer = "budget_transfer"     // Pendapatan Transfer Anggaran
    case grantExpense = "grant_expense"         // Belanja Bantuan Modal Kerja
    case equipmentExpense = "equipment_expense" // Belanja Bantuan Peralatan
    case aftercareExpense = "aftercare_expense" // Belanja Pendampingan
    // Opened when first needed (``AccountTemplate/equipmentWriteOff``, ``AccountTemplate/equipmentRepair``).
    case equipmentWriteOff = "equipment_write_off" // Beban Penghapusan Peralatan
    case equipmentRepair = "equipment_repair"       // Belanja Pemeliharaan Peralatan
    // A usaha's book.
    case usahaCash = "usaha_cash"
    case usahaCapital = "usaha_capital"
    case usahaSales = "usaha_sales"
    case usahaCosts = "usaha_costs"
}

/// The two sub-books of the treasurer's cash book (*BKU*): money held as cash (*kas tunai*)
/// and money in the office's bank account. A receipt goes into one of them, a payment comes
/// out of one, and a transfer (*pemindahbukuan*) moves money from one to the other.
public enum CashSubBook: String, Codable, CaseIterable, Sendable {
    case cash
    case bank

    public var role: AccountRole {
        switch self {
        case .cash: .cash
        case .bank: .bank
        }
    }

    /// The other one: where a transfer into this sub-book comes from.
    public var other: CashSubBook { self == .cash ? .bank : .cash }

    /// As the BKU names it.
    public var label: String {
        switch self {
        case .cash: "Kas Tunai"
        case .bank: "Bank"
        }
    }
}

/// An account of one book.
public struct Account: Hashable, Codable, Sendable {
    public let id: Int64
    public let bookID: Int64
    public var code: String
    public var name: String
    public let type: AccountType
    /// Cash may never go below zero: a treasurer cannot pay out more than is held.
    public let noNegative: Bool
    public let role: AccountRole?

    public init(id: Int64, bookID: Int64, code: String, name: String, type: AccountType, noNegative: Bool, role: AccountRole?) {
        self.id = id
        self.bookID = bookID
        self.code = code
        self.name = name
        self.type = type
        self.noNegative = noNegative
        self.role = role
    }
}

/// A template account of the default chart, before it has an id.
public struct AccountTemplate: Sendable {
    public let code: String
    public let name: String
    public let type: AccountType
    public let noNegative: Bool
    public let role: AccountRole
}

/// The charts that ship with Bekal. Offices rename or recode accounts afterwards.
public enum DefaultChart {
    public static let office: [AccountTemplate] = [
        .init(code: "1101", name: "Kas di Bendahara Pengeluaran", type: .asset, noNegative: true, role: .cash),
        .init(code: "1102", name: "Rekening Bank Bendahara", type: .asset, noNegative: true, role: .bank),
        .init(code: "1301", name: "Persediaan Peralatan", type: .asset, noNegative: true, role: .equipmentStock),
        .init(code: "4101", name: "Pendapatan Transfer Anggaran (APBD)", type: .income, noNegative: false, role: .budgetTransfer),
        .init(code: "5101", name: "Belanja Bantuan Modal Kerja", type: .expense, noNegative: false, role: .grantExpense),
        .init(code: "5102", name: "Belanja Bantuan Peralatan", type: .expense, noNegative: false, role: .equipmentExpense),
        .init(code: "5103", name: "Belanja Pendampingan", type: .expense, noNegative: false, role: .aftercareExpense),
    ]

    /// A usaha's book records what the business reports; its cash is what the owners say
    /// they hold, so it is not forbidden to dip below zero (a report is a report).
    public static let usaha: [AccountTemplate] = [
        .init(code: "1101", name: "Kas Usaha", type: .asset, noNegative: false, role: .usahaCash),
        .init(code: "3101", name: "Modal Bantuan", type: .equity, noNegative: false, role: .usahaCapital),
        .init(code: "4101", name: "Penjualan", type: .income, noNegative: false, role: .usahaSales),
        .init(code: "5101", name: "Biaya Usaha", type: .expense, noNegative: false, role: .usahaCosts),
    ]
}
