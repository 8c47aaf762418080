import BekalCore

extension Schema {
    /// Equipment after issue: the two entry kinds that move or mend it (the journal's table
    /// rebuilt with the longer list, as `v6-entry-kinds` explains), the event that says what
    /// each such entry did, and the stock-takes; and a business's way to the market (its
    /// licences, koperasi or KUBE, sales channels, exhibitions): all append-only.
    static let v13EquipmentAndMarket: [String] =
        journalEntryRebuild(version: 13, kinds: ["budget_receipt", "grant", "grant_capital", "equipment_purchase", "equipment_issue",
                                                 "aftercare_expense", "cash_transfer", "usaha_report", "reversal", "equipment_move",
                                                 "equipment_repair"])
        + EquipmentCareSQL.create(integer: "INTEGER", id: "INTEGER PRIMARY KEY", strict: " STRICT", date: date)
        + MarketSQL.create(integer: "INTEGER", id: "INTEGER PRIMARY KEY", strict: " STRICT", date: date)
        + appendOnlyTriggers(EquipmentCareSQL.tables + MarketSQL.tables, remedy: "record a new one instead")
}
