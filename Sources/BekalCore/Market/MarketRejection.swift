/// Why a licence, a membership, a sales channel or an exhibition was refused.
public enum MarketRejection: BekalFailure, Equatable {
    case licenceNumberEmpty(kind: LicenceKind)
    case licenceNumberDigits(kind: LicenceKind, number: String, digits: Int)
    /// The number is already recorded as another business's licence.
    case licenceElsewhere(kind: LicenceKind, number: String, usaha: String)
    case licenceExpiresBeforeIssue(issuedOn: LocalDate, validUntil: LocalDate)
    case dateInFuture(date: LocalDate, today: LocalDate)
    case affiliationNameEmpty
    case alreadyMember(kind: AffiliationKind, name: String, usaha: String)
    case notMember(kind: AffiliationKind, name: String, usaha: String)
    /// The channel is already in that state: nothing would change.
    case channelUnchanged(channel: SalesChannel, active: Bool, usaha: String)
    case eventNameEmpty
    case eventPlaceEmpty
    case eventEndsBeforeStart(startsOn: LocalDate, endsOn: LocalDate)
    case eventWithoutBusinesses
    case unknownEvent(String)
    /// The stand's entry is not an aftercare cost, or it was reversed.
    case standEntryNotACost(entryID: Int64)
    case standEntryUsed(entryID: Int64, event: String)
    case notAtEvent(event: String, usaha: String)
    case salesAlreadyRecorded(event: String, usaha: String, amount: Rupiah)

    public var code: String {
        switch self {
        case .licenceNumberEmpty: "licence_number_empty"
        case .licenceNumberDigits: "licence_number_digits"
        case .licenceElsewhere: "licence_elsewhere"
        case .licenceExpiresBeforeIssue: "licence_dates"
        case .dateInFuture: "market_date_in_future"
        case .affiliationNameEmpty: "affiliation_name_empty"
        case .alreadyMember: "affiliation_already_member"
        case .notMember: "affiliation_not_member"
        case .channelUnchanged: "channel_unchanged"
        case .eventNameEmpty: "market_event_name"
        case .eventPlaceEmpty: "market_event_place"
        case .eventEndsBeforeStart: "market_event_dates"
        case .eventWithoutBusinesses: "market_event_empty"
        case .unknownEvent: "market_event_unknown"
        case .standEntryNotACost: "market_stand_entry"
        case .standEntryUsed: "market_stand_entry_used"
        case .notAtEvent: "market_not_at_event"
        case .salesAlreadyRecorded: "market_sales_recorded"
        }
    }

    public var message: String {
        switch self {
        case .licenceNumberEmpty(let kind):
            "the \(kind.label) has no number: give it as printed on the certificate"
        case .licenceNumberDigits(let kind, let number, let digits):
            "\(kind.label) number \"\(number)\" is not \(digits) digits: give it as printed, e.g. \(String(repeating: "1", count: digits))"
        case .licenceElsewhere(let kind, let number, let usaha):
            "\(kind.label) \(number) is already recorded for \(usaha): a licence belongs to one business; check the number"
        case .licenceExpiresBeforeIssue(let issued, let until):
            "the licence would expire on \(until), before it was issued on \(issued): check both dates"
        case .dateInFuture(let date, let today):
            "\(date) is after today (\(today)): give the day it happened"
        case .affiliationNameEmpty:
            "the koperasi or KUBE has no name: give it as registered, e.g. \"Koperasi Wanita Mandiri\""
        case .alreadyMember(let kind, let name, let usaha):
            "\(usaha) is already a member of \(kind.label) \(name)"
        case .notMember(let kind, let name, let usaha):
            "\(usaha) is not a member of \(kind.label) \(name): it cannot leave it"
        case .channelUnchanged(let channel, let active, let usaha):
            "\(usaha) \(active ? "already sells" : "does not sell") through \(channel.rawValue): nothing would change"
        case .eventNameEmpty:
            "the event has no name: give it as announced, e.g. \"Pameran HUT Kota\""
        case .eventPlaceEmpty:
            "the event has no place: say where it was held"
        case .eventEndsBeforeStart(let starts, let ends):
            "the event would end on \(ends), before it starts on \(starts): check both dates"
        case .eventWithoutBusinesses:
            "no business took part: name at least one with --usaha"
        case .unknownEvent(let code):
            "no exhibition or market \(code) exists: `bekal market list` lists them"
        case .standEntryNotACost(let id):
            "entry #\(id) is not an aftercare cost that stands (it is another kind, or it was reversed): name the entry that paid for the stand"
        case .standEntryUsed(let id, let event):
            "entry #\(id) already pays for the stand at \(event): a cost is booked for one event"
        case .notAtEvent(let event, let usaha):
            "\(usaha) did not take part in \(event): add it to the event first"
        case .salesAlreadyRecorded(let event, let usaha, let amount):
            "the sales of \(usaha) at \(event) are already recorded (\(amount)): a figure is recorded once"
        }
    }
}
