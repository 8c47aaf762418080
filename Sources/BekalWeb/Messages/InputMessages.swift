import BekalCore
import Foundation

extension Refusal {
    /// InputError in Bahasa Indonesia: which field, what was typed, what is wrong, how to write it.
    ///
    /// InputError is a struct, not an enum: its `reason` is an English phrase chosen where the
    /// value is parsed (`grep -rn "InputError(" Sources/BekalCore`). Each phrase the core uses is
    /// said again below; a phrase not listed falls back to a plain "cannot be used" with the
    /// field, so an officer still knows where to look.
    static func input(_ e: InputError) -> Refusal {
        let field = inputField(e.field)
        let label = fieldLabel(field)
        let typed = e.input.isEmpty ? "" : " \"\(e.input)\""
        return Refusal(field: field, message: "\(label)\(typed) \(inputReason(e, field: field)).")
    }

    /// `--date` → `date`, `birth year` → `birthYear`, `unit cost of mesin-jahit` → `unitCost`:
    /// the core's option and column names as the forms name their fields.
    static func inputField(_ name: String) -> String {
        var text = name.hasPrefix("--") ? String(name.dropFirst(2)) : name
        if let of = text.range(of: " of ") { text = String(text[..<of.lowerBound]) }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" })
        guard let first = words.first else { return text }
        return ([first.lowercased()] + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }).joined()
    }

    /// How a form labels a field, for the start of a message.
    static func fieldLabel(_ field: String) -> String {
        switch field {
        case "amount": "Jumlah"
        case "unitCost": "Harga satuan"
        case "date": "Tanggal"
        case "from": "Tanggal awal"
        case "to": "Tanggal akhir"
        case "month": "Bulan"
        case "nik": "NIK"
        case "name": "Nama"
        case "username": "Nama pengguna"
        case "role": "Peran"
        case "subject": "Yang dikunjungi"
        case "sales": "Omzet"
        case "budget": "Pagu anggaran"
        case "trainingEnd": "Tanggal selesai pelatihan"
        case "birthYear": "Tahun lahir"
        case "product": "Produk"
        case "office": "Nama kantor"
        case "kelompokSize": "Ukuran kelompok"
        case "timeZone": "Zona waktu"
        case "followUpPolicy": "Aturan jadwal kunjungan"
        case "sheet": "Lembar"
        case "item": "Barang"
        case "quantity": "Jumlah barang"
        case "reason": "Alasan"
        case "code": "Kode"
        default: "Isian \(field)"
        }
    }

    /// The reason and the hint, in Indonesian, from the core's English phrase.
    static func inputReason(_ e: InputError, field: String) -> String {
        let reason = e.reason
        func after(_ prefix: String) -> String { String(reason.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) }
        func date(_ text: String) -> String {
            let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
            return (try? LocalDate.parse(trimmed)).map { Format.date($0) } ?? trimmed
        }
        switch reason {
        case "is empty":
            return "masih kosong; isi kolom ini"
        case "is not a date":
            return "bukan tanggal; tulis sebagai TTTT-BB-HH, misalnya 2026-11-25"
        case "is not a day of the calendar":
            return "tidak ada di kalender; periksa bulan dan tanggalnya"
        case "is not a month":
            return "bukan bulan; tulis sebagai TTTT-BB, misalnya 2026-10"
        case "has a fraction of a rupiah (a decimal comma)":
            return "memuat pecahan rupiah (koma desimal); jumlah ditulis dalam rupiah utuh, misalnya 1.500.000, bukan 1.500.000,50"
        case "has a fraction of a rupiah (a decimal point)":
            return "memuat pecahan rupiah (titik desimal); titik hanya pemisah ribuan, misalnya 1.500.000"
        case "is not a rupiah amount":
            return "bukan jumlah rupiah; tulis angka saja, boleh dengan titik pemisah ribuan, misalnya Rp1.500.000"
        case "has dots that are not thousands separators":
            return "memuat titik yang bukan pemisah ribuan; kelompokkan angka per tiga (1.500.000) atau tanpa titik (1500000)"
        case "is too large for the ledger":
            return "terlalu besar untuk dicatat; periksa jumlah nolnya"
        case "is zero", "is not more than zero":
            return "bernilai nol; jumlah yang dibayar harus lebih dari Rp0 (untuk membatalkan entri, gunakan pembalikan)"
        case "is negative" where field == "sales":
            return "bernilai negatif; omzet Rp0 atau lebih, tulis 0 bila tidak ada penjualan"
        case "is negative" where field == "budget":
            return "bernilai negatif; pagu anggaran Rp0 atau lebih"
        case "is negative":
            return "bernilai negatif; tulis jumlah tanpa tanda minus (untuk membatalkan entri, gunakan pembalikan)"
        case "is not a whole number":
            return "bukan bilangan bulat; tulis jumlahnya dengan angka, misalnya 2"
        case "is not a NIK":
            return "bukan NIK; NIK terdiri atas tepat 16 angka, tanpa spasi atau titik"
        case "is not a usable code":
            return "bukan kode yang dapat dipakai; gunakan 1 sampai 40 huruf, angka, '-', '_', '.' atau '/'"
        case "is out of range" where field == "birthYear":
            return "di luar batas yang wajar; tulis tahun empat angka, misalnya 1985"
        case "is out of range" where field == "kelompokSize":
            return "di luar batas; satu kelompok beranggota 1 sampai 50 orang, biasanya 3"
        case "is out of range" where field == "followUpPolicy":
            return "di luar batas; kunjungan bulanan 0 sampai 24 bulan, tiga bulanan sampai paling lama 120 bulan, dianggap hilang kontak sesudah 30 sampai 3650 hari"
        case "is out of range":
            return "di luar batas yang wajar; periksa kembali angkanya"
        case "is not a valid user name":
            return "bukan nama pengguna yang sah; gunakan 3 sampai 32 huruf kecil, angka, '.', '_' atau '-'"
        case "is not a role":
            return "bukan peran yang dikenal; pilih admin, bendahara, pendamping atau mitra"
        case "is not a time zone":
            return "bukan zona waktu; pilih misalnya Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT)"
        case "does not name exactly one beneficiary or kelompok":
            return "harus menyebut tepat satu penerima manfaat atau satu kelompok"
        case "applies to CSV only", "is not a sheet of this export":
            return "tidak dapat dipakai untuk unduhan ini; pilih salah satu lembar yang tersedia"
        case "is not CODE:QUANTITY", "is not CODE:QUANTITY:UNIT_COST":
            return "tidak sesuai bentuknya; pilih barang dan tulis jumlahnya"
        default:
            break
        }
        if reason.hasPrefix("is before --from") {
            return "lebih awal dari tanggal awal \(date(after("is before --from"))); akhir periode harus pada atau sesudah awalnya"
        }
        if reason.hasPrefix("is before the training start") {
            return "lebih awal dari tanggal mulai pelatihan \(date(after("is before the training start"))); periksa kedua tanggal"
        }
        if reason.hasPrefix("is before she joined on") {
            return "lebih awal dari tanggal ia bergabung (\(date(after("is before she joined on")))); pakai tanggal pada atau sesudahnya"
        }
        if reason.hasPrefix("is before the current assignment began") {
            let began = date(after("is before the current assignment began"))
            return "lebih awal dari awal penugasan pendamping yang sekarang (\(began)); pakai tanggal pada atau sesudahnya"
        }
        return "tidak dapat dipakai; periksa kembali isian ini"
    }
}
