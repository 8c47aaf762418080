import Foundation

/// A value typed by a person that could not be read: a malformed amount, date, NIK, code.
///
/// Every part is typed: where the value came from (``InputField``), what is wrong with it
/// (``InputReason``), and the text as given. The English message below and the Indonesian
/// ones of the web app are exhaustive switches over those, so a new reason or field does not
/// compile until each of them says it.
public struct InputError: BekalFailure, Equatable {
    public let field: InputField
    /// The text exactly as given (or a description of it, when it must not be repeated).
    public let input: String
    public let reason: InputReason

    public init(_ field: InputField, input: String, _ reason: InputReason) {
        self.field = field
        self.input = input
        self.reason = reason
    }

    public var code: String { "invalid_input" }
    public var message: String { "\(field.name) \"\(input)\" \(reason.phrase): \(hint)." }

    /// How to write it correctly, in English.
    public var hint: String { reason.hint(for: field) }
}

/// Where a typed value came from: a value the core names by what it is, or a place of an
/// adapter's own (a command-line option, a column of an imported file) named as the user saw it.
public enum InputField: Hashable, Sendable {
    case amount
    case grantAmount
    case budget
    case sales
    /// The cost of one unit of an equipment purchase; `item` is its code when known.
    case unitCost(item: String?)
    case date
    /// The first and last day of a report's period.
    case periodStart
    case periodEnd
    case month
    case trainingEnd
    case nik
    case beneficiaryName
    case workerName
    case kelompokName
    case birthYear
    case product
    case office
    case kelompokSize
    case timeZone
    case followUpPolicy
    /// Why she left or her case was closed (``ExitReason``).
    case exitReason
    /// Where money came from (``FundingSource``) and what a budget line pays for (``BudgetPurpose``).
    case fundingSource
    case budgetPurpose
    /// The code of a new record of this kind.
    case code(RecordKind)
    case username
    case role
    /// Who an aftercare assignment is for: a beneficiary or a kelompok.
    case subject
    /// A line of equipment items, `CODE:QUANTITY` or `CODE:QUANTITY:UNIT_COST`.
    case item
    case quantity
    /// One sheet of a spreadsheet export.
    case sheet
    case file
    /// A command-line option, named as typed (`--date`).
    case option(String)
    /// A column of an imported file, named by its heading (`tanggal_status`).
    case column(String)

    /// How the English messages name it.
    public var name: String {
        switch self {
        case .amount: "amount"
        case .grantAmount: "grant amount"
        case .budget: "budget"
        case .sales: "sales"
        case .unitCost(let item?): "unit cost of \(item)"
        case .unitCost(nil): "unit cost"
        case .date: "date"
        case .periodStart: "start date"
        case .periodEnd: "end date"
        case .month: "month"
        case .trainingEnd: "training end"
        case .nik: "nik"
        case .beneficiaryName, .workerName, .kelompokName: "name"
        case .birthYear: "birth year"
        case .product: "product"
        case .office: "office"
        case .kelompokSize: "kelompok size"
        case .timeZone: "time zone"
        case .followUpPolicy: "follow-up policy"
        case .exitReason: "reason"
        case .fundingSource: "funding source"
        case .budgetPurpose: "budget purpose"
        case .code(let kind): "\(kind.name) code"
        case .username: "username"
        case .role: "role"
        case .subject: "subject"
        case .item: "item"
        case .quantity: "quantity"
        case .sheet: "sheet"
        case .file: "file"
        case .option(let name), .column(let name): name
        }
    }

    /// Whether the value is an amount of money.
    var isAmount: Bool {
        switch self {
        case .amount, .grantAmount, .budget, .sales, .unitCost: true
        default: false
        }
    }
}

/// What is wrong with a typed value.
public enum InputReason: Hashable, Sendable {
    case empty
    case notADate
    /// Written as a date, but the month has no such day (or there is no such month).
    case notACalendarDay(year: Int, month: Int)
    case notAMonth
    case decimalComma
    case decimalPoint
    case notARupiahAmount
    case misplacedDots
    case tooLarge
    case zero
    case negative
    case notMoreThanZero
    case notAWholeNumber
    case notANIK
    case notANIP
    case notAUsableCode
    case outOfRange
    case notAUserName
    case notARole
    case notATimeZone
    /// An aftercare assignment names neither or both of a beneficiary and a kelompok.
    case notExactlyOneSubject
    /// A sheet was chosen for a workbook export: only a CSV export is one sheet.
    case csvOnly
    case notASheet(of: [String])
    case notItemAndQuantity
    case notItemQuantityAndCost
    case notItemAndCondition
    case notKelompokItemAndQuantity
    /// A date before the one it may not precede.
    case before(InputBound)
    case notASealReference
    case unreadable
    case notOneOf([String])
    /// A code given twice in one list.
    case duplicateValue
    /// A stage list without exactly one closing stage.
    case oneClosingStage

    /// The English phrase that follows the quoted input.
    public var phrase: String {
        switch self {
        case .empty: "is empty"
        case .notADate: "is not a date"
        case .notACalendarDay: "is not a day of the calendar"
        case .notAMonth: "is not a month"
        case .decimalComma: "has a fraction of a rupiah (a decimal comma)"
        case .decimalPoint: "has a fraction of a rupiah (a decimal point)"
        case .notARupiahAmount: "is not a rupiah amount"
        case .misplacedDots: "has dots that are not thousands separators"
        case .tooLarge: "is too large for the ledger"
        case .zero: "is zero"
        case .negative: "is negative"
        case .notMoreThanZero: "is not more than zero"
        case .notAWholeNumber: "is not a whole number"
        case .notANIK: "is not a NIK"
        case .notANIP: "is not a NIP"
        case .notAUsableCode: "is not a usable code"
        case .outOfRange: "is out of range"
        case .notAUserName: "is not a valid user name"
        case .notARole: "is not a role"
        case .notATimeZone: "is not a time zone"
        case .notExactlyOneSubject: "does not name exactly one beneficiary or kelompok"
        case .csvOnly: "applies to CSV only"
        case .notASheet: "is not a sheet of this export"
        case .notItemAndQuantity: "is not CODE:QUANTITY"
        case .notItemQuantityAndCost: "is not CODE:QUANTITY:UNIT_COST"
        case .notItemAndCondition: "is not ITEM:CONDITION"
        case .notKelompokItemAndQuantity: "is not KELOMPOK:ITEM:QUANTITY"
        case .before(.periodStart(let date)): "is before the start date \(date)"
        case .before(.trainingStart(let date)): "is before the training start \(date)"
        case .before(.joined(let date)): "is before she joined on \(date)"
        case .before(.assignmentBegan(let date)): "is before the current assignment began (\(date))"
        case .notASealReference: "is not a seal's short form"
        case .unreadable: "cannot be read"
        case .notOneOf: "is not one of the allowed values"
        case .duplicateValue: "is given twice"
        case .oneClosingStage: "does not have exactly one closing stage"
        }
    }

    /// How to write it correctly, for this field, in English.
    public func hint(for field: InputField) -> String {
        switch self {
        case .empty:
            switch field {
            case _ where field.isAmount: "write the amount in whole rupiah, e.g. 1.500.000"
            case .month: "write it as YYYY-MM"
            case .quantity: "write the count in digits, e.g. 2"
            case .workerName: "give the worker's name"
            case .beneficiaryName: "give the name as on her KTP or as she is known"
            case .product: "say what the business sells, e.g. kue basah"
            case .office: "give the office's name"
            default: "fill it in"
            }
        case .notADate: "write it as YYYY-MM-DD, e.g. 2026-11-25"
        case .notACalendarDay(let year, let month):
            "check the month and day; \(String(format: "%04d-%02d", year, month)) has \((1...12).contains(month) ? LocalDate.daysIn(year: year, month: month) : 0) days"
        case .notAMonth: "write it as YYYY-MM, e.g. 2026-10"
        case .decimalComma: "amounts are whole rupiah: write 1.500.000, not 1.500.000,50"
        case .decimalPoint: "amounts are whole rupiah; dots only separate thousands, e.g. 1.500.000"
        case .notARupiahAmount: "use digits with optional dots between thousands, e.g. Rp1.500.000"
        case .misplacedDots: "group digits in threes, e.g. 1.500.000, or write no dots: 1500000"
        case .tooLarge: "the largest amount is \(Rupiah(.max))"
        case .zero, .negative, .notMoreThanZero:
            switch field {
            case .grantAmount: "a grant must be more than Rp0"
            case .sales: "sales are Rp0 or more; write 0 when nothing was sold"
            case .budget: "a budget is Rp0 or more"
            default: "a payment must be more than Rp0; to undo an entry, reverse it"
            }
        case .notAWholeNumber: "write the count in digits, e.g. 2"
        case .notANIK: "a NIK is exactly \(NIK.digitCount) digits, without spaces or dots"
        case .notANIP: "a NIP is \(NIP.digitCount) digits, e.g. 19750101 200003 2 001"
        case .notAUsableCode: "use 1 to \(Code.lengthMax) letters, digits, '-', '_', '.' or '/'"
        case .outOfRange:
            switch field {
            case .birthYear: "write a four-digit year, e.g. 1985"
            case .kelompokSize:
                "a kelompok has \(ProgrammeSettings.kelompokSizes.lowerBound) to \(ProgrammeSettings.kelompokSizes.upperBound) members, normally 3"
            case .followUpPolicy:
                "monthly for \(FollowUpPolicy.monthlyMonths.lowerBound) to \(FollowUpPolicy.monthlyMonths.upperBound) months, "
                    + "quarterly until that or up to \(FollowUpPolicy.quarterlyMonthMax) months, "
                    + "lost after \(FollowUpPolicy.lostAfterDayRange.lowerBound) to \(FollowUpPolicy.lostAfterDayRange.upperBound) days"
            default: "check the number"
            }
        case .notAUserName:
            "use \(Credentials.usernameLength.lowerBound) to \(Credentials.usernameLength.upperBound) lower-case letters, digits, '.', '_' or '-'"
        case .notARole: "use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))"
        case .notATimeZone: "use Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)"
        case .notExactlyOneSubject: "give --beneficiary or --kelompok"
        case .csvOnly: "add --format csv (or csv-excel), or leave --sheet out for the whole workbook"
        case .notASheet(let names): "choose one of: \(names.joined(separator: ", "))"
        case .notItemAndQuantity: "e.g. mesin-jahit:1"
        case .notItemQuantityAndCost: "e.g. mesin-jahit:5:1.750.000"
        case .notItemAndCondition: "e.g. oven:working"
        case .notKelompokItemAndQuantity: "e.g. K-0001:mesin-jahit:2"
        case .before(.periodStart): "give a period whose end is on or after its start"
        case .before(.trainingStart): "check the dates"
        case .before(.joined): "give the day she left, on or after she joined"
        case .before(.assignmentBegan(let date)): "give a date on or after \(date)"
        case .notASealReference:
            "copy it as `bekal seal` printed it, e.g. seal 3 · entry 312 · 5E2C-9A10-77F3-0B4D · key 4F1A-22C8"
        case .unreadable: "check the path and that you may read it"
        case .notOneOf(let values): "use " + values.joined(separator: ", ")
        case .duplicateValue: "give each code once"
        case .oneClosingStage: "mark exactly one stage as the one that closes a case, with a '!' after its label (terminasi=Terminasi!)"
        }
    }
}

/// The date a typed date may not be before.
public enum InputBound: Hashable, Sendable {
    /// The first day of the same period.
    case periodStart(LocalDate)
    case trainingStart(LocalDate)
    /// The day she joined the kelompok she is leaving.
    case joined(LocalDate)
    /// The first day of the aftercare assignment that a new one would end.
    case assignmentBegan(LocalDate)
}
