import Foundation

/// What the ledger needs from storage, inside one transaction.
///
/// The rules live in the core (``Ledger``); a store only finds and saves. Everything a
/// method returns reflects what earlier calls of the same transaction wrote.
public protocol LedgerPort {
    func book(id: Int64) throws -> Book?
    func book(code: String) throws -> Book?
    func account(id: Int64) throws -> Account?
    func account(bookID: Int64, role: AccountRole) throws -> Account?
    func account(bookID: Int64, code: String) throws -> Account?
    func balance(accountID: Int64) throws -> Rupiah
    /// The latest value date of any entry in the book, or nil when it has none.
    func latestValueDate(bookID: Int64) throws -> LocalDate?
    /// Every posting on the account dated after `date`, in the cash book's order (value date,
    /// then entry number): its date and signed amount.
    func forEachPosting(accountID: Int64, bookID: Int64, after date: LocalDate,
                        _ body: (LocalDate, Rupiah) throws -> Void) throws
    func entry(id: Int64) throws -> JournalEntry?
    func entry(idempotencyKey: String) throws -> JournalEntry?
    /// The id of the entry that reverses `entryID`, if any.
    func reversalID(of entryID: Int64) throws -> Int64?
    func closedThrough(bookID: Int64) throws -> YearMonth?
    /// The last entry of the hash chain.
    func chainHead() throws -> (id: Int64, hash: String)?
    /// Saves the entry and its postings and moves the running balances, atomically with
    /// the rest of the transaction.
    func insert(_ entry: JournalEntry) throws
    /// How many entries of the book are dated from `from` (or its first entry) through `to`,
    /// and the first and last of their dates.
    func entrySpan(bookID: Int64, from: LocalDate?, through to: LocalDate) throws -> (count: Int, first: LocalDate?, last: LocalDate?)
    func recordClosing(bookID: Int64, month: YearMonth, actor: String, recordedAt: String) throws
    func insertBook(code: String, name: String, kind: Book.Kind) throws -> Book
    func insertAccount(_ template: AccountTemplate, bookID: Int64) throws -> Account
    func renameAccount(id: Int64, code: String, name: String) throws
}

/// What the programme registry needs from storage, inside one transaction.
public protocol RegistryPort {
    func settings() throws -> ProgrammeSettings
    func saveSettings(_ settings: ProgrammeSettings) throws

    func track(id: Int64) throws -> Track?
    func track(code: String) throws -> Track?
    func insertTrack(code: String, name: String) throws -> Track

    func cohort(id: Int64) throws -> Cohort?
    func cohort(code: String) throws -> Cohort?
    func insertCohort(code: String, name: String, trainingStart: LocalDate?, trainingEnd: LocalDate?,
                      budget: Rupiah, budgetYear: Int?, grantAmount: Rupiah?) throws -> Cohort

    func beneficiary(id: Int64) throws -> Beneficiary?
    func beneficiary(externalRef: String) throws -> Beneficiary?
    func beneficiaryID(nik: NIK) throws -> Int64?
    /// Everyone registered with this name key (``LikelyDuplicate/nameKey(_:)``) and birth year.
    func beneficiaries(nameKey: String, birthYear: Int) throws -> [Beneficiary]
    func insertBeneficiary(_ draft: BeneficiaryDraft) throws -> Beneficiary

    func enrolments(beneficiaryID: Int64) throws -> [Enrolment]
    /// Everyone enrolled in the cohort, in any status, in register order: the people a
    /// kelompok of that cohort is formed from.
    func enrolments(cohortID: Int64) throws -> [Enrolment]
    func insertEnrolment(beneficiaryID: Int64, cohortID: Int64, trackID: Int64, status: Enrolment.Status,
                         statusDate: LocalDate?) throws -> Enrolment
    func updateEnrolment(id: Int64, status: Enrolment.Status, statusDate: LocalDate?) throws

    func kelompok(id: Int64) throws -> Kelompok?
    func insertKelompok(name: String, cohortID: Int64, trackID: Int64?) throws -> Kelompok
    func memberships(kelompokID: Int64) throws -> [KelompokMembership]
    func insertMembership(kelompokID: Int64, beneficiaryID: Int64, joinedOn: LocalDate) throws -> KelompokMembership
    func endMembership(id: Int64, leftOn: LocalDate) throws

    func usaha(id: Int64) throws -> Usaha?
    func insertUsaha(owner: Usaha.Owner, product: String, brand: String?, location: String?,
                     kelurahan: String?) throws -> Usaha

    // Changes to registry records after they were written (``RegistryChange``).
    /// Her name's key as stored (``LikelyDuplicate/nameKey(_:)``).
    func nameKey(beneficiaryID: Int64) throws -> String?
    /// Writes her current values and name key; only with the change that records it.
    func updateBeneficiary(_ beneficiary: Beneficiary, nameKey: String) throws
    /// Writes the usaha's current product, brand and place; only with the change that records it.
    func updateUsaha(_ usaha: Usaha) throws
    func insertRegistryChange(_ draft: RegistryChangeDraft) throws -> RegistryChange
    /// A record's changes, oldest first.
    func registryChanges(subject: RegistryChange.Subject, subjectID: Int64) throws -> [RegistryChange]

    func equipmentItem(id: Int64) throws -> EquipmentItem?
    func equipmentItem(code: String) throws -> EquipmentItem?
    func insertEquipmentItem(code: String, name: String, unit: String) throws -> EquipmentItem
    func stock(itemID: Int64) throws -> EquipmentStock
    /// Records a movement (positive in, negative out) and moves the stock in the same transaction.
    func insertEquipmentMovement(entryID: Int64, itemID: Int64, kelompokID: Int64?, quantity: Int64, value: Rupiah) throws
    func equipmentMovements(entryID: Int64) throws -> [EquipmentMovement]

    /// Her grants in every cohort, oldest first, each with the entry that reversed it.
    func grants(beneficiaryID: Int64) throws -> [GrantPayment]
    func insertGrant(beneficiaryID: Int64, cohortID: Int64, entryID: Int64, usahaEntryID: Int64?, usahaID: Int64?,
                     amount: Rupiah, exceptionID: Int64?, amountReason: String?) throws -> GrantPayment
    func unusedGrantException(beneficiaryID: Int64, cohortID: Int64) throws -> GrantException?
    func insertGrantException(beneficiaryID: Int64, cohortID: Int64, reason: String, actor: String,
                              recordedAt: String) throws -> GrantException
}

/// Control over the transaction a body runs in.
public protocol TransactionPort {
    /// Runs `body` as a part of the transaction that may fail on its own: when it throws,
    /// everything it wrote is undone, the error is rethrown, and the transaction goes on as it
    /// was before `body` began (a savepoint). A caller that goes on after a refusal must do so
    /// through this: a server such as PostgreSQL refuses every later statement of a
    /// transaction in which one failed, and a cache of the store must not keep what was undone.
    func savepoint<T>(_ body: () throws -> T) throws -> T
}

/// One transaction's view of the whole store.
public typealias StoreTransaction = LedgerPort & RegistryPort & ReportSource & ListingPort & AftercarePort & AftercareReportSource
    & OutcomeReportSource & UserPort & CaseloadSource & SealPort & FindingPort & TransactionPort & RecipientListPort & PurchaseDocumentPort
    & CasePathPort & NeedPort & ConsentPort & ReferralPort & PersonMergePort & BudgetPort & PerformancePort
    & EquipmentCarePort & MarketPort & TrainingPort & PhoneSyncPort

/// A place the books are kept: the embedded SQLite file, or an office's schema on a shared
/// PostgreSQL server.
///
/// The contract every store keeps (checked for each store by `StoreContractTests`):
/// - `write` runs its body in one transaction: if the body throws, nothing it did is kept,
///   and the error reaches the caller as it was thrown. A refused operation therefore leaves
///   nothing behind, however far it got.
/// - One writer at a time: two `write`s never interleave, on any thread or in any process; the
///   second sees everything the first committed. That is what lets ``Ledger`` number an entry
///   as the chain head + 1 and check cash on every date without locks of its own.
/// - ``writeAftercare(_:)`` is a `write` for a pendamping's visit or outcome, which a store may
///   run beside the writer where its schema keeps the two apart, provided the result is one
///   that some order of them gives (the PostgreSQL store does; SQLite's is a plain `write`).
/// - Inside a transaction, every method reflects what earlier calls of the same transaction
///   wrote (balances, chain head, latest value date, a beneficiary's grants), and nothing that a
///   rolled-back ``TransactionPort/savepoint(_:)`` undid.
/// - Ids: an entry is saved under the id the core gives it (the chain head's + 1, checked by
///   ``Ledger``), and a used id is refused; every other row's id is assigned by the store,
///   greater than any id the table held when the row was written.
/// - An idempotency key is unique: the store refuses a second entry with the same key even
///   when the core's check was bypassed.
/// - `read` sees one consistent snapshot and cannot write: a write inside it throws.
public protocol BekalStore: Sendable {
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    /// A write of the aftercare record: a visit (which may post its sales to a usaha book) or
    /// an outcome, and its audit row. It reads what it checks and writes only rows that its
    /// keys keep apart (a visit's natural key) or that its statements update as they stand.
    func writeAftercare<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
}

extension BekalStore {
    /// One writer at a time, as any other write.
    public func writeAftercare<T>(_ body: (any StoreTransaction) throws -> T) throws -> T { try write(body) }
}

/// A beneficiary as entered, before she has an id.
public struct BeneficiaryDraft: Hashable, Sendable {
    public var externalRef: String?
    public var name: String
    public var nik: NIK?
    public var birthYear: Int?
    public var originArea: String?
    public var kelurahan: String?
    public var consentShare: Bool
    public var consentName: String?
    /// The records she was confirmed to be a different person from (their codes), when she
    /// looked like one of them (``LikelyDuplicate``).
    public var differentFrom: [String]

    public init(externalRef: String? = nil, name: String, nik: NIK? = nil, birthYear: Int? = nil, originArea: String? = nil,
                kelurahan: String? = nil, consentShare: Bool = false, consentName: String? = nil, differentFrom: [String] = []) {
        self.differentFrom = differentFrom
        self.externalRef = externalRef
        self.name = name
        self.nik = nik
        self.birthYear = birthYear
        self.originArea = originArea
        self.kelurahan = kelurahan
        self.consentShare = consentShare
        self.consentName = consentName
    }
}
