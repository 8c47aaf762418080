import BekalCore

extension Refusal {
    /// EquipmentRejection in Bahasa Indonesia, next to the field to change.
    static func equipment(_ e: EquipmentRejection) -> Refusal {
        switch e {
        case .notHeld(let kelompok, let item, let held, let requested):
            Refusal(field: "quantity", message: "Kelompok \(kelompok) memegang \(held) \(item), bukan \(requested): lihat Posisi peralatan.")
        case .sameKelompok(let kelompok):
            Refusal(field: "to", message: "Barang akan pindah dari kelompok \(kelompok) ke kelompok itu sendiri: pilih kelompok yang menerimanya.")
        case .needsKelompok:
            Refusal(field: "from", message: "Mutasi dan pengembalian berangkat dari kelompok yang memegang barang: pilih kelompoknya.")
        case .reasonTooShort(let n):
            Refusal(field: "reason", message: "Tulis alasannya, paling sedikit \(n) huruf (mis. \"kelompok bubar\").")
        case .visitNotFound(let id):
            Refusal(field: "visit", message: "Kunjungan #\(id) tidak ada: pilih kunjungan yang menemukan barang rusak.")
        case .visitDidNotReport(let id, let item, let found):
            Refusal(field: "visit", message: "Kunjungan #\(id) " + (found.map { "mencatat \(item) \($0.label.lowercased())" } ?? "tidak mencatat \(item)")
                + ", bukan rusak atau hilang: pilih kunjungan yang mencatatnya, atau kosongkan.")
        case .visitOfAnotherKelompok(let id, let kelompok):
            Refusal(field: "visit", message: "Kunjungan #\(id) bukan kunjungan ke kelompok \(kelompok) atau usahanya.")
        case .countIncomplete(let place, let missing):
            Refusal(field: "item", message: "Menurut register ada \(missing.joined(separator: ", ")) di \(place == "the store room" ? "gudang" : place), "
                + "tetapi hasil hitungnya tidak ditulis: hitung juga (tulis 0 bila tidak ditemukan).")
        case .countRepeatsItem(let item):
            Refusal(field: "item", message: "\(item) dihitung dua kali di satu tempat: tulis satu baris per barang dengan jumlah seluruhnya.")
        case .countNegative(let item, let counted):
            Refusal(field: "item", message: "\(counted) \(item) tidak mungkin terhitung: tulis jumlah yang ditemukan, 0 atau lebih.")
        case .countEmpty:
            Refusal(field: "item", message: "Stock opname belum menghitung apa pun: tulis paling sedikit satu barang.")
        case .countExists(let ref):
            Refusal(field: "countRef", message: "Stock opname \(ref) sudah tercatat dengan angka lain: beri stock opname baru nomornya sendiri.")
        case .countInFuture(let date, let today):
            Refusal(field: "date", message: "Tanggal stock opname \(date) sesudah hari ini (\(today)): tulis tanggal penghitungannya.")
        case .reversalTakesWhatIsGone(let entryID, let kelompok, let item, let held, let requested):
            Refusal(field: nil, message: "Membalik entri #\(entryID) akan menarik \(requested) \(item) dari kelompok \(kelompok), yang kini memegang \(held): "
                + "balik dulu mutasi atau pengembaliannya yang kemudian, atau catat pengembalian.")
        }
    }

    /// MarketRejection in Bahasa Indonesia, next to the field to change.
    static func market(_ e: MarketRejection) -> Refusal {
        switch e {
        case .licenceNumberEmpty(let kind):
            Refusal(field: "number", message: "Nomor \(kind.label) kosong: tulis seperti tercetak di sertifikatnya.")
        case .licenceNumberDigits(let kind, let number, let digits):
            Refusal(field: "number", message: "Nomor \(kind.label) \"\(number)\" tidak \(digits) angka: tulis seperti tercetak di sertifikatnya.")
        case .licenceElsewhere(let kind, let number, let usaha):
            Refusal(field: "number", message: "\(kind.label) \(number) sudah tercatat untuk \(usaha): satu izin milik satu usaha; periksa nomornya.")
        case .licenceExpiresBeforeIssue(let issued, let until):
            Refusal(field: "validUntil", message: "Izin berakhir \(until), sebelum terbit \(issued): periksa kedua tanggal.")
        case .dateInFuture(let date, let today):
            Refusal(field: "date", message: "Tanggal \(date) sesudah hari ini (\(today)): tulis tanggal kejadiannya.")
        case .affiliationNameEmpty:
            Refusal(field: "name", message: "Nama koperasi atau KUBE kosong: tulis seperti terdaftar.")
        case .alreadyMember(let kind, let name, let usaha):
            Refusal(field: "name", message: "\(usaha) sudah menjadi anggota \(kind.label) \(name).")
        case .notMember(let kind, let name, let usaha):
            Refusal(field: "name", message: "\(usaha) bukan anggota \(kind.label) \(name), jadi tidak dapat keluar darinya.")
        case .channelUnchanged(let channel, let active, let usaha):
            Refusal(field: "channel", message: "\(usaha) \(active ? "sudah menjual" : "memang tidak menjual") lewat \(channel.label.lowercased()): tidak ada yang berubah.")
        case .eventNameEmpty:
            Refusal(field: "name", message: "Nama pameran atau bazar kosong.")
        case .eventPlaceEmpty:
            Refusal(field: "place", message: "Tempat pameran atau bazar kosong.")
        case .eventEndsBeforeStart(let starts, let ends):
            Refusal(field: "to", message: "Acara berakhir \(ends), sebelum mulai \(starts): periksa kedua tanggal.")
        case .eventWithoutBusinesses:
            Refusal(field: "usaha", message: "Belum ada usaha peserta: pilih paling sedikit satu.")
        case .unknownEvent(let code):
            Refusal(field: "event", message: "Pameran atau bazar \(code) tidak ditemukan.")
        case .standEntryNotACost(let id):
            Refusal(field: "standEntry", message: "Entri #\(id) bukan biaya pendampingan yang berlaku (jenisnya lain, atau sudah dibalik): pilih entri sewa stannya.")
        case .standEntryUsed(let id, let event):
            Refusal(field: "standEntry", message: "Entri #\(id) sudah menjadi biaya stan \(event): satu biaya untuk satu acara.")
        case .notAtEvent(let event, let usaha):
            Refusal(field: "usaha", message: "\(usaha) bukan peserta \(event).")
        case .salesAlreadyRecorded(let event, let usaha, let amount):
            Refusal(field: "amount", message: "Penjualan \(usaha) di \(event) sudah tercatat (\(amount)): satu angka dicatat sekali.")
        }
    }
}

extension Refusal {
    /// TrainingRejection in Bahasa Indonesia, next to the field to change.
    static func training(_ e: TrainingRejection) -> Refusal {
        switch e {
        case .instructorCodeUnusable(let code): Refusal(field: "code", message: "Kode instruktur \"\(code)\" tidak dapat dipakai: huruf, angka dan '-', mis. INS-01.")
        case .instructorExists(let code): Refusal(field: "code", message: "Instruktur \(code) sudah tercatat.")
        case .unknownInstructor(let code): Refusal(field: "instructor", message: "Instruktur \(code) tidak ditemukan.")
        case .nameEmpty: Refusal(field: "name", message: "Nama kosong: tulis seperti di berkasnya.")
        case .topicEmpty: Refusal(field: "topic", message: "Materi sesi kosong: tulis apa yang diajarkan.")
        case .hoursOutOfRange(let hours):
            Refusal(field: "hours", message: "\(hours) jam bukan satu sesi: tulis \(TrainingSession.hoursRange.lowerBound) sampai \(TrainingSession.hoursRange.upperBound) jam.")
        case .sessionBeforeTraining(let date, let cohort, let starts):
            Refusal(field: "date", message: "Sesi \(date) sebelum pelatihan angkatan \(cohort) dimulai (\(starts)): periksa tanggal atau angkatannya.")
        case .dateInFuture(let date, let today): Refusal(field: "date", message: "Tanggal \(date) sesudah hari ini (\(today)).")
        case .skillsNeedTrack: Refusal(field: "track", message: "Sesi keterampilan untuk satu jurusan: pilih jurusannya.")
        case .notATrainee(let who, let cohort): Refusal(field: "absent", message: "\(who) bukan peserta sesi ini di angkatan \(cohort).")
        case .noTrainees(let cohort, let track):
            Refusal(field: "cohort", message: "Angkatan \(cohort) belum punya peserta\(track.map { " jurusan \($0)" } ?? ""): daftarkan dulu pesertanya.")
        case .scoreOutOfRange(let score): Refusal(field: "score", message: "Nilai \(score) di luar rentang 0 sampai 100.")
        case .alreadyEvaluated(let who, let cohort, let score):
            Refusal(field: "score", message: "\(who) sudah dievaluasi di angkatan \(cohort) (nilai \(score)): evaluasi dicatat sekali.")
        case .quantityNegative(let quantity): Refusal(field: "quantity", message: "\(quantity) alat tidak mungkin terhitung: tulis 0 atau lebih.")
        case .certificateNumberEmpty: Refusal(field: "number", message: "Nomor sertifikat kosong.")
        case .certificateExpiresBeforeIssue(let issued, let until):
            Refusal(field: "validUntil", message: "Sertifikat berakhir \(until), sebelum terbit \(issued): periksa kedua tanggal.")
        case .attendanceBelowThreshold(let who, let attended, let held, let threshold):
            Refusal(field: "status", message: "\(who) hadir \(attended) dari \(held) sesi, di bawah batas \(threshold)% untuk lulus. "
                + "Bila ia memang lulus, centang konfirmasinya lalu catat lagi.")
        }
    }
}
