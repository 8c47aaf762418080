import BekalCore
@testable import BekalStore
import Foundation
import Testing

/// Web users: the rules of `Operations.addUser` and friends, and the schema's second line.
@Suite struct UserTests {
    /// A stand-in for bcrypt: the core only needs some function from password to hash.
    static func hash(_ password: String) -> String { "hashed:" + String(password.reversed()) }

    func fixture() throws -> Fixture {
        let f = try Fixture()
        _ = try f.ops.addWorker(code: "PSM-01", name: "Pendamping Satu")
        return f
    }

    func userCount(_ f: Fixture) throws -> Int { try f.store.integerForTesting("SELECT count(*) FROM app_user") }

    @Test func aUserIsStoredWithTheHashNeverThePassword() throws {
        let f = try fixture()
        let user = try f.ops.addUser(UserDraft(username: " Bendahara.Satu ", displayName: "", role: .bendahara),
                                     password: "rahasia-panjang", hash: Self.hash, context: Fixture.context)
        #expect(user.username == "bendahara.satu")
        #expect(user.displayName == "bendahara.satu")
        #expect(user.passwordHash == Self.hash("rahasia-panjang"))
        let stored = try #require(try f.ops.user(username: "BENDAHARA.SATU"))
        #expect(stored == user)
        #expect(try f.store.integerForTesting("SELECT count(*) FROM app_user WHERE password_hash LIKE '%rahasia%'") == 0)
    }

    @Test func aPendampingIsLinkedToHerWorker() throws {
        let f = try fixture()
        let user = try f.ops.addUser(UserDraft(username: "marlina", displayName: "Marlina", role: .pendamping, worker: "psm-01"),
                                     password: "rahasia-panjang", hash: Self.hash, context: Fixture.context)
        let worker = try #require(try f.store.read { tx in try tx.worker(code: "PSM-01") })
        #expect(user.workerID == worker.id)
    }

    @Test(arguments: [
        (UserDraft(username: "ab", displayName: "", role: .admin), "rahasia-panjang", "invalid_input"),
        (UserDraft(username: "budi santoso", displayName: "", role: .admin), "rahasia-panjang", "invalid_input"),
        (UserDraft(username: "budi", displayName: "", role: .admin), "pendek", "password_too_short"),
        (UserDraft(username: "budi", displayName: "", role: .admin), String(repeating: "x", count: 73), "password_too_long"),
        (UserDraft(username: "budi", displayName: "", role: .pendamping), "rahasia-panjang", "worker_required"),
        (UserDraft(username: "budi", displayName: "", role: .pendamping, worker: "PSM-99"), "rahasia-panjang", "not_found"),
        (UserDraft(username: "budi", displayName: "", role: .mitra, worker: "PSM-01"), "rahasia-panjang", "worker_not_allowed"),
    ])
    func refusalsWriteNothing(draft: UserDraft, password: String, code: String) throws {
        let f = try fixture()
        #expect {
            try f.ops.addUser(draft, password: password, hash: Self.hash, context: Fixture.context)
        } throws: { error in
            (error as? any BekalFailure)?.code == code
        }
        #expect(try userCount(f) == 0)
    }

    @Test func aTakenNameIsRefusedWithItsName() throws {
        let f = try fixture()
        _ = try f.ops.addUser(UserDraft(username: "admin", displayName: "", role: .admin), password: "rahasia-panjang", hash: Self.hash, context: Fixture.context)
        #expect(throws: AccessRejection.duplicateUsername("admin")) {
            try f.ops.addUser(UserDraft(username: "ADMIN", displayName: "", role: .bendahara), password: "rahasia-panjang", hash: Self.hash, context: Fixture.context)
        }
        #expect(try userCount(f) == 1)
    }

    @Test func passwordAndActiveFlagCanChangeForAKnownUserOnly() throws {
        let f = try fixture()
        _ = try f.ops.addUser(UserDraft(username: "admin", displayName: "", role: .admin), password: "rahasia-panjang", hash: Self.hash, context: Fixture.context)
        _ = try f.ops.addUser(UserDraft(username: "admin2", displayName: "", role: .admin), password: "rahasia-panjang", hash: Self.hash, context: Fixture.context)
        try f.ops.setPassword(username: "admin", password: "rahasia-baru-sekali", hash: Self.hash, context: Fixture.context)
        try f.ops.setUserActive(username: "admin", active: false, context: Fixture.context)
        let user = try #require(try f.ops.user(username: "admin"))
        #expect(user.passwordHash == Self.hash("rahasia-baru-sekali"))
        #expect(!user.active)
        #expect(!user.may(.viewBooks))
        #expect(throws: AccessRejection.unknownUser("siapa")) { try f.ops.setUserActive(username: "siapa", active: true, context: Fixture.context) }
    }

    @Test func theSchemaRefusesAPendampingWithoutAWorkerEvenPastTheCore() throws {
        let f = try fixture()
        #expect(throws: (any Error).self) {
            try f.store.unsafeExecuteForTesting("""
                INSERT INTO app_user (username, display_name, role, password_hash, created_at)
                VALUES ('x-user', 'X', 'pendamping', 'h', '2026-01-01T00:00:00Z')
                """)
        }
        #expect(throws: (any Error).self) {
            try f.store.unsafeExecuteForTesting("""
                INSERT INTO app_user (username, display_name, role, password_hash, created_at)
                VALUES ('x-user', 'X', 'superuser', 'h', '2026-01-01T00:00:00Z')
                """)
        }
    }

    @Test func thePolicyGivesEachRoleOnlyWhatItsWorkNeeds() {
        #expect(AccessPolicy.allows(.admin, .viewOutcomes))
        for role in [Role.bendahara, .pendamping, .mitra] {
            #expect(!AccessPolicy.allows(role, .viewOutcomes), "\(role)")
            #expect(!AccessPolicy.allows(role, .downloadHasil), "\(role)")
            #expect(!AccessPolicy.allows(role, .viewAudit), "\(role)")
            #expect(!AccessPolicy.allows(role, .administer), "\(role)")
        }
        #expect(AccessPolicy.allows(.bendahara, .recordMoney))
        #expect(!AccessPolicy.allows(.pendamping, .recordMoney))
        #expect(!AccessPolicy.allows(.mitra, .recordMoney))
        #expect(AccessPolicy.allows(.pendamping, .recordVisits))
        #expect(!AccessPolicy.allows(.bendahara, .recordVisits))
        #expect(!AccessPolicy.allows(.mitra, .viewCaseload))
        #expect(Permission.allCases.filter { AccessPolicy.allows(.mitra, $0) } == [.viewBusinesses, .downloadKoperasi])
        #expect(AccessPolicy.limitedToOwnCaseload(.pendamping))
        #expect(!AccessPolicy.limitedToOwnCaseload(.admin))
    }
}

@Suite struct UserAuditTests {
    func audit(_ f: Fixture) throws -> [AuditRecord] {
        try f.store.read { tx in try tx.auditRecords(actor: nil, action: nil, from: nil, to: nil, limit: 100) }
    }

    @Test func everyChangeToAUserIsAuditedWithoutThePassword() throws {
        let f = try Fixture()
        _ = try f.ops.addWorker(code: "PSM-01", name: "Pendamping Satu")
        let admin = OperationContext(actor: "kepala", now: Fixture.now)
        _ = try f.ops.addUser(UserDraft(username: "marlina", displayName: "Marlina", role: .pendamping, worker: "PSM-01"),
                              password: "rahasia-panjang", hash: UserTests.hash, context: admin)
        try f.ops.setPassword(username: "marlina", password: "rahasia-baru-sekali", hash: UserTests.hash, context: admin)
        try f.ops.setUserActive(username: "marlina", active: false, context: admin)
        try f.ops.setUserActive(username: "marlina", active: true, context: admin)
        let records = try audit(f)
        #expect(Set(records.map(\.action)) == ["user.add", "user.password", "user.disable", "user.enable"])
        #expect(records.allSatisfy { $0.actor == "kepala" && $0.subject == "marlina" })
        #expect(records.first { $0.action == "user.add" }?.detail == "role pendamping, worker PSM-01")
        for record in records {
            #expect(!record.detail.contains("rahasia") && !record.detail.contains("hashed:"))
            #expect(!record.detail.contains("Marlina"), "the display name is a person's name")
        }
    }

    @Test func theLastActiveAdminCannotBeSwitchedOff() throws {
        let f = try Fixture()
        let ctx = OperationContext(actor: "kepala", now: Fixture.now)
        _ = try f.ops.addUser(UserDraft(username: "admin1", displayName: "", role: .admin), password: "rahasia-panjang",
                              hash: UserTests.hash, context: ctx)
        #expect(throws: AccessRejection.lastAdmin("admin1")) {
            try f.ops.setUserActive(username: "admin1", active: false, context: ctx)
        }
        #expect(try f.ops.user(username: "admin1")?.active == true)
        _ = try f.ops.addUser(UserDraft(username: "admin2", displayName: "", role: .admin), password: "rahasia-panjang",
                              hash: UserTests.hash, context: ctx)
        try f.ops.setUserActive(username: "admin1", active: false, context: ctx)
        #expect(throws: AccessRejection.lastAdmin("admin2")) {
            try f.ops.setUserActive(username: "admin2", active: false, context: ctx)
        }
        #expect(try audit(f).filter { $0.action == "user.disable" }.count == 1)
    }
}
