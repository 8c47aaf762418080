/// Every kind of row the audit log holds, by the code it is stored under. Journal entries are
/// their own trail (who recorded each, when, with which document); the audit page shows them
/// beside these as `entry.<kind>`.
public enum AuditAction: String, CaseIterable, Sendable {
    // Reading restricted data.
    case reportOutcomes = "report.outcomes"
    case reportOutcomeGrants = "report.outcome-grants"
    case outcomeHistory = "outcome.history"
    case exportHasil = "export.hasil"
    case exportKoperasi = "export.koperasi"
    case exportKeuangan = "export.keuangan"
    /// A kuitansi was made: it names her, for her to sign.
    case documentKuitansi = "document.kuitansi"
    /// A BAST of an equipment issue was made: it names the kelompok's members, for them to sign.
    case documentBAST = "document.bast"
    /// A daftar penerima of a recipient list was made: it names everyone on it, for them to sign.
    case documentDaftarPenerima = "document.daftar_penerima"
    /// An admin drafted a recipient list; the head of office approved one with its SK.
    case recipientListDraft = "list.draft"
    case recipientListApprove = "list.approve"
    /// The office's aggregate outcome counts were read for a roll-up across offices.
    case reportRollup = "report.rollup"
    // Records.
    case outcomeRecord = "outcome.record"
    case beneficiaryConfirmedDistinct = "beneficiary.confirmed_distinct"
    // The registry and the caseloads, when a user changes them (codes only, never a name).
    case beneficiaryAdd = "beneficiary.add"
    case beneficiaryCorrect = "beneficiary.correct"
    case beneficiaryMerge = "beneficiary.merge"
    case enrolmentStatus = "enrolment.status"
    case caseIntake = "case.intake"
    case caseStage = "case.stage"
    case needOpen = "need.open"
    case needAnswer = "need.answer"
    case consentChange = "consent.change"
    case partnerAdd = "partner.add"
    case referralSend = "referral.send"
    case referralStep = "referral.step"
    case caseAssign = "case.assign"
    case kelompokAdd = "kelompok.add"
    case kelompokJoin = "kelompok.join"
    case kelompokLeave = "kelompok.leave"
    case usahaAdd = "usaha.add"
    case usahaUpdate = "usaha.update"
    case workerAdd = "worker.add"
    // Money and the books.
    case grantException = "grant.exception"
    case budgetLineAdd = "budget.line.add"
    case budgetException = "budget.exception"
    case targetSet = "target.set"
    /// A stock-take of equipment at one place (its counts, never a person).
    case equipmentCount = "equipment.count"
    /// An exhibition or market recorded with the businesses that took part (codes only).
    case marketEvent = "market.event"
    case periodClose = "period.close"
    case seal = "seal"
    case restoreOlder = "restore.older"
    case settingsChange = "settings.change"
    case accountRename = "account.rename"
    // Users and signing in.
    case userAdd = "user.add"
    case userPassword = "user.password"
    case userDisable = "user.disable"
    case userEnable = "user.enable"
    case authLogin = "auth.login"
    case authFailed = "auth.failed"
    case authLocked = "auth.locked"
    case authLogout = "auth.logout"

    /// The code under which a journal entry of `kind` appears in the audit trail.
    public static func entry(_ kind: EntryKind) -> String { "entry.\(kind.rawValue)" }
}
