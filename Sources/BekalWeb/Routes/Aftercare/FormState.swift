import BekalCore

/// What a form shows: the values typed (kept after a refusal), and the refusals next to
/// their fields or, when they belong to no field of this form, at its top.
struct FormState {
    private(set) var values: [String: [String]]
    private(set) var errors: [String: String] = [:]
    private(set) var general: [String] = []

    init(_ values: [String: [String]] = [:]) { self.values = values }

    init(_ form: FormData) { values = form.fields }

    func value(_ name: String) -> String { values[name]?.first ?? "" }

    mutating func set(_ name: String, _ value: String?) {
        if let value { values[name] = [value] } else { values[name] = nil }
    }

    /// Puts a refusal next to its field when the form has it, else at the top.
    mutating func refuse(_ refusal: Refusal, fields: Set<String>) {
        if let field = refusal.field, fields.contains(field), errors[field] == nil {
            errors[field] = refusal.message
        } else {
            general.append(refusal.message)
        }
    }

    var isRefused: Bool { !errors.isEmpty || !general.isEmpty }

    /// `{{#date}}<input value="{{value}}">{{#error}}…{{/error}}{{/date}}`
    func field(_ name: String) -> [String: Any] {
        var data: [String: Any] = ["name": name, "value": value(name)]
        if let error = errors[name] { data["error"] = error; data["invalid"] = true }
        return data
    }

    /// A select's options with the typed one selected.
    func options(_ name: String, _ choices: [(value: String, label: String)], blank: String? = nil, label: String? = nil) -> [String: Any] {
        let current = value(name)
        var list: [[String: Any]] = blank.map { [["value": "", "label": $0, "selected": current.isEmpty]] } ?? []
        list += choices.map { ["value": $0.value, "label": $0.label, "selected": $0.value == current] }
        var data = field(name)
        data["options"] = list
        if let label { data["label"] = label }
        return data
    }

    /// Checkboxes (or radio buttons) with the typed ones checked.
    func checks(_ name: String, _ choices: [(value: String, label: String)]) -> [String: Any] {
        let current = Set(values[name] ?? [])
        var data = field(name)
        data["choices"] = choices.enumerated().map { index, choice in
            ["value": choice.value, "label": choice.label, "checked": current.contains(choice.value), "id": "\(name)-\(index)"] as [String: Any]
        }
        return data
    }

    /// The refusals at the top, for the template's alert.
    var generalData: [String] { general }
}

/// A value typed into a form that could not be read, said for its own field.
struct FieldRefusal: Error {
    let refusal: Refusal
}

enum FormParse {
    /// Runs a parse; an error it throws is said in Indonesian and placed at `field`.
    static func at<T>(_ field: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw FieldRefusal(refusal: Refusal(field: field, message: Refusal.of(error).message))
        }
    }

    /// A choice from a select or radio group: nil when blank, refused when not one of the allowed values.
    static func choice<T: RawRepresentable & CaseIterable>(_ form: FormData, _ field: String, as: T.Type) throws -> T?
    where T.RawValue == String {
        guard let text = form[field] else { return nil }
        guard let value = T(rawValue: text) else {
            throw FieldRefusal(refusal: Refusal(field: field, message: "Pilihan \"\(text)\" tidak dikenal; pilih salah satu dari daftar."))
        }
        return value
    }

    static func date(_ form: FormData, _ field: String) throws -> LocalDate? {
        guard let text = form[field] else { return nil }
        return try at(field) { try LocalDate.parse(text, field: .date) }
    }

    static func required<T>(_ value: T?, _ field: String, _ message: String) throws -> T {
        guard let value else { throw FieldRefusal(refusal: Refusal(field: field, message: message)) }
        return value
    }
}
