import BekalCore

extension Refusal {
    /// AftercareRejection in Bahasa Indonesia, next to the field of the visit form
    /// (`kunjungan-baru`) or the outcome form (`hasil-catat`) that has to change.
    static func aftercare(_ e: AftercareRejection) -> Refusal {
        switch e {
        case .noVisitSubject:
            Refusal(field: "beneficiary", message: "Pilih binaan, kelompok atau usaha yang dikunjungi.")
        case .visitBeforeEnrolment(let subject, let date, let start):
            Refusal(field: "date", message: "Tanggal kunjungan \(Format.date(date)) sebelum pelatihan \(subject) dimulai "
                + "(\(Format.date(start))); periksa tanggalnya.")
        case .salesWithoutUsaha:
            Refusal(field: "usaha", message: "Omzet dicatat untuk sebuah usaha: pilih usahanya (omzet dibukukan di buku usaha itu), "
                + "atau kosongkan omzet.")
        case .salesPeriodInvalid(let start, let end, let date):
            Refusal(field: "salesFrom", message: "Periode omzet \(Format.date(start)) s.d. \(Format.date(end)) tidak sah untuk kunjungan "
                + "tanggal \(Format.date(date)): awal periode paling lambat sama dengan akhirnya, dan akhir periode paling lambat "
                + "tanggal kunjungan.")
        case .nextVisitBeforeVisit(let next, let date):
            Refusal(field: "nextDue", message: "Kunjungan berikutnya (\(Format.date(next))) sebelum kunjungan ini (\(Format.date(date))); "
                + "pilih tanggal yang lebih lambat.")
        case .visitConflict(let id, _):
            Refusal(field: nil, message: "Kunjungan ini (hari, pendamping, yang dikunjungi dan cara kontak yang sama) sudah dicatat "
                + "sebagai kunjungan #\(id) dengan isian yang berbeda. Kunjungan yang sudah dicatat tidak diubah; catat perubahannya "
                + "pada kunjungan berikutnya.")
        case .futureDate(.visit, let date, let today):
            Refusal(field: "date", message: "Tanggal kunjungan \(Format.date(date)) sesudah hari ini (\(Format.date(today))); "
                + "catat kunjungan yang sudah terjadi.")
        case .futureDate(.outcome, let date, let today):
            Refusal(field: "asOf", message: "Tanggal hasil \(Format.date(date)) sesudah hari ini (\(Format.date(today))); "
                + "catat yang sudah diketahui.")
        case .futureDate(.asOf, let date, let today):
            Refusal(field: "asOf", message: "Tanggal laporan \(Format.date(date)) sesudah hari ini (\(Format.date(today))); "
                + "pilih hari ini atau tanggal sebelumnya.")
        case .textTooLong(let field, let count):
            Refusal(field: field == .needs ? "needs" : "notes",
                    message: "\(field == .needs ? "Kebutuhan" : "Catatan") berisi \(count) huruf; paling banyak \(field.limit) yang disimpan. "
                        + "Persingkat tulisannya — tidak ada yang dipotong tanpa sepengetahuan Anda.")
        case .outsideCaseload(let reference):
            // The pages answer 404 instead (``WebApp/found(_:)``), as for a code that names nobody.
            Refusal(field: Self.field(reference), message: "\(reference.code) bukan binaan Anda. Kunjungan dan hasil dicatat hanya "
                + "untuk binaan, kelompok dan usaha yang ditugaskan kepada Anda.")
        case .returnReasonRequired:
            Refusal(field: "reasons", message: "Hasil \"kembali\" dicatat dengan alasannya. Pilih satu alasan atau lebih.")
        case .returnReasonTextRequired:
            Refusal(field: "reasonText", message: "Alasan \"lainnya\" perlu keterangan (5 sampai \(OutcomeFactors.textLimit) huruf).")
        case .factorNotForOutcome(let returned):
            switch returned {
            case .yes: Refusal(field: "protective", message: "Faktor pelindung dicatat untuk hasil \"tidak kembali\". Kosongkan pilihan faktor pelindung.")
            case .no: Refusal(field: "reasons", message: "Alasan kembali dicatat untuk hasil \"kembali\". Kosongkan pilihan alasan.")
            case .unknown: Refusal(field: "reasons", message: "Hasil yang tidak diketahui tidak punya alasan atau faktor pelindung. Kosongkan pilihannya.")
            }
        }
    }

    /// The visit form's field for what a caseload refusal names.
    private static func field(_ reference: CaseloadReference) -> String {
        switch reference {
        case .worker: "worker"
        case .beneficiary: "beneficiary"
        case .kelompok: "kelompok"
        case .usaha: "usaha"
        }
    }
}

extension Refusal {
    /// PhoneSyncRejection in Bahasa Indonesia, kept on her phone beside the item it refused.
    static func phoneSync(_ e: PhoneSyncRejection) -> Refusal {
        switch e {
        case .badKey:
            Refusal(field: nil, message: "Isian ini tidak dapat dikenali kantor (kode kirimnya rusak): isi ulang lalu kirim lagi.")
        case .keyReused(_, let kind):
            Refusal(field: nil, message: "Kode kirim isian ini sudah dipakai untuk \(kind == .visit ? "kunjungan" : "hasil pendampingan") lain: "
                + "isi ulang lalu kirim lagi.")
        }
    }
}

extension Refusal {
    /// Why the office refused an item from her phone, kept beside it for her to correct. A case
    /// closed since she was there is said for the visit and outcome, not for the case path's stages.
    static func phoneItem(_ error: any Error) -> Refusal {
        if case CasePathRejection.caseClosed(let b, let cohort, let day)? = error as? CasePathRejection {
            return Refusal(field: "date", message: "Kasus \(b) di angkatan \(cohort) sudah ditutup pada \(Format.date(day)); kunjungan dan hasil "
                + "sesudah itu tidak dicatat lagi. Hapus isian ini, atau tanyakan ke admin program bila kasusnya perlu dibuka kembali.")
        }
        return of(error)
    }
}
