/// The vocabulary of aftercare (*pendampingan*) visits. Raw values are the stored codes;
/// `label` is what an officer reads.

/// How the worker made contact.
public enum ContactMode: String, Codable, CaseIterable, Sendable {
    case homeVisit = "home_visit"
    case phone = "phone"
    case throughRTHead = "through_rt_head"
    case throughOther = "through_other"

    public var label: String {
        switch self {
        case .homeVisit: "Kunjungan rumah"
        case .phone: "Telepon"
        case .throughRTHead: "Melalui ketua RT"
        case .throughOther: "Melalui orang lain"
        }
    }
}

/// Where she is now, as far as the worker knows. Sensitive: never in a partner export.
public enum Whereabouts: String, Codable, CaseIterable, Sendable {
    case here = "here"
    case movedWithinCity = "moved_within_city"
    case wentHomeToVillage = "went_home_to_village"
    case unreachable = "unreachable"

    public var label: String {
        switch self {
        case .here: "Di tempat"
        case .movedWithinCity: "Pindah dalam kota"
        case .wentHomeToVillage: "Pulang ke kampung"
        case .unreachable: "Tidak dapat dihubungi"
        }
    }
}

public enum BusinessStatus: String, Codable, CaseIterable, Sendable {
    case running, paused, closed
    case neverStarted = "never_started"

    public var label: String {
        switch self {
        case .running: "Berjalan"
        case .paused: "Berhenti sementara"
        case .closed: "Tutup"
        case .neverStarted: "Belum pernah mulai"
        }
    }
}

public enum EquipmentCondition: String, Codable, CaseIterable, Sendable {
    case working, broken, sold, lost

    public var label: String {
        switch self {
        case .working: "Baik"
        case .broken: "Rusak"
        case .sold: "Dijual"
        case .lost: "Hilang"
        }
    }
}

/// Support given during a visit; a visit may give several.
public enum SupportKind: String, Codable, CaseIterable, Sendable {
    case marketing, branding, packaging, bookkeeping
    case marketLink = "market_link"
    case exhibition
    case extraTraining = "extra_training"
    case healthReferral = "health_referral"
    case mediation

    public var label: String {
        switch self {
        case .marketing: "Pemasaran"
        case .branding: "Merek"
        case .packaging: "Kemasan"
        case .bookkeeping: "Pembukuan"
        case .marketLink: "Jejaring pasar (Dinas Koperasi)"
        case .exhibition: "Pameran"
        case .extraTraining: "Pelatihan tambahan"
        case .healthReferral: "Rujukan kesehatan"
        case .mediation: "Mediasi"
        }
    }
}

/// What the grant was used for, when the worker learns it.
public enum GrantUse: String, Codable, CaseIterable, Sendable {
    case businessStock = "business_stock"
    case businessEquipment = "business_equipment"
    case household = "household"
    case phone = "phone"
    case familyBusiness = "family_business"
    case debt = "debt"
    case other = "other"

    public var label: String {
        switch self {
        case .businessStock: "Modal/bahan usaha"
        case .businessEquipment: "Peralatan usaha"
        case .household: "Kebutuhan rumah tangga"
        case .phone: "Telepon genggam"
        case .familyBusiness: "Usaha keluarga (suami/orang tua)"
        case .debt: "Membayar utang"
        case .other: "Lainnya"
        }
    }
}
