/// On whose authority an operation runs: the office itself, or one signed-in user within her
/// role.
///
/// The command line, the demo and scripts act as ``office``: whoever may open the database
/// file runs the office's books, and no role or caseload limit applies. The web app acts as
/// ``user(_:)``, the user signed in: the operations that write to a person's aftercare record
/// (``Operations/recordVisit(_:context:)``, ``Operations/recordOutcome(beneficiary:asOf:returned:source:context:)``
/// and the visit import through them) refuse what her role does not allow and, for a
/// pendamping, anything outside her worker's caseload, whoever calls them.
public enum ActingUser: Hashable, Sendable {
    /// The office: the command line, the demo, scripts.
    case office
    /// A signed-in user, within her role (and for a pendamping her own caseload).
    case user(AppUser)
}
