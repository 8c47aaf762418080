/// What seals need from storage: the seals themselves, a digest of every sealed table, and
/// a comparison of the file's schema with the one this version writes.
public protocol SealPort {
    /// Every seal, by number.
    func seals() throws -> [Seal]
    func insertSeal(_ seal: Seal) throws
    /// The digest of every table a seal covers, over the rows whose key is at most
    /// `limits[table]` (as a seal recorded them), or over every row now when `limits` is nil.
    func tableDigests(through limits: [String: Int64]?) throws -> [TableDigest]
    /// Each way the file's tables, indexes and triggers differ from this version's schema
    /// (a dropped append-only trigger, a changed CHECK), in words; empty when they agree.
    func schemaFindings() throws -> [String]
    /// For every field a registry change touched: the value its last change set and the
    /// value the record's row holds now (see ``RegistryOverlayCheck``).
    func registryOverlayChecks() throws -> [RegistryOverlayCheck]
}
