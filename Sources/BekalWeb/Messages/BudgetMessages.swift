import BekalCore

extension Refusal {
    /// BudgetRejection in Bahasa Indonesia, next to the field to change.
    static func budget(_ e: BudgetRejection) -> Refusal {
        switch e {
        case .lineExists(let line):
            Refusal(field: "code", message: "Mata anggaran \(line) sudah tercatat: satu mata anggaran dicatat sekali per tahun, sumber dana, kode rekening dan angkatan.")
        case .codeNotUsable(let code):
            Refusal(field: "code", message: "Kode rekening \"\(code)\" tidak dapat dipakai: tulis 1 sampai \(BudgetLine.codeLength.upperBound) huruf, angka, titik, '-' atau '/', mis. 5.1.06.01.01.0001.")
        case .nameEmpty:
            Refusal(field: "name", message: "Uraian mata anggaran kosong: tulis seperti di DPA, mis. Belanja Bantuan Sosial kepada Individu.")
        case .ceilingNotPositive(let amount):
            Refusal(field: "ceiling", message: "Pagu \(amount) tidak lebih dari Rp0: tulis pagu seperti di DPA.")
        case .yearOutOfRange(let year):
            Refusal(field: "year", message: "Tahun anggaran \(year) di luar rentang: tulis tahun empat angka.")
        case .cohortOfAnotherYear(let cohort, let cohortYear, let lineYear):
            Refusal(field: "cohort", message: "Angkatan \(cohort) dianggarkan pada \(cohortYear), bukan \(lineYear): pakai tahun angkatan itu, atau kosongkan angkatan untuk mata anggaran seluruh tahun.")
        case .unknownLine(let code, let year, let source):
            Refusal(field: "line", message: "Tidak ada mata anggaran \(code) pada \(year)\(source.map { " dari \($0.label)" } ?? ""): lihat daftar mata anggaran tahun itu.")
        case .noLine(let purpose, let year, let cohort):
            Refusal(field: "line", message: "Anggaran \(year) belum punya mata anggaran\(purpose.map { " untuk \($0.label.lowercased())" } ?? "")"
                + "\(cohort.map { " angkatan \($0)" } ?? ""): admin mencatatnya dulu dari DPA.")
        case .ambiguousLine(_, let year, let candidates):
            Refusal(field: "line", message: "Lebih dari satu mata anggaran \(year) cocok (\(candidates.joined(separator: "; "))): pilih salah satu.")
        case .wrongPurpose(let line, let purpose, let cost):
            Refusal(field: "line", message: "Mata anggaran \(line) untuk \(purpose.label.lowercased()), bukan \(cost.label.lowercased()): pilih mata anggaran yang sesuai.")
        case .wrongCohort(let line, let lineCohort, let cost):
            Refusal(field: "line", message: "Mata anggaran \(line) untuk angkatan \(lineCohort), sedangkan biaya ini \(cost.map { "untuk angkatan \($0)" } ?? "tanpa angkatan"): pilih mata anggaran angkatan itu atau seluruh tahun.")
        case .overCeiling(let line, let ceiling, let allowed, let realised, let amount):
            Refusal(field: "amount", message: "\(amount) melampaui pagu mata anggaran \(line): pagu \(ceiling)"
                + (allowed == ceiling ? "" : ", \(allowed) dengan pengecualian") + ", sudah terealisasi \(realised). "
                + "Bila memang perlu, admin mencatat pengecualian dengan alasannya lebih dulu.")
        case .receivedOverCeiling(let line, let ceiling, let received, let amount):
            Refusal(field: "amount", message: "Penerimaan \(amount) membuat dana mata anggaran \(line) melebihi pagunya (pagu \(ceiling), sudah diterima \(received)): periksa jumlah dan mata anggaran SP2D.")
        case .exceptionReasonTooShort(let n):
            Refusal(field: "reason", message: "Tulis mengapa pagu boleh dilampaui (paling sedikit \(n) huruf), mis. nomor surat keputusannya.")
        case .exceptionNotPositive(let amount):
            Refusal(field: "amount", message: "Pengecualian \(amount) tidak mengizinkan apa pun: tulis berapa pagu boleh dilampaui.")
        }
    }
}

extension Refusal {
    /// TargetRejection in Bahasa Indonesia, next to the field to change.
    static func target(_ e: TargetRejection) -> Refusal {
        switch e {
        case .yearOutOfRange(let year):
            Refusal(field: "year", message: "Tahun \(year) di luar rentang: tulis tahun empat angka, \(BudgetLine.years.lowerBound) sampai \(BudgetLine.years.upperBound).")
        case .valueOutOfRange(let indicator, let value):
            Refusal(field: "value", message: "Target \(value) untuk \(indicator.label.lowercased()) di luar rentang: tulis 0 sampai \(indicator.maximum)"
                + (indicator.unit == .percent ? " (persen bulat)." : "."))
        case .notPerCohort(let indicator):
            Refusal(field: "cohort", message: "\(indicator.label) adalah target kantor seluruhnya, bukan per angkatan: kosongkan angkatan.")
        case .cohortOfAnotherYear(let cohort, let cohortYear, let year):
            Refusal(field: "cohort", message: cohortYear.map { "Angkatan \(cohort) termasuk tahun \($0), bukan \(year): pilih angkatan tahun itu." }
                ?? "Angkatan \(cohort) belum punya tahun anggaran atau tanggal mulai pelatihan: lengkapi dulu datanya.")
        }
    }
}

