import BekalCore

/// The choices of the aftercare forms, from the core's labels.
enum AftercareLabels {
    /// The outcome form asks "did she go back to her old work?" — in words that do not name it,
    /// for a screen seen in public beside her name: its answers are yes and no, where a history
    /// row (``ReturnedToSexWork/label``) says "returned" and "not returned".
    static func returned(_ value: ReturnedToSexWork) -> String {
        switch value {
        case .yes: "Ya, kembali"
        case .no: "Tidak kembali"
        case .unknown: "Tidak diketahui"
        }
    }

    static func choices<T: CaseIterable & RawRepresentable>(_ type: T.Type, _ label: (T) -> String) -> [(value: String, label: String)]
    where T.RawValue == String {
        T.allCases.map { ($0.rawValue, label($0)) }
    }
}
