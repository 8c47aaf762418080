import BekalCore
import BekalExport

/// A refusal as a form shows it: in Bahasa Indonesia, next to the field it is about.
///
/// Each kind of core failure has its own file here with an exhaustive `switch`, so a new
/// rejection in the core does not compile until it is said in Indonesian too.
struct Refusal: Sendable, Equatable {
    /// The form field's name (`amount`, `date`, `ref`), or nil for the form as a whole.
    let field: String?
    let message: String

    /// Every failure the core can raise, said for an officer at a form.
    static func of(_ error: any Error) -> Refusal {
        switch error {
        case let e as InputError: input(e)
        case let e as LedgerRejection: ledger(e)
        case let e as ProgrammeRejection: programme(e)
        case let e as AftercareRejection: aftercare(e)
        case let e as PhoneSyncRejection: phoneSync(e)
        case let e as CasePathRejection: casePath(e)
        case let e as MergeRejection: merge(e)
        case let e as BudgetRejection: budget(e)
        case let e as TargetRejection: target(e)
        case let e as EquipmentRejection: equipment(e)
        case let e as MarketRejection: market(e)
        case let e as TrainingRejection: training(e)
        case let e as AccessRejection: access(e)
        case let e as ExportError: export(e)
        case let e as any BekalFailure: Refusal(field: nil, message: e.message)
        default: Refusal(field: nil, message: "Permintaan tidak dapat diselesaikan; tidak ada yang tersimpan.")
        }
    }
}
