import BekalCore
import Foundation

extension Refusal {
    /// InputError in Bahasa Indonesia: which field, what was typed, what is wrong, how to write
    /// it. Field and reason are enums: each switch below is exhaustive, so a new one in the
    /// core does not compile until it is said here too.
    static func input(_ e: InputError) -> Refusal {
        let typed = e.input.isEmpty ? "" : " \"\(e.input)\""
        return Refusal(field: formField(e.field), message: "\(fieldLabel(e.field))\(typed) \(inputReason(e.reason, field: e.field)).")
    }

    /// The form field a value of this kind is typed in, where a form has one.
    static func formField(_ field: InputField) -> String? {
        switch field {
        case .amount, .grantAmount: "amount"
        case .budget: "budget"
        case .sales: "sales"
        case .unitCost: "unitCost"
        case .date: "date"
        case .periodStart: "from"
        case .periodEnd: "to"
        case .month: "month"
        case .trainingEnd: "trainingEnd"
        case .nik: "nik"
        case .beneficiaryName, .workerName, .kelompokName: "name"
        case .birthYear: "birthYear"
        case .product: "product"
        case .office: "office"
        case .kelompokSize: "kelompokSize"
        case .timeZone: "timeZone"
        case .followUpPolicy: "followUpPolicy"
        case .exitReason: "reasonCode"
        case .fundingSource: "source"
        case .budgetPurpose: "purpose"
        case .code: "code"
        case .username: "username"
        case .role: "role"
        case .subject: "subject"
        case .item: "item"
        case .quantity: "quantity"
        case .sheet: "sheet"
        case .file, .option, .column: nil
        }
    }

    /// How a form labels a field, for the start of a message.
    static func fieldLabel(_ field: InputField) -> String {
        switch field {
        case .amount: "Jumlah"
        case .grantAmount: "Jumlah hibah"
        case .budget: "Pagu anggaran"
        case .sales: "Omzet"
        case .unitCost(let item?): "Harga satuan \(item)"
        case .unitCost(nil): "Harga satuan"
        case .date: "Tanggal"
        case .periodStart: "Tanggal awal"
        case .periodEnd: "Tanggal akhir"
        case .month: "Bulan"
        case .trainingEnd: "Tanggal selesai pelatihan"
        case .nik: "NIK"
        case .beneficiaryName, .workerName: "Nama"
        case .kelompokName: "Nama kelompok"
        case .birthYear: "Tahun lahir"
        case .product: "Produk"
        case .office: "Nama kantor"
        case .kelompokSize: "Ukuran kelompok"
        case .timeZone: "Zona waktu"
        case .followUpPolicy: "Aturan jadwal kunjungan"
        case .exitReason: "Alasan keluar"
        case .fundingSource: "Sumber dana"
        case .budgetPurpose: "Peruntukan"
        case .code(let kind): "Kode \(recordLabel(kind))"
        case .username: "Nama pengguna"
        case .role: "Peran"
        case .subject: "Yang dikunjungi"
        case .item: "Barang"
        case .quantity: "Jumlah barang"
        case .sheet: "Lembar"
        case .file: "Berkas"
        case .option(let name): "Isian \(name)"
        case .column(let heading): "Kolom \(heading)"
        }
    }

    /// What is wrong and how to write it, in Indonesian.
    static func inputReason(_ reason: InputReason, field: InputField) -> String {
        switch reason {
        case .empty:
            "masih kosong; isi kolom ini"
        case .notADate:
            "bukan tanggal; tulis sebagai TTTT-BB-HH, misalnya 2026-11-25"
        case .notACalendarDay:
            "tidak ada di kalender; periksa bulan dan tanggalnya"
        case .notAMonth:
            "bukan bulan; tulis sebagai TTTT-BB, misalnya 2026-10"
        case .decimalComma:
            "memuat pecahan rupiah (koma desimal); jumlah ditulis dalam rupiah utuh, misalnya 1.500.000, bukan 1.500.000,50"
        case .decimalPoint:
            "memuat pecahan rupiah (titik desimal); titik hanya pemisah ribuan, misalnya 1.500.000"
        case .notARupiahAmount:
            "bukan jumlah rupiah; tulis angka saja, boleh dengan titik pemisah ribuan, misalnya Rp1.500.000"
        case .misplacedDots:
            "memuat titik yang bukan pemisah ribuan; kelompokkan angka per tiga (1.500.000) atau tanpa titik (1500000)"
        case .tooLarge:
            "terlalu besar untuk dicatat; periksa jumlah nolnya"
        case .zero, .notMoreThanZero:
            field == .grantAmount
                ? "bernilai nol; hibah harus lebih dari Rp0"
                : "bernilai nol; jumlah yang dibayar harus lebih dari Rp0 (untuk membatalkan entri, gunakan pembalikan)"
        case .negative:
            switch field {
            case .sales: "bernilai negatif; omzet Rp0 atau lebih, tulis 0 bila tidak ada penjualan"
            case .budget: "bernilai negatif; pagu anggaran Rp0 atau lebih"
            default: "bernilai negatif; tulis jumlah tanpa tanda minus (untuk membatalkan entri, gunakan pembalikan)"
            }
        case .notAWholeNumber:
            "bukan bilangan bulat; tulis jumlahnya dengan angka, misalnya 2"
        case .notANIK:
            "bukan NIK; NIK terdiri atas tepat \(NIK.digitCount) angka, tanpa spasi atau titik"
        case .notANIP:
            "bukan NIP; NIP terdiri atas \(NIP.digitCount) angka, misalnya 19750101 200003 2 001"
        case .notAUsableCode:
            "bukan kode yang dapat dipakai; gunakan 1 sampai \(Code.lengthMax) huruf, angka, '-', '_', '.' atau '/'"
        case .outOfRange:
            switch field {
            case .birthYear: "di luar batas yang wajar; tulis tahun empat angka, misalnya 1985"
            case .kelompokSize:
                "di luar batas; satu kelompok beranggota \(ProgrammeSettings.kelompokSizes.lowerBound) sampai "
                    + "\(ProgrammeSettings.kelompokSizes.upperBound) orang, biasanya 3"
            case .followUpPolicy:
                "di luar batas; kunjungan bulanan \(FollowUpPolicy.monthlyMonths.lowerBound) sampai \(FollowUpPolicy.monthlyMonths.upperBound) bulan, "
                    + "tiga bulanan sampai paling lama \(FollowUpPolicy.quarterlyMonthMax) bulan, dianggap hilang kontak sesudah "
                    + "\(FollowUpPolicy.lostAfterDayRange.lowerBound) sampai \(FollowUpPolicy.lostAfterDayRange.upperBound) hari"
            default: "di luar batas yang wajar; periksa kembali angkanya"
            }
        case .notAUserName:
            "bukan nama pengguna yang sah; gunakan \(Credentials.usernameLength.lowerBound) sampai \(Credentials.usernameLength.upperBound) "
                + "huruf kecil, angka, '.', '_' atau '-'"
        case .notARole:
            "bukan peran yang dikenal; pilih \(Role.allCases.map(\.rawValue).joined(separator: ", "))"
        case .notATimeZone:
            "bukan zona waktu; pilih misalnya Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT)"
        case .notExactlyOneSubject:
            "harus menyebut tepat satu penerima manfaat atau satu kelompok"
        case .csvOnly, .notASheet:
            "tidak dapat dipakai untuk unduhan ini; pilih salah satu lembar yang tersedia"
        case .notItemAndQuantity, .notItemQuantityAndCost:
            "tidak sesuai bentuknya; pilih barang dan tulis jumlahnya"
        case .notItemAndCondition:
            "tidak sesuai bentuknya; pilih barang dan keadaannya"
        case .notKelompokItemAndQuantity:
            "tidak sesuai bentuknya; tulis satu baris per kelompok dan barang, misalnya K-0001:mesin-jahit:2"
        case .before(.periodStart(let start)):
            "lebih awal dari tanggal awal \(Format.date(start)); akhir periode harus pada atau sesudah awalnya"
        case .before(.trainingStart(let start)):
            "lebih awal dari tanggal mulai pelatihan \(Format.date(start)); periksa kedua tanggal"
        case .before(.joined(let joined)):
            "lebih awal dari tanggal ia bergabung (\(Format.date(joined))); pakai tanggal pada atau sesudahnya"
        case .before(.assignmentBegan(let began)):
            "lebih awal dari awal penugasan pendamping yang sekarang (\(Format.date(began))); pakai tanggal pada atau sesudahnya"
        case .notASealReference:
            "bukan ringkasan segel; salin persis seperti tercetak, misalnya seal 3 · entry 312 · 5E2C-9A10-77F3-0B4D · key 4F1A-22C8"
        case .unreadable:
            "tidak dapat dibaca; periksa letak berkas dan izin membacanya"
        case .notOneOf(let values):
            "bukan salah satu pilihan; pilih \(values.joined(separator: ", "))"
        case .duplicateValue:
            "tercantum dua kali; tulis setiap kode sekali saja"
        case .oneClosingStage:
            "tidak punya tepat satu tahap penutup kasus; tandai satu tahap dengan '!' sesudah labelnya (terminasi=Terminasi!)"
        }
    }
}
