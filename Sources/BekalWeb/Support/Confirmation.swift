import BekalCore
import Foundation
import Hummingbird

/// The step before a change that cannot be undone (paying, reversing, closing a month,
/// switching a user off): the form posts once to be shown what it will do, in plain words,
/// and once more, with `konfirmasi=ya`, to do it. Nothing is written before the second post.
/// No JavaScript: the confirmation is a page whose form carries every value posted.
struct Confirmation {
    static let field = "konfirmasi"

    /// Where the form posts.
    let action: String
    /// The question, whole: "Bayar Rp1.500.000 kepada Siti Nurhaliza (B-00169), kuitansi KW/…?"
    let question: String
    /// What it will change, line by line.
    var facts: [(label: String, value: String)] = []
    /// What is unusual about it (an amount unlike the usual one).
    var warnings: [String] = []
    /// Every value of the first post, carried to the second.
    let values: [(name: String, value: String)]
    /// The button that does it: "Ya, bayar".
    let yes: String
    /// Whether the form can be shown again to change a value (the "Ubah" button re-posts the
    /// values with `konfirmasi=ubah`); otherwise "Batal" leads to `cancel`.
    var editable = true
    var cancel: String

    /// The second post: do it.
    static func confirmed(_ form: FormData?) -> Bool { form?[field] == "ya" }
    /// "Ubah": show the form again with what was typed.
    static func editing(_ form: FormData?) -> Bool { form?[field] == "ubah" }

    /// The first post's values of these fields, as typed (empty ones left out).
    static func values(_ form: FormData?, _ names: some Sequence<String>) -> [(name: String, value: String)] {
        names.sorted().compactMap { name in form?[name].flatMap { $0.isEmpty ? nil : (name, $0) } }
    }
}

extension WebApp {
    func confirmationPage(_ confirmation: Confirmation, title: String, context: some PageContext) -> Response {
        views.page("konfirmasi", title: title, context: context, data: [
            "action": confirmation.action, "question": confirmation.question,
            "facts": confirmation.facts.map { ["label": $0.label, "value": $0.value] },
            "warnings": confirmation.warnings, "hasWarnings": !confirmation.warnings.isEmpty,
            "values": confirmation.values.map { ["name": $0.name, "value": $0.value] },
            "yes": confirmation.yes, "editable": confirmation.editable, "cancel": confirmation.cancel,
            "confirmField": Confirmation.field,
        ])
    }
}
