import BekalCore

/// A business's way to the market: `SQLiteTransaction+Market.swift` in PostgreSQL's words.
extension PostgresTransaction: MarketPort {
    func insertLicence(usahaID: Int64, kind: LicenceKind, number: String, issuedOn: LocalDate, validUntil: LocalDate?,
                       actor: String, recordedAt: String) throws -> UsahaLicence {
        let id = try insertReturningID("""
            INSERT INTO usaha_licence (usaha_id, kind, number, issued_on, valid_until, actor, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """, [.int(usahaID), .text(kind.rawValue), .text(number), .text(issuedOn.description), PGValue(validUntil?.description),
                  .text(actor), .text(recordedAt)])
        return UsahaLicence(id: id, usahaID: usahaID, kind: kind, number: number, issuedOn: issuedOn, validUntil: validUntil,
                            actor: actor, recordedAt: recordedAt)
    }

    func licences(usahaID: Int64?) throws -> [UsahaLicence] {
        try all("SELECT * FROM usaha_licence WHERE $1::bigint IS NULL OR usaha_id = $1 ORDER BY id", [PGValue(usahaID)]).map(Self.licence)
    }

    func licence(kind: LicenceKind, number: String) throws -> UsahaLicence? {
        try one("SELECT * FROM usaha_licence WHERE kind = $1 AND number = $2 ORDER BY id DESC LIMIT 1", [.text(kind.rawValue), .text(number)])
            .map(Self.licence)
    }

    static func licence(_ row: PGRow) throws -> UsahaLicence {
        UsahaLicence(id: try row.int("id"), usahaID: try row.int("usaha_id"), kind: try MarketRows.licenceKind(try row.text("kind")),
                     number: try row.text("number"), issuedOn: try LocalDate.parse(try row.text("issued_on")),
                     validUntil: try row.optionalText("valid_until").map { try LocalDate.parse($0) },
                     actor: try row.text("actor"), recordedAt: try row.text("recorded_at"))
    }

    func insertAffiliation(usahaID: Int64, kind: AffiliationKind, name: String, onDate: LocalDate, joined: Bool,
                           actor: String, recordedAt: String) throws -> UsahaAffiliation {
        let id = try insertReturningID("""
            INSERT INTO usaha_affiliation (usaha_id, kind, name, on_date, joined, actor, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """, [.int(usahaID), .text(kind.rawValue), .text(name), .text(onDate.description), .int(joined ? 1 : 0), .text(actor), .text(recordedAt)])
        return UsahaAffiliation(id: id, usahaID: usahaID, kind: kind, name: name, onDate: onDate, joined: joined, actor: actor, recordedAt: recordedAt)
    }

    func affiliations(usahaID: Int64?) throws -> [UsahaAffiliation] {
        try all("SELECT * FROM usaha_affiliation WHERE $1::bigint IS NULL OR usaha_id = $1 ORDER BY id", [PGValue(usahaID)]).map { row in
            UsahaAffiliation(id: try row.int("id"), usahaID: try row.int("usaha_id"), kind: try MarketRows.affiliationKind(try row.text("kind")),
                             name: try row.text("name"), onDate: try LocalDate.parse(try row.text("on_date")), joined: try row.int("joined") == 1,
                             actor: try row.text("actor"), recordedAt: try row.text("recorded_at"))
        }
    }

    func insertChannel(usahaID: Int64, channel: SalesChannel, onDate: LocalDate, active: Bool, actor: String,
                       recordedAt: String) throws -> UsahaChannel {
        let id = try insertReturningID("""
            INSERT INTO usaha_channel (usaha_id, channel, on_date, active, actor, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
            """, [.int(usahaID), .text(channel.rawValue), .text(onDate.description), .int(active ? 1 : 0), .text(actor), .text(recordedAt)])
        return UsahaChannel(id: id, usahaID: usahaID, channel: channel, onDate: onDate, active: active, actor: actor, recordedAt: recordedAt)
    }

    func channels(usahaID: Int64?) throws -> [UsahaChannel] {
        try all("SELECT * FROM usaha_channel WHERE $1::bigint IS NULL OR usaha_id = $1 ORDER BY id", [PGValue(usahaID)]).map { row in
            UsahaChannel(id: try row.int("id"), usahaID: try row.int("usaha_id"), channel: try MarketRows.channel(try row.text("channel")),
                         onDate: try LocalDate.parse(try row.text("on_date")), active: try row.int("active") == 1,
                         actor: try row.text("actor"), recordedAt: try row.text("recorded_at"))
        }
    }

    func insertMarketEvent(kind: MarketEventKind, name: String, place: String, startsOn: LocalDate, endsOn: LocalDate,
                           standEntryID: Int64?, actor: String, recordedAt: String) throws -> MarketEvent {
        let id = try insertReturningID("""
            INSERT INTO market_event (kind, name, place, starts_on, ends_on, stand_entry_id, actor, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
            """, [.text(kind.rawValue), .text(name), .text(place), .text(startsOn.description), .text(endsOn.description), PGValue(standEntryID),
                  .text(actor), .text(recordedAt)])
        return MarketEvent(id: id, kind: kind, name: name, place: place, startsOn: startsOn, endsOn: endsOn, standEntryID: standEntryID,
                           actor: actor, recordedAt: recordedAt)
    }

    func marketEvents() throws -> [MarketEvent] {
        try all("SELECT * FROM market_event ORDER BY starts_on, id").map(Self.marketEvent)
    }

    func marketEvent(id: Int64) throws -> MarketEvent? {
        try one("SELECT * FROM market_event WHERE id = $1", [.int(id)]).map(Self.marketEvent)
    }

    static func marketEvent(_ row: PGRow) throws -> MarketEvent {
        MarketEvent(id: try row.int("id"), kind: try MarketRows.eventKind(try row.text("kind")), name: try row.text("name"),
                    place: try row.text("place"), startsOn: try LocalDate.parse(try row.text("starts_on")),
                    endsOn: try LocalDate.parse(try row.text("ends_on")), standEntryID: try row.optionalInt("stand_entry_id"),
                    actor: try row.text("actor"), recordedAt: try row.text("recorded_at"))
    }

    func insertMarketParticipant(eventID: Int64, usahaID: Int64) throws {
        try run("INSERT INTO market_participant (event_id, usaha_id) VALUES ($1, $2)", [.int(eventID), .int(usahaID)])
    }

    func insertMarketSale(eventID: Int64, usahaID: Int64, amount: Rupiah, actor: String, recordedAt: String) throws {
        try run("INSERT INTO market_sale (event_id, usaha_id, amount, actor, recorded_at) VALUES ($1, $2, $3, $4, $5)",
                [.int(eventID), .int(usahaID), .money(amount), .text(actor), .text(recordedAt)])
    }

    func marketParticipants(eventID: Int64?) throws -> [MarketParticipant] {
        try all("""
            SELECT p.event_id, p.usaha_id, s.amount FROM market_participant p
            LEFT JOIN market_sale s ON s.event_id = p.event_id AND s.usaha_id = p.usaha_id
            WHERE $1::bigint IS NULL OR p.event_id = $1 ORDER BY p.event_id, p.usaha_id
            """, [PGValue(eventID)]).map { row in
            MarketParticipant(eventID: try row.int("event_id"), usahaID: try row.int("usaha_id"), sales: try row.optionalInt("amount").map(Rupiah.init))
        }
    }
}
