import Foundation

/// Why a programme operation was refused (as opposed to the ledger's own rules in
/// ``LedgerRejection``). Messages name records by their public codes, never by a person's
/// name or NIK, so they are safe to print and to log.
public enum ProgrammeRejection: BekalFailure, Equatable {
    case notInitialised
    case notFound(RecordKind, reference: String)
    case duplicate(RecordKind, reference: String, existing: String)
    /// The book's chart of accounts lacks the account of this role: damage, not a typing error.
    case chartIncomplete(book: String, role: AccountRole)
    case duplicateNIK(existingBeneficiary: String)
    case notEnrolled(beneficiary: String, cohort: String?)
    case trainingNotCompleted(beneficiary: String, cohort: String, status: Enrolment.Status)
    case ambiguousCohort(beneficiary: String, cohorts: [String])
    case alreadyPaid(beneficiary: String, cohort: String, entryID: Int64)
    /// She has an unreversed grant from another cohort: a second one needs an admin's exception.
    case alreadyPaidInOtherCohort(beneficiary: String, paidCohort: String, entryID: Int64, cohort: String)
    /// The grant is dated before she graduated (her enrolment's completion date, or the cohort's training end).
    case grantBeforeGraduation(beneficiary: String, cohort: String, graduated: LocalDate, valueDate: LocalDate)
    /// Not the cohort's standard amount, and no reason was stated: a typo must not be paid.
    case grantAmountNotStandard(beneficiary: String, cohort: String, amount: Rupiah, standard: Rupiah)
    /// The same name and birth year (and area) as a record without a NIK; see ``LikelyDuplicate``.
    case likelyDuplicate(candidates: [String])
    case reasonTooShort(minimumCharacters: Int)
    case usahaNotHers(usaha: String, beneficiary: String)
    case insufficientStock(item: String, inStock: Int64, requested: Int64)
    /// Reversing a purchase would take out more value than the item has left, because later
    /// issues were valued at the moving average rather than at this purchase's cost.
    case stockValueShort(item: String, value: Rupiah, requested: Rupiah)
    case emptyItemList
    case quantityNotPositive(item: String, quantity: Int64)
    case missingDocumentRef
    case alreadyMember(beneficiary: String, kelompok: String)
    case notMember(beneficiary: String, kelompok: String)
    /// A month is closed after its last day, never on it or before: entries may still come in.
    case monthNotEnded(month: YearMonth, today: LocalDate)
    /// A month's closing report is made once the month is closed.
    case monthNotClosed(month: YearMonth)
    case invalidUsahaOwner
    /// A change that changes nothing: every field is as the record already holds it.
    case nothingChanged(record: String)
    /// A drop-out (or a closed case) is recorded with its coded reason.
    case exitReasonRequired(beneficiary: String, cohort: String)
    /// A reason of `other` says what it was.
    case exitReasonTextRequired
    /// A coded reason belongs to a drop-out only.
    case exitReasonNotForStatus(status: Enrolment.Status)
    /// A document prints a setting that is not set; it is refused, never printed with a blank.
    case documentSettingMissing(document: String, setting: DocumentSetting)
    /// Grants need an approved recipient list, and she is on none in effect (nor has an admin's exception).
    case notOnApprovedList(beneficiary: String, cohort: String, pendingList: String?)
    /// The amount differs from her line on the approved list.
    case amountNotOnList(beneficiary: String, list: String, listAmount: Rupiah, amount: Rupiah)
    /// The admin who drafted a list cannot approve it.
    case makerCannotApprove(list: String)
    /// Paid against a list, dated before its SK.
    case grantBeforeDecree(beneficiary: String, list: String, decreeDate: LocalDate, valueDate: LocalDate)
    case recipientListNotDraft(list: String, status: RecipientList.Status)
    case recipientListNotApproved(list: String, status: RecipientList.Status)
    /// The cohort (and track) has a list: a new one supersedes the last of its chain.
    case recipientListExists(cohort: String, existing: [String])
    case supersedesWrongList(list: String, current: [String])
    case emptyRecipientList(cohort: String)
    case decreeMissing(list: String)
    case notOnList(beneficiary: String, list: String)
    /// Equipment follows the SK (a setting), and this would hand the kelompok more of the item than approved.
    case equipmentNotInPlan(kelompok: String, item: String, approved: Int64, issued: Int64, requested: Int64)
    case kelompokNotOfCohort(kelompok: String, cohort: String)

    public var code: String {
        switch self {
        case .notInitialised: "not_initialised"
        case .notFound: "not_found"
        case .duplicate: "duplicate"
        case .chartIncomplete: "chart_incomplete"
        case .duplicateNIK: "duplicate_nik"
        case .notEnrolled: "not_enrolled"
        case .trainingNotCompleted: "training_not_completed"
        case .ambiguousCohort: "ambiguous_cohort"
        case .alreadyPaid: "already_paid"
        case .alreadyPaidInOtherCohort: "already_paid_in_other_cohort"
        case .grantBeforeGraduation: "grant_before_graduation"
        case .grantAmountNotStandard: "grant_amount_not_standard"
        case .likelyDuplicate: "likely_duplicate"
        case .reasonTooShort: "reason_too_short"
        case .usahaNotHers: "usaha_not_hers"
        case .insufficientStock: "insufficient_stock"
        case .stockValueShort: "stock_value_short"
        case .emptyItemList: "empty_item_list"
        case .quantityNotPositive: "quantity_not_positive"
        case .missingDocumentRef: "missing_document_ref"
        case .alreadyMember: "already_member"
        case .notMember: "not_member"
        case .monthNotEnded: "month_not_ended"
        case .monthNotClosed: "month_not_closed"
        case .invalidUsahaOwner: "invalid_usaha_owner"
        case .nothingChanged: "nothing_changed"
        case .exitReasonRequired: "exit_reason_required"
        case .exitReasonTextRequired: "exit_reason_text_required"
        case .exitReasonNotForStatus: "exit_reason_not_for_status"
        case .documentSettingMissing: "document_setting_missing"
        case .notOnApprovedList: "not_on_approved_list"
        case .amountNotOnList: "amount_not_on_list"
        case .makerCannotApprove: "maker_cannot_approve"
        case .grantBeforeDecree: "grant_before_decree"
        case .recipientListNotDraft: "recipient_list_not_draft"
        case .recipientListNotApproved: "recipient_list_not_approved"
        case .recipientListExists: "recipient_list_exists"
        case .supersedesWrongList: "supersedes_wrong_list"
        case .emptyRecipientList: "empty_recipient_list"
        case .decreeMissing: "decree_missing"
        case .notOnList: "not_on_list"
        case .equipmentNotInPlan: "equipment_not_in_plan"
        case .kelompokNotOfCohort: "kelompok_not_of_cohort"
        }
    }

    public var message: String {
        switch self {
        case .notInitialised:
            "This database has no books yet; run `bekal init` (or `bekal demo`) first."
        case .notFound(let kind, let reference):
            "No \(kind.name) \"\(reference)\" exists; \(kind.lookupHint)."
        case .duplicate(let kind, let reference, let existing):
            "\("aeiou".contains(kind.name.prefix(1)) ? "An" : "A") \(kind.name) \"\(reference)\" already exists (\(existing)); use it or choose another code."
        case .chartIncomplete(let book, let role):
            "The chart of book \(book) has no account for \(role.rawValue); run `bekal verify`."
        case .duplicateNIK(let existing):
            "This NIK is already registered for \(existing); a NIK is unique. Check the number or use the existing record."
        case .notEnrolled(let b, let cohort):
            cohort.map { "\(b) is not enrolled in cohort \($0); enrol her first with `bekal enrol`." }
                ?? "\(b) is not enrolled in any cohort; enrol her first with `bekal enrol`."
        case .trainingNotCompleted(let b, let cohort, let status):
            "\(b) has not completed training in cohort \(cohort) (status: \(status.rawValue)); a grant is paid only to graduates. Record completion with `bekal enrol --status completed` first."
        case .ambiguousCohort(let b, let cohorts):
            "\(b) completed training in several cohorts (\(cohorts.joined(separator: ", "))); name one with --cohort."
        case .alreadyPaid(let b, let cohort, let entryID):
            "\(b) was already paid a grant in cohort \(cohort) (entry #\(entryID)); a grant is paid once per person. If a second payment is right, an admin records `bekal grant exception` with a reason first."
        case .alreadyPaidInOtherCohort(let b, let paidCohort, let entryID, let cohort):
            "\(b) was already paid a grant in cohort \(paidCohort) (entry #\(entryID)); a grant is paid once per person. If a second grant in cohort \(cohort) is right, an admin records `bekal grant exception --cohort \(cohort)` with a reason first."
        case .grantBeforeGraduation(let b, let cohort, let graduated, let valueDate):
            "\(b) graduated from cohort \(cohort) on \(graduated); a grant dated \(valueDate) is before that. Date it on or after \(graduated), or correct her completion date with `bekal enrol --status completed --date`."
        case .grantAmountNotStandard(let b, let cohort, let amount, let standard):
            "The grant to \(b) is \(amount), not cohort \(cohort)'s standard \(standard). Check the amount (one zero too many?); if it is intended, state why with --amount-reason."
        case .likelyDuplicate(let candidates):
            "\(candidates.joined(separator: ", ")) \(candidates.count == 1 ? "has" : "have") the same name and birth year and no NIK to tell them apart: she may be registered already. Check \(candidates.count == 1 ? "that record" : "those records"); if she is a different person, confirm it with --different-from \(candidates.joined(separator: " --different-from "))."
        case .reasonTooShort(let minimum):
            "The reason is too short; write at least \(minimum) characters saying why."
        case .usahaNotHers(let usaha, let b):
            "Usaha \(usaha) is not owned by \(b) or by a kelompok she belongs to; name her own usaha or leave --usaha out."
        case .stockValueShort(let item, let value, let requested):
            "The \(item) in stock is worth \(value), less than the \(requested) this reversal would take out (issues since the purchase were valued at average cost). Reverse those issues first, or record the correction as a new entry."
        case .insufficientStock(let item, let inStock, let requested):
            "Only \(inStock) of \(item) in stock; \(requested) requested. Record the purchase first or issue fewer."
        case .emptyItemList:
            "No items given; name at least one item as CODE:QUANTITY."
        case .quantityNotPositive(let item, let quantity):
            "Quantity \(quantity) for \(item) is not more than zero."
        case .missingDocumentRef:
            "A document reference is required (the kuitansi, SP2D or nota number); give it with --ref."
        case .alreadyMember(let b, let k):
            "\(b) is already a member of \(k)."
        case .notMember(let b, let k):
            "\(b) is not a current member of \(k)."
        case .monthNotEnded(let month, let today):
            "Month \(month) has not ended (today is \(today)); a month can be closed from the day after its last day, \(month.lastDay.adding(days: 1)), once its SPJ is done."
        case .invalidUsahaOwner:
            "A usaha is owned by exactly one beneficiary or one kelompok; name one of --owner-beneficiary or --owner-kelompok."
        case .monthNotClosed(let month):
            "\(month) is not closed yet; its closing report is made after `bekal period close --month \(month)`."
        case .nothingChanged(let record):
            "Nothing to change: \(record) already holds every value given. Give only the fields that differ."
        case .exitReasonRequired(let b, let cohort):
            "\(b) leaving \(cohort) is recorded with its reason: give --reason (\(ExitReason.dropOut.map(\.rawValue).joined(separator: ", ")))."
        case .exitReasonTextRequired:
            "A reason of `other` says what it was: give --reason-text."
        case .exitReasonNotForStatus(let status):
            "A leaving reason is recorded with a drop-out only, not with \(status.rawValue); leave --reason out."
        case .notOnApprovedList(let b, let cohort, let pending):
            "\(b) is on no approved recipient list of cohort \(cohort)" + (pending.map { " (list \($0), which names her, waits for the head of office's approval)" } ?? "")
                + "; a grant is paid only against an approved list. Have the list approved (`bekal list approve`), draft one that names her, or have an admin record `bekal grant exception --cohort \(cohort)` with a reason."
        case .amountNotOnList(let b, let list, let listAmount, let amount):
            "List \(list) approves \(listAmount) for \(b), not \(amount); pay the approved amount, or have a corrected list drafted and approved."
        case .grantBeforeDecree(let b, let list, let decreeDate, let valueDate):
            "The grant to \(b) is dated \(valueDate), before the SK of list \(list) (\(decreeDate)); date it on or after \(decreeDate)."
        case .makerCannotApprove(let list):
            "You drafted list \(list), so you cannot approve it: the head of office (or another officer who may approve) approves it."
        case .recipientListNotDraft(let list, let status):
            "List \(list) is \(status.rawValue), not a draft; an approved list is frozen. To change it, draft a new list with --supersedes \(list) and a reason."
        case .recipientListNotApproved(let list, let status):
            "List \(list) is \(status.rawValue); grants are paid only against an approved list in effect (`bekal list show \(list)`)."
        case .recipientListExists(let cohort, let existing):
            "Cohort \(cohort) already has list \(existing.joined(separator: ", ")); a new list replaces the last one: give --supersedes \(existing.first ?? "") and --reason."
        case .supersedesWrongList(let list, let current):
            current.isEmpty ? "List \(list) is not the last of its cohort and track, and nothing else is to be replaced; leave --supersedes out."
                : "List \(list) is not the last list of its cohort and track; the new list supersedes \(current.joined(separator: " or "))."
        case .emptyRecipientList(let cohort):
            "Nobody to list: cohort \(cohort) has no graduate for it (record completion with `bekal enrol --status completed` first)."
        case .decreeMissing(let list):
            "List \(list) is approved with the SK's number; give --sk."
        case .notOnList(let b, let list):
            "\(b) is not on list \(list); check the code (`bekal list show \(list)`)."
        case .equipmentNotInPlan(let k, let item, let approved, let issued, let requested):
            approved == 0
                ? "No approved recipient list in effect (with its SK dated by then) gives \(k) any \(item); this office issues equipment as its SK approves. Have a list with `--equipment \(k):\(item):N` approved first."
                : "The SK approves \(approved) \(item) for \(k), which has had \(issued); \(requested) more would go beyond it. Issue at most \(max(0, approved - issued)), or have a corrected list approved."
        case .kelompokNotOfCohort(let k, let cohort):
            "\(k) is not a kelompok of cohort \(cohort); a list approves equipment for its own cohort's kelompok only."
        case .documentSettingMissing(let document, let setting):
            "The \(document) prints \(setting.name), which is not set; an admin sets it with `bekal settings set \(setting.option) …` (or on the web app's Pengaturan page), then print it again."
        }
    }
}

/// The kinds of record a person names by a code or number, and that a look-up may not find.
public enum RecordKind: Hashable, Sendable {
    case beneficiary
    /// The office's own register number of a beneficiary (`external_ref`).
    case registerNumber
    case cohort
    case track
    case kelompok
    case usaha
    case equipmentItem
    /// An account of a book; `book` is its code when the look-up was within one book.
    case account(book: String?)
    case worker
    /// A book: the office's (`KANTOR`) or a usaha's.
    case book
    /// A grant's kuitansi, by its number.
    case kuitansi
    /// An entry that issued equipment to a kelompok (its BAST), by its number.
    case equipmentIssue
    /// A recipient list (daftar penerima), by its code.
    case recipientList
    /// A partner of the register of services (a Puskesmas, the BLK …), by its code.
    case partner
    /// A stock-take of equipment, by its berita acara number.
    case stockTake

    /// How the English messages name it.
    public var name: String {
        switch self {
        case .beneficiary: "beneficiary"
        case .registerNumber: "beneficiary register number"
        case .cohort: "cohort"
        case .track: "track"
        case .kelompok: "kelompok"
        case .usaha: "usaha"
        case .equipmentItem: "equipment item"
        case .account: "account"
        case .worker: "aftercare worker"
        case .book: "book"
        case .kuitansi: "grant kuitansi"
        case .equipmentIssue: "equipment issue to a kelompok"
        case .recipientList: "recipient list"
        case .partner: "service partner"
        case .stockTake: "stock-take"
        }
    }

    /// How to find the right one, in the command-line's words.
    public var lookupHint: String {
        switch self {
        case .beneficiary: "give her code (B-00012) or the office's register number"
        case .registerNumber: "give the office's register number as written on her file"
        case .cohort: "list cohorts with `bekal cohort list`"
        case .track: "list tracks with `bekal track list`"
        case .kelompok: "give its code, e.g. K-0003"
        case .usaha: "give its code, e.g. U-0007"
        case .equipmentItem: "add it with `bekal equipment item-add` or check the code"
        case .account(let book?): "list the accounts of \(book) with `bekal report trial-balance --book \(book)`"
        case .account(nil): "list the accounts with `bekal report trial-balance --book KANTOR`"
        case .worker: "list workers with `bekal worker list`"
        case .book: "give KANTOR or a usaha code such as U-0007"
        case .kuitansi: "give the number written on the grant's entry, e.g. KW/2013/001 (`bekal report grants` lists them)"
        case .equipmentIssue: "give the entry number of the issue (`bekal report equipment` lists the issues)"
        case .recipientList: "list the recipient lists with `bekal list all`"
        case .partner: "list the service partners with `bekal partner list`"
        case .stockTake: "list the stock-takes with `bekal equipment counts`"
        }
    }
}
