import Foundation

/// A correction of her registered data, as an admin enters it: each field given is the value
/// it should hold (an empty text clears an optional field); a field left nil is unchanged.
public struct BeneficiaryCorrection: Hashable, Sendable {
    public var name: String?
    public var nik: String?
    public var birthYear: String?
    public var originArea: String?
    public var kelurahan: String?
    public var externalRef: String?
    /// Why, in words: kept with the change.
    public var reason: String

    public init(name: String? = nil, nik: String? = nil, birthYear: String? = nil, originArea: String? = nil, kelurahan: String? = nil,
                externalRef: String? = nil, reason: String) {
        self.name = name
        self.nik = nik
        self.birthYear = birthYear
        self.originArea = originArea
        self.kelurahan = kelurahan
        self.externalRef = externalRef
        self.reason = reason
    }
}

/// What a usaha has become since it was registered: a brand after branding help, a new
/// product, another place to trade. Fields as in ``BeneficiaryCorrection``.
public struct UsahaUpdate: Hashable, Sendable {
    public var product: String?
    public var brand: String?
    public var location: String?
    public var kelurahan: String?
    /// The day it changed (default: today).
    public var onDate: LocalDate?
    /// What happened (e.g. the branding help that gave it its brand); optional.
    public var note: String?

    public init(product: String? = nil, brand: String? = nil, location: String? = nil, kelurahan: String? = nil,
                onDate: LocalDate? = nil, note: String? = nil) {
        self.product = product
        self.brand = brand
        self.location = location
        self.kelurahan = kelurahan
        self.onDate = onDate
        self.note = note
    }
}

extension Operations {
    /// Corrects her registered data. The row is updated and the change kept beside it, with
    /// the old and the new value of each field, who, when and why; the audit log names the
    /// fields only (never a name or a NIK). The NIK and the register number stay unique.
    public func correctBeneficiary(_ reference: String, _ correction: BeneficiaryCorrection,
                                   context: OperationContext) throws -> RegistryChange {
        try store.write { tx in try Operations.correctBeneficiary(reference, correction, context: context, in: tx) }
    }

    public static func correctBeneficiary(_ reference: String, _ correction: BeneficiaryCorrection, context: OperationContext,
                                          in tx: any StoreTransaction) throws -> RegistryChange {
        let person = try Resolve.beneficiary(reference, in: tx)
        let reason = try checkReversalReason(correction.reason)
        var corrected = person
        if let name = correction.name {
            let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if name.isEmpty { throw InputError(.beneficiaryName, input: "", .empty) }
            corrected.name = name
        }
        if let text = correction.nik {
            let text = text.trimmingCharacters(in: .whitespaces)
            corrected.nik = text.isEmpty ? nil : try NIK.parse(text)
        }
        if let text = correction.birthYear {
            let text = text.trimmingCharacters(in: .whitespaces)
            corrected.birthYear = text.isEmpty ? nil : try Beneficiary.parseBirthYear(text)
        }
        if let text = correction.originArea { corrected.originArea = optionalText(text) }
        if let text = correction.kelurahan { corrected.kelurahan = optionalText(text) }
        if let text = correction.externalRef { corrected.externalRef = optionalText(text) }

        if let nik = corrected.nik, nik != person.nik, let other = try tx.beneficiaryID(nik: nik), other != person.id {
            throw ProgrammeRejection.duplicateNIK(existingBeneficiary: Beneficiary.code(for: other))
        }
        if let ref = corrected.externalRef, ref != person.externalRef, let other = try tx.beneficiary(externalRef: ref), other.id != person.id {
            throw ProgrammeRejection.duplicate(.registerNumber, reference: ref, existing: other.code)
        }
        var fields: [RegistryChange.FieldChange] = []
        func note(_ field: RegistryChange.Field, _ old: String?, _ new: String?) {
            if old != new { fields.append(.init(field: field, old: old, new: new)) }
        }
        note(.externalRef, person.externalRef, corrected.externalRef)
        note(.name, person.name, corrected.name)
        note(.nik, person.nik?.digits, corrected.nik?.digits)
        note(.birthYear, person.birthYear.map(String.init), corrected.birthYear.map(String.init))
        note(.originArea, person.originArea, corrected.originArea)
        note(.kelurahan, person.kelurahan, corrected.kelurahan)
        guard !fields.isEmpty else { throw ProgrammeRejection.nothingChanged(record: person.code) }
        let nameKey = LikelyDuplicate.nameKey(corrected.name)
        if corrected.name != person.name {
            note(.nameKey, try tx.nameKey(beneficiaryID: person.id), nameKey)
        }
        let change = try tx.insertRegistryChange(RegistryChangeDraft(
            subject: .beneficiary, subjectID: person.id, onDate: context.today(in: try tx.settings()), reason: reason,
            actor: context.actor, recordedAt: context.recordedAt, fields: fields))
        try tx.updateBeneficiary(corrected, nameKey: nameKey)
        try audit(context, .beneficiaryCorrect, subject: person.code,
                  detail: "corrected " + change.shownFields.map(\.field.rawValue).joined(separator: ", ") + " (change #\(change.id))", in: tx)
        return change
    }

    /// Records what a usaha has become: its row updated, the change kept with the day it
    /// happened; its book keeps the name it was opened with.
    public func updateUsaha(_ reference: String, _ update: UsahaUpdate, context: OperationContext) throws -> RegistryChange {
        try store.write { tx in try Operations.updateUsaha(reference, update, context: context, in: tx) }
    }

    public static func updateUsaha(_ reference: String, _ update: UsahaUpdate, context: OperationContext,
                                   in tx: any StoreTransaction) throws -> RegistryChange {
        let usaha = try Resolve.usaha(reference, in: tx)
        var changed = usaha
        if let product = update.product {
            let product = product.trimmingCharacters(in: .whitespacesAndNewlines)
            if product.isEmpty { throw InputError(.product, input: "", .empty) }
            changed.product = product
        }
        if let text = update.brand { changed.brand = optionalText(text) }
        if let text = update.location { changed.location = optionalText(text) }
        if let text = update.kelurahan { changed.kelurahan = optionalText(text) }
        var fields: [RegistryChange.FieldChange] = []
        func note(_ field: RegistryChange.Field, _ old: String?, _ new: String?) {
            if old != new { fields.append(.init(field: field, old: old, new: new)) }
        }
        note(.product, usaha.product, changed.product)
        note(.brand, usaha.brand, changed.brand)
        note(.location, usaha.location, changed.location)
        note(.kelurahan, usaha.kelurahan, changed.kelurahan)
        guard !fields.isEmpty else { throw ProgrammeRejection.nothingChanged(record: usaha.code) }
        let onDate = try update.onDate ?? context.today(in: tx.settings())
        let change = try tx.insertRegistryChange(RegistryChangeDraft(
            subject: .usaha, subjectID: usaha.id, onDate: onDate, reason: update.note.flatMap(optionalText),
            actor: context.actor, recordedAt: context.recordedAt, fields: fields))
        try tx.updateUsaha(changed)
        try audit(context, .usahaUpdate, subject: usaha.code,
                  detail: "changed " + fields.map(\.field.rawValue).joined(separator: ", ") + " (change #\(change.id))", in: tx)
        return change
    }

    /// Every change of a record, oldest first.
    public func registryChanges(_ subject: RegistryChange.Subject, id: Int64) throws -> [RegistryChange] {
        try store.read { tx in try tx.registryChanges(subject: subject, subjectID: id) }
    }

    static func optionalText(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
