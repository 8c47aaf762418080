import BekalCore
import Foundation

extension Refusal {
    /// ProgrammeRejection in Bahasa Indonesia, next to the field the officer can change.
    /// Records are named by their codes, as in the core's messages.
    static func programme(_ e: ProgrammeRejection) -> Refusal {
        switch e {
        case .notInitialised:
            Refusal(field: nil, message: "Basis data ini belum berisi buku. Admin perlu menjalankan `bekal init` (atau `bekal demo`) dulu.")
        case .notFound(let kind, let reference):
            notFound(kind: kind, reference: reference)
        case .chartIncomplete(let book, _):
            Refusal(field: nil, message: "Bagan akun buku \(book) tidak lengkap. Laporkan kepada admin; ia perlu menjalankan `bekal verify`.")
        case .duplicate(let kind, let reference, let existing):
            Refusal(field: recordField(kind),
                    message: "\(recordLabel(kind).capitalizedFirst) \"\(reference)\" sudah ada (\(existing)). Pakai yang sudah ada, atau pilih kode lain.")
        case .duplicateNIK(let existing):
            Refusal(field: "nik", message: "NIK ini sudah terdaftar untuk \(existing); satu NIK hanya untuk satu orang. Periksa nomornya, atau pakai data yang sudah ada.")
        case .notEnrolled(let b, let cohort):
            if let cohort {
                Refusal(field: "cohort", message: "\(b) tidak terdaftar di angkatan \(cohort). Pilih angkatan tempat ia mengikuti pelatihan, atau minta admin program mendaftarkannya.")
            } else {
                Refusal(field: "beneficiary", message: "\(b) belum terdaftar di angkatan mana pun. Minta admin program mendaftarkannya dulu.")
            }
        case .trainingNotCompleted(let b, let cohort, let status):
            Refusal(field: "beneficiary", message: "\(b) belum lulus pelatihan angkatan \(cohort) (status: \(statusLabel(status))). "
                + "Hibah hanya dibayarkan kepada lulusan; minta admin program mencatat kelulusannya dulu.")
        case .ambiguousCohort(let b, let cohorts):
            Refusal(field: "cohort", message: "\(b) lulus di lebih dari satu angkatan (\(cohorts.joined(separator: ", "))). Pilih angkatan yang dibayar.")
        case .alreadyPaid(let b, let cohort, let entryID):
            Refusal(field: "beneficiary", message: "\(b) sudah menerima hibah angkatan \(cohort) (entri #\(entryID)). Hibah dibayar sekali per orang; "
                + "bila pembayaran kedua memang benar, admin program mencatat pengecualian beserta alasannya dulu.")
        case .alreadyPaidInOtherCohort(let b, let paidCohort, let entryID, let cohort):
            Refusal(field: "beneficiary", message: "\(b) sudah menerima hibah di angkatan \(paidCohort) (entri #\(entryID)). Hibah dibayar sekali per orang; "
                + "bila hibah kedua di angkatan \(cohort) memang benar, admin program mencatat pengecualian untuk angkatan \(cohort) beserta alasannya dulu.")
        case .grantBeforeGraduation(let b, let cohort, let graduated, let valueDate):
            Refusal(field: "date", message: "\(b) lulus dari angkatan \(cohort) pada \(Format.date(graduated)); hibah bertanggal \(Format.date(valueDate)) mendahului kelulusannya. "
                + "Pakai tanggal pada atau sesudah \(Format.date(graduated)), atau minta admin program membetulkan tanggal kelulusannya.")
        case .grantAmountNotStandard(let b, let cohort, let amount, let standard):
            Refusal(field: "amount", message: "Hibah untuk \(b) sebesar \(Format.rupiah(amount)), bukan jumlah baku angkatan \(cohort) (\(Format.rupiah(standard))). "
                + "Periksa jumlahnya (kelebihan satu nol?); bila jumlah ini memang disengaja, tulis alasannya.")
        case .likelyDuplicate(let candidates):
            Refusal(field: "name", message: "\(candidates.joined(separator: ", ")) bernama sama dan lahir pada tahun yang sama, tanpa NIK untuk membedakannya: "
                + "mungkin ia sudah terdaftar. Periksa data itu dulu; bila ia memang orang lain, tandai bahwa ia berbeda dari \(candidates.joined(separator: ", ")).")
        case .reasonTooShort(let minimum):
            Refusal(field: "reason", message: "Alasannya terlalu pendek. Tulis sedikitnya \(minimum) huruf yang menjelaskan mengapa.")
        case .usahaNotHers(let usaha, let b):
            Refusal(field: "usaha", message: "Usaha \(usaha) bukan milik \(b) dan bukan milik kelompoknya. Pilih usahanya sendiri, atau kosongkan pilihan usaha.")
        case .insufficientStock(let item, let inStock, let requested):
            Refusal(field: "quantity", message: "Persediaan \(item) hanya \(inStock); diminta \(requested). Catat pembelian dulu, atau serahkan lebih sedikit.")
        case .stockValueShort(let item, let value, let requested):
            Refusal(field: nil, message: "Nilai persediaan \(item) tinggal \(Format.rupiah(value)), kurang dari \(Format.rupiah(requested)) yang akan dikeluarkan pembalikan ini "
                + "(penyerahan sesudah pembelian dinilai dengan harga rata-rata). Balik dulu penyerahan-penyerahan itu, atau catat koreksinya sebagai entri baru.")
        case .emptyItemList:
            Refusal(field: "item", message: "Belum ada barang. Pilih sedikitnya satu barang dan jumlahnya.")
        case .quantityNotPositive(let item, let quantity):
            Refusal(field: "quantity", message: "Jumlah \(item) \(quantity) tidak lebih dari nol. Tulis jumlah barang yang diserahkan, misalnya 1.")
        case .missingDocumentRef:
            Refusal(field: "ref", message: "Nomor bukti wajib diisi: nomor kuitansi, SP2D, nota atau berita acara serah terima.")
        case .alreadyMember(let b, let k):
            Refusal(field: "beneficiary", message: "\(b) sudah menjadi anggota \(k).")
        case .notMember(let b, let k):
            Refusal(field: "beneficiary", message: "\(b) bukan anggota \(k) saat ini.")
        case .monthNotEnded(let month, let today):
            Refusal(field: "month", message: "\(Format.month(month)) belum berakhir (hari ini \(Format.date(today))). Bulan dapat ditutup mulai \(Format.date(month.lastDay.adding(days: 1))), sesudah SPJ-nya selesai.")
        case .invalidUsahaOwner:
            Refusal(field: "owner", message: "Usaha dimiliki tepat oleh satu penerima manfaat atau satu kelompok. Pilih salah satu saja.")
        case .monthNotClosed(let month):
            Refusal(field: "month", message: "\(Format.month(month)) belum ditutup; berita acara penutupan kas dibuat sesudah bukunya ditutup.")
        case .nothingChanged(let record):
            Refusal(field: nil, message: "Tidak ada yang berubah: data \(record) sudah seperti isian ini. Ubah kolom yang memang salah saja.")
        case .exitReasonRequired(let b, let cohort):
            Refusal(field: "reasonCode", message: "\(b) keluar dari \(cohort) dicatat dengan alasannya. Pilih alasan keluar.")
        case .exitReasonTextRequired:
            Refusal(field: "reasonText", message: "Alasan \"lainnya\" perlu keterangan. Tulis alasannya.")
        case .exitReasonNotForStatus:
            Refusal(field: "reasonCode", message: "Alasan keluar hanya dicatat untuk status keluar. Kosongkan pilihan alasan.")
        case .notOnApprovedList(let b, let cohort, let pending):
            Refusal(field: "beneficiary", message: "\(b) belum tercantum dalam daftar penerima angkatan \(cohort) yang sudah disetujui"
                    + (pending.map { " (daftar \($0) yang mencantumkannya masih menunggu persetujuan kepala dinas)" } ?? "")
                    + ". Hibah hanya dibayar menurut daftar yang disetujui dengan SK, atau dengan pengecualian yang dicatat admin.")
        case .amountNotOnList(let b, let list, let listAmount, let amount):
            Refusal(field: "amount", message: "Daftar \(list) menyetujui \(Format.rupiah(listAmount)) untuk \(b), bukan \(Format.rupiah(amount)). "
                    + "Bayar jumlah yang disetujui, atau minta admin menyusun daftar pengganti.")
        case .grantBeforeDecree(let b, let list, let decreeDate, let valueDate):
            Refusal(field: "date", message: "Hibah untuk \(b) bertanggal \(Format.date(valueDate)), sebelum SK daftar \(list) (\(Format.date(decreeDate))). "
                    + "Tanggal pembayaran paling awal \(Format.date(decreeDate)).")
        case .makerCannotApprove(let list):
            Refusal(field: nil, message: "Anda yang menyusun daftar \(list), jadi Anda tidak dapat menyetujuinya. Persetujuan diberikan kepala dinas atau pejabat lain yang berwenang.")
        case .recipientListNotDraft(let list, let status):
            Refusal(field: nil, message: "Daftar \(list) \(listStatusLabel(status)), bukan draf; daftar yang disetujui tidak dapat diubah. "
                    + "Untuk memperbaikinya, susun daftar baru yang menggantikannya, dengan alasan.")
        case .recipientListNotApproved(let list, let status):
            Refusal(field: nil, message: "Daftar \(list) \(listStatusLabel(status)); hibah hanya dibayar menurut daftar yang disetujui dan masih berlaku.")
        case .recipientListExists(let cohort, let existing):
            Refusal(field: "supersedes", message: "Angkatan \(cohort) sudah mempunyai daftar \(existing.joined(separator: ", ")). "
                    + "Daftar baru menggantikan daftar terakhir: pilih daftar yang diganti dan tulis alasannya.")
        case .supersedesWrongList(let list, let current):
            Refusal(field: "supersedes", message: current.isEmpty ? "Daftar \(list) bukan daftar terakhir dan tidak ada yang perlu diganti; kosongkan pilihan daftar yang diganti."
                    : "Daftar \(list) bukan daftar terakhir angkatan dan jurusan ini; yang diganti adalah \(current.joined(separator: " atau ")).")
        case .emptyRecipientList(let cohort):
            Refusal(field: "cohort", message: "Belum ada lulusan angkatan \(cohort) untuk didaftar. Catat kelulusannya lebih dahulu.")
        case .decreeMissing:
            Refusal(field: "decreeNumber", message: "Nomor SK penerima bantuan belum diisi. Tulis nomor SK seperti tertera pada keputusannya.")
        case .notOnList(let b, let list):
            Refusal(field: "beneficiary", message: "\(b) tidak tercantum dalam daftar \(list).")
        case .equipmentNotInPlan(let k, let item, let approved, let issued, let requested):
            Refusal(field: "item", message: approved == 0
                ? "Belum ada daftar penerima yang disetujui (dengan SK bertanggal sebelumnya) yang memberi \(k) \(item). Kantor ini menyerahkan peralatan menurut SK: setujui dulu daftar yang mencantumkannya."
                : "SK menyetujui \(approved) \(item) untuk \(k), yang sudah menerima \(issued); \(requested) lagi melebihi itu. Serahkan paling banyak \(max(0, approved - issued)).")
        case .kelompokNotOfCohort(let k, let cohort):
            Refusal(field: "equipment", message: "\(k) bukan kelompok angkatan \(cohort); daftar hanya menyetujui peralatan untuk kelompok angkatannya sendiri.")
        case .documentSettingMissing(_, let setting):
            Refusal(field: nil, message: "Dokumen ini mencantumkan \(settingLabel(setting)), yang belum diisi di pengaturan kantor. "
                    + "Minta admin mengisinya di halaman Pengaturan, lalu cetak lagi.")
        }
    }

    static func listStatusLabel(_ status: RecipientList.Status) -> String {
        switch status {
        case .draft: "masih draf, menunggu persetujuan"
        case .approved: "sudah disetujui"
        case .superseded: "sudah diganti daftar lain"
        }
    }

    /// A document setting as the office names it.
    static func settingLabel(_ setting: DocumentSetting) -> String {
        switch setting {
        case .officeName: "nama kantor"
        case .officeAddress: "alamat kantor"
        case .place: "tempat penandatanganan"
        case .treasurerName: "nama bendahara pengeluaran"
        case .treasurerNIP: "NIP bendahara pengeluaran"
        case .headName: "nama kepala dinas"
        case .headNIP: "NIP kepala dinas"
        case .programmeOfficerName: "nama pejabat pelaksana teknis kegiatan (PPTK)"
        case .programmeOfficerNIP: "NIP pejabat pelaksana teknis kegiatan (PPTK)"
        }
    }

    static func notFound(kind: RecordKind, reference: String) -> Refusal {
        let label = recordLabel(kind)
        let field = recordField(kind)
        if reference.trimmingCharacters(in: .whitespaces).isEmpty {
            return Refusal(field: field, message: "\(label.capitalizedFirst) belum diisi. \(lookupHint(kind))")
        }
        return Refusal(field: field, message: "\(label.capitalizedFirst) \"\(reference)\" tidak ditemukan. \(lookupHint(kind))")
    }

    /// The kinds of record the core names in `notFound` and `duplicate`, as officers say them.
    static func recordLabel(_ kind: RecordKind) -> String {
        switch kind {
        case .beneficiary: "penerima manfaat"
        case .registerNumber: "nomor register"
        case .cohort: "angkatan"
        case .track: "jurusan"
        case .kelompok: "kelompok"
        case .usaha: "usaha"
        case .equipmentItem: "barang"
        case .account: "akun"
        case .worker: "pendamping"
        case .book: "buku"
        case .kuitansi: "kuitansi hibah"
        case .equipmentIssue: "penyerahan peralatan"
        case .recipientList: "daftar penerima"
        case .partner: "mitra layanan"
        case .stockTake: "stock opname"
        }
    }

    /// The form field a record is chosen in.
    static func recordField(_ kind: RecordKind) -> String {
        switch kind {
        case .beneficiary: "beneficiary"
        case .registerNumber: "externalRef"
        case .cohort: "cohort"
        case .track: "track"
        case .kelompok: "kelompok"
        case .usaha: "usaha"
        case .equipmentItem: "item"
        case .account: "account"
        case .worker: "worker"
        case .book: "book"
        case .kuitansi: "number"
        case .equipmentIssue: "entry"
        case .recipientList: "list"
        case .partner: "partner"
        case .stockTake: "countRef"
        }
    }

    static func lookupHint(_ kind: RecordKind) -> String {
        switch kind {
        case .beneficiary: "Tulis kodenya (B-00012) atau nomor register kantor, atau pilih dari daftar."
        case .registerNumber: "Tulis nomor register kantor seperti tertulis di berkasnya."
        case .cohort: "Pilih angkatan dari daftar."
        case .track: "Pilih jurusan dari daftar."
        case .kelompok: "Tulis kodenya, misalnya K-0003, atau pilih dari daftar."
        case .usaha: "Tulis kodenya, misalnya U-0007, atau pilih dari daftar."
        case .equipmentItem: "Pilih barang dari daftar persediaan."
        case .account: "Pilih akun dari daftar akun."
        case .worker: "Pilih pendamping dari daftar."
        case .book: "Tulis KANTOR untuk buku kantor, atau kode usaha (U-0007) untuk buku usaha."
        case .kuitansi: "Tulis nomor kuitansi seperti tercatat pada entri hibahnya, misalnya KW/2013/001."
        case .equipmentIssue: "Buka entri penyerahan peralatannya dari buku kas atau register peralatan."
        case .recipientList: "Buka daftar penerima dari halaman Daftar penerima."
        case .partner: "Pilih mitra dari daftar mitra layanan."
        case .stockTake: "Buka hasil stock opname dari halaman peralatan."
        }
    }

    static func statusLabel(_ status: Enrolment.Status) -> String {
        switch status {
        case .enrolled: "masih mengikuti pelatihan"
        case .completed: "lulus"
        case .droppedOut: "keluar dari pelatihan"
        }
    }
}

fileprivate extension String {
    /// `penerima manfaat` → `Penerima manfaat`.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
