import Foundation

/// The use cases of Bekal, one method each, each one transaction.
///
/// The command line (and later the web app) calls these and nothing else; they hold every
/// business rule. The `static` forms take an open transaction so several operations can run
/// in one (a whole cohort's grants from a file, a demo load).
///
/// ## Topics
/// - Setup: ``initialise(officeName:)``
/// - Registry: ``addTrack(code:name:)``, ``addCohort(_:)``, ``addBeneficiary(_:enrolIn:)``, ``enrol(_:)``,
///   ``addKelompok(name:cohort:track:members:joinedOn:)``, ``addUsaha(_:)``, ``addEquipmentItem(code:name:unit:)``
/// - Money: ``receiveBudget(_:context:)``, ``disburseGrant(_:context:)``, ``recordGrantException(beneficiary:cohort:reason:context:)``,
///   ``buyEquipment(_:context:)``, ``issueEquipment(_:context:)``, ``recordAftercareExpense(_:context:)``,
///   ``reverse(entryID:reason:date:context:)``, ``closeMonth(_:context:)``
public struct Operations: Sendable {
    public let store: any BekalStore

    public init(store: any BekalStore) { self.store = store }

    /// Creates the office's book with the default chart and the settings, once.
    /// Running it again changes nothing. `grantsNeedApprovedList`: a new office's grants are
    /// paid only against approved recipient lists (`bekal init` says yes).
    @discardableResult
    public func initialise(officeName: String? = nil, grantsNeedApprovedList: Bool = false) throws -> Book {
        try store.write { tx in try Operations.initialise(officeName: officeName, grantsNeedApprovedList: grantsNeedApprovedList, in: tx) }
    }

    public static func initialise(officeName: String?, grantsNeedApprovedList: Bool = false, in tx: any StoreTransaction) throws -> Book {
        if let book = try tx.book(code: Book.officeCode) { return book }
        var settings = ProgrammeSettings()
        settings.grantsNeedApprovedList = grantsNeedApprovedList
        if let officeName { settings.officeName = officeName }
        try tx.saveSettings(settings)
        let book = try tx.insertBook(code: Book.officeCode, name: "Buku Kantor", kind: .office)
        for template in DefaultChart.office { _ = try tx.insertAccount(template, bookID: book.id) }
        return book
    }

    static func officeBook(_ tx: any StoreTransaction) throws -> Book {
        guard let book = try tx.book(code: Book.officeCode) else { throw ProgrammeRejection.notInitialised }
        return book
    }

    static func account(_ role: AccountRole, in book: Book, _ tx: any StoreTransaction) throws -> Account {
        guard let account = try tx.account(bookID: book.id, role: role) else {
            throw ProgrammeRejection.chartIncomplete(book: book.code, role: role)
        }
        return account
    }

    static func requireRef(_ ref: String) throws -> String {
        let trimmed = ref.trimmedOfWhitespace
        if trimmed.isEmpty { throw ProgrammeRejection.missingDocumentRef }
        return trimmed
    }
}
