/// A refusal the user can act on: every error Bekal reports to a person conforms.
///
/// `code` is a stable, named reason (tests, the web app and the audit log key on it);
/// `message` says what is wrong, where, and how to put it right.
public protocol BekalFailure: Error, CustomStringConvertible, Sendable {
    var code: String { get }
    var message: String { get }
}

extension BekalFailure {
    public var description: String { message }
}

/// A value typed by a person that could not be read: a malformed amount, date, NIK, code.
public struct InputError: BekalFailure, Equatable {
    /// The field or column the value came from (`amount`, `--date`, `nik`).
    public let field: String
    /// The text exactly as given.
    public let input: String
    /// What is wrong with it, as a phrase that follows the quoted input.
    public let reason: String
    /// How to write it correctly.
    public let hint: String

    public init(field: String, input: String, reason: String, hint: String) {
        self.field = field
        self.input = input
        self.reason = reason
        self.hint = hint
    }

    public var code: String { "invalid_input" }
    public var message: String { "\(field) \"\(input)\" \(reason): \(hint)." }
}
