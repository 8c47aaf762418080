/// Visits and outcomes a pendamping recorded on her phone while it had no signal, sent when the
/// connection returns (issue 17): each item carries a key the phone made, and the office records
/// each item exactly once. A key already received makes its item a no-op that answers with what
/// was recorded the first time, so a phone that lost an answer may send everything again.
///
/// Each item is its own transaction and gets its own answer: recorded, or refused with the
/// core's reason (kept on the phone for her to correct and send again). What is refused:
/// - everything the visit and outcome forms refuse (the same operations);
/// - a visit or outcome for a woman who has left her caseload since (``AftercareRejection/outsideCaseload(_:)``);
/// - a visit or outcome for a woman whose case was closed on or before its day
///   (``CasePathRejection/caseClosed(beneficiary:cohort:on:)``);
/// - a key that is not one a phone makes (``PhoneSyncRejection/badKey(_:)``), or a key already
///   used for the other kind of item (``PhoneSyncRejection/keyReused(key:kind:)``).
/// Two workers' visits to the same woman are both kept: a visit's natural key names its worker.
public struct PhoneItem: Hashable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case visit, outcome
    }

    public enum Payload: Hashable, Sendable {
        case visit(VisitRequest)
        case outcome(PhoneOutcome)

        public var kind: Kind {
            switch self {
            case .visit: .visit
            case .outcome: .outcome
            }
        }
    }

    public let key: String
    public let payload: Payload

    public init(key: String, payload: Payload) {
        self.key = key
        self.payload = payload
    }

    /// A key the phone makes: 16 to 64 letters, digits and hyphens (a UUID is one).
    public static let keyLength = 16...64

    public static func isUsableKey(_ key: String) -> Bool {
        keyLength.contains(key.utf8.count) && key.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
        }
    }
}

/// An outcome as the phone's form gives it.
public struct PhoneOutcome: Hashable, Sendable {
    public let beneficiary: String
    public let asOf: LocalDate
    public let returned: ReturnedToSexWork
    public let source: OutcomeSource
    /// Why she returned (required with "yes"), or what kept her from it, as the outcome form asks.
    public let factors: OutcomeFactors

    public init(beneficiary: String, asOf: LocalDate, returned: ReturnedToSexWork, source: OutcomeSource, factors: OutcomeFactors = .none) {
        self.beneficiary = beneficiary
        self.asOf = asOf
        self.returned = returned
        self.source = source
        self.factors = factors
    }
}

/// What the office answers for one item.
public enum PhoneAnswer: Sendable {
    /// Recorded now, or (`replayed`) when its key was first received.
    case recorded(key: String, kind: PhoneItem.Kind, recordID: Int64, replayed: Bool)
    /// Refused: nothing of it was written.
    case refused(key: String, failure: any BekalFailure)

    public var key: String {
        switch self {
        case .recorded(let key, _, _, _), .refused(let key, _): key
        }
    }
}

/// A key received, and what its item was recorded as.
public struct PhoneReceipt: Hashable, Sendable {
    public let key: String
    public let kind: PhoneItem.Kind
    public let recordID: Int64
    public let workerID: Int64?
    public let actor: String
    public let recordedAt: String

    public init(key: String, kind: PhoneItem.Kind, recordID: Int64, workerID: Int64?, actor: String, recordedAt: String) {
        self.key = key
        self.kind = kind
        self.recordID = recordID
        self.workerID = workerID
        self.actor = actor
        self.recordedAt = recordedAt
    }
}

/// The keys received (append-only, `phone_receipt`).
public protocol PhoneSyncPort {
    func phoneReceipt(key: String) throws -> PhoneReceipt?
    func insertPhoneReceipt(_ receipt: PhoneReceipt) throws
}

/// The receipts' table, the same for every store but for the words each uses for an integer
/// and a table's options (SQLite's `v17-phone-receipts`, PostgreSQL's `pg13-phone-receipts`).
public enum PhoneSyncSQL {
    public static func create(integer: String, options: String) -> String {
        """
        CREATE TABLE phone_receipt (
          key TEXT PRIMARY KEY CHECK (length(key) BETWEEN \(PhoneItem.keyLength.lowerBound) AND \(PhoneItem.keyLength.upperBound)),
          kind TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(PhoneItem.Kind.allCases.map(\.rawValue), column: "kind"))),
          record_id \(integer) NOT NULL,
          worker_id \(integer) REFERENCES worker(id),
          actor TEXT NOT NULL,
          recorded_at TEXT NOT NULL
        )\(options)
        """
    }
}

public enum PhoneSyncRejection: BekalFailure, Equatable {
    case badKey(String)
    case keyReused(key: String, kind: PhoneItem.Kind)

    public var code: String {
        switch self {
        case .badKey: "phone_key"
        case .keyReused: "phone_key_reused"
        }
    }

    public var message: String {
        switch self {
        case .badKey(let key):
            "the item's key \"\(key.prefix(80))\" is not one the phone makes: \(PhoneItem.keyLength.lowerBound) to "
                + "\(PhoneItem.keyLength.upperBound) letters, digits and hyphens"
        case .keyReused(let key, let kind):
            "key \(key) was received already for a \(kind.rawValue): the phone makes a new key for each item"
        }
    }
}

extension Operations {
    /// Records each item in its own transaction, in the order given; one answer per item, in
    /// the same order. Only a store that cannot be reached stops the whole batch.
    public func receiveFromPhone(_ items: [PhoneItem], context: OperationContext) throws -> [PhoneAnswer] {
        var answers: [PhoneAnswer] = []
        for item in items {
            do {
                answers.append(try store.writeAftercare { tx in try Operations.receiveFromPhone(item, context: context, in: tx) })
            } catch let failure as any BekalFailure {
                answers.append(.refused(key: item.key, failure: failure))
            }
        }
        return answers
    }

    public static func receiveFromPhone(_ item: PhoneItem, context: OperationContext, in tx: any StoreTransaction) throws -> PhoneAnswer {
        guard PhoneItem.isUsableKey(item.key) else { throw PhoneSyncRejection.badKey(item.key) }
        if let receipt = try tx.phoneReceipt(key: item.key) {
            guard receipt.kind == item.payload.kind else { throw PhoneSyncRejection.keyReused(key: item.key, kind: receipt.kind) }
            return .recorded(key: item.key, kind: receipt.kind, recordID: receipt.recordID, replayed: true)
        }
        let recordID: Int64, workerID: Int64?
        switch item.payload {
        case .visit(let request):
            let result = try recordVisit(request, context: context, in: tx)
            // Checked after the caseload (which says nothing of whether a code names anyone).
            if let beneficiary = request.beneficiary { try refuseClosedCase(beneficiary, on: request.date, in: tx) }
            recordID = result.visit.id
            workerID = result.visit.workerID
        case .outcome(let outcome):
            let record = try recordOutcome(beneficiary: outcome.beneficiary, asOf: outcome.asOf, returned: outcome.returned,
                                           source: outcome.source, factors: outcome.factors, context: context, in: tx)
            try refuseClosedCase(outcome.beneficiary, on: outcome.asOf, in: tx)
            recordID = record.id
            workerID = nil
        }
        try tx.insertPhoneReceipt(PhoneReceipt(key: item.key, kind: item.payload.kind, recordID: recordID, workerID: workerID,
                                               actor: context.actor, recordedAt: context.recordedAt))
        return .recorded(key: item.key, kind: item.payload.kind, recordID: recordID, replayed: false)
    }

    /// Her case (of the cohort of her latest grant, else of her latest enrolment) closed on or before `day`.
    static func refuseClosedCase(_ beneficiary: String, on day: LocalDate, in tx: any StoreTransaction) throws {
        let person = try Resolve.beneficiary(beneficiary, in: tx)
        let enrolments = try tx.enrolments(beneficiaryID: person.id)
        let cohortID = try tx.caseSummary(beneficiaryID: person.id)?.cohortID
        guard let enrolment = enrolments.last(where: { $0.cohortID == cohortID }) ?? enrolments.last,
              let closing = try tx.caseStages(enrolmentID: enrolment.id).first(where: \.closes), closing.onDate <= day else { return }
        let cohort = try tx.cohort(id: enrolment.cohortID)?.code ?? "#\(enrolment.cohortID)"
        throw CasePathRejection.caseClosed(beneficiary: person.code, cohort: cohort, on: closing.onDate)
    }
}
