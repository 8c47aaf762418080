import BekalCore

/// The Indonesian words of the aftercare forms that the core has no label for.
enum AftercareLabels {
    static func returned(_ value: ReturnedToSexWork) -> String {
        switch value {
        case .yes: "Ya"
        case .no: "Tidak"
        case .unknown: "Tidak diketahui"
        }
    }

    static func source(_ value: OutcomeSource) -> String {
        switch value {
        case .selfReport: "Pengakuan sendiri"
        case .workerObservation: "Pengamatan pendamping"
        case .communityReport: "Laporan warga atau ketua RT"
        }
    }

    static func choices<T: CaseIterable & RawRepresentable>(_ type: T.Type, _ label: (T) -> String) -> [(value: String, label: String)]
    where T.RawValue == String {
        T.allCases.map { ($0.rawValue, label($0)) }
    }
}
