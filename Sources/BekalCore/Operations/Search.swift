import Foundation

/// One person in a register page or a search: who she is in the register and where she is in
/// the programme (her latest enrolment). Carries her name: only roles that may see names get one.
public struct RegisterLine: Hashable, Sendable {
    public let beneficiaryID: Int64
    public let externalRef: String?
    public let name: String
    public let birthYear: Int?
    public let kelurahan: String?
    public let hasNIK: Bool
    /// Her latest enrolment: cohort code and name, track name, status; nil when never enrolled.
    public let cohortCode: String?
    public let cohortName: String?
    public let trackName: String?
    public let status: Enrolment.Status?
    public var code: String { Beneficiary.code(for: beneficiaryID) }
}

/// One page of the register of beneficiaries.
public struct RegisterPage: Sendable {
    public let lines: [RegisterLine]
    /// How many match in all, and which page this is (from 1) of how many.
    public let total: Int
    public let page: Int
    public let pageSize: Int
    public var pageCount: Int { max(1, (total + pageSize - 1) / pageSize) }
}

/// What a search found, within the searcher's ``SearchScope``.
public struct SearchResults: Sendable {
    public struct KelompokHit: Hashable, Sendable {
        public let code: String
        public let name: String
        public let cohortCode: String?
    }
    public struct UsahaHit: Hashable, Sendable {
        public let code: String
        /// Brand (or product when it has none) and product.
        public let label: String
        public let product: String
    }
    public let text: String
    public let scope: SearchScope
    public var people: [RegisterLine] = []
    /// More people matched than are listed (a register page lists them all).
    public var morePeople = false
    public var kelompok: [KelompokHit] = []
    public var usaha: [UsahaHit] = []
    public var entries: [JournalEntry] = []
    public var isEmpty: Bool { people.isEmpty && kelompok.isEmpty && usaha.isEmpty && entries.isEmpty }
}

extension Operations {
    /// The shortest text a search looks for: one letter would list half the register.
    public static let searchTextMinimum = 2
    /// How many hits of each kind a search lists.
    public static let searchLimit = 20

    /// A page of the register of beneficiaries, newest registered first; `text` narrows it as
    /// a search does (name, register number, Bekal code, NIK). For the roles that may see the
    /// whole register (the admin): the route's door checks it.
    public func register(matching text: String?, page: Int, pageSize: Int = 25) throws -> RegisterPage {
        let page = max(1, page)
        let text = text?.trimmedOfWhitespace ?? ""
        guard let match = text.isEmpty ? .everyone : Self.personMatch(text) else {
            // Only punctuation: nobody's name or number.
            return RegisterPage(lines: [], total: 0, page: page, pageSize: pageSize)
        }
        return try store.read { tx in
            let (people, total) = try tx.registerPage(match, limit: pageSize, offset: (page - 1) * pageSize)
            var lookup = RegisterLookup(tx)
            return RegisterPage(lines: try people.map { try lookup.line($0) }, total: total, page: page, pageSize: pageSize)
        }
    }

    /// Searches what the scope allows: people by name, register number, Bekal code or NIK;
    /// kelompok and usaha by code or name; the office book's entries by kuitansi number. A
    /// pendamping's scope holds her to her caseload; a partner's to the businesses listed for
    /// partners (by code, brand and product only). Text shorter than ``searchTextMinimum`` finds nothing.
    public func search(_ text: String, scope: SearchScope, asOf: LocalDate) throws -> SearchResults {
        let text = text.trimmedOfWhitespace
        var results = SearchResults(text: text, scope: scope)
        guard text.count >= Self.searchTextMinimum, !scope.isEmpty else { return results }
        let key = LikelyDuplicate.nameKey(text)
        let upper = text.uppercased()
        return try store.read { tx in
            var lookup = RegisterLookup(tx)
            // Who she may find, for a pendamping: her caseload now.
            let caseload: (people: Set<Int64>, kelompok: Set<Int64>)? = try scope.caseloadOf.map { worker in
                (Set(try tx.caseSummaries(workerID: worker).map(\.beneficiaryID)), Set(try tx.caseloadKelompokIDs(workerID: worker)))
            }
            if scope.people {
                if let caseload {
                    let hits = try caseload.people.sorted().compactMap { id -> Beneficiary? in
                        guard let person = try tx.beneficiary(id: id) else { return nil }
                        let matches = Self.nameKey(LikelyDuplicate.nameKey(person.name), contains: key) && !key.isEmpty
                            || person.code == upper || person.externalRef?.uppercased().hasPrefix(upper) == true
                        return matches ? person : nil
                    }
                    results.people = try hits.prefix(Self.searchLimit).map { try lookup.line($0) }
                    results.morePeople = hits.count > Self.searchLimit
                } else if let match = Self.personMatch(text) {
                    let (people, total) = try tx.registerPage(match, limit: Self.searchLimit, offset: 0)
                    results.people = try people.map { try lookup.line($0) }
                    results.morePeople = total > people.count
                }
            }
            if scope.kelompok {
                let cohorts = Dictionary(uniqueKeysWithValues: try tx.cohorts().map { ($0.id, $0.code) })
                results.kelompok = try tx.kelompoks().filter { k in
                    (caseload?.kelompok.contains(k.id) ?? true)
                        && (k.code == upper || (!key.isEmpty && Self.nameKey(LikelyDuplicate.nameKey(k.name), contains: key)))
                }.prefix(Self.searchLimit).map { .init(code: $0.code, name: $0.name, cohortCode: cohorts[$0.cohortID]) }
            }
            if scope.usaha {
                if scope.partnerListingOnly {
                    // The partner finds only what her register lists, by its business columns.
                    let register = try KoperasiProfile.register(from: tx, asOf: asOf)
                    let columns = KoperasiProfile.Column.allCases
                    func text(_ row: [Table.Cell], _ column: KoperasiProfile.Column) -> String {
                        if case .text(let t) = row[columns.firstIndex(of: column)!] { return t }
                        return ""
                    }
                    results.usaha = register.rows.filter { row in
                        text(row, .code) == upper || [text(row, .brand), text(row, .product)]
                            .contains { !key.isEmpty && Self.nameKey(LikelyDuplicate.nameKey($0), contains: key) }
                    }.prefix(Self.searchLimit).map { row in
                        let brand = text(row, .brand)
                        return .init(code: text(row, .code), label: brand.isEmpty ? text(row, .product) : brand, product: text(row, .product))
                    }
                } else {
                    results.usaha = try tx.usahas().filter { u in
                        if let caseload {
                            switch u.owner {
                            case .beneficiary(let id): guard caseload.people.contains(id) else { return false }
                            case .kelompok(let id): guard caseload.kelompok.contains(id) else { return false }
                            }
                        }
                        return u.code == upper || [u.brand ?? "", u.product]
                            .contains { !key.isEmpty && Self.nameKey(LikelyDuplicate.nameKey($0), contains: key) }
                    }.prefix(Self.searchLimit).map { .init(code: $0.code, label: $0.brand ?? $0.product, product: $0.product) }
                }
            }
            if scope.entries, let book = try tx.book(code: Book.officeCode) {
                results.entries = try tx.entries(documentRefContaining: text, bookID: book.id, limit: Self.searchLimit)
            }
            return results
        }
    }

    /// Whether the name key `name` contains the key `key`, as `name.contains(key)` answers:
    /// when both are ASCII, as nearly every name is, by comparing bytes (Foundation's search,
    /// about 1 % of a search page, finds the same there: ASCII has no two spellings of a text).
    static func nameKey(_ name: String, contains key: String) -> Bool {
        let bytewise = name.utf8.withContiguousStorageIfAvailable { n in
            key.utf8.withContiguousStorageIfAvailable { k -> Bool? in
                guard !k.isEmpty, n.allSatisfy({ $0 < 0x80 }), k.allSatisfy({ $0 < 0x80 }) else { return nil }
                guard k.count <= n.count else { return false }
                for start in 0...(n.count - k.count) where n[start] == k[0] {
                    var i = 1
                    while i < k.count && n[start + i] == k[i] { i += 1 }
                    if i == k.count { return true }
                }
                return false
            } ?? nil
        } ?? nil
        return bytewise ?? name.contains(key)
    }

    /// What a typed text looks for in the register: a NIK (16 digits), a Bekal code, or a name
    /// and register number. Nil: nothing usable (only punctuation).
    static func personMatch(_ text: String) -> PersonMatch? {
        let t = text.trimmedOfWhitespace
        if t.isEmpty { return nil }
        if t.count == 16, t.allSatisfy(\.isASCII), t.allSatisfy(\.isNumber), let nik = try? NIK.parse(t) { return .nik(nik) }
        if t.uppercased().hasPrefix("B-"), let id = Resolve.id(t, prefix: "B") { return .code(id: id, reference: t) }
        let key = LikelyDuplicate.nameKey(t)
        if key.isEmpty && !t.contains(where: { $0.isLetter || $0.isNumber }) { return nil }
        return .text(nameKey: key, reference: t)
    }
}

/// Reads the enrolment, cohort and track of register lines, each cohort and track once.
struct RegisterLookup {
    let tx: any StoreTransaction
    var cohorts: [Int64: Cohort] = [:]
    var tracks: [Int64: Track] = [:]

    init(_ tx: any StoreTransaction) { self.tx = tx }

    mutating func line(_ person: Beneficiary) throws -> RegisterLine {
        let latest = try tx.enrolments(beneficiaryID: person.id).max { $0.id < $1.id }
        var cohort: Cohort?
        var track: Track?
        if let latest {
            if cohorts[latest.cohortID] == nil { cohorts[latest.cohortID] = try tx.cohort(id: latest.cohortID) }
            if tracks[latest.trackID] == nil { tracks[latest.trackID] = try tx.track(id: latest.trackID) }
            cohort = cohorts[latest.cohortID]
            track = tracks[latest.trackID]
        }
        return RegisterLine(beneficiaryID: person.id, externalRef: person.externalRef, name: person.name, birthYear: person.birthYear,
                            kelurahan: person.kelurahan, hasNIK: person.nik != nil, cohortCode: cohort?.code, cohortName: cohort?.name,
                            trackName: track?.name, status: latest?.status)
    }
}
