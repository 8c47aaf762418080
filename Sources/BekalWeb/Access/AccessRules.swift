import BekalCore

/// A ``Permission`` as a type, so that a route group's context can name the one its routes
/// need: `Permitted<RecordMoney>`, `CaseloadContext<RecordVisits>`. One marker per permission;
/// the rule itself stays ``AccessPolicy``'s.
protocol AccessRule: Sendable {
    static var permission: Permission { get }
}

/// A permission about caseloads: for a pendamping, only her own
/// (``AccessPolicy/limitedToOwnCaseload(_:)``). Its routes get a ``CaseloadContext``.
protocol CaseloadRule: AccessRule {}

enum ViewBooks: AccessRule { static let permission = Permission.viewBooks }
enum RecordMoney: AccessRule { static let permission = Permission.recordMoney }
enum ReverseEntries: AccessRule { static let permission = Permission.reverseEntries }
enum CloseMonth: AccessRule { static let permission = Permission.closeMonth }
enum ViewCaseload: CaseloadRule { static let permission = Permission.viewCaseload }
enum RecordVisits: CaseloadRule { static let permission = Permission.recordVisits }
enum RecordOutcomes: CaseloadRule { static let permission = Permission.recordOutcomes }
enum ViewOutcomes: AccessRule { static let permission = Permission.viewOutcomes }
enum ViewPerformance: AccessRule { static let permission = Permission.viewPerformance }
enum ViewBusinesses: AccessRule { static let permission = Permission.viewBusinesses }
enum DownloadKoperasi: AccessRule { static let permission = Permission.downloadKoperasi }
enum DownloadKeuangan: AccessRule { static let permission = Permission.downloadKeuangan }
enum DownloadHasil: AccessRule { static let permission = Permission.downloadHasil }
enum ViewAudit: AccessRule { static let permission = Permission.viewAudit }
enum Administer: AccessRule { static let permission = Permission.administer }
enum ViewRollup: AccessRule { static let permission = Permission.viewRollup }
enum ApproveRecipientLists: AccessRule { static let permission = Permission.approveRecipientLists }
