import BekalCore
import Foundation

extension Refusal {
    /// LedgerRejection in Bahasa Indonesia, next to the field the officer can change.
    ///
    /// The first five cases cannot come from a form (the operations build balanced entries
    /// in one book); they are still said plainly, at the top of the form.
    static func ledger(_ e: LedgerRejection) -> Refusal {
        switch e {
        case .tooFewPostings(let count):
            Refusal(field: nil, message: "Entri memerlukan sedikitnya dua baris posting; entri ini hanya \(count). Tidak ada yang tersimpan; laporkan kepada admin.")
        case .zeroPosting(let line):
            Refusal(field: nil, message: "Baris posting ke-\(line + 1) bernilai Rp0 dan tidak dicatat. Periksa jumlah atau nilai barangnya.")
        case .accountNotFound(let id):
            Refusal(field: nil, message: "Akun dengan nomor \(id) tidak ada dalam buku. Tidak ada yang tersimpan; laporkan kepada admin.")
        case .postingsSpanBooks(let line, let code, let book):
            Refusal(field: nil, message: "Baris posting ke-\(line + 1) memakai akun \(code) dari buku \(book), di luar buku entri ini. Setiap buku dicatat dengan entrinya sendiri.")
        case .unbalanced(let sum):
            Refusal(field: nil, message: "Debet dan kredit tidak seimbang (selisih \(Format.rupiah(sum))); entri harus berjumlah tepat Rp0.")
        case .amountOverflow:
            Refusal(field: "amount", message: "Jumlahnya terlalu besar untuk dijumlahkan dalam buku. Periksa jumlah nolnya, atau pecah menjadi beberapa entri.")
        case .idempotencyConflict(let ref, let id, let field, let recorded, let proposed):
            Refusal(field: "ref", message: "Nomor bukti \"\(ref)\" sudah dipakai untuk entri #\(id) dengan \(conflictField(field)) \(conflictValue(field, recorded)), "
                + "sedangkan isian ini berisi \(conflictField(field)) \(conflictValue(field, proposed)). Bila dokumennya sama, tidak perlu dicatat lagi; "
                + "bila bukan, tulis nomor bukti dari dokumen itu sendiri.")
        case .futureDate(let date, let today):
            Refusal(field: "date", message: "Tanggal \(Format.date(date)) sesudah hari ini (\(Format.date(today))). Catat entri pada tanggal kejadiannya, paling lambat hari ini.")
        case .periodClosed(let date, let through, let book):
            Refusal(field: "date", message: "Tanggal \(Format.date(date)) jatuh pada bulan yang sudah ditutup: buku \(book) ditutup sampai dengan \(Format.month(through)). "
                + "Pakai tanggal di bulan yang masih terbuka (sesudah \(Format.month(through))).")
        case .entryNotFound(let id):
            Refusal(field: nil, message: "Entri #\(id) tidak ada. Cari nomor entri di buku kas umum atau buku besar.")
        case .alreadyReversed(let id, let reversal):
            Refusal(field: nil, message: "Entri #\(id) sudah dibalik oleh entri #\(reversal); satu entri hanya dapat dibalik sekali.")
        case .reversalOfReversal(let id, let original):
            Refusal(field: nil, message: "Entri #\(id) adalah pembalikan entri #\(original) dan tidak dapat dibalik lagi. Catat entri yang benar sebagai entri baru.")
        case .wouldGoNegative(let code, let name, let balance, let shortfall):
            Refusal(field: "amount", message: "Saldo \(code) \(name) tinggal \(Format.rupiah(balance)); pembayaran ini membuatnya kurang \(Format.rupiah(shortfall)). "
                + "Catat dulu penerimaan anggaran, atau bayar lebih sedikit.")
        case .wouldGoNegativeOnDate(let code, let name, let valueDate, let date, let balance, let shortfall):
            Refusal(field: "date", message: "Menurut tanggal buku, saldo \(code) \(name) pada \(Format.date(date)) hanya \(Format.rupiah(balance)); "
                + "entri bertanggal \(Format.date(valueDate)) ini membuatnya kurang \(Format.rupiah(shortfall)) pada tanggal itu, walaupun saldo hari ini cukup. "
                + "Pakai tanggal pada atau sesudah hari uangnya diterima, atau bayar lebih sedikit.")
        case .monthAlreadyClosed(let month, let through, let book):
            Refusal(field: "month", message: "Buku \(book) sudah ditutup sampai dengan \(Format.month(through)); \(Format.month(month)) tidak dapat ditutup lagi. Pilih bulan sesudah \(Format.month(through)).")
        }
    }

    /// The part of an entry that differs from the one recorded under the same reference.
    static func conflictField(_ field: EntryField) -> String {
        switch field {
        case .book: "buku"
        case .kind: "jenis"
        case .date: "tanggal"
        case .postingCount: "jumlah baris"
        case .account: "akun"
        case .amount: "jumlah"
        case .beneficiary: "penerima"
        case .kelompok: "kelompok"
        case .usaha: "usaha"
        case .cohort: "angkatan"
        case .budgetYear: "tahun anggaran"
        case .budgetLine: "mata anggaran"
        case .documentRef: "nomor bukti"
        case .reversedEntry: "entri yang dibalik"
        case .memo: "uraian"
        }
    }

    static func conflictValue(_ field: EntryField, _ value: String) -> String {
        if value == "none" { return "kosong" }
        if field == .date, let date = try? LocalDate.parse(value) { return Format.date(date) }
        return value
    }
}
