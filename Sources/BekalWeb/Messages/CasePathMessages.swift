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

extension Refusal {
    /// MergeRejection in Bahasa Indonesia, next to the field of the merge form to change.
    static func merge(_ e: MergeRejection) -> Refusal {
        switch e {
        case .sameRecord(let b):
            Refusal(field: "kept", message: "\(b) tidak dapat digabung ke dirinya sendiri: tulis kode data lain yang disimpan.")
        case .merged(let b, let into, let day):
            Refusal(field: "kept", message: "\(b) sudah digabung ke \(into) per \(Format.date(day)) (data ganda): pakai \(into).")
        case .holdsMerges(let d, let merged):
            Refusal(field: "kept", message: "\(d) menyimpan data yang sudah digabung ke dalamnya (\(merged.joined(separator: ", "))): "
                + "simpan \(d), lalu gabungkan data yang lain ke \(d).")
        case .niksDiffer(let d, let k):
            Refusal(field: "kept", message: "NIK \(d) dan \(k) berbeda, jadi keduanya dua orang. Bila salah satu NIK salah ketik, koreksi dulu datanya, lalu gabungkan.")
        case .enrolledInBoth(let cohort):
            Refusal(field: "kept", message: "Kedua data terdaftar di angkatan \(cohort), padahal satu orang terdaftar sekali per angkatan: catat dulu "
                + "pelatihan data ganda sebagai keluar (alasan lainnya: terdaftar dua kali), lalu gabungkan.")
        case .duplicatePaid(let d, let k, let kuitansi):
            Refusal(field: "kept", message: "\(d) sudah menerima bantuan modal (kuitansi \(kuitansi)) dan \(k) belum: simpan \(d), lalu gabungkan \(k) ke \(d).")
        case .bothPaid(let d, let k, let kuitansi):
            Refusal(field: "kept", message: "\(d) dan \(k) sama-sama sudah menerima bantuan modal (kuitansi \(kuitansi.joined(separator: ", "))), "
                + "padahal satu orang menerima sekali: batalkan dulu bantuan yang salah bayar (setelah uangnya kembali), lalu gabungkan.")
        case .openBusiness(let d, let what):
            Refusal(field: "kept", message: "\(d) masih punya urusan terbuka: \(what.map(Self.openBusinessWords).joined(separator: "; ")). "
                + "Penggabungan hanya menautkan riwayat yang sudah selesai: selesaikan dulu di \(d), atau simpan \(d) dan gabungkan data lain ke \(d).")
        case .reasonTooShort(let n):
            Refusal(field: "reason", message: "Tulis apa yang menunjukkan keduanya satu orang (paling sedikit \(n) huruf), mis. KTP yang sama terlihat saat kunjungan.")
        }
    }

    static func openBusinessWords(_ item: MergeRejection.OpenBusiness) -> String {
        switch item {
        case .inTraining(let c): "masih dalam pelatihan angkatan \(c) (catat lulus atau keluar)"
        case .unpaidGraduate(let c): "lulus dari angkatan \(c) dan belum dibayar (bayar bantuannya)"
        case .member(let k): "anggota kelompok \(k) saat ini (catat bahwa ia keluar)"
        }
    }
}
