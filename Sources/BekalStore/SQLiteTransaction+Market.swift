import BekalCore
import GRDB

/// A business's way to the market: licences, koperasi or KUBE, channels, exhibitions.
extension SQLiteTransaction: MarketPort {
    func insertLicence(usahaID: Int64, kind: LicenceKind, number: String, issuedOn: LocalDate, validUntil: LocalDate?,
                       actor: String, recordedAt: String) throws -> UsahaLicence {
        try run("""
            INSERT INTO usaha_licence (usaha_id, kind, number, issued_on, valid_until, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [usahaID, kind.rawValue, number, issuedOn.description, validUntil?.description, actor, recordedAt])
        return UsahaLicence(id: db.lastInsertedRowID, usahaID: usahaID, kind: kind, number: number, issuedOn: issuedOn,
                            validUntil: validUntil, actor: actor, recordedAt: recordedAt)
    }

    func licences(usahaID: Int64?) throws -> [UsahaLicence] {
        try all("SELECT * FROM usaha_licence WHERE ?1 IS NULL OR usaha_id = ?1 ORDER BY id", [usahaID]).map(Self.licence)
    }

    func licence(kind: LicenceKind, number: String) throws -> UsahaLicence? {
        try one("SELECT * FROM usaha_licence WHERE kind = ? AND number = ? ORDER BY id DESC LIMIT 1", [kind.rawValue, number]).map(Self.licence)
    }

    static func licence(_ row: Row) throws -> UsahaLicence {
        UsahaLicence(id: row["id"], usahaID: row["usaha_id"], kind: try MarketRows.licenceKind(row["kind"]), number: row["number"],
                     issuedOn: try LocalDate.parse(row["issued_on"]), validUntil: try (row["valid_until"] as String?).map { try LocalDate.parse($0) },
                     actor: row["actor"], recordedAt: row["recorded_at"])
    }

    func insertAffiliation(usahaID: Int64, kind: AffiliationKind, name: String, onDate: LocalDate, joined: Bool,
                           actor: String, recordedAt: String) throws -> UsahaAffiliation {
        try run("""
            INSERT INTO usaha_affiliation (usaha_id, kind, name, on_date, joined, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [usahaID, kind.rawValue, name, onDate.description, joined ? 1 : 0, actor, recordedAt])
        return UsahaAffiliation(id: db.lastInsertedRowID, usahaID: usahaID, kind: kind, name: name, onDate: onDate, joined: joined,
                                actor: actor, recordedAt: recordedAt)
    }

    func affiliations(usahaID: Int64?) throws -> [UsahaAffiliation] {
        try all("SELECT * FROM usaha_affiliation WHERE ?1 IS NULL OR usaha_id = ?1 ORDER BY id", [usahaID]).map { row in
            UsahaAffiliation(id: row["id"], usahaID: row["usaha_id"], kind: try MarketRows.affiliationKind(row["kind"]), name: row["name"],
                             onDate: try LocalDate.parse(row["on_date"]), joined: (row["joined"] as Int64) == 1,
                             actor: row["actor"], recordedAt: row["recorded_at"])
        }
    }

    func insertChannel(usahaID: Int64, channel: SalesChannel, onDate: LocalDate, active: Bool, actor: String,
                       recordedAt: String) throws -> UsahaChannel {
        try run("INSERT INTO usaha_channel (usaha_id, channel, on_date, active, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                [usahaID, channel.rawValue, onDate.description, active ? 1 : 0, actor, recordedAt])
        return UsahaChannel(id: db.lastInsertedRowID, usahaID: usahaID, channel: channel, onDate: onDate, active: active,
                            actor: actor, recordedAt: recordedAt)
    }

    func channels(usahaID: Int64?) throws -> [UsahaChannel] {
        try all("SELECT * FROM usaha_channel WHERE ?1 IS NULL OR usaha_id = ?1 ORDER BY id", [usahaID]).map { row in
            UsahaChannel(id: row["id"], usahaID: row["usaha_id"], channel: try MarketRows.channel(row["channel"]),
                         onDate: try LocalDate.parse(row["on_date"]), active: (row["active"] as Int64) == 1,
                         actor: row["actor"], recordedAt: row["recorded_at"])
        }
    }

    func insertMarketEvent(kind: MarketEventKind, name: String, place: String, startsOn: LocalDate, endsOn: LocalDate,
                           standEntryID: Int64?, actor: String, recordedAt: String) throws -> MarketEvent {
        try run("""
            INSERT INTO market_event (kind, name, place, starts_on, ends_on, stand_entry_id, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [kind.rawValue, name, place, startsOn.description, endsOn.description, standEntryID, actor, recordedAt])
        return MarketEvent(id: db.lastInsertedRowID, kind: kind, name: name, place: place, startsOn: startsOn, endsOn: endsOn,
                           standEntryID: standEntryID, actor: actor, recordedAt: recordedAt)
    }

    func marketEvents() throws -> [MarketEvent] {
        try all("SELECT * FROM market_event ORDER BY starts_on, id").map(Self.marketEvent)
    }

    func marketEvent(id: Int64) throws -> MarketEvent? {
        try one("SELECT * FROM market_event WHERE id = ?", [id]).map(Self.marketEvent)
    }

    static func marketEvent(_ row: Row) throws -> MarketEvent {
        MarketEvent(id: row["id"], kind: try MarketRows.eventKind(row["kind"]), name: row["name"], place: row["place"],
                    startsOn: try LocalDate.parse(row["starts_on"]), endsOn: try LocalDate.parse(row["ends_on"]),
                    standEntryID: row["stand_entry_id"], actor: row["actor"], recordedAt: row["recorded_at"])
    }

    func insertMarketParticipant(eventID: Int64, usahaID: Int64) throws {
        try run("INSERT INTO market_participant (event_id, usaha_id) VALUES (?, ?)", [eventID, usahaID])
    }

    func insertMarketSale(eventID: Int64, usahaID: Int64, amount: Rupiah, actor: String, recordedAt: String) throws {
        try run("INSERT INTO market_sale (event_id, usaha_id, amount, actor, recorded_at) VALUES (?, ?, ?, ?, ?)",
                [eventID, usahaID, amount.amount, actor, recordedAt])
    }

    func marketParticipants(eventID: Int64?) throws -> [MarketParticipant] {
        try all("""
            SELECT p.event_id, p.usaha_id, s.amount FROM market_participant p
            LEFT JOIN market_sale s ON s.event_id = p.event_id AND s.usaha_id = p.usaha_id
            WHERE ?1 IS NULL OR p.event_id = ?1 ORDER BY p.event_id, p.usaha_id
            """, [eventID]).map { row in
            MarketParticipant(eventID: row["event_id"], usahaID: row["usaha_id"], sales: (row["amount"] as Int64?).map(Rupiah.init))
        }
    }
}
