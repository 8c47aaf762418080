/// Who sold the office its equipment and the papers of the purchase that the SPJ keeps beside
/// the kuitansi: the supplier (*penyedia*), its invoice or receipt (*faktur/nota*), and the
/// report of the goods received (*berita acara penerimaan barang*). Each is one line of text;
/// all are optional, and a purchase without them is recorded as before.
public struct PurchaseDocuments: Hashable, Sendable {
    public var supplier: String?
    public var invoiceNumber: String?
    public var receiptReport: String?

    public init(supplier: String? = nil, invoiceNumber: String? = nil, receiptReport: String? = nil) {
        self.supplier = supplier
        self.invoiceNumber = invoiceNumber
        self.receiptReport = receiptReport
    }

    public var isEmpty: Bool { supplier == nil && invoiceNumber == nil && receiptReport == nil }

    /// Each as one trimmed line, blanks as nil; a text longer than 200 characters is refused.
    public func checked() throws -> PurchaseDocuments {
        func line(_ text: String?, _ field: String) throws -> String? {
            let value = (text ?? "").split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
            if value.count > 200 { throw InputError(.option(field), input: String(value.prefix(40)) + "…", .outOfRange) }
            return value.isEmpty ? nil : value
        }
        return PurchaseDocuments(supplier: try line(supplier, "--supplier"), invoiceNumber: try line(invoiceNumber, "--invoice"),
                                 receiptReport: try line(receiptReport, "--receipt-report"))
    }

    /// What the entry's description says of them: " · penyedia CV Maju, faktur F-12, BA penerimaan BA/3".
    public var memoSuffix: String {
        let parts = [supplier.map { "penyedia \($0)" }, invoiceNumber.map { "faktur/nota \($0)" },
                     receiptReport.map { "BA penerimaan \($0)" }].compactMap { $0 }
        return parts.isEmpty ? "" : " · " + parts.joined(separator: ", ")
    }
}

/// What the store keeps of a purchase's papers: one append-only row per purchase entry.
public protocol PurchaseDocumentPort {
    func insertPurchaseDocuments(entryID: Int64, _ documents: PurchaseDocuments) throws
    func purchaseDocuments(entryID: Int64) throws -> PurchaseDocuments?
}
