import BekalCore

extension Refusal {
    /// CasePathRejection in Bahasa Indonesia, next to the field of the intake form or the
    /// stage form on her page that has to change.
    static func casePath(_ e: CasePathRejection) -> Refusal {
        switch e {
        case .underAge(let b, let age, let minimum):
            Refusal(field: "beneficiary", message: "\(b) berusia \(age) tahun (di bawah \(minimum)) pada hari itu: anak tidak didaftarkan "
                + "dalam program dewasa ini. Rujuk ke layanan perlindungan anak (UPTD PPA/P2TP2A); bila tahun lahirnya salah, koreksi dulu datanya.")
        case .overAge(let b, let age, let maximum):
            Refusal(field: "beneficiary", message: "\(b) berusia \(age) tahun, di atas batas program (\(maximum)); rujuk ke layanan lain "
                + "atau ubah batas usia di Pengaturan.")
        case .unknownStage(let stage, let known):
            Refusal(field: "stage", message: "\"\(stage)\" bukan tahap dalam daftar kantor ini; pilih salah satu: \(known.joined(separator: ", ")).")
        case .unknownCategory(let category, let known):
            Refusal(field: "category", message: "\"\(category)\" bukan kategori dalam daftar kantor ini; pilih salah satu: \(known.joined(separator: ", ")).")
        case .referralIncomplete:
            Refusal(field: "referredBy", message: "Rujukan dicatat dengan instansi perujuk dan nomor suratnya; isi keduanya.")
        case .consentMissing(let b):
            Refusal(field: "consentOn", message: "Keikutsertaan bersifat sukarela: catat tanggal \(b) menyatakan bersedia ikut.")
        case .intakeExists(let b, let cohort):
            Refusal(field: nil, message: "Asal rujukan \(b) untuk angkatan \(cohort) sudah tercatat dan disimpan sebagaimana adanya.")
        case .caseClosed(let b, let cohort, let day):
            Refusal(field: "stage", message: "Kasus \(b) di angkatan \(cohort) sudah ditutup pada \(Format.date(day)); tidak ada tahap lagi yang dicatat.")
        case .stageBeforeLast(_, let date, let last, let lastDate):
            Refusal(field: "date", message: "Tanggal \(Format.date(date)) sebelum tahap terakhir yang tercatat (\(last), \(Format.date(lastDate))); "
                + "tahap dicatat berurutan: periksa tanggalnya.")
        case .closingReasonRequired:
            Refusal(field: "reasonCode", message: "Penutupan kasus dicatat dengan alasannya. Pilih alasan penutupan.")
        case .reasonNotForStage:
            Refusal(field: "reasonCode", message: "Alasan hanya dicatat ketika kasus ditutup. Kosongkan pilihan alasan.")
        case .futureDate(_, let date, let today):
            Refusal(field: "date", message: "Tanggal \(Format.date(date)) sesudah hari ini (\(Format.date(today))); catat yang sudah terjadi.")
        case .dateOrder(_, let date, _, let other):
            Refusal(field: "date", message: "Tanggal \(Format.date(date)) sebelum \(Format.date(other)); periksa tanggalnya.")
        case .needSubject:
            Refusal(field: nil, message: "Kebutuhan dicatat untuk satu binaan atau satu kelompok.")
        case .needNotFound(let id):
            Refusal(field: nil, message: "Kebutuhan #\(id) tidak ada.")
        case .needClosed(let id, let day):
            Refusal(field: nil, message: "Kebutuhan #\(id) sudah terjawab pada \(Format.date(day)); catat kebutuhan baru bila ada permintaan lagi.")
        case .consentUnchanged(let b, let kind, let given):
            Refusal(field: "kind", message: "Izin \"\(kind.label)\" \(b) sudah \(given ? "diberikan" : "tidak berlaku"); tidak ada yang berubah.")
        case .consentNameMissing:
            Refusal(field: "name", message: "Tulis nama yang ia setujui untuk tampil, misalnya Ibu Siti.")
        case .consentNameNeedsSharing(let b):
            Refusal(field: "kind", message: "\(b) belum setuju data usahanya dibagikan kepada mitra; nama tampil hanya dengan izin itu. Catat izin itu dulu.")
        case .consentServiceMissing:
            Refusal(field: "service", message: "Tulis layanan atau kode mitra yang dituju.")
        case .consentBeforeLast(let date, let last):
            Refusal(field: "date", message: "Tanggal \(Format.date(date)) sebelum perubahan izin terakhir (\(Format.date(last))); periksa tanggalnya.")
        case .referralWithoutConsent(let b, let partner):
            Refusal(field: "partner", message: "\(b) belum setuju dirujuk ke \(partner). Catat izinnya dulu di halaman data binaan.")
        case .referralNotFound(let id):
            Refusal(field: nil, message: "Rujukan #\(id) tidak ada.")
        case .referralStep(let id, let from, let to):
            Refusal(field: "status", message: "Rujukan #\(id) berstatus \(from.label.lowercased()); tidak dapat menjadi \(to.label.lowercased()).")
        case .referralNoteRequired(let status):
            Refusal(field: "note", message: status == .declined ? "Tulis alasan penolakannya." : "Tulis hasil layanannya.")
        case .partnerExists(let code):
            Refusal(field: "code", message: "Mitra layanan dengan kode \(code) sudah ada.")
        case .noteTooLong(let count, let limit):
            Refusal(field: "note", message: "Catatan berisi \(count) huruf; paling banyak \(limit) yang disimpan. Persingkat tulisannya — "
                + "tidak ada yang dipotong tanpa sepengetahuan Anda.")
        }
    }
}
