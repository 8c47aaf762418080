import BekalCore
import Foundation

/// Recipient lists (``RecipientList``): `SQLiteTransaction+RecipientLists.swift` in
/// PostgreSQL's words.
extension PostgresTransaction: RecipientListPort {
    func recipientLists(cohortID: Int64, linesOf beneficiaryID: Int64?) throws -> [RecipientList] {
        try recipientLists(where: "cohort_id = $1", [.int(cohortID)], linesOf: beneficiaryID)
    }

    func recipientList(code: String) throws -> RecipientList? { try recipientLists(where: "code = $1", [.text(code)]).first }

    func recipientList(id: Int64) throws -> RecipientList? { try recipientLists(where: "id = $1", [.int(id)]).first }

    private func recipientLists(where condition: String, _ parameters: [PGValue], linesOf beneficiaryID: Int64? = nil) throws -> [RecipientList] {
        let lists = try all("""
            SELECT id, code, cohort_id, track_id, amount, amount_reason, supersedes_id, supersede_reason, drafted_by, drafted_at
            FROM recipient_list WHERE \(condition) ORDER BY id
            """, parameters).map { row in
            RecipientListRows.List(id: try row.int(0), code: try row.text(1), cohortID: try row.int(2), trackID: row.optionalInt(3),
                                   amount: try row.int(4), amountReason: row.optionalText(5), supersedesID: row.optionalInt(6),
                                   supersedeReason: row.optionalText(7), draftedBy: try row.text(8), draftedAt: try row.text(9))
        }
        guard !lists.isEmpty else { return [] }
        let ids = lists.map { String($0.id) }.joined(separator: ",")
        let hers = beneficiaryID.map { " AND beneficiary_id = \($0)" } ?? ""
        let lines = try all("""
            SELECT list_id, number, beneficiary_id, amount FROM recipient_list_line WHERE list_id IN (\(ids))\(hers) ORDER BY list_id, number
            """)
            .map { row -> (listID: Int64, number: Int, beneficiaryID: Int64, amount: Int64) in
                (try row.int(0), Int(try row.int(1)), try row.int(2), try row.int(3))
            }
        let equipment = try all("""
            SELECT list_id, number, kelompok_id, item_id, quantity FROM recipient_list_equipment WHERE list_id IN (\(ids)) ORDER BY list_id, number
            """).map { row -> (listID: Int64, number: Int, kelompokID: Int64, itemID: Int64, quantity: Int64) in
                (try row.int(0), Int(try row.int(1)), try row.int(2), try row.int(3), try row.int(4))
            }
        let approvals = try all("""
            SELECT list_id, approved_by, approved_at, decree_number, decree_date FROM recipient_list_approval WHERE list_id IN (\(ids))
            """).map { row in
            RecipientListRows.Approval(listID: try row.int(0), approvedBy: try row.text(1), approvedAt: try row.text(2),
                                       decreeNumber: try row.text(3), decreeDate: try row.text(4))
        }
        return try RecipientListRows.lists(lists, lines: lines, equipment: equipment, approvals: approvals)
    }

    func recipientListSummaries() throws -> [RecipientListSummary] {
        try all("""
            SELECT l.id, l.code, l.cohort_id, l.track_id, l.amount, (SELECT count(*) FROM recipient_list_line n WHERE n.list_id = l.id),
              l.supersedes_id, l.drafted_by, a.approved_by, a.approved_at, a.decree_number, a.decree_date
            FROM recipient_list l LEFT JOIN recipient_list_approval a ON a.list_id = l.id ORDER BY l.id
            """).map { row in
            let approval = try row.optionalText(8).map { by in
                try RecipientListRows.Approval(listID: try row.int(0), approvedBy: by, approvedAt: try row.text(9),
                                               decreeNumber: try row.text(10), decreeDate: try row.text(11)).approval()
            }
            return RecipientListSummary(id: try row.int(0), code: try row.text(1), cohortID: try row.int(2), trackID: row.optionalInt(3),
                                        amount: Rupiah(try row.int(4)), lineCount: Int(try row.int(5)), supersedesID: row.optionalInt(6),
                                        approval: approval, draftedBy: try row.text(7))
        }
    }

    func insertRecipientList(_ d: RecipientListDraft) throws -> RecipientList {
        let id = try insertReturningID("""
            INSERT INTO recipient_list (code, cohort_id, track_id, amount, amount_reason, supersedes_id, supersede_reason, drafted_by, drafted_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
            """, [.text(d.code), .int(d.cohortID), PGValue(d.trackID), .int(d.amount.amount), PGValue(d.amountReason), PGValue(d.supersedesID),
                  PGValue(d.supersedeReason), .text(d.draftedBy), .text(d.draftedAt)])
        var lines: [RecipientList.Line] = []
        for (index, beneficiaryID) in d.beneficiaryIDs.enumerated() {
            let line = RecipientList.Line(number: index + 1, beneficiaryID: beneficiaryID, amount: d.amount)
            try run("INSERT INTO recipient_list_line (list_id, number, beneficiary_id, amount) VALUES ($1, $2, $3, $4)",
                    [.int(id), .int(Int64(line.number)), .int(beneficiaryID), .int(line.amount.amount)])
            lines.append(line)
        }
        var list = RecipientList(id: id, code: d.code, cohortID: d.cohortID, trackID: d.trackID, amount: d.amount, amountReason: d.amountReason,
                                 draftedBy: d.draftedBy, draftedAt: d.draftedAt, supersedesID: d.supersedesID, supersedeReason: d.supersedeReason,
                                 lines: lines, approval: nil)
        for (index, e) in d.equipment.enumerated() {
            try run("INSERT INTO recipient_list_equipment (list_id, number, kelompok_id, item_id, quantity) VALUES ($1, $2, $3, $4, $5)",
                    [.int(id), .int(Int64(index + 1)), .int(e.kelompokID), .int(e.itemID), .int(e.quantity)])
            list.equipment.append(.init(number: index + 1, kelompokID: e.kelompokID, itemID: e.itemID, quantity: e.quantity))
        }
        return list
    }

    func issuedQuantity(kelompokID: Int64, itemID: Int64) throws -> Int64 {
        try one("SELECT -coalesce(sum(quantity), 0) FROM equipment_movement WHERE kelompok_id = $1 AND item_id = $2",
                [.int(kelompokID), .int(itemID)])?.int(0) ?? 0
    }

    func insertRecipientListApproval(listID: Int64, _ a: RecipientList.Approval) throws {
        try run("""
            INSERT INTO recipient_list_approval (list_id, approved_by, approved_at, decree_number, decree_date) VALUES ($1, $2, $3, $4, $5)
            """, [.int(listID), .text(a.approvedBy), .text(a.approvedAt), .text(a.decreeNumber), .text(a.decreeDate.description)])
    }

    func insertRecipientPayment(listID: Int64, beneficiaryID: Int64, entryID: Int64) throws {
        try run("INSERT INTO recipient_payment (entry_id, list_id, beneficiary_id) VALUES ($1, $2, $3)",
                [.int(entryID), .int(listID), .int(beneficiaryID)])
    }

    func recipientListID(paidByEntry entryID: Int64) throws -> Int64? {
        try one("SELECT list_id FROM recipient_payment WHERE entry_id = $1", [.int(entryID)])?.optionalInt(0)
    }
}

extension PostgresTransaction: PurchaseDocumentPort {
    func insertPurchaseDocuments(entryID: Int64, _ d: PurchaseDocuments) throws {
        try run("INSERT INTO purchase_document (entry_id, supplier, invoice_number, receipt_report) VALUES ($1, $2, $3, $4)",
                [.int(entryID), PGValue(d.supplier), PGValue(d.invoiceNumber), PGValue(d.receiptReport)])
    }

    func purchaseDocuments(entryID: Int64) throws -> PurchaseDocuments? {
        try one("SELECT supplier, invoice_number, receipt_report FROM purchase_document WHERE entry_id = $1", [.int(entryID)]).map {
            PurchaseDocuments(supplier: $0.optionalText(0), invoiceNumber: $0.optionalText(1), receiptReport: $0.optionalText(2))
        }
    }
}
