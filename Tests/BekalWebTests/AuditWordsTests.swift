@testable import BekalWeb
import Testing

/// The audit page's details in Indonesian: every form the core writes, word for word.
@Suite struct AuditWordsTests {
    @Test(arguments: [
        ("enrolment.status", "cohort 2010: dropped_out on 2013-01-02, reason went_home (change #3)",
         "angkatan 2010: keluar pada 2 Jan 2013, alasan Pulang ke daerah asal (perubahan #3)"),
        ("enrolment.status", "cohort 2010, track salon: completed", "angkatan 2010, jurusan salon: lulus"),
        ("beneficiary.correct", "corrected name, nik, birth_year (change #1)", "dikoreksi: Nama, NIK, Tahun lahir (perubahan #1)"),
        ("usaha.update", "changed brand (change #2)", "diubah: Merek (perubahan #2)"),
        ("beneficiary.add", "registered, with a NIK, register BL-2010-001", "didaftarkan, dengan NIK, no. register BL-2010-001"),
        ("beneficiary.confirmed_distinct", "a different person from B-00007, B-00012", "orang lain dari B-00007, B-00012"),
        ("case.assign", "to PSM-01 from 2013-01-02", "ke PSM-01 sejak 2 Jan 2013"),
        ("kelompok.join", "B-00012 from 2013-01-02", "B-00012 sejak 2 Jan 2013"),
        ("kelompok.leave", "B-00012 on 2013-01-02", "B-00012 pada 2 Jan 2013"),
        ("kelompok.add", "cohort 2010, track tata-boga", "angkatan 2010, jurusan tata-boga"),
        ("usaha.add", "owned by K-0003", "milik K-0003"),
        ("period.close", "37 entries locked", "37 entri dikunci"),
        ("grant.exception", "cohort 2010, exception #4", "angkatan 2010, pengecualian #4"),
        ("report.outcomes", "160 grants", "160 hibah"),
        ("outcome.history", "3 record(s)", "3 catatan"),
        ("user.add", "role pendamping, worker PSM-01", "peran pendamping, pendamping PSM-01"),
        ("auth.failed", "from 127.0.0.1", "dari 127.0.0.1"),
        ("worker.add", "added", "ditambahkan"),
        ("entry.grant", "Hibah modal kerja to B-00012", "Hibah modal kerja to B-00012"),
    ])
    func readsInIndonesian(action: String, detail: String, expected: String) {
        #expect(AuditWords.detail(action: action, detail) == expected)
    }
}
