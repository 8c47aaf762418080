import BekalCore
import Foundation
import GRDB

/// Recipient lists (``RecipientList``): append-only rows, put together by ``RecipientListRows``.
extension SQLiteTransaction: RecipientListPort {
    func recipientLists(cohortID: Int64, linesOf beneficiaryID: Int64?) throws -> [RecipientList] {
        try recipientLists(where: "cohort_id = ?", [cohortID], linesOf: beneficiaryID)
    }

    func recipientList(code: String) throws -> RecipientList? { try recipientLists(where: "code = ?", [code]).first }

    func recipientList(id: Int64) throws -> RecipientList? { try recipientLists(where: "id = ?", [id]).first }

    private func recipientLists(where condition: String, _ arguments: StatementArguments,
                                linesOf beneficiaryID: Int64? = nil) throws -> [RecipientList] {
        let lists = try all(built: """
            SELECT id, code, cohort_id, track_id, amount, amount_reason, supersedes_id, supersede_reason, drafted_by, drafted_at
            FROM recipient_list WHERE \(condition) ORDER BY id
            """, arguments).map { row in
            RecipientListRows.List(id: row[0], code: row[1], cohortID: row[2], trackID: row[3], amount: row[4], amountReason: row[5],
                                   supersedesID: row[6], supersedeReason: row[7], draftedBy: row[8], draftedAt: row[9])
        }
        guard !lists.isEmpty else { return [] }
        let ids = lists.map { String($0.id) }.joined(separator: ",")
        let hers = beneficiaryID.map { " AND beneficiary_id = \($0)" } ?? ""
        let lines = try all(built: """
            SELECT list_id, number, beneficiary_id, amount FROM recipient_list_line WHERE list_id IN (\(ids))\(hers) ORDER BY list_id, number
            """)
            .map { row -> (listID: Int64, number: Int, beneficiaryID: Int64, amount: Int64) in (row[0], row[1], row[2], row[3]) }
        let equipment = try all(built: """
            SELECT list_id, number, kelompok_id, item_id, quantity FROM recipient_list_equipment WHERE list_id IN (\(ids)) ORDER BY list_id, number
            """).map { row -> (listID: Int64, number: Int, kelompokID: Int64, itemID: Int64, quantity: Int64) in (row[0], row[1], row[2], row[3], row[4]) }
        let approvals = try all(built: """
            SELECT list_id, approved_by, approved_at, decree_number, decree_date FROM recipient_list_approval WHERE list_id IN (\(ids))
            """).map { row in
            RecipientListRows.Approval(listID: row[0], approvedBy: row[1], approvedAt: row[2], decreeNumber: row[3], decreeDate: row[4])
        }
        return try RecipientListRows.lists(lists, lines: lines, equipment: equipment, approvals: approvals)
    }

    func recipientListSummaries() throws -> [RecipientListSummary] {
        try all("""
            SELECT l.id, l.code, l.cohort_id, l.track_id, l.amount, (SELECT count(*) FROM recipient_list_line n WHERE n.list_id = l.id),
              l.supersedes_id, l.drafted_by, a.approved_by, a.approved_at, a.decree_number, a.decree_date
            FROM recipient_list l LEFT JOIN recipient_list_approval a ON a.list_id = l.id ORDER BY l.id
            """).map { row in
            let approvedBy: String? = row[8]
            let approval = try approvedBy.map { by in
                try RecipientListRows.Approval(listID: row[0], approvedBy: by, approvedAt: row[9], decreeNumber: row[10], decreeDate: row[11]).approval()
            }
            return RecipientListSummary(id: row[0], code: row[1], cohortID: row[2], trackID: row[3], amount: Rupiah(row[4] as Int64),
                                        lineCount: row[5], supersedesID: row[6], approval: approval, draftedBy: row[7])
        }
    }

    func insertRecipientList(_ d: RecipientListDraft) throws -> RecipientList {
        try run("""
            INSERT INTO recipient_list (code, cohort_id, track_id, amount, amount_reason, supersedes_id, supersede_reason, drafted_by, drafted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [d.code, d.cohortID, d.trackID, d.amount.amount, d.amountReason, d.supersedesID, d.supersedeReason, d.draftedBy, d.draftedAt])
        let id = db.lastInsertedRowID
        var lines: [RecipientList.Line] = []
        for (index, beneficiaryID) in d.beneficiaryIDs.enumerated() {
            let line = RecipientList.Line(number: index + 1, beneficiaryID: beneficiaryID, amount: d.amount)
            try run("INSERT INTO recipient_list_line (list_id, number, beneficiary_id, amount) VALUES (?, ?, ?, ?)",
                    [id, line.number, beneficiaryID, line.amount.amount])
            lines.append(line)
        }
        var list = RecipientList(id: id, code: d.code, cohortID: d.cohortID, trackID: d.trackID, amount: d.amount, amountReason: d.amountReason,
                                 draftedBy: d.draftedBy, draftedAt: d.draftedAt, supersedesID: d.supersedesID, supersedeReason: d.supersedeReason,
                                 lines: lines, approval: nil)
        for (index, e) in d.equipment.enumerated() {
            try run("INSERT INTO recipient_list_equipment (list_id, number, kelompok_id, item_id, quantity) VALUES (?, ?, ?, ?, ?)",
                    [id, index + 1, e.kelompokID, e.itemID, e.quantity])
            list.equipment.append(.init(number: index + 1, kelompokID: e.kelompokID, itemID: e.itemID, quantity: e.quantity))
        }
        return list
    }

    func issuedQuantity(kelompokID: Int64, itemID: Int64) throws -> Int64 {
        try Int64.fetchOne(statement("SELECT -coalesce(sum(quantity), 0) FROM equipment_movement WHERE kelompok_id = ? AND item_id = ?"),
                           arguments: [kelompokID, itemID]) ?? 0
    }

    func insertRecipientListApproval(listID: Int64, _ a: RecipientList.Approval) throws {
        try run("""
            INSERT INTO recipient_list_approval (list_id, approved_by, approved_at, decree_number, decree_date) VALUES (?, ?, ?, ?, ?)
            """, [listID, a.approvedBy, a.approvedAt, a.decreeNumber, a.decreeDate.description])
    }

    func insertRecipientPayment(listID: Int64, beneficiaryID: Int64, entryID: Int64) throws {
        try run("INSERT INTO recipient_payment (entry_id, list_id, beneficiary_id) VALUES (?, ?, ?)", [entryID, listID, beneficiaryID])
    }

    func recipientListID(paidByEntry entryID: Int64) throws -> Int64? {
        try Int64.fetchOne(statement("SELECT list_id FROM recipient_payment WHERE entry_id = ?"), arguments: [entryID])
    }
}

extension SQLiteTransaction: PurchaseDocumentPort {
    func insertPurchaseDocuments(entryID: Int64, _ d: PurchaseDocuments) throws {
        try run("INSERT INTO purchase_document (entry_id, supplier, invoice_number, receipt_report) VALUES (?, ?, ?, ?)",
                [entryID, d.supplier, d.invoiceNumber, d.receiptReport])
    }

    func purchaseDocuments(entryID: Int64) throws -> PurchaseDocuments? {
        try one("SELECT supplier, invoice_number, receipt_report FROM purchase_document WHERE entry_id = ?", [entryID]).map {
            PurchaseDocuments(supplier: $0[0], invoiceNumber: $0[1], receiptReport: $0[2])
        }
    }
}
