import BekalCore
import Foundation

/// A money form between requests: what the officer typed, and each refusal next to its field.
///
/// Fields are parsed with the core's own parsers (``Rupiah/parsePayment(_:field:)``,
/// ``LocalDate/parse(_:field:)``), so a bad value gets the same refusal as on the command line,
/// said in Indonesian by ``Refusal``. A refusal whose field is not on this form is shown at
/// the top of the form.
struct MoneyForm {
    /// The names of the fields this form shows.
    let fields: Set<String>
    var values: [String: String]
    /// Where a refusal about a core field goes on this form (`from` → `dari` on a report filter).
    var aliases: [String: String] = [:]
    private(set) var errors: [String: String] = [:]
    private(set) var general: [String] = []

    init(fields: Set<String>, values: [String: String]) {
        self.fields = fields
        self.values = values
    }

    /// The form as posted: the first value of each of its fields, trimmed.
    init(fields: Set<String>, form: FormData?) {
        var values: [String: String] = [:]
        for name in fields { if let value = form?[name] { values[name] = value } }
        self.init(fields: fields, values: values)
    }

    /// A report's filter, from the query string.
    init(fields: Set<String>, query: (String) -> String?) {
        var values: [String: String] = [:]
        for name in fields {
            if let value = query(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty { values[name] = value }
        }
        self.init(fields: fields, values: values)
    }

    var isValid: Bool { errors.isEmpty && general.isEmpty }

    /// The field's text, or nil when left blank.
    subscript(_ name: String) -> String? { values[name] }

    mutating func refuse(_ error: any Error) { add(Refusal.of(error)) }

    mutating func add(_ refusal: Refusal) {
        if let field = refusal.field.map({ aliases[$0] ?? $0 }), fields.contains(field) {
            if errors[field] == nil { errors[field] = refusal.message }
        } else if !general.contains(refusal.message) {
            general.append(refusal.message)
        }
    }

    /// Parses a field with a core parser; nil when blank or refused (the refusal is kept, at
    /// this field).
    mutating func parse<T>(_ name: String, _ parse: (String) throws -> T) -> T? {
        guard let text = values[name] else { return nil }
        do { return try parse(text) } catch {
            add(Refusal(field: name, message: Refusal.of(error).message))
            return nil
        }
    }

    mutating func date(_ name: String = "date") -> LocalDate? { parse(name) { try LocalDate.parse($0, field: .date) } }

    mutating func amount(_ name: String = "amount") -> Rupiah? { parse(name) { try Rupiah.parsePayment($0, field: .amount) } }

    /// For the template: `values.amount`, `errors.amount` (next to the field), `formErrors`.
    var data: [String: Any] {
        ["values": values, "errors": errors, "formErrors": general, "invalid": !isValid]
    }

    /// `<option>`s with the chosen one marked, for a `<select>` that keeps what was chosen.
    static func options(_ choices: [(value: String, label: String)], selected: String?) -> [[String: Any]] {
        choices.map { ["value": $0.value, "label": $0.label, "selected": $0.value == selected] }
    }
}
