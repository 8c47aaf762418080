import BekalCore

/// Aftercare on PostgreSQL: workers, assignments, visits, outcomes and the audit log, with the
/// contact half of `case_summary` (the rest is ``refreshCase(beneficiaryID:)``). The SQL is the
/// SQLite store's (`SQLiteTransaction+Aftercare.swift`); what it reads leniently (an unknown
/// whereabouts, grant use or kind of support is nil or left out) it reads leniently here too.
extension PostgresTransaction: AftercarePort {
    static func aftercareWorker(_ row: PGRow) throws -> AftercareWorker {
        AftercareWorker(id: try row.int("id"), code: try row.text("code"), name: try row.text("name"))
    }

    func worker(id: Int64) throws -> AftercareWorker? {
        try besideTheWriter {
            try one("SELECT * FROM worker WHERE id = $1", [.int(id)]).map(Self.aftercareWorker)
        }
    }

    func worker(code: String) throws -> AftercareWorker? {
        try besideTheWriter {
            try one("SELECT * FROM worker WHERE code = $1", [.text(code)]).map(Self.aftercareWorker)
        }
    }

    /// By code in byte order, as SQLite's BINARY collation sorts, whatever the server's locale.
    func workers() throws -> [AftercareWorker] {
        try besideTheWriter {
            try all("SELECT * FROM worker ORDER BY code COLLATE \"C\"").map(Self.aftercareWorker)
        }
    }

    func insertWorker(code: String, name: String) throws -> AftercareWorker {
        let id = try insertReturningID("INSERT INTO worker (code, name) VALUES ($1, $2) RETURNING id", [.text(code), .text(name)])
        return AftercareWorker(id: id, code: code, name: name)
    }

    static func caseAssignment(_ row: PGRow) throws -> CaseAssignment {
        let subject: CaseSubject = try row.optionalInt("beneficiary_id").map { .beneficiary($0) } ?? .kelompok(try row.int("kelompok_id"))
        return CaseAssignment(id: try row.int("id"), workerID: try row.int("worker_id"), subject: subject,
                              fromDate: try row.date("from_date"), toDate: try row.optionalDate("to_date"))
    }

    func currentAssignment(_ subject: CaseSubject) throws -> CaseAssignment? {
        try besideTheWriter {
            switch subject {
            case .beneficiary(let id):
                try one("SELECT * FROM case_assignment WHERE beneficiary_id = $1 AND to_date IS NULL", [.int(id)]).map(Self.caseAssignment)
            case .kelompok(let id):
                try one("SELECT * FROM case_assignment WHERE kelompok_id = $1 AND to_date IS NULL", [.int(id)]).map(Self.caseAssignment)
            }
        }
    }

    func endAssignment(id: Int64, toDate: LocalDate) throws {
        try run("UPDATE case_assignment SET to_date = $1 WHERE id = $2", [.date(toDate), .int(id)])
        if let row = try one("SELECT beneficiary_id, kelompok_id FROM case_assignment WHERE id = $1", [.int(id)]) {
            try refreshAssigned(subject: try row.optionalInt("beneficiary_id").map { .beneficiary($0) } ?? .kelompok(try row.int("kelompok_id")))
        }
    }

    private func refreshAssigned(subject: CaseSubject) throws {
        switch subject {
        case .beneficiary(let id): try refreshCase(beneficiaryID: id)
        case .kelompok(let id): try refreshCases(kelompokID: id)
        }
    }

    func insertAssignment(workerID: Int64, subject: CaseSubject, fromDate: LocalDate) throws -> CaseAssignment {
        var beneficiaryID: Int64?, kelompokID: Int64?
        switch subject {
        case .beneficiary(let id): beneficiaryID = id
        case .kelompok(let id): kelompokID = id
        }
        let id = try insertReturningID("""
            INSERT INTO case_assignment (worker_id, beneficiary_id, kelompok_id, from_date) VALUES ($1, $2, $3, $4) RETURNING id
            """, [.int(workerID), PGValue(beneficiaryID), PGValue(kelompokID), .date(fromDate)])
        try refreshAssigned(subject: subject)
        return CaseAssignment(id: id, workerID: workerID, subject: subject, fromDate: fromDate, toDate: nil)
    }

    /// A `visit` row (every column) with its equipment reports, read unless given (in the order
    /// they are read: by item).
    func visit(_ row: PGRow, equipment given: [EquipmentConditionReport]? = nil) throws -> Visit {
        let id = try row.int("id")
        let equipment = try given?.sorted { $0.itemID < $1.itemID }
            ?? all("SELECT item_id, condition FROM visit_equipment WHERE visit_id = $1 ORDER BY item_id", [.int(id)]).map {
                EquipmentConditionReport(itemID: try $0.int("item_id"), condition: try $0.value("condition"))
            }
        var sales: SalesReport?
        if let amount = try row.optionalInt("sales_amount"), let start = try row.optionalDate("sales_start"),
           let end = try row.optionalDate("sales_end") {
            sales = SalesReport(amount: Rupiah(amount), periodStart: start, periodEnd: end)
        }
        let support = try row.text("support").split(separator: ",").compactMap { SupportKind(rawValue: String($0)) }
        return Visit(id: id, date: try row.date("visit_date"), workerID: try row.int("worker_id"),
                     beneficiaryID: try row.optionalInt("beneficiary_id"), kelompokID: try row.optionalInt("kelompok_id"),
                     usahaID: try row.optionalInt("usaha_id"), contactMode: try row.value("contact_mode"),
                     whereabouts: try row.optionalText("whereabouts").flatMap(Whereabouts.init(rawValue:)),
                     businessStatus: try row.optionalText("business_status").flatMap(BusinessStatus.init(rawValue:)),
                     sales: sales, salesEntryID: try row.optionalInt("sales_entry_id"), support: support, equipment: equipment,
                     grantUse: try row.optionalText("grant_use").flatMap(GrantUse.init(rawValue:)), needs: try row.optionalText("needs"),
                     notes: try row.optionalText("notes"), nextVisitDue: try row.optionalDate("next_visit_due"),
                     naturalKey: try row.text("natural_key"), recordedAt: try row.text("recorded_at"), actor: try row.text("actor"))
    }

    func visit(naturalKey: String) throws -> Visit? {
        try besideTheWriter {
            try one("SELECT * FROM visit WHERE natural_key = $1", [.text(naturalKey)]).map { try visit($0) }
        }
    }

    /// The visit row comes back from the INSERT itself (`RETURNING *`), its equipment as written.
    func insertVisit(_ v: Visit, contactedBeneficiaryIDs: [Int64]) throws -> Visit {
        try besideTheWriter {
            let sql = """
                INSERT INTO visit (visit_date, worker_id, beneficiary_id, kelompok_id, usaha_id, contact_mode, whereabouts,
                  business_status, sales_amount, sales_start, sales_end, sales_entry_id, support, grant_use, needs, notes,
                  next_visit_due, natural_key, recorded_at, actor)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
                RETURNING *
                """
            guard let row = try one(sql, [
                .date(v.date), .int(v.workerID), PGValue(v.beneficiaryID), PGValue(v.kelompokID), PGValue(v.usahaID),
                .text(v.contactMode.rawValue), PGValue(v.whereabouts?.rawValue), PGValue(v.businessStatus?.rawValue),
                .money(v.sales?.amount), .date(v.sales?.periodStart), .date(v.sales?.periodEnd), PGValue(v.salesEntryID),
                .text(v.support.map(\.rawValue).joined(separator: ",")), PGValue(v.grantUse?.rawValue), PGValue(v.needs),
                PGValue(v.notes), .date(v.nextVisitDue), .text(v.naturalKey), .text(v.recordedAt), .text(v.actor),
            ]) else { throw PostgresReadError.noRow(sql: sql) }
            let id = try row.int("id")
            for item in v.equipment {
                try run("INSERT INTO visit_equipment (visit_id, item_id, condition) VALUES ($1, $2, $3)",
                        [.int(id), .int(item.itemID), .text(item.condition.rawValue)])
            }
            try run("""
                INSERT INTO worker_visit_month AS c (worker_id, month, visits) VALUES ($1, $2, 1)
                ON CONFLICT (worker_id, month) DO UPDATE SET visits = c.visits + 1
                """, [.int(v.workerID), .text(v.date.yearMonth.description)])
            try updateContactSummary(v, contacted: contactedBeneficiaryIDs)
            return try visit(row, equipment: v.equipment)
        }
    }

    /// An unreachable attempt is not a contact: it marks her unreachable without moving the
    /// last contact. Any later contact clears it. Only a visit naming her directly says where
    /// she is; a kelompok visit only says she was reached. A business status is kept for every
    /// woman the visit reaches. One statement each: her row is made
    /// as the update would leave an empty one, or updated as it stands.
    private func updateContactSummary(_ v: Visit, contacted: [Int64]) throws {
        for id in contacted {
            if let status = v.businessStatus {
                // What the business was found to be, whether or not she was there (PerformanceSQL).
                try run("""
                    INSERT INTO case_summary AS c (beneficiary_id, business_status, business_status_date) VALUES ($3, $2, $1)
                    ON CONFLICT (beneficiary_id) DO UPDATE SET business_status = $2, business_status_date = $1
                    WHERE c.business_status_date IS NULL OR c.business_status_date <= $1
                    """, [.date(v.date), .text(status.rawValue), .int(id)])
            }
            let direct = v.beneficiaryID == id
            if v.whereabouts == .unreachable {
                guard direct else { continue }
                try run("""
                    INSERT INTO case_summary AS c (beneficiary_id, last_whereabouts, last_whereabouts_date)
                    VALUES ($2, 'unreachable', $1)
                    ON CONFLICT (beneficiary_id) DO UPDATE SET last_whereabouts = 'unreachable', last_whereabouts_date = $1
                    WHERE (c.last_whereabouts_date IS NULL OR c.last_whereabouts_date <= $1)
                      AND (c.last_contact IS NULL OR c.last_contact <= $1)
                    """, [.date(v.date), .int(id)])
                continue
            }
            // Her case's bit of the visit's month after her grant (VisitSchedule); none before a grant.
            let grantDate = try one("SELECT grant_date FROM case_summary WHERE beneficiary_id = $1", [.int(id)])?.optionalDate("grant_date")
            let bit = grantDate.map { VisitSchedule.bit(of: v.date, grantDate: $0) } ?? 0
            try run("""
                INSERT INTO case_summary AS c (beneficiary_id, last_whereabouts, last_whereabouts_date, last_contact)
                VALUES ($3, $2::text, $1, $1)
                ON CONFLICT (beneficiary_id) DO UPDATE SET
                  last_whereabouts = CASE WHEN c.last_whereabouts_date IS NULL OR c.last_whereabouts_date <= $1
                                          THEN $2::text ELSE c.last_whereabouts END,
                  last_whereabouts_date = CASE WHEN c.last_whereabouts_date IS NULL OR c.last_whereabouts_date <= $1
                                               THEN $1 ELSE c.last_whereabouts_date END,
                  last_contact = GREATEST(coalesce(c.last_contact, $1), $1),
                  visit_months = c.visit_months | $4
                """, [.date(v.date), direct ? PGValue(v.whereabouts?.rawValue) : .null, .int(id), .int(bit)])
        }
    }

    func noteContact(beneficiaryID id: Int64, on date: LocalDate) throws {
        try besideTheWriter {
            try run("INSERT INTO case_summary (beneficiary_id) VALUES ($1) ON CONFLICT DO NOTHING", [.int(id)])
            try run("""
                UPDATE case_summary SET
                  last_whereabouts = CASE WHEN last_whereabouts_date IS NULL OR last_whereabouts_date <= $1 THEN NULL ELSE last_whereabouts END,
                  last_whereabouts_date = CASE WHEN last_whereabouts_date IS NULL OR last_whereabouts_date <= $1
                                               THEN $1 ELSE last_whereabouts_date END,
                  last_contact = GREATEST(coalesce(last_contact, $1), $1)
                WHERE beneficiary_id = $2
                """, [.date(date), .int(id)])
        }
    }

    static func outcomeRecord(_ row: PGRow) throws -> OutcomeRecord {
        OutcomeRecord(id: try row.int("id"), beneficiaryID: try row.int("beneficiary_id"), asOf: try row.date("as_of"),
                      returned: try row.value("returned"), source: try row.value("source"),
                      recordedBy: try row.text("recorded_by"), recordedAt: try row.text("recorded_at"))
    }

    func insertOutcome(beneficiaryID: Int64, asOf: LocalDate, returned: ReturnedToSexWork, source: OutcomeSource,
                       recordedBy: String, recordedAt: String) throws -> OutcomeRecord {
        try besideTheWriter {
            let id = try insertReturningID("""
                INSERT INTO outcome (beneficiary_id, as_of, returned, source, recorded_by, recorded_at)
                VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
                """, [.int(beneficiaryID), .date(asOf), .text(returned.rawValue), .text(source.rawValue), .text(recordedBy), .text(recordedAt)])
            try noteOutcome(beneficiaryID: beneficiaryID, asOf: asOf, returned: returned)
            return OutcomeRecord(id: id, beneficiaryID: beneficiaryID, asOf: asOf, returned: returned, source: source,
                                 recordedBy: recordedBy, recordedAt: recordedAt)
        }
    }

    func outcomes(beneficiaryID: Int64) throws -> [OutcomeRecord] {
        try besideTheWriter {
            try all("SELECT * FROM outcome WHERE beneficiary_id = $1 ORDER BY as_of, id", [.int(beneficiaryID)]).map(Self.outcomeRecord)
        }
    }

    func insertAudit(at: String, actor: String, action: AuditAction, subject: String, detail: String) throws {
        try besideTheWriter {
            try run("INSERT INTO audit_log (at, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5)",
                    [.text(at), .text(actor), .text(action.rawValue), .text(subject), .text(detail)])
        }
    }
}

extension PostgresTransaction: AftercareReportSource {
    func forEachFollowUpCase(workerID: Int64?, _ body: (FollowUpCase) throws -> Void) throws {
        // One row per graduate from the case summary; one worker's through its index.
        let rows = try workerID.map {
            try all("SELECT * FROM case_summary WHERE worker_id = $1 AND grant_date IS NOT NULL", [.int($0)])
        } ?? all("SELECT * FROM case_summary WHERE grant_date IS NOT NULL")
        for row in rows {
            try body(FollowUpCase(beneficiaryID: try row.int("beneficiary_id"), cohortID: try row.int("cohort_id"),
                                  grantDate: try row.date("grant_date"), lastContact: try row.optionalDate("last_contact"),
                                  lastWhereabouts: try row.optionalText("last_whereabouts").flatMap(Whereabouts.init(rawValue:)),
                                  workerID: try row.optionalInt("worker_id")))
        }
    }

    func auditRecords(actor: String?, action: String?, from: String?, to: String?, limit: Int) throws -> [AuditRecord] {
        try all("""
            SELECT * FROM audit_log
            WHERE ($1::text IS NULL OR actor = $1) AND ($2::text IS NULL OR action = $2)
              AND ($3::text IS NULL OR at >= $3) AND ($4::text IS NULL OR at < $4)
            ORDER BY id DESC LIMIT $5
            """, [PGValue(actor), PGValue(action), PGValue(from), PGValue(to), .int(limit)]).map {
            AuditRecord(id: try $0.int("id"), at: try $0.text("at"), actor: try $0.text("actor"), action: try $0.text("action"),
                        subject: try $0.text("subject"), detail: try $0.text("detail"))
        }
    }

    func entryRecords(actor: String?, kind: EntryKind?, from: String?, to: String?, limit: Int) throws -> [AuditRecord] {
        try all("""
            SELECT id, recorded_at, actor, kind, document_ref FROM journal_entry
            WHERE ($1::text IS NULL OR actor = $1) AND ($2::text IS NULL OR kind = $2)
              AND ($3::text IS NULL OR recorded_at >= $3) AND ($4::text IS NULL OR recorded_at < $4)
            ORDER BY id DESC LIMIT $5
            """, [PGValue(actor), PGValue(kind?.rawValue), PGValue(from), PGValue(to), .int(limit)]).map {
            let id = try $0.int("id")
            return AuditRecord(id: id, at: try $0.text("recorded_at"), actor: try $0.text("actor"),
                               action: "entry.\(try $0.text("kind"))", subject: "#\(id)",
                               detail: try $0.optionalText("document_ref") ?? "")
        }
    }
}
