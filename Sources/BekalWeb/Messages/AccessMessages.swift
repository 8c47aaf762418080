import BekalCore

extension Refusal {
    /// AccessRejection in Bahasa Indonesia, next to the field of the user form it is about.
    static func access(_ e: AccessRejection) -> Refusal {
        switch e {
        case .passwordTooShort(let length, let minimum):
            Refusal(field: "password",
                    message: "Kata sandi baru \(length) karakter; gunakan paling sedikit \(minimum) karakter.")
        case .passwordTooLong(let bytes):
            Refusal(field: "password",
                    message: "Kata sandi terlalu panjang (\(bytes) bita); bcrypt hanya membaca 72 bita. Gunakan yang lebih pendek.")
        case .duplicateUsername(let name):
            Refusal(field: "username", message: "Nama pengguna \"\(name)\" sudah dipakai; pilih nama lain.")
        case .workerRequired:
            Refusal(field: "worker",
                    message: "Pengguna pendamping melihat binaan satu pendamping: pilih pendamping (pekerja sosial) untuknya.")
        case .workerNotAllowed(let role):
            Refusal(field: "worker",
                    message: "Hanya pengguna pendamping yang dikaitkan dengan pekerja sosial; pengguna \(role.label) tidak. Kosongkan pilihan pendamping.")
        case .unknownUser(let name):
            Refusal(field: nil, message: "Tidak ada pengguna \"\(name)\". Periksa daftar pengguna.")
        case .lastAdmin(let name):
            Refusal(field: nil, message: "\(name) adalah satu-satunya admin yang aktif dan tidak dapat dinonaktifkan. Tambahkan atau aktifkan admin lain lebih dulu.")
        case .notPermitted(let role, _):
            // The pages answer 403 before an operation is called; this is for a refusal shown at a form.
            Refusal(field: nil, message: "Peran \(role.label) tidak memberi akses untuk ini. Hubungi admin program bila perlu.")
        }
    }
}
