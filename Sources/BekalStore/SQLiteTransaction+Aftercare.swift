import BekalCore
import Foundation
import GRDB

extension SQLiteTransaction: AftercarePort {
    static func worker(_ row: Row) -> AftercareWorker { AftercareWorker(id: row["id"], code: row["code"], name: row["name"]) }

    func worker(id: Int64) throws -> AftercareWorker? { try one("SELECT * FROM worker WHERE id = ?", [id]).map(Self.worker) }
    func worker(code: String) throws -> AftercareWorker? { try one("SELECT * FROM worker WHERE code = ?", [code]).map(Self.worker) }
    func workers() throws -> [AftercareWorker] { try all("SELECT * FROM worker ORDER BY code").map(Self.worker) }

    func insertWorker(code: String, name: String) throws -> AftercareWorker {
        try run("INSERT INTO worker (code, name) VALUES (?, ?)", [code, name])
        return AftercareWorker(id: db.lastInsertedRowID, code: code, name: name)
    }

    func assignment(_ row: Row) -> CaseAssignment {
        let subject: CaseSubject = (row["beneficiary_id"] as Int64?).map { .beneficiary($0) } ?? .kelompok(row["kelompok_id"])
        return CaseAssignment(id: row["id"], workerID: row["worker_id"], subject: subject,
                              fromDate: date(row, "from_date")!, toDate: date(row, "to_date"))
    }

    func currentAssignment(_ subject: CaseSubject) throws -> CaseAssignment? {
        switch subject {
        case .beneficiary(let id):
            try one("SELECT * FROM case_assignment WHERE beneficiary_id = ? AND to_date IS NULL", [id]).map(assignment)
        case .kelompok(let id):
            try one("SELECT * FROM case_assignment WHERE kelompok_id = ? AND to_date IS NULL", [id]).map(assignment)
        }
    }

    func endAssignment(id: Int64, toDate: LocalDate) throws {
        try run("UPDATE case_assignment SET to_date = ? WHERE id = ?", [toDate.description, id])
        if let row = try one("SELECT beneficiary_id, kelompok_id FROM case_assignment WHERE id = ?", [id]) {
            try refresh(subject: (row[0] as Int64?).map { .beneficiary($0) } ?? .kelompok(row[1]))
        }
    }

    private func refresh(subject: CaseSubject) throws {
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
        try run("INSERT INTO case_assignment (worker_id, beneficiary_id, kelompok_id, from_date) VALUES (?, ?, ?, ?)",
                [workerID, beneficiaryID, kelompokID, fromDate.description])
        let id = db.lastInsertedRowID
        try refresh(subject: subject)
        return CaseAssignment(id: id, workerID: workerID, subject: subject, fromDate: fromDate, toDate: nil)
    }

    func visit(_ row: Row) throws -> Visit {
        let id: Int64 = row["id"]
        let equipment = try all("SELECT item_id, condition FROM visit_equipment WHERE visit_id = ? ORDER BY item_id", [id]).map {
            EquipmentConditionReport(itemID: $0["item_id"], condition: EquipmentCondition(rawValue: $0["condition"])!)
        }
        var sales: SalesReport?
        if let amount: Int64 = row["sales_amount"], let start = date(row, "sales_start"), let end = date(row, "sales_end") {
            sales = SalesReport(amount: Rupiah(amount), periodStart: start, periodEnd: end)
        }
        let support = (row["support"] as String).split(separator: ",").compactMap { SupportKind(rawValue: String($0)) }
        return Visit(id: id, date: date(row, "visit_date")!, workerID: row["worker_id"], beneficiaryID: row["beneficiary_id"],
                     kelompokID: row["kelompok_id"], usahaID: row["usaha_id"],
                     contactMode: ContactMode(rawValue: row["contact_mode"])!,
                     whereabouts: (row["whereabouts"] as String?).flatMap(Whereabouts.init(rawValue:)),
                     businessStatus: (row["business_status"] as String?).flatMap(BusinessStatus.init(rawValue:)),
                     sales: sales, salesEntryID: row["sales_entry_id"], support: support, equipment: equipment,
                     grantUse: (row["grant_use"] as String?).flatMap(GrantUse.init(rawValue:)), needs: row["needs"],
                     notes: row["notes"], nextVisitDue: date(row, "next_visit_due"), naturalKey: row["natural_key"],
                     recordedAt: row["recorded_at"], actor: row["actor"])
    }

    func visit(naturalKey: String) throws -> Visit? {
        try one("SELECT * FROM visit WHERE natural_key = ?", [naturalKey]).map(visit)
    }

    func insertVisit(_ v: Visit, contactedBeneficiaryIDs: [Int64]) throws -> Visit {
        try run("""
            INSERT INTO visit (visit_date, worker_id, beneficiary_id, kelompok_id, usaha_id, contact_mode, whereabouts,
              business_status, sales_amount, sales_start, sales_end, sales_entry_id, support, grant_use, needs, notes,
              next_visit_due, natural_key, recorded_at, actor)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [v.date.description, v.workerID, v.beneficiaryID, v.kelompokID, v.usahaID, v.contactMode.rawValue,
                  v.whereabouts?.rawValue, v.businessStatus?.rawValue, v.sales?.amount.amount,
                  v.sales?.periodStart.description, v.sales?.periodEnd.description, v.salesEntryID,
                  v.support.map(\.rawValue).joined(separator: ","), v.grantUse?.rawValue, v.needs, v.notes,
                  v.nextVisitDue?.description, v.naturalKey, v.recordedAt, v.actor])
        let id = db.lastInsertedRowID
        for item in v.equipment {
            try run("INSERT INTO visit_equipment (visit_id, item_id, condition) VALUES (?, ?, ?)", [id, item.itemID, item.condition.rawValue])
        }
        try run("""
            INSERT INTO worker_visit_month (worker_id, month, visits) VALUES (?, ?, 1)
            ON CONFLICT (worker_id, month) DO UPDATE SET visits = visits + 1
            """, [v.workerID, v.date.yearMonth.description])
        try updateContactSummary(v, contacted: contactedBeneficiaryIDs)
        return try one("SELECT * FROM visit WHERE id = ?", [id]).map(visit)!
    }

    /// An unreachable attempt is not a contact: it marks her unreachable without moving the
    /// last contact. Any later contact clears it. Only a visit naming her directly says where
    /// she is; a kelompok visit only says she was reached. A business status is kept for every
    /// woman the visit reaches.
    private func updateContactSummary(_ v: Visit, contacted: [Int64]) throws {
        let day = v.date.description
        for id in contacted {
            try run("INSERT INTO case_summary (beneficiary_id) VALUES (?) ON CONFLICT DO NOTHING", [id])
            if let status = v.businessStatus {
                // What the business was found to be, whether or not she was there (PerformanceSQL).
                try run("""
                    UPDATE case_summary SET business_status = ?2, business_status_date = ?1
                    WHERE beneficiary_id = ?3 AND (business_status_date IS NULL OR business_status_date <= ?1)
                    """, [day, status.rawValue, id])
            }
            let direct = v.beneficiaryID == id
            if v.whereabouts == .unreachable {
                guard direct else { continue }
                try run("""
                    UPDATE case_summary SET last_whereabouts = 'unreachable', last_whereabouts_date = ?1
                    WHERE beneficiary_id = ?2 AND (last_whereabouts_date IS NULL OR last_whereabouts_date <= ?1)
                      AND (last_contact IS NULL OR last_contact <= ?1)
                    """, [day, id])
                continue
            }
            try run("""
                UPDATE case_summary SET
                  last_whereabouts = CASE WHEN last_whereabouts_date IS NULL OR last_whereabouts_date <= ?1
                                          THEN ?2 ELSE last_whereabouts END,
                  last_whereabouts_date = CASE WHEN last_whereabouts_date IS NULL OR last_whereabouts_date <= ?1
                                               THEN ?1 ELSE last_whereabouts_date END,
                  last_contact = max(coalesce(last_contact, ?1), ?1),
                  visit_months = visit_months | ?4
                WHERE beneficiary_id = ?3
                """, [day, direct ? v.whereabouts?.rawValue : nil, id, try visitMonthBit(v.date, beneficiaryID: id)])
        }
    }

    /// Her case's bit for a visit reaching her on `day`, after her grant (``VisitSchedule``).
    private func visitMonthBit(_ day: LocalDate, beneficiaryID id: Int64) throws -> Int64 {
        guard let text = try String.fetchOne(statement("SELECT grant_date FROM case_summary WHERE beneficiary_id = ?"), arguments: [id]),
              let grantDate = Self.storedDate(text) else { return 0 }
        return VisitSchedule.bit(of: day, grantDate: grantDate)
    }

    func noteContact(beneficiaryID id: Int64, on date: LocalDate) throws {
        try run("INSERT INTO case_summary (beneficiary_id) VALUES (?) ON CONFLICT DO NOTHING", [id])
        try run("""
            UPDATE case_summary SET
              last_whereabouts = CASE WHEN last_whereabouts_date IS NULL OR last_whereabouts_date <= ?1 THEN NULL ELSE last_whereabouts END,
              last_whereabouts_date = CASE WHEN last_whereabouts_date IS NULL OR last_whereabouts_date <= ?1
                                           THEN ?1 ELSE last_whereabouts_date END,
              last_contact = max(coalesce(last_contact, ?1), ?1)
            WHERE beneficiary_id = ?2
            """, [date.description, id])
    }

    func outcome(_ row: Row) -> OutcomeRecord {
        OutcomeRecord(id: row["id"], beneficiaryID: row["beneficiary_id"], asOf: date(row, "as_of")!,
                      returned: ReturnedToSexWork(rawValue: row["returned"])!, source: OutcomeSource(rawValue: row["source"])!,
                      recordedBy: row["recorded_by"], recordedAt: row["recorded_at"])
    }

    func insertOutcome(beneficiaryID: Int64, asOf: LocalDate, returned: ReturnedToSexWork, source: OutcomeSource,
                       recordedBy: String, recordedAt: String) throws -> OutcomeRecord {
        try run("INSERT INTO outcome (beneficiary_id, as_of, returned, source, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                [beneficiaryID, asOf.description, returned.rawValue, source.rawValue, recordedBy, recordedAt])
        let id = db.lastInsertedRowID
        try noteOutcome(beneficiaryID: beneficiaryID, asOf: asOf, returned: returned)
        return OutcomeRecord(id: id, beneficiaryID: beneficiaryID, asOf: asOf, returned: returned, source: source,
                             recordedBy: recordedBy, recordedAt: recordedAt)
    }

    func outcomes(beneficiaryID: Int64) throws -> [OutcomeRecord] {
        try all("SELECT * FROM outcome WHERE beneficiary_id = ? ORDER BY as_of, id", [beneficiaryID]).map(outcome)
    }

    func insertAudit(at: String, actor: String, action: AuditAction, subject: String, detail: String) throws {
        try run("INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
                [at, actor, action.rawValue, subject, detail])
    }
}

extension SQLiteTransaction: AftercareReportSource {
    func forEachFollowUpCase(workerID: Int64?, _ body: (FollowUpCase) throws -> Void) throws {
        // One row per graduate from the case summary; one worker's through its index. Everyone's
        // in a scan of the table: SQLite's planner would take the worker index (partial, on
        // grant_date IS NOT NULL) and look each row up by its id, several times slower.
        let sql = workerID == nil
            ? "SELECT * FROM case_summary NOT INDEXED WHERE grant_date IS NOT NULL"
            : "SELECT * FROM case_summary WHERE worker_id = ?1 AND grant_date IS NOT NULL"
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: workerID.map { [$0] } ?? [])
        while let row = try rows.next() {
            try body(FollowUpCase(beneficiaryID: row["beneficiary_id"], cohortID: row["cohort_id"],
                                  grantDate: date(row, "grant_date")!, lastContact: date(row, "last_contact"),
                                  lastWhereabouts: (row["last_whereabouts"] as String?).flatMap(Whereabouts.init(rawValue:)),
                                  workerID: row["worker_id"]))
        }
    }

    func auditRecords(actor: String?, action: String?, from: String?, to: String?, limit: Int) throws -> [AuditRecord] {
        try all("""
            SELECT * FROM audit_log
            WHERE (?1 IS NULL OR actor = ?1) AND (?2 IS NULL OR action = ?2) AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at < ?4)
            ORDER BY id DESC LIMIT ?5
            """, [actor, action, from, to, limit]).map {
            AuditRecord(id: $0["id"], at: $0["at"], actor: $0["actor"], action: $0["action"], subject: $0["subject"], detail: $0["detail"])
        }
    }

    func entryRecords(actor: String?, kind: EntryKind?, from: String?, to: String?, limit: Int) throws -> [AuditRecord] {
        try all("""
            SELECT id, recorded_at, actor, kind, document_ref FROM journal_entry
            WHERE (?1 IS NULL OR actor = ?1) AND (?2 IS NULL OR kind = ?2) AND (?3 IS NULL OR recorded_at >= ?3)
              AND (?4 IS NULL OR recorded_at < ?4)
            ORDER BY id DESC LIMIT ?5
            """, [actor, kind?.rawValue, from, to, limit]).map {
            AuditRecord(id: $0[0], at: $0[1], actor: $0[2], action: "entry.\($0[3] as String)", subject: "#\($0[0] as Int64)",
                        detail: ($0[4] as String?) ?? "")
        }
    }
}
