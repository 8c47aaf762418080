import Foundation

/// What the audit log keeps of a file handed out of Bekal: which export, which columns
/// profile, the format and how much was in it, the period. Never a file's content and never a
/// personal value.
public struct ExportAudit: Hashable, Sendable {
    public var action: AuditAction
    /// The columns profile the receiver got (`koperasi-v1`).
    public var profile: String
    public var format: String
    public var rows: Int
    public var sheets: Int
    public var from: LocalDate?
    public var to: LocalDate?
    public var asOf: LocalDate?

    public init(action: AuditAction, profile: String, format: String, rows: Int, sheets: Int,
                from: LocalDate? = nil, to: LocalDate? = nil, asOf: LocalDate? = nil) {
        self.action = action
        self.profile = profile
        self.format = format
        self.rows = rows
        self.sheets = sheets
        self.from = from
        self.to = to
        self.asOf = asOf
    }

    /// The audit row's detail column.
    public var detail: String {
        var detail = "format=\(format) rows=\(rows) sheets=\(sheets)"
        if let from { detail += " from=\(from)" }
        if let to { detail += " to=\(to)" }
        if let asOf { detail += " as_of=\(asOf)" }
        return detail
    }
}

/// The files an export adapter wrote, before the export is recorded.
public protocol ExportedFiles: Sendable {
    /// What the audit log keeps of them.
    var audit: ExportAudit { get }
    /// Deletes them: an export that cannot be recorded is not handed out.
    func discard()
}

extension Operations {
    /// The rule of every export: `write` reads one consistent snapshot of the store and writes
    /// the files (an adapter's work: xlsx, CSV); only once they are complete is the export
    /// recorded in the audit log, so that a failed export leaves no record and a record means
    /// the files exist. If the record cannot be written, the files are discarded.
    public func auditedExport<Files: ExportedFiles>(context: OperationContext,
                                                    _ write: (any StoreTransaction) throws -> Files) throws -> Files {
        // A read transaction: WAL lets the office keep recording while a long cash book is written.
        let files = try store.read(write)
        do {
            try store.write { tx in
                let audit = files.audit
                try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: audit.action, subject: audit.profile,
                                   detail: audit.detail)
            }
        } catch {
            files.discard()
            throw error
        }
        return files
    }
}
