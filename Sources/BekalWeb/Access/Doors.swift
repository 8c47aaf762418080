import Hummingbird

/// The router as the route files see it: one door per access rule, and no other way in.
/// ``WebApp/router()`` adds the middleware to its `Router` and hands each area only its doors,
/// so a route cannot be added without naming who may open it.
///
/// ## Adding a route
///
/// In its area's file under `Routes/`, add it to the door of what it needs. Its handler gets a
/// context in which that already holds, checked before the handler runs:
///
/// - `doors.permitted(RecordMoney.self).post("/hibah/baru") { request, context in … }`:
///   `context.user` is signed in and may record money; anyone else gets the 403 page.
/// - `doors.caseload(RecordVisits.self)`: the same, and `context.caseload` is a pendamping's
///   own worker or, for an admin, the whole programme (``CaseloadActor``). A page about one
///   person still calls ``WebApp/showOnlyInCaseload(_:beneficiary:kelompok:usaha:)``; the
///   core refuses a write outside her caseload by itself.
/// - `doors.signedIn`: anyone signed in, whatever her role (the first page).
/// - `doors.open`: anyone, signed in or not (the log-in form, static files, the health check).
///
/// Every door but `open` sends a visitor who is not signed in to the log-in page. A permission
/// new to ``AccessPolicy`` gets its marker type in `AccessRules.swift`. Then give the route
/// its line in `RouteMatrixTests` (every role's status).
struct Doors {
    private let router: Router<WebContext>

    init(_ router: Router<WebContext>) { self.router = router }

    /// Anyone, signed in or not.
    var open: RouterGroup<WebContext> { router.group() }

    /// Anyone signed in.
    var signedIn: RouterGroup<SignedInContext> { router.group(context: SignedInContext.self) }

    /// A signed-in user whose role allows `rule`.
    func permitted<Rule: AccessRule>(_ rule: Rule.Type) -> RouterGroup<Permitted<Rule>> {
        router.group(context: Permitted<Rule>.self)
    }

    /// A signed-in user whose role allows `rule`, on her caseload (or every caseload).
    func caseload<Rule: CaseloadRule>(_ rule: Rule.Type) -> RouterGroup<CaseloadContext<Rule>> {
        router.group(context: CaseloadContext<Rule>.self)
    }
}
