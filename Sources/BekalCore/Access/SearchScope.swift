/// What a search may find for one user: the registers her work needs, and no more.
///
/// The admin finds everything; the bendahara people (to pay them), kelompok, usaha and the
/// office book's entries by kuitansi number; a pendamping the people, kelompok and usaha of
/// her own caseload; a partner the businesses listed for partners; the monitor nothing (the
/// roll-up has no person in it). Pure: it decides from the role alone.
public struct SearchScope: Hashable, Sendable {
    /// Beneficiaries, by name, register number or NIK (the NIK itself is never shown).
    public var people: Bool
    public var kelompok: Bool
    public var usaha: Bool
    /// Entries of the office book by their reference (kuitansi number).
    public var entries: Bool
    /// Only this worker's caseload (a pendamping's).
    public var caseloadOf: Int64?
    /// Only businesses listed for partners, without the owner's name unless she consented.
    public var partnerListingOnly: Bool

    public init(role: Role, workerID: Int64?) {
        switch role {
        case .admin:
            self.init(people: true, kelompok: true, usaha: true, entries: true)
        case .bendahara:
            self.init(people: true, kelompok: true, usaha: true, entries: true)
        case .pendamping:
            // Without a linked worker she has no caseload: nothing to find.
            self.init(people: workerID != nil, kelompok: workerID != nil, usaha: workerID != nil, entries: false,
                      caseloadOf: workerID ?? -1)
        case .mitra:
            self.init(people: false, kelompok: false, usaha: true, entries: false, partnerListingOnly: true)
        case .pemantau:
            self.init(people: false, kelompok: false, usaha: false, entries: false)
        case .kepala:
            // The books and the lists she approves: entries by kuitansi number, and businesses.
            self.init(people: false, kelompok: false, usaha: true, entries: true, partnerListingOnly: true)
        }
    }

    public init(_ user: AppUser) {
        self.init(role: user.active ? user.role : .pemantau, workerID: user.workerID)
        if !user.active { self = SearchScope(people: false, kelompok: false, usaha: false, entries: false) }
    }

    public init(people: Bool, kelompok: Bool, usaha: Bool, entries: Bool, caseloadOf: Int64? = nil, partnerListingOnly: Bool = false) {
        self.people = people
        self.kelompok = kelompok
        self.usaha = usaha
        self.entries = entries
        self.caseloadOf = caseloadOf
        self.partnerListingOnly = partnerListingOnly
    }

    /// Nothing at all may be found: no search box.
    public var isEmpty: Bool { !people && !kelompok && !usaha && !entries }
}
