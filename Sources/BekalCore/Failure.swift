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
