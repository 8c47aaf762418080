/// Why a movement, repair or stock-take of equipment after issue was refused.
public enum EquipmentRejection: BekalFailure, Equatable {
    /// The kelompok holds fewer of the item than the movement takes from it.
    case notHeld(kelompok: String, item: String, held: Int64, requested: Int64)
    case sameKelompok(kelompok: String)
    /// A transfer or a return starts at the kelompok that holds the item.
    case needsKelompok(kind: EquipmentEventKind)
    case reasonTooShort(minimumCharacters: Int)
    case visitNotFound(visitID: Int64)
    /// The visit named as the one that found the item broken did not report it so.
    case visitDidNotReport(visitID: Int64, item: String, found: EquipmentCondition?)
    /// The visit was about another kelompok than the one whose item is mended.
    case visitOfAnotherKelompok(visitID: Int64, kelompok: String)
    /// A stock-take of a place leaves out an item the register puts there.
    case countIncomplete(place: String, missing: [String])
    case countRepeatsItem(item: String)
    case countNegative(item: String, counted: Int64)
    case countEmpty
    /// The stock-take number is already recorded with other lines.
    case countExists(countRef: String)
    case countInFuture(date: LocalDate, today: LocalDate)
    /// Reversing the entry would take from a kelompok items it no longer holds (they moved on).
    case reversalTakesWhatIsGone(entryID: Int64, kelompok: String, item: String, held: Int64, requested: Int64)

    public var code: String {
        switch self {
        case .notHeld: "equipment_not_held"
        case .sameKelompok: "equipment_same_kelompok"
        case .needsKelompok: "equipment_needs_kelompok"
        case .reasonTooShort: "equipment_reason"
        case .visitNotFound: "equipment_visit_not_found"
        case .visitDidNotReport: "equipment_visit_did_not_report"
        case .visitOfAnotherKelompok: "equipment_visit_kelompok"
        case .countIncomplete: "equipment_count_incomplete"
        case .countRepeatsItem: "equipment_count_repeats_item"
        case .countNegative: "equipment_count_negative"
        case .countEmpty: "equipment_count_empty"
        case .countExists: "equipment_count_exists"
        case .countInFuture: "equipment_count_in_future"
        case .reversalTakesWhatIsGone: "equipment_reversal_gone"
        }
    }

    public var message: String {
        switch self {
        case .notHeld(let kelompok, let item, let held, let requested):
            "kelompok \(kelompok) holds \(held) × \(item), not \(requested): `bekal equipment where --item \(item)` shows where each one is"
        case .sameKelompok(let kelompok):
            "the item would move from kelompok \(kelompok) to itself: give the kelompok that takes it over with --to"
        case .needsKelompok(let kind):
            "a \(kind == .transfer ? "transfer" : "return") starts at the kelompok that holds the item: give it with --from"
        case .reasonTooShort(let n):
            "say why, in at least \(n) characters (e.g. \"kelompok bubar, dua anggota pindah\")"
        case .visitNotFound(let id):
            "no visit #\(id) exists: give the number of the visit that found the item broken (`bekal equipment broken` lists them)"
        case .visitDidNotReport(let id, let item, let found):
            "visit #\(id) " + (found.map { "found \(item) \($0.rawValue)" } ?? "did not report on \(item)")
                + ", not broken or lost: name the visit that found it so, or leave --visit out"
        case .visitOfAnotherKelompok(let id, let kelompok):
            "visit #\(id) was not about kelompok \(kelompok): name a visit to that kelompok or its usaha"
        case .countIncomplete(let place, let missing):
            "the register puts \(missing.joined(separator: ", ")) at \(place), and the count does not say how many were found: "
                + "count them too (write ITEM:0 for what was not found)"
        case .countRepeatsItem(let item):
            "\(item) is counted twice at one place: give one line per item with the total found"
        case .countNegative(let item, let counted):
            "\(counted) × \(item) cannot have been counted: give the number found, 0 or more"
        case .countEmpty:
            "the stock-take counts nothing: give at least one ITEM:COUNTED"
        case .countExists(let ref):
            "stock-take \(ref) is already recorded with other figures: a stock-take is recorded once; give the new one its own number"
        case .countInFuture(let date, let today):
            "a stock-take dated \(date) is after today (\(today)): give the day it was counted"
        case .reversalTakesWhatIsGone(let entryID, let kelompok, let item, let held, let requested):
            "reversing entry #\(entryID) would take \(requested) × \(item) back from kelompok \(kelompok), which holds \(held) now: "
                + "reverse the later transfers or returns first, or record a return"
        }
    }
}
