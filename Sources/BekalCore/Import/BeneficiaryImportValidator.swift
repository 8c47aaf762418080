import Foundation

extension BeneficiaryImport {
    /// Checks a file row by row, collecting every problem and the rows to write.
    ///
    /// Problems never quote a name or a NIK. Codes (cohort, track) are quoted only when they
    /// look like codes, so a name that slid into the wrong column is not printed either.
    /// Each problem is worded twice, at the place it is found: in English for the command
    /// line, and in Bahasa Indonesia (`alasan`, `petunjuk`) for the web app's import page.
    struct Validator {
        let today: LocalDate
        let lookup: ImportLookup
        var problems: [ImportProblem] = []
        var plan = BeneficiaryImportPlan()
        /// The column of each field position; nil for a column the import does not know.
        var columns: [BeneficiaryColumn?] = []
        /// Where each known column is in the file, by name.
        var columnPosition: [String: Int] = [:]
        var firstLineOfNIK: [String: Int] = [:]
        var firstLineOfRegister: [String: Int] = [:]
        /// The rows of this file so far, by name key and birth year, for a woman entered twice.
        var rowsByNameAndYear: [String: [(line: Int, draft: BeneficiaryDraft)]] = [:]
        var cohorts: [String: Cohort?] = [:]
        var tracks: [String: Track?] = [:]

        init(today: LocalDate, lookup: ImportLookup) {
            self.today = today
            self.lookup = lookup
        }

        mutating func readHeader(_ header: CSVRecord) {
            let allowed = BeneficiaryColumn.allCases.map(\.rawValue).joined(separator: ", ")
            let names = header.fields.map { field in
                field.trimmingCharacters(in: .whitespaces).lowercased()
                    .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
            }
            columns = names.map { BeneficiaryColumn(rawValue: $0) }
            columnPosition = Dictionary(columns.enumerated().compactMap { i, c in c.map { ($0.rawValue, i) } }, uniquingKeysWith: min)
            problems += header.headingProblems
            if columns.allSatisfy({ $0 == nil }) {
                // Most likely a file without a header: its first row is a woman's data, not to be echoed.
                problems.append(problem(header.line, nil, "the first line does not name the columns",
                                        "the first line must be the header, e.g. nama,angkatan,jurusan; the columns are: \(allowed)",
                                        alasan: "Baris pertama tidak berisi nama kolom",
                                        petunjuk: "Baris pertama harus judul kolom, misalnya nama,angkatan,jurusan; kolomnya: \(allowed)"))
                return
            }
            var seen: Set<BeneficiaryColumn> = []
            for (index, column) in columns.enumerated() {
                let written = header.fields[index].trimmingCharacters(in: .whitespaces)
                guard let column else {
                    if !header.flaws(ofField: index).isEmpty { continue }
                    let reason = written.isEmpty ? "has no name" : "is not a column of the beneficiary import"
                    let alasan = written.isEmpty ? "Kolom ini tidak bernama" : "Bukan kolom impor binaan"
                    let name = written.isEmpty ? "\(index + 1)" : written
                    problems.append(problem(header.line, name, reason, "use only: \(allowed); or delete the column",
                                            alasan: alasan, petunjuk: "Pakai hanya: \(allowed); atau hapus kolom ini"))
                    continue
                }
                if !seen.insert(column).inserted {
                    problems.append(problem(header.line, column.rawValue, "appears twice in the header", "keep one of them",
                                            alasan: "Muncul dua kali di judul kolom", petunjuk: "Sisakan salah satunya"))
                }
            }
            for column in BeneficiaryColumn.required where !seen.contains(column) {
                problems.append(problem(header.line, column.rawValue, "is missing from the header",
                                        "add a column named \(column.rawValue): \(Self.meaning[column]!)",
                                        alasan: "Tidak ada di judul kolom",
                                        petunjuk: "Tambahkan kolom bernama \(column.rawValue): \(Self.arti[column]!)"))
            }
        }

        static let meaning: [BeneficiaryColumn: String] = [
            .nama: "her name", .angkatan: "the cohort code, e.g. 2007", .jurusan: "the track code, e.g. tata-boga",
        ]
        static let arti: [BeneficiaryColumn: String] = [
            .nama: "namanya", .angkatan: "kode angkatan, misalnya 2007", .jurusan: "kode jurusan, misalnya tata-boga",
        ]

        func problem(_ line: Int, _ column: String?, _ reason: String, _ hint: String,
                     alasan: String, petunjuk: String) -> ImportProblem {
            ImportProblem(place: .row(line: line, column: column), reason: reason, hint: hint, alasan: alasan, petunjuk: petunjuk)
        }

        mutating func check(_ record: CSVRecord) throws {
            if record.fields.count != columns.count {
                problems.append(problem(record.line, nil, "the row has \(record.fields.count) fields but the header has \(columns.count)",
                                        "a value with a comma must be in double quotes; check for a missing or extra comma",
                                        alasan: "Baris ini berisi \(record.fields.count) sel, padahal judulnya \(columns.count) kolom",
                                        petunjuk: "Isi yang memuat koma harus diapit tanda kutip; periksa koma yang kurang atau berlebih"))
                return
            }
            var values: [BeneficiaryColumn: String] = [:]
            for (column, field) in zip(columns, record.fields) {
                if let column { values[column] = field.trimmingCharacters(in: .whitespaces) }
            }
            // A flawed cell is reported and then left out, as if the column were absent from
            // this row, so its own checks do not add a second, misleading problem.
            let flawed = record.flawedCells(by: columns)
            for (column, _) in flawed { values[column] = nil }
            var row = RowCheck(line: record.line, values: values)
            for (column, flaw) in flawed { row.fail(column, flaw.reason, flaw.hint, alasan: "Isi sel ini \(flaw.alasan)", petunjuk: flaw.petunjuk) }
            try check(&row)
            // Problems of one row in the order of the file's columns, as the officer reads it.
            problems += row.problems.enumerated().sorted { a, b in
                let ka = a.element.column.flatMap { columnPosition[$0] } ?? -1
                let kb = b.element.column.flatMap { columnPosition[$0] } ?? -1
                return (ka, a.offset) < (kb, b.offset)
            }.map { problem(record.line, $0.element.column, $0.element.reason, $0.element.hint,
                            alasan: $0.element.alasan, petunjuk: $0.element.petunjuk) }
        }

        /// One row's values as they are read, and what is wrong with them.
        struct RowCheck {
            let line: Int
            let values: [BeneficiaryColumn: String]
            var problems: [(column: String?, reason: String, hint: String, alasan: String, petunjuk: String)] = []
            var failed: Set<BeneficiaryColumn> = []

            func text(_ column: BeneficiaryColumn) -> String? {
                values[column].flatMap { $0.isEmpty ? nil : $0 }
            }
            func has(_ column: BeneficiaryColumn) -> Bool { values[column] != nil }

            /// One problem of a cell, in English (`reason`, `hint`) and in Indonesian.
            mutating func fail(_ column: BeneficiaryColumn, _ reason: String, _ hint: String, alasan: String, petunjuk: String) {
                failed.insert(column)
                problems.append((column.rawValue, reason, hint, alasan, petunjuk))
            }
        }

        mutating func check(_ row: inout RowCheck) throws {
            let name = checkName(&row)
            let cohort = try checkCohort(&row)
            let track = try checkTrack(&row)
            let nik = checkNIK(&row)
            let birthYear = checkBirthYear(&row)
            let origin = checkPlace(.daerahAsal, &row)
            let kelurahan = checkPlace(.kelurahan, &row)
            var status = Enrolment.Status.enrolled
            if let text = row.text(.status) {
                if let s = BeneficiaryImport.status(text) { status = s } else {
                    row.fail(.status, "\"\(text)\" is not a status", "write lulus, keluar or terdaftar; completed, dropped_out and enrolled are read too",
                             alasan: "\(Self.quoted(text)) bukan status", petunjuk: "Tulis lulus, keluar atau terdaftar")
                }
            }
            let statusDate = checkStatusDate(&row)
            let consent = BeneficiaryImport.consent(row.values[.izinBerbagi] ?? "")
            if consent == nil {
                row.fail(.izinBerbagi, "\"\(row.values[.izinBerbagi]!)\" is not ya or tidak",
                         "write ya if she agreed her business data may be shared with partners, otherwise tidak",
                         alasan: "\(Self.quoted(row.values[.izinBerbagi]!)) bukan ya atau tidak",
                         petunjuk: "Tulis ya bila ia setuju data usahanya dibagikan kepada mitra; bila tidak, tulis tidak")
            }
            let consentName = row.text(.namaIzin)
            if consentName != nil, consent == false {
                row.fail(.namaIzin, "is given but izin_berbagi is not ya",
                         "a name appears in partner exports only with her consent: set izin_berbagi to ya, or empty this cell",
                         alasan: "Terisi, padahal izin_berbagi bukan ya",
                         petunjuk: "Nama tampil di berkas mitra hanya dengan izinnya: isi izin_berbagi dengan ya, atau kosongkan sel ini")
            }
            let register = checkRegister(&row)
            let differentFrom = try checkDifferentFrom(&row)
            let draft = BeneficiaryDraft(externalRef: register, name: name ?? "", nik: nik, birthYear: birthYear,
                                         originArea: origin, kelurahan: kelurahan, consentShare: consent ?? false,
                                         consentName: consentName, differentFrom: differentFrom)
            let existing = try register.flatMap { try lookup.beneficiary($0) }
            if let nik, !row.failed.contains(.nik), let holder = try lookup.beneficiaryID(nik), holder != existing?.id {
                row.fail(.nik, "the NIK in this row is already registered for \(Beneficiary.code(for: holder))",
                         "she is already in Bekal: remove the row, or correct the NIK",
                         alasan: "NIK di baris ini sudah terdaftar untuk \(Beneficiary.code(for: holder))",
                         petunjuk: "Ia sudah ada di Bekal: hapus baris ini, atau perbaiki NIK-nya")
            }
            if existing == nil, name != nil, !row.failed.contains(.tahunLahir) { try checkLikelyDuplicate(draft, &row) }
            if existing == nil, let cohort, let birthYear { checkAge(birthYear, cohort: cohort, statusDate: statusDate, &row) }
            guard row.problems.isEmpty, let cohort, let track else { return }
            if let existing {
                try compare(draft, cohort: cohort, track: track, status: status, statusDate: statusDate, with: existing, &row)
                if row.problems.isEmpty { plan.skippedLines.append(row.line) }
                return
            }
            plan.rows.append(.init(line: row.line, draft: draft, cohort: cohort.code, track: track.code,
                                   status: status, statusDate: statusDate))
        }

        /// A child is not enrolled in an adult programme: she is referred to child protection
        /// (``Operations/checkAge``'s rule, at her line, before anything is written).
        func checkAge(_ birthYear: Int, cohort: Cohort, statusDate: LocalDate?, _ row: inout RowCheck) {
            let day = cohort.trainingStart ?? statusDate ?? today
            guard let age = AgeLimits.age(on: day, birthDate: nil, birthYear: birthYear) else { return }
            let limits = lookup.ageLimits
            if age < limits.minimum {
                row.fail(.tahunLahir, "makes her \(age) in \(day.year), under \(limits.minimum)",
                         "a child is not enrolled in this adult programme: refer her to child protection and remove the row, or correct the year",
                         alasan: "Berarti ia berusia \(age) tahun pada \(day.year), di bawah \(limits.minimum)",
                         petunjuk: "Anak tidak didaftarkan dalam program dewasa ini: rujuk ke layanan perlindungan anak dan hapus baris ini (atau perbaiki tahunnya)")
            } else if let maximum = limits.maximum, age > maximum {
                row.fail(.tahunLahir, "makes her \(age) in \(day.year), above the programme's limit of \(maximum)",
                         "refer her to another service and remove the row, or correct the year",
                         alasan: "Berarti ia berusia \(age) tahun pada \(day.year), di atas batas \(maximum)",
                         petunjuk: "Rujuk ke layanan lain dan hapus baris ini, atau perbaiki tahunnya")
            }
        }

        func checkName(_ row: inout RowCheck) -> String? {
            guard row.has(.nama) else { return nil }
            guard let name = row.text(.nama) else {
                row.fail(.nama, "is empty", "write her name as on her KTP or as she is known",
                         alasan: "Kosong", petunjuk: "Tulis namanya seperti di KTP, atau nama yang ia pakai")
                return nil
            }
            if name.contains(where: \.isNewline) {
                row.fail(.nama, "has a line break", "write the name on one line",
                         alasan: "Memuat pindah baris", petunjuk: "Tulis namanya dalam satu baris")
            } else if name.count > BeneficiaryImport.textLengthMax {
                row.fail(.nama, "is longer than \(BeneficiaryImport.textLengthMax) characters", "write only her name",
                         alasan: "Lebih dari \(BeneficiaryImport.textLengthMax) karakter", petunjuk: "Tulis namanya saja")
            }
            return name
        }

        /// A cell's text for an Indonesian problem: quoted when it looks like a code or a number
        /// (`lulus`, `19850`, `2012-13-01`), otherwise "Isinya", so that a name typed in the wrong
        /// column is not shown on the page.
        static func quoted(_ text: String) -> String {
            looksLikeCode(text) ? "\"\(text)\"" : "Isinya"
        }

        /// A code is quoted back only when it looks like one (no spaces, 1 to ``Code/lengthMax`` code characters).
        static func looksLikeCode(_ text: String) -> Bool {
            text.count <= Code.lengthMax && Code.isCode(text)
        }

        mutating func checkCohort(_ row: inout RowCheck) throws -> Cohort? {
            guard row.has(.angkatan) else { return nil }
            guard let code = row.text(.angkatan) else {
                row.fail(.angkatan, "is empty", "write the cohort code, e.g. 2007",
                         alasan: "Kosong", petunjuk: "Tulis kode angkatannya, misalnya 2007")
                return nil
            }
            if cohorts[code] == nil { cohorts[code] = .some(Self.looksLikeCode(code) ? try lookup.cohort(code) : nil) }
            if let cohort = cohorts[code]! { return cohort }
            if Self.looksLikeCode(code) {
                row.fail(.angkatan, "no cohort \"\(code)\" exists", "add it first with `bekal cohort add --code \(code)`, or correct the code",
                         alasan: "Tidak ada angkatan \"\(code)\"", petunjuk: "Buat dulu angkatan itu, atau perbaiki kodenya")
            } else {
                row.fail(.angkatan, "is not a cohort code", "write the cohort code, e.g. 2007",
                         alasan: "Bukan kode angkatan", petunjuk: "Tulis kode angkatannya, misalnya 2007")
            }
            return nil
        }

        mutating func checkTrack(_ row: inout RowCheck) throws -> Track? {
            guard row.has(.jurusan) else { return nil }
            guard let code = row.text(.jurusan)?.lowercased() else {
                row.fail(.jurusan, "is empty", "write the track code, e.g. tata-boga",
                         alasan: "Kosong", petunjuk: "Tulis kode jurusannya, misalnya tata-boga")
                return nil
            }
            if tracks[code] == nil { tracks[code] = .some(Self.looksLikeCode(code) ? try lookup.track(code) : nil) }
            if let track = tracks[code]! { return track }
            if Self.looksLikeCode(code) {
                row.fail(.jurusan, "no track \"\(code)\" exists", "add it first with `bekal track add`, or use the track's code, e.g. tata-boga",
                         alasan: "Tidak ada jurusan \"\(code)\"", petunjuk: "Pakai kode jurusan yang ada, misalnya tata-boga, atau buat dulu jurusannya")
            } else {
                row.fail(.jurusan, "is not a track code", "write the track code, e.g. tata-boga",
                         alasan: "Bukan kode jurusan", petunjuk: "Tulis kode jurusannya, misalnya tata-boga")
            }
            return nil
        }

        mutating func checkNIK(_ row: inout RowCheck) -> NIK? {
            guard let text = row.text(.nik) else { return nil }
            guard let nik = try? NIK.parse(text) else {
                row.fail(.nik, "the NIK in this row is not 16 digits",
                         "write exactly 16 digits without spaces or dots, or leave the cell empty; if the spreadsheet shows 3.27E+15, format the column as text",
                         alasan: "NIK di baris ini bukan 16 angka",
                         petunjuk: "Tulis tepat 16 angka tanpa spasi atau titik, atau kosongkan selnya; bila spreadsheet menampilkan 3,27E+15, jadikan kolomnya teks")
                return nil
            }
            if let first = firstLineOfNIK[nik.digits] {
                row.fail(.nik, "the NIK in this row is also on line \(first)", "a NIK belongs to one woman; check both rows",
                         alasan: "NIK di baris ini juga ada di baris \(first)", petunjuk: "Satu NIK milik satu orang; periksa kedua baris itu")
            } else {
                firstLineOfNIK[nik.digits] = row.line
            }
            return nik
        }

        func checkBirthYear(_ row: inout RowCheck) -> Int? {
            guard let text = row.text(.tahunLahir) else { return nil }
            guard text.count == 4, text.allSatisfy({ $0.isASCII && $0.isNumber }), let year = Int(text) else {
                row.fail(.tahunLahir, "\"\(text)\" is not a year", "write four digits, e.g. 1985",
                         alasan: "\(Self.quoted(text)) bukan tahun", petunjuk: "Tulis empat angka, misalnya 1985")
                return nil
            }
            if !(1900...today.year).contains(year) {
                row.fail(.tahunLahir, "\(year) is not a possible birth year", "write a year from 1900 to \(today.year)",
                         alasan: "\(year) tidak mungkin tahun lahir", petunjuk: "Tulis tahun antara 1900 dan \(today.year)")
                return nil
            }
            return year
        }

        func checkPlace(_ column: BeneficiaryColumn, _ row: inout RowCheck) -> String? {
            guard let text = row.text(column) else { return nil }
            if text.count > BeneficiaryImport.textLengthMax || text.contains(where: \.isNewline) {
                row.fail(column, "is longer than \(BeneficiaryImport.textLengthMax) characters or has a line break", "write the place name only",
                         alasan: "Lebih dari \(BeneficiaryImport.textLengthMax) karakter atau memuat pindah baris", petunjuk: "Tulis nama tempatnya saja")
                return nil
            }
            return text
        }

        func checkStatusDate(_ row: inout RowCheck) -> LocalDate? {
            guard let text = row.text(.tanggalStatus) else { return nil }
            let date: LocalDate
            do { date = try LocalDate.parse(text, field: .column(BeneficiaryColumn.tanggalStatus.rawValue)) } catch {
                let wording = Self.dateWording(error.reason)
                row.fail(.tanggalStatus, "\"\(text)\" \(error.reason.phrase)", error.hint,
                         alasan: "\(Self.quoted(text)) \(wording.alasan)", petunjuk: wording.petunjuk)
                return nil
            }
            if date > today {
                row.fail(.tanggalStatus, "\(date) is after today (\(today))", "write the day she completed, left or enrolled",
                         alasan: "\(date) sesudah hari ini (\(today))", petunjuk: "Tulis tanggal ia lulus, keluar atau terdaftar")
                return nil
            }
            return date
        }

        /// What is wrong with a date the calendar cannot read, in Bahasa Indonesia.
        static func dateWording(_ reason: InputReason) -> (alasan: String, petunjuk: String) {
            switch reason {
            case .notACalendarDay(let year, let month):
                let days = (1...12).contains(month) ? LocalDate.daysIn(year: year, month: month) : 0
                return ("tidak ada di kalender",
                        "Periksa bulan dan tanggalnya; \(String(format: "%04d-%02d", year, month)) berisi \(days) hari")
            default:
                return ("bukan tanggal", "Tulis dengan bentuk TTTT-BB-HH, misalnya 2012-07-15")
            }
        }

        /// `beda_dari`: codes separated by spaces or commas, each a registered woman.
        func checkDifferentFrom(_ row: inout RowCheck) throws -> [String] {
            guard let text = row.text(.bedaDari) else { return [] }
            var codes: [String] = []
            for part in text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }) {
                guard let found = try lookup.beneficiaryByCode(String(part)) else {
                    row.fail(.bedaDari, "names \"\(part.prefix(20))\", which is not a registered woman's code",
                             "write the codes of the records she is not, e.g. B-00007 B-00012",
                             alasan: "Menyebut \"\(part.prefix(20))\", yang bukan kode binaan terdaftar",
                             petunjuk: "Tulis kode catatan yang bukan dirinya, misalnya B-00007 B-00012")
                    return []
                }
                codes.append(found.code)
            }
            return codes
        }

        /// The same name and birth year as a record (or an earlier row) without a NIK to tell
        /// them apart: see ``LikelyDuplicate``. A record she is confirmed different from, in
        /// `beda_dari`, does not count.
        mutating func checkLikelyDuplicate(_ draft: BeneficiaryDraft, _ row: inout RowCheck) throws {
            guard let year = draft.birthYear else { return }
            let key = LikelyDuplicate.nameKey(draft.name) + "|\(year)"
            let registered = try lookup.namesakes(LikelyDuplicate.nameKey(draft.name), year)
                .filter { LikelyDuplicate.matches($0, draft) && !draft.differentFrom.contains($0.code) }.map(\.code)
            if !registered.isEmpty {
                let codes = registered.joined(separator: " ")
                row.fail(.nama, "has the same name and birth year as \(registered.joined(separator: ", ")), with no NIK to tell them apart",
                         "she may be registered already: check, then remove the row, or write \(codes) in beda_dari if she is a different woman",
                         alasan: "Nama dan tahun lahirnya sama dengan \(registered.joined(separator: ", ")), tanpa NIK untuk membedakannya",
                         petunjuk: "Mungkin ia sudah terdaftar: periksa, lalu hapus baris ini, atau tulis \(codes) di beda_dari bila ia orang lain")
            }
            let earlier = (rowsByNameAndYear[key] ?? []).filter { other in
                LikelyDuplicate.matches(Beneficiary(id: 0, name: other.draft.name, nik: other.draft.nik, birthYear: other.draft.birthYear,
                                                    originArea: other.draft.originArea, consentShare: false), draft)
            }
            if let first = earlier.first {
                row.fail(.nama, "has the same name and birth year as line \(first.line), with no NIK to tell them apart",
                         "if it is the same woman remove one row; if they are two, give a NIK or daerah_asal, or register one of them separately with `bekal beneficiary add --different-from`",
                         alasan: "Nama dan tahun lahirnya sama dengan baris \(first.line), tanpa NIK untuk membedakannya",
                         petunjuk: "Bila orangnya sama, hapus satu baris; bila dua orang, isi NIK atau daerah_asal, atau daftarkan salah satunya sendiri di Daftarkan binaan")
            }
            rowsByNameAndYear[key, default: []].append((row.line, draft))
        }

        mutating func checkRegister(_ row: inout RowCheck) -> String? {
            guard let ref = row.text(.noRegister) else { return nil }
            if ref.count > Code.lengthMax || ref.contains(where: \.isNewline) {
                row.fail(.noRegister, "is longer than \(Code.lengthMax) characters or has a line break", "write the office's register number only",
                         alasan: "Lebih dari \(Code.lengthMax) karakter atau memuat pindah baris", petunjuk: "Tulis nomor register kantor saja")
                return nil
            }
            if let first = firstLineOfRegister[ref] {
                row.fail(.noRegister, "is the same as on line \(first)", "each woman appears once in a file; remove or merge the repeated row",
                         alasan: "Sama dengan di baris \(first)", petunjuk: "Setiap binaan muncul sekali dalam satu berkas; hapus atau gabungkan baris yang berulang")
                return nil
            }
            firstLineOfRegister[ref] = row.line
            return ref
        }

        /// A row whose no_register is already registered must match the record in every column
        /// the file has; the import never changes a record.
        func compare(_ draft: BeneficiaryDraft, cohort: Cohort, track: Track, status: Enrolment.Status, statusDate: LocalDate?,
                     with existing: Beneficiary, _ row: inout RowCheck) throws {
            func differs(_ column: BeneficiaryColumn) {
                row.fail(column, "differs from the record already registered under this no_register (\(existing.code))",
                         "an import never changes a record: make the cell match it, or give a new no_register if she is another woman",
                         alasan: "Berbeda dengan catatan yang sudah terdaftar dengan no_register ini (\(existing.code))",
                         petunjuk: "Impor tidak pernah mengubah catatan: samakan isi selnya, atau beri no_register baru bila ia orang lain")
            }
            let same: [(BeneficiaryColumn, Bool)] = [
                (.nama, draft.name == existing.name), (.nik, draft.nik == existing.nik),
                (.tahunLahir, draft.birthYear == existing.birthYear), (.daerahAsal, draft.originArea == existing.originArea),
                (.kelurahan, draft.kelurahan == existing.kelurahan), (.izinBerbagi, draft.consentShare == existing.consentShare),
                (.namaIzin, draft.consentName == existing.consentName),
            ]
            for (column, isSame) in same where row.has(column) && !isSame { differs(column) }
            guard let enrolment = try lookup.enrolments(existing.id).first(where: { $0.cohortID == cohort.id }) else {
                row.fail(.angkatan, "the woman registered under this no_register (\(existing.code)) is not enrolled in this cohort",
                         "the import adds new women only; enrol her in another cohort with `bekal enrol`",
                         alasan: "Binaan yang terdaftar dengan no_register ini (\(existing.code)) tidak terdaftar di angkatan ini",
                         petunjuk: "Impor hanya menambah binaan baru; daftarkan ia di angkatan lain lewat halamannya")
                return
            }
            if enrolment.trackID != track.id { differs(.jurusan) }
            if row.has(.status), enrolment.status != status { differs(.status) }
            if row.has(.tanggalStatus), enrolment.statusDate != statusDate { differs(.tanggalStatus) }
        }
    }
}
