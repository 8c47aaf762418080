import Foundation

/// An `application/x-www-form-urlencoded` body: every value of every name, in order.
public struct FormData: Sendable {
    private var values: [String: [String]] = [:]

    public init(_ body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    public init(_ pairs: [String: [String]]) { values = pairs }

    /// The first value of `name`, trimmed; nil when absent or blank.
    public subscript(_ name: String) -> String? {
        guard let value = values[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// Every non-blank value of `name` (checkboxes, repeated fields).
    public func all(_ name: String) -> [String] {
        (values[name] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// The raw first value, untrimmed (passwords).
    public func raw(_ name: String) -> String? { values[name]?.first }

    /// Every name and its values, for re-filling a refused form.
    public var fields: [String: [String]] { values }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// Percent-encodes a value for a query string or a form body.
    public static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
