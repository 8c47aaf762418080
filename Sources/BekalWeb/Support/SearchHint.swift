import BekalCore

extension SearchScope {
    /// The search box's placeholder: what this user can find. Nil: no search box.
    var hint: String? {
        if isEmpty { return nil }
        var things: [String] = []
        // Short enough for a phone's header; the search page says the rest.
        if people { things.append("binaan") }
        if kelompok { things.append("kelompok") }
        if usaha { things.append("usaha") }
        if entries { things.append("no. kuitansi") }
        return "Cari " + things.joined(separator: ", ")
    }
}
