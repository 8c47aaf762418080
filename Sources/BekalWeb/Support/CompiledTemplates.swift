import Mustache

/// The templates of a ``MustacheLibrary`` rendered without swift-mustache's dynamic look-ups,
/// to the same bytes.
///
/// swift-mustache renders each `{{name}}` by splitting the name, then trying half a dozen
/// protocol casts on every value and every level of the context stack it walks (`as?
/// MustacheParent`, `MustacheCustomRepresentation`, `MustacheCustomRenderable`, …) and escaping
/// character by character through a dictionary: on a home page most of the time of a request.
/// This reads the same parsed templates (swift-mustache's own tokens, read once at start-up
/// through `Mirror`, so the parse and its whitespace rules are the library's) and renders them
/// with its rules, but knowing the few value types pages are made of: texts, whole numbers,
/// booleans, `[String: Any]` and arrays of them. It answers nil for anything else (another
/// value type, a lambda, a transform other than `empty`), and the page is then rendered by
/// swift-mustache itself, as before.
struct CompiledTemplates: @unchecked Sendable {
    private let templates: [String: Template]

    init(_ library: MustacheLibrary, names: [String]) {
        var templates: [String: Template] = [:]
        for name in names {
            if let template = library.getTemplate(named: name), let compiled = Template(template) {
                templates[name] = compiled
            }
        }
        self.templates = templates
    }

    /// The templates read from swift-mustache's tokens (the others are always rendered by it).
    var names: Set<String> { Set(templates.keys) }

    /// The page, or nil when something in its template or data is not one this knows.
    func render(_ data: [String: Any], template name: String) -> String? {
        guard let template = templates[name] else { return nil }
        var out = ""
        do {
            try render(template, Context(stack: [data], indentation: nil, inherited: nil), into: &out)
        } catch {
            return nil
        }
        return out
    }

    struct Unsupported: Error {}

    // MARK: - Templates, read from swift-mustache's tokens

    final class Template {
        let nodes: [Node]
        init(nodes: [Node]) { self.nodes = nodes }

        convenience init?(_ template: MustacheTemplate) {
            guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any]
            else { return nil }
            var nodes: [Node] = []
            for token in tokens {
                guard let node = Node(token: token) else { return nil }
                nodes.append(node)
            }
            self.init(nodes: nodes)
        }
    }

    struct Name {
        enum Kind { case dot, top, stack }
        let kind: Kind
        let path: [String]
        /// `empty(…)` applications, innermost last, as swift-mustache applies them (reversed).
        let empties: Int

        init?(_ name: String, transforms: [String]) {
            guard transforms.allSatisfy({ $0 == "empty" }) else { return nil }
            empties = transforms.count
            if name == "." {
                kind = .dot; path = []
            } else if name.isEmpty {
                // `{{first()}}` and the like: the sequence's context, not read here.
                return nil
            } else {
                kind = name.first == "." ? .top : .stack
                path = name.split(separator: ".").map { String($0) }
                if kind == .stack && path.isEmpty { return nil }
            }
        }
    }

    enum Node {
        case text(String)
        case variable(Name, escaped: Bool)
        case section(Name, Template, inverted: Bool)
        case block(name: String, template: Template, indentation: String?)
        case partial(name: String, indentation: String?, overrides: [String: Template]?)

        init?(token: Any) {
            let mirror = Mirror(reflecting: token)
            guard mirror.displayStyle == .enum, let payload = mirror.children.first, let label = payload.label else { return nil }
            let fields = Dictionary(Mirror(reflecting: payload.value).children.map { ($0.label ?? "", $0.value) },
                                    uniquingKeysWith: { first, _ in first })
            func name() -> Name? {
                guard let name = fields["name"] as? String, let transforms = fields["transforms"] as? [String] else { return nil }
                return Name(name, transforms: transforms)
            }
            func template(_ key: String) -> Template? {
                (fields[key] as? MustacheTemplate).flatMap { Template($0) }
            }
            func indentation() -> String?? {
                guard let value = fields["indentation"] else { return nil }
                return .some(value as? String)
            }
            switch label {
            case "text":
                guard let text = payload.value as? String else { return nil }
                self = .text(text)
            case "variable", "unescapedVariable":
                guard let name = name() else { return nil }
                self = .variable(name, escaped: label == "variable")
            case "section", "invertedSection":
                guard let name = name(), let template = template("template") else { return nil }
                self = .section(name, template, inverted: label == "invertedSection")
            case "blockExpansion":
                guard let name = fields["name"] as? String, let template = template("default"), let indentation = indentation()
                else { return nil }
                self = .block(name: name, template: template, indentation: indentation)
            case "partial":
                guard let name = fields[".0"] as? String, let indentation = indentation(), let inherits = fields["inherits"]
                else { return nil }
                var overrides: [String: Template]?
                if let given = inherits as? [String: MustacheTemplate] {
                    var converted: [String: Template] = [:]
                    for (key, value) in given {
                        guard let template = Template(value) else { return nil }
                        converted[key] = template
                    }
                    overrides = converted
                } else if Mirror(reflecting: inherits).children.first != nil {
                    return nil
                }
                self = .partial(name: name, indentation: indentation, overrides: overrides)
            default:
                // Dynamic partials, content types, block definitions outside a parent.
                return nil
            }
        }
    }

    // MARK: - Rendering, by swift-mustache's rules

    struct Context {
        var stack: [Any]
        var indentation: String?
        var inherited: [String: Template]?

        func pushing(_ object: Any) -> Context {
            var copy = self
            copy.stack.append(object)
            return copy
        }

        func indented(_ more: String?) -> String? {
            guard let more else { return indentation }
            return (indentation ?? "") + more
        }
    }

    private func render(_ template: Template, _ context: Context, into out: inout String) throws {
        if let indentation = context.indentation, !indentation.isEmpty {
            // As swift-mustache: each token's text on its own, indented when what this template
            // wrote so far ends a line.
            var local = ""
            for node in template.nodes {
                var piece = ""
                try render(node, context, into: &piece)
                if !piece.isEmpty, local.last == "\n" { local += indentation }
                local += piece
            }
            out += local
        } else {
            for node in template.nodes { try render(node, context, into: &out) }
        }
    }

    private func render(_ node: Node, _ context: Context, into out: inout String) throws {
        switch node {
        case .text(let text):
            out += text
        case .variable(let name, let escaped):
            guard let value = try lookup(name, context) else { return }
            let text = try Self.text(of: value)
            if escaped { Self.appendEscaped(text, to: &out) } else { out += text }
        case .section(let name, let template, let inverted):
            let value = try lookup(name, context)
            if inverted {
                try renderInverted(value, template, context, into: &out)
            } else {
                try renderSection(value, template, context, into: &out)
            }
        case .block(let name, let template, let indentation):
            var inner = context
            inner.indentation = context.indented(indentation)
            try render(context.inherited?[name] ?? template, inner, into: &out)
        case .partial(let name, let indentation, let overrides):
            guard let template = templates[name] else { throw Unsupported() }
            var inner = context
            inner.indentation = context.indented(indentation)
            if let overrides {
                inner.inherited = context.inherited.map { $0.merging(overrides) { mine, _ in mine } } ?? overrides
            }
            try render(template, inner, into: &out)
        }
    }

    private func renderSection(_ value: Any?, _ template: Template, _ context: Context, into out: inout String) throws {
        guard let value else { return }
        if let items = try Self.items(of: value) {
            for item in items { try render(template, context.pushing(item), into: &out) }
        } else if let bool = value as? Bool, type(of: value) == Bool.self {
            if bool { try render(template, context, into: &out) }
        } else {
            try render(template, context.pushing(value), into: &out)
        }
    }

    private func renderInverted(_ value: Any?, _ template: Template, _ context: Context, into out: inout String) throws {
        guard let value else { return try render(template, context, into: &out) }
        if let items = try Self.items(of: value) {
            if items.isEmpty { try render(template, context.pushing(value), into: &out) }
        } else if let bool = value as? Bool, type(of: value) == Bool.self {
            if !bool { try render(template, context, into: &out) }
        }
    }

    private func lookup(_ name: Name, _ context: Context) throws -> Any? {
        var found: Any?
        switch name.kind {
        case .dot:
            found = context.stack.last
        case .top:
            found = try Self.path(name.path[...], from: context.stack.last!)
        case .stack:
            for object in context.stack.reversed() {
                if let child = try Self.child(name.path[0], of: object) {
                    found = try Self.path(name.path.dropFirst(), from: child)
                    break
                }
            }
        }
        for _ in 0..<name.empties {
            guard let value = found else { return nil }
            found = try Self.isEmpty(value)
        }
        return found
    }

    private static func path(_ names: ArraySlice<String>, from object: Any) throws -> Any? {
        var object = object
        for name in names {
            guard let child = try child(name, of: object) else { return nil }
            object = child
        }
        return object
    }

    // MARK: - The value types pages are made of

    private static let stringType = ObjectIdentifier(String.self)
    private static let dictionaryType = ObjectIdentifier([String: Any].self)
    private static let stringDictionaryType = ObjectIdentifier([String: String].self)
    private static let dictionaryArrayType = ObjectIdentifier([[String: Any]].self)
    private static let anyArrayType = ObjectIdentifier([Any].self)
    private static let stringArrayType = ObjectIdentifier([String].self)
    private static let stringDictionaryArrayType = ObjectIdentifier([[String: String]].self)
    private static let scalarTypes: Set<ObjectIdentifier> = [
        ObjectIdentifier(Bool.self), ObjectIdentifier(Int.self), ObjectIdentifier(Int64.self), ObjectIdentifier(Int32.self),
        ObjectIdentifier(UInt.self), ObjectIdentifier(Double.self),
    ]

    /// swift-mustache's child of an object: a dictionary's value; nothing for a text, a number,
    /// a boolean or an array (their mirrors have no labelled children).
    private static func child(_ name: String, of object: Any) throws -> Any? {
        let type = ObjectIdentifier(Swift.type(of: object))
        if type == dictionaryType { return (object as! [String: Any])[name] }
        if type == stringDictionaryType { return (object as! [String: String])[name] }
        if type == stringType || type == dictionaryArrayType || type == anyArrayType || type == stringArrayType
            || type == stringDictionaryArrayType || scalarTypes.contains(type) {
            return nil
        }
        // Other dictionaries by text (swift-mustache's `MustacheParent`) and other arrays.
        if let dictionary = object as? any StringKeyed { return dictionary.value(forKey: name) }
        if object is any AnyElements { return nil }
        throw Unsupported()
    }

    /// The elements of an array, nil for a value that is not one.
    private static func items(of value: Any) throws -> [Any]? {
        let type = ObjectIdentifier(Swift.type(of: value))
        if type == dictionaryArrayType { return (value as! [[String: Any]]).map { $0 as Any } }
        if type == anyArrayType { return (value as! [Any]) }
        if type == stringArrayType { return (value as! [String]).map { $0 as Any } }
        if type == stringDictionaryArrayType { return (value as! [[String: String]]).map { $0 as Any } }
        if type == stringType || type == dictionaryType || type == stringDictionaryType || scalarTypes.contains(type) { return nil }
        if let array = value as? any AnyElements { return array.elements }
        if value is any StringKeyed { return nil }
        throw Unsupported()
    }

    /// `empty(…)`: a text's, an array's or a dictionary's; nil for a number (as swift-mustache).
    private static func isEmpty(_ value: Any) throws -> Any? {
        let type = ObjectIdentifier(Swift.type(of: value))
        if type == stringType { return (value as! String).isEmpty }
        if type == dictionaryType { return (value as! [String: Any]).isEmpty }
        if type == stringDictionaryType { return (value as! [String: String]).isEmpty }
        if let dictionary = value as? any StringKeyed { return dictionary.isEmpty }
        if let items = try items(of: value) { return items.isEmpty }
        if type == ObjectIdentifier(Bool.self) || type == ObjectIdentifier(Double.self) { return nil }
        if scalarTypes.contains(type) { return nil }
        throw Unsupported()
    }

    /// `String(describing:)` of a text, number or boolean.
    private static func text(of value: Any) throws -> String {
        let type = ObjectIdentifier(Swift.type(of: value))
        if type == stringType { return value as! String }
        if scalarTypes.contains(type) { return String(describing: value) }
        throw Unsupported()
    }

    /// swift-mustache's HTML escape: `<`, `>`, `&`, `"` and `'`, whole characters compared.
    /// A text without any of those bytes has no such character either, and is written as it is.
    static func appendEscaped(_ text: String, to out: inout String) {
        if !Charts.mayNeedEscaping(text) { out += text; return }
        for c in text {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
    }
}

/// A dictionary keyed by text, whatever its values: what swift-mustache reads a child from.
protocol StringKeyed {
    func value(forKey key: String) -> Any?
    var isEmpty: Bool { get }
}

extension Dictionary: StringKeyed where Key == String {
    func value(forKey key: String) -> Any? { self[key] }
}

/// An array, whatever its elements: a section repeats for each.
protocol AnyElements {
    var elements: [Any] { get }
}

extension Array: AnyElements {
    var elements: [Any] { map { $0 } }
}
