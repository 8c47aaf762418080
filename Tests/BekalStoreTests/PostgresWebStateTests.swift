import BekalCore
@testable import BekalPostgres
import BekalTestSupport
import Foundation
import Testing

/// Sessions and failed log-ins on PostgreSQL (``SharedWebState``, migration `pg2`): what one
/// store writes, another store on the same database (another `bekal serve`) reads.
@Suite("PostgreSQL store: shared web state")
struct PostgresWebStateTests {
    let url: String
    let a: PostgresStore
    let b: PostgresStore
    let now = Date(timeIntervalSince1970: 1_357_092_000)

    init() throws {
        url = try ScratchPostgres.shared.get().newDatabase()
        a = try PostgresStore(url)
        b = try PostgresStore(url)
    }

    func key(_ name: String) -> String { SharedWebKey.digest(name) }

    /// One number, read in the store's own schema.
    func count(_ sql: String) throws -> Int64? { try a.withReadTransaction { db in try db.query(sql).int(0, 0) } }

    @Test func aSessionWrittenByOneStoreIsReadByTheOtherUntilItExpiresOrIsRemoved() throws {
        let value = Data(#"{"userID":1,"csrf":"x"}"#.utf8) + Data([0, 255, 10])
        try a.setSession(key: key("one"), value: value, expires: now.addingTimeInterval(60), now: now)
        let found = try #require(try b.session(key: key("one"), now: now))
        #expect(found.value == value)
        #expect(found.expires == now.addingTimeInterval(60))
        #expect(try b.session(key: key("one"), now: now.addingTimeInterval(60)) == nil)
        #expect(try b.session(key: key("other"), now: now) == nil)

        // Replaced with no expiry given: the value changes, the expiry stays.
        try b.setSession(key: key("one"), value: Data("two".utf8), expires: nil, now: now)
        #expect(try a.session(key: key("one"), now: now)?.value == Data("two".utf8))
        #expect(try a.session(key: key("one"), now: now)?.expires == now.addingTimeInterval(60))

        try b.removeSession(key: key("one"))
        #expect(try a.session(key: key("one"), now: now) == nil)
    }

    @Test func expiredSessionsGoWhenANewOneIsMade() throws {
        try a.setSession(key: key("old"), value: Data("old".utf8), expires: now.addingTimeInterval(10), now: now)
        try a.setSession(key: key("live"), value: Data("live".utf8), expires: now.addingTimeInterval(100), now: now)
        #expect(try count("SELECT count(*) FROM web_session") == 2)
        try b.setSession(key: key("new"), value: Data("new".utf8), expires: now.addingTimeInterval(100), now: now.addingTimeInterval(20))
        #expect(try count("SELECT count(*) FROM web_session") == 2)
        #expect(try count("SELECT count(*) FROM web_session WHERE key = '\(key("old"))'") == 0)
    }

    @Test func loginFailuresFromEitherStoreAddUpAndAreClearedOrForgotten() throws {
        try a.recordLoginFailure(keys: [key("user:admin|from:1.2.3.4"), key("from:1.2.3.4")], at: now, forgetBefore: now.addingTimeInterval(-900))
        try b.recordLoginFailure(keys: [key("user:admin|from:1.2.3.4"), key("from:1.2.3.4")], at: now.addingTimeInterval(5),
                                 forgetBefore: now.addingTimeInterval(-895))
        let both = try a.loginFailures(key: key("user:admin|from:1.2.3.4"), since: now.addingTimeInterval(-900))
        #expect(both.count == 2)
        #expect(both.oldest == now)
        #expect(try b.loginFailures(key: key("user:admin|from:1.2.3.4"), since: now).count == 1)
        #expect(try b.loginFailures(key: key("user:other|from:1.2.3.4"), since: now.addingTimeInterval(-900)).count == 0)

        try b.clearLoginFailures(key: key("user:admin|from:1.2.3.4"))
        #expect(try a.loginFailures(key: key("user:admin|from:1.2.3.4"), since: now.addingTimeInterval(-900)).count == 0)
        #expect(try a.loginFailures(key: key("from:1.2.3.4"), since: now.addingTimeInterval(-900)).count == 2)

        // A failure recorded after the window has passed forgets the ones before it.
        try a.recordLoginFailure(keys: [key("from:5.6.7.8")], at: now.addingTimeInterval(1000), forgetBefore: now.addingTimeInterval(100))
        #expect(try count("SELECT count(*) FROM login_failure") == 1)
    }

    @Test func aKeyThatIsNotADigestIsRefusedByTheSchema() throws {
        #expect { try a.setSession(key: "hbs.c2Vzc2lvbi1pZA==", value: Data(), expires: nil, now: now) }
            throws: { ($0 as? PGError)?.sqlState == "23514" }
        #expect { try a.recordLoginFailure(keys: ["user:admin|from:1.2.3.4"], at: now, forgetBefore: now) }
            throws: { ($0 as? PGError)?.sqlState == "23514" }
        #expect(try count("SELECT count(*) FROM web_session") == 0)
    }

    /// Checking a session does not wait for a posting: the web state's statements run outside
    /// the writers' lock that every write transaction holds.
    @Test func aSessionIsReadWhileAWriterHoldsTheWritersLock() throws {
        try a.setSession(key: key("s"), value: Data("s".utf8), expires: nil, now: now)
        try a.withWriteTransaction { _ in
            #expect(try b.session(key: key("s"), now: now)?.value == Data("s".utf8))
            try b.recordLoginFailure(keys: [key("k")], at: now, forgetBefore: now.addingTimeInterval(-1))
        }
    }
}
