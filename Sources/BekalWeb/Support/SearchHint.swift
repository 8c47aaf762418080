import BekalCore

extension SearchScope {
    /// The search box's placeholder: what this user can find. Nil: no search box.
    var hint: String? {
        if isEmpty { return nil }
        var things: [String] = []
        if people { things.append(caseloadOf == nil ? "nama, no. register, NIK" : "nama binaan") }
        if kelompok { things.append("kelompok") }
        if usaha { things.append("usaha") }
        if entries { things.append("no. kuitansi") }
        return "Cari " + things.joined(separator: ", ")
    }
}
