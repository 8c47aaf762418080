import BekalCore
import BekalStore
import BekalWeb
import Foundation
import Hummingbird
import HummingbirdBcrypt
import Logging
import ServiceLifecycle
import Testing

extension BrowserTests {
    /// Issue 13's "Done means", first bullet: each role does her jobs in headless Chromium on a
    /// 390×844 phone, through the real pages as she would (links, buttons, typing, submitting),
    /// and each job is checked on the page and in the database. After every page the document is
    /// no wider than the phone (``VisitBrowserTests/fitsThePhone(_:)``); after every job a
    /// screenshot is saved as an artifact (``VisitBrowserTests/save(_:as:)``: `.build/test-artifacts/`
    /// or `$BEKAL_TEST_ARTIFACTS`), named after the role and the job (`admin-registrasi.png`).
    ///
    /// - admin: registers a woman, finds her with the header search, graduates her, assigns her to
    ///   PSM-01, forms a kelompok with her, opens "what was done today".
    /// - bendahara: receives a budget, pays a newly registered graduate's grant (nothing is paid
    ///   before "Ya, bayar"), buys equipment and issues it to a kelompok, finds the kuitansi with the
    ///   header search, downloads the finance workbook, closes a month (after its confirmation page).
    /// - pendamping (PSM-01): logs a visit for a woman just assigned to her, with the omzet typed the
    ///   Indonesian way (`2.350.000`), and records an outcome for her.
    /// - mitra and pemantau: open their home pages and the business register / the roll-up.
    ///
    /// Each test has its own copy of the demo. What another role would have done first (the grant
    /// before an assignment, the assignment before a visit) is done through the core's operations,
    /// as the other role's test does it in the browser. Needs Chromium like ``VisitBrowserTests``;
    /// `BEKAL_SKIP_BROWSER=1` skips it. The roles run one after another: five Chromiums at once on
    /// a small CI machine time out.
    @Suite(.serialized) struct JobBrowserTests {
        static let today = "2013-01-02"

        @Test(.enabled(if: !VisitBrowserTests.skipped, "BEKAL_SKIP_BROWSER=1"), .timeLimit(.minutes(3)))
        func theAdminRegistersGraduatesAssignsAndGroupsAWoman() async throws {
            try await Self.session(as: "admin") { browser, site, store in try await Self.adminJobs(browser, site: site, store: store) }
        }

        @Test(.enabled(if: !VisitBrowserTests.skipped, "BEKAL_SKIP_BROWSER=1"), .timeLimit(.minutes(3)))
        func theBendaharaReceivesPaysBuysIssuesFindsDownloadsAndCloses() async throws {
            try await Self.session(as: "bendahara") { browser, site, store in
                try await Self.bendaharaJobs(browser, site: site, store: store)
            }
        }

        @Test(.enabled(if: !VisitBrowserTests.skipped, "BEKAL_SKIP_BROWSER=1"), .timeLimit(.minutes(3)))
        func thePendampingLogsAVisitWithItsOmzetAndRecordsAnOutcome() async throws {
            try await Self.session(as: "pendamping1") { browser, site, store in
                try await Self.pendampingJobs(browser, site: site, store: store)
            }
        }

        @Test(.enabled(if: !VisitBrowserTests.skipped, "BEKAL_SKIP_BROWSER=1"), .timeLimit(.minutes(3)))
        func theMitraOpensHerHomeAndTheBusinessRegister() async throws {
            try await Self.session(as: "koperasi") { browser, site, store in try await Self.mitraJobs(browser, site: site, store: store) }
        }

        @Test(.enabled(if: !VisitBrowserTests.skipped, "BEKAL_SKIP_BROWSER=1"), .timeLimit(.minutes(3)))
        func thePemantauOpensHerHomeAndTheRollup() async throws {
            try await Self.session(as: "provinsi") { browser, site, store in try await Self.pemantauJobs(browser, site: site, store: store) }
        }

        // MARK: - admin

        static func adminJobs(_ browser: WebDriver, site: String, store: SQLiteStore) async throws {
            let name = "Yuliana Kartikasari"
            #expect(try store.integerForTesting("SELECT count(*) FROM beneficiary WHERE name = '\(name)'") == 0)
            try await checkPage(browser, "the admin's home page")
            shot(try await browser.screenshot(), as: "admin-beranda.png")

            // Register her, enrolled in the 2010 cohort's catering track: she is still in training.
            try await browser.click("a[href='/registrasi/baru']")
            _ = try await browser.element("#name")
            try await browser.type(name, into: "#name")
            try await browser.type("1991", into: "#birthYear")
            try await browser.type("Kota Metro", into: "#originArea")
            try await browser.type("Kedaton", into: "#kelurahan")
            try await browser.click("#cohort option[value='2010']")
            try await browser.click("#track option[value='tata-boga']")
            try await browser.click("#status option[value='enrolled']")
            try await checkPage(browser, "/registrasi/baru")
            try await browser.click("form.money-form button[type=submit]")
            let registered = try await flash(browser)
            guard let code = registered.firstMatch(of: /B-\d{5}/).map({ String($0.output) }) else {
                Issue.record("/registrasi/baru: no code of the registered woman in the flash: “\(registered)”")
                return
            }
            #expect(registered.contains("angkatan 2010"), "\(registered)")
            let id = beneficiaryID(code)
            #expect(try store.integerForTesting("SELECT count(*) FROM beneficiary WHERE id = \(id) AND name = '\(name)' AND birth_year = 1991") == 1)
            #expect(try store.integerForTesting("""
                SELECT count(*) FROM enrolment e JOIN cohort c ON c.id = e.cohort_id JOIN track t ON t.id = e.track_id
                 WHERE e.beneficiary_id = \(id) AND c.code = '2010' AND t.code = 'tata-boga' AND e.status = 'enrolled'
                """) == 1)
            try await checkPage(browser, "/registrasi/baru after registering")
            shot(try await browser.screenshot(), as: "admin-registrasi.png")

            // Find her with the header's search box.
            try await search(browser, for: name)
            let found = try await browser.text("[data-testid=hasil-binaan]")
            #expect(found.contains(name) && found.contains(code), "the search for her name lists \(found)")
            try await checkPage(browser, "/cari (her name)")
            shot(try await browser.screenshot(), as: "admin-cari.png")

            // A typing error in her birth year, corrected from the register: the old value stays in her history.
            try await browser.go(site + "/registrasi?q=\(code)")
            try await browser.click("a[href='/binaan/\(code)/data']")
            try await browser.click("a[href='/binaan/\(code)/koreksi']")
            _ = try await browser.element("#birthYear")
            try await browser.type("1992", into: "#birthYear")
            try await browser.type("salah ketik, sesuai KTP", into: "#reason")
            try await checkPage(browser, "/binaan/\(code)/koreksi")
            try await browser.click("form.money-form button[type=submit]")
            let corrected = try await flash(browser)
            #expect(corrected.contains("Tahun lahir"), "\(corrected)")
            let history = try await browser.text("table")
            #expect(history.contains("1991") && history.contains("1992") && history.contains("salah ketik, sesuai KTP"), "\(history)")
            #expect(try store.integerForTesting("SELECT count(*) FROM beneficiary WHERE id = \(id) AND birth_year = 1992") == 1)
            try await checkPage(browser, "/binaan/\(code)/data after correcting")
            shot(try await browser.screenshot(), as: "admin-koreksi.png")

            // She graduates.
            try await home(browser)
            try await browser.click("a[href='/registrasi/status']")
            _ = try await browser.element("#beneficiary")
            try await browser.type(code, into: "#beneficiary")
            try await browser.click("#cohort option[value='2010']")
            try await browser.click("#status option[value='completed']")
            #expect(try await value(browser, "date") == today)
            try await checkPage(browser, "/registrasi/status")
            try await browser.click("form.money-form button[type=submit]")
            let graduated = try await flash(browser)
            #expect(graduated.contains(code) && graduated.contains("lulus"), "\(graduated)")
            #expect(try store.integerForTesting("""
                SELECT count(*) FROM enrolment WHERE beneficiary_id = \(id) AND status = 'completed' AND status_date = '\(today)'
                """) == 1)
            try await checkPage(browser, "/registrasi/status after graduating")
            shot(try await browser.screenshot(), as: "admin-lulus.png")

            // The assignment page lists graduates paid a grant whom nobody follows: the bendahara pays
            // her (the bendahara's test does this in the browser) once she is on an approved list, and
            // she is the admin's work to do.
            try WebFixture.listAgain(Operations(store: store), cohort: "2010")
            _ = try Operations(store: store).disburseGrant(GrantRequest(beneficiary: code, documentRef: "KW/2013/ADM-01"),
                                                            context: OperationContext(actor: "web:bendahara", now: WebFixture.now))
            try await home(browser)
            try await browser.click("a[href='/penugasan']")
            _ = try await browser.element("#belum-didampingi")
            guard try await browser.elements("#beneficiary option[value='\(code)']").count == 1 else {
                Issue.record("/penugasan: \(code), a graduate paid her grant today and followed by nobody, is not offered for assignment")
                shot(try await browser.screenshot(), as: "admin-penugasan-gagal.png")
                return
            }
            try await browser.click("#beneficiary option[value='\(code)']")
            try await browser.click("#worker option[value='PSM-01']")
            try await checkPage(browser, "/penugasan")
            try await browser.click("form.money-form button[type=submit]")
            let assigned = try await flash(browser)
            #expect(assigned.contains(code) && assigned.contains("PSM-01"), "\(assigned)")
            #expect(try await browser.elements("#beneficiary option[value='\(code)']").isEmpty, "she is still listed as followed by nobody")
            #expect(try store.integerForTesting("""
                SELECT count(*) FROM case_assignment a JOIN worker w ON w.id = a.worker_id
                 WHERE a.beneficiary_id = \(id) AND w.code = 'PSM-01' AND a.from_date = '\(today)' AND a.to_date IS NULL
                """) == 1)
            try await checkPage(browser, "/penugasan after assigning")
            shot(try await browser.screenshot(), as: "admin-penugasan.png")

            // A kelompok of three in her cohort: she and two women of 2010 in no kelompok now.
            let kelompokName = "Kelompok Kue Melati Kedaton"
            try await home(browser)
            try await browser.click("a[href='/kelompok']")
            _ = try await browser.element("a.button[href^='/kelompok/baru']")
            try await checkPage(browser, "/kelompok")
            try await browser.click("a.button[href^='/kelompok/baru']")
            _ = try await browser.element("#angkatan")
            try await browser.click("#angkatan option[value='2010']")
            try await browser.click("form.filters button[type=submit]")
            _ = try await browser.element("#name")
            try await browser.type(kelompokName, into: "#name")
            try await browser.click("#track option[value='tata-boga']")
            let free = try await browser.script("""
                return Array.from(document.querySelectorAll('input[name=members]'))
                  .filter(function (e) { var t = e.parentElement.textContent; return t.includes('· lulus') && !t.includes('kini di'); })
                  .map(function (e) { return e.value; });
                """) as? [String] ?? []
            #expect(free.contains(code), "she is offered as a member: \(free)")
            let members = [code] + free.filter { $0 != code }.prefix(2)
            #expect(members.count == 3, "three graduates of 2010 in no kelompok: \(free)")
            for member in members { try await browser.click("input[name=members][value='\(member)']") }
            try await checkPage(browser, "/kelompok/baru?angkatan=2010")
            shot(try await browser.screenshot(), as: "admin-kelompok-baru.png")
            try await browser.click("form.money-form button[type=submit]")
            let formed = try await flash(browser)
            #expect(formed.contains(kelompokName) && formed.contains("3 anggota"), "\(formed)")
            let url = try await browser.currentURL()
            let kelompokID = url.firstMatch(of: /\/kelompok\/K-(\d+)$/).flatMap { Int($0.1) } ?? -1
            #expect(kelompokID > 0, "the new kelompok's page: \(url)")
            #expect(try store.integerForTesting("""
                SELECT count(*) FROM kelompok k JOIN cohort c ON c.id = k.cohort_id WHERE k.id = \(kelompokID) AND k.name = '\(kelompokName)' AND c.code = '2010'
                """) == 1)
            let stored = try store.integerForTesting("""
                SELECT count(*) FROM kelompok_member WHERE kelompok_id = \(kelompokID) AND joined_on = '\(today)' AND left_on IS NULL
                   AND beneficiary_id IN (\(members.map { String(beneficiaryID($0)) }.joined(separator: ", ")))
                """)
            #expect(stored == 3)
            try await checkPage(browser, "the new kelompok's page")
            shot(try await browser.screenshot(), as: "admin-kelompok.png")

            // What was done today: her registration, graduation, assignment and kelompok are there.
            try await home(browser)
            try await browser.click("a[data-testid=hari-ini]")
            let count = try await browser.text("[data-testid=jumlah-hari-ini]")
            let listed = try await browser.elements("[data-testid=catatan-hari-ini] li").count
            #expect(count.hasPrefix("\(listed) catatan hari ini"), "“\(count)” for \(listed) lines")
            #expect(listed >= 4, "today's list has \(listed) lines")
            let records = try await browser.text("[data-testid=catatan-hari-ini]")
            if !records.contains(code) || !records.contains("K-\(String(format: "%04d", kelompokID))") {
                let kinds = try await browser.script("""
                    return Array.from(document.querySelectorAll('.card.stat .label')).map(function (e) { return e.textContent.trim(); });
                    """) as? [String] ?? []
                Issue.record("""
                    /hari-ini (admin): "what was done today" does not show her registration (\(code)), graduation, assignment to PSM-01 \
                    or the new kelompok K-\(String(format: "%04d", kelompokID)), all done today; it lists only: \(kinds.joined(separator: ", "))
                    """)
            }
            try await checkPage(browser, "/hari-ini")
            shot(try await browser.screenshot(), as: "admin-hari-ini.png")
        }

        // MARK: - bendahara

        static func bendaharaJobs(_ browser: WebDriver, site: String, store: SQLiteStore) async throws {
            // A graduate registered today by the admin (the admin's test does it in the browser).
            let name = "Sri Handayani Pratiwi"
            let person = try Operations(store: store).addBeneficiary(BeneficiaryDraft(name: name, birthYear: 1989),
                                                                     enrolIn: (cohort: "2010", track: "jahit", status: .completed),
                                                                     context: OperationContext(actor: "web:admin", now: WebFixture.now))
            try WebFixture.listAgain(Operations(store: store), cohort: "2010")
            let code = person.code
            try await checkPage(browser, "the bendahara's home page")
            let cashBefore = try await browser.text("[data-testid=saldo-1101]")
            shot(try await browser.screenshot(), as: "bendahara-beranda.png")

            // A budget transfer into cash.
            let sp2d = "SP2D/2013/0007"
            try await browser.click("a[href='/anggaran/terima']")
            _ = try await browser.element("#amount")
            try await browser.type("25.000.000", into: "#amount")
            try await browser.type(sp2d, into: "#ref")
            try await browser.click("#into option[value='cash']")
            try await browser.type("Transfer APBD Januari", into: "#memo")
            #expect(try await value(browser, "date") == today)
            try await checkPage(browser, "/anggaran/terima")
            try await browser.click("form.money-form button[type=submit]")
            let received = try await flash(browser)
            #expect(received.contains("Rp25.000.000") && received.contains(sp2d), "\(received)")
            #expect(try store.integerForTesting("""
                SELECT count(*) FROM journal_entry WHERE kind = 'budget_receipt' AND document_ref = '\(sp2d)' AND value_date = '\(today)'
                """) == 1)
            #expect(try store.integerForTesting("""
                SELECT sum(p.amount) FROM posting p JOIN journal_entry j ON j.id = p.entry_id WHERE j.document_ref = '\(sp2d)' AND p.amount > 0
                """) == 25_000_000)
            try await checkPage(browser, "/anggaran/terima after receiving")
            shot(try await browser.screenshot(), as: "bendahara-anggaran.png")
            try await home(browser)
            #expect(try await browser.text("[data-testid=saldo-1101]") != cashBefore, "the cash balance on the home page did not change")

            // Her grant: the first submit only asks; "Ya, bayar" pays.
            let kuitansi = "KW/2013/0101"
            try await browser.click("a.button[href='/hibah/baru']")
            _ = try await browser.element("#beneficiary")
            try await browser.type(code, into: "#beneficiary")
            try await browser.type(kuitansi, into: "#ref")
            #expect(try await value(browser, "amount") == "1.500.000")
            try await checkPage(browser, "/hibah/baru")
            try await browser.click("form.money-form button[type=submit]")
            let question = try await browser.text("[data-testid=pertanyaan]")
            #expect(question.contains("Bayar Rp1.500.000 kepada \(name) (\(code))") && question.contains(kuitansi), "\(question)")
            let paidSQL = """
                SELECT count(*) FROM grant_payment g JOIN journal_entry j ON j.id = g.entry_id
                 WHERE g.beneficiary_id = \(person.id) AND g.amount = 1500000 AND j.document_ref = '\(kuitansi)'
                """
            #expect(try store.integerForTesting("SELECT count(*) FROM grant_payment WHERE beneficiary_id = \(person.id)") == 0,
                    "paid before “Ya, bayar”")
            try await checkPage(browser, "/hibah/baru's confirmation")
            shot(try await browser.screenshot(), as: "bendahara-hibah-periksa.png")
            try await browser.click("form.actions button[value=ya]")
            let paid = try await flash(browser)
            #expect(paid.contains("Rp1.500.000") && paid.contains(code) && paid.contains(kuitansi), "\(paid)")
            #expect(try store.integerForTesting(paidSQL) == 1)
            try await checkPage(browser, "/hibah/baru after paying")
            shot(try await browser.screenshot(), as: "bendahara-hibah.png")

            // Two sewing machines into the store room, then one to a kelompok.
            let nota = "NOTA/TK-JAYA/0113"
            let stock = "SELECT quantity FROM equipment_stock s JOIN equipment_item i ON i.id = s.item_id WHERE i.code = 'mesin-jahit'"
            let stockBefore = (try? store.integerForTesting(stock)) ?? 0
            try await home(browser)
            try await browser.click("a[href='/peralatan/beli']")
            _ = try await browser.element("#item-1")
            try await browser.click("#item-1 option[value='mesin-jahit']")
            try await browser.type("2", into: "#quantity-1")
            try await browser.type("1.750.000", into: "#unitCost-1")
            try await browser.type(nota, into: "#ref")
            try await browser.type("Toko Jaya Tanjung Karang", into: "#memo")
            try await checkPage(browser, "/peralatan/beli")
            try await browser.click("form.money-form button[type=submit]")
            let bought = try await flash(browser)
            #expect(bought.contains(nota) && bought.contains("stok bertambah"), "\(bought)")
            #expect(try store.integerForTesting(stock) == stockBefore + 2)
            #expect(try store.integerForTesting("""
                SELECT count(*) FROM journal_entry WHERE kind = 'equipment_purchase' AND document_ref = '\(nota)'
                """) == 1)
            try await checkPage(browser, "/peralatan/beli after buying")
            shot(try await browser.screenshot(), as: "bendahara-peralatan-beli.png")

            let bast = "BAST/2013/0004"
            try await home(browser)
            try await browser.click("a[href='/peralatan/serah']")
            _ = try await browser.element("#kelompok")
            let kelompok = try await browser.script("""
                return Array.from(document.querySelectorAll('#kelompok option')).map(function (o) { return o.value; })
                  .filter(function (v) { return v !== ''; })[0] || '';
                """) as? String ?? ""
            #expect(!kelompok.isEmpty, "the hand-over form offers a kelompok")
            try await browser.click("#kelompok option[value='\(kelompok)']")
            try await browser.click("#item-1 option[value='mesin-jahit']")
            try await browser.type("1", into: "#quantity-1")
            try await browser.type(bast, into: "#ref")
            try await checkPage(browser, "/peralatan/serah")
            try await browser.click("form.money-form button[type=submit]")
            let issued = try await flash(browser)
            #expect(issued.contains(bast), "\(issued)")
            #expect(try store.integerForTesting(stock) == stockBefore + 1)
            #expect(try store.integerForTesting("""
                SELECT count(*) FROM equipment_movement m JOIN journal_entry j ON j.id = m.entry_id JOIN equipment_item i ON i.id = m.item_id
                 WHERE j.document_ref = '\(bast)' AND i.code = 'mesin-jahit' AND m.kelompok_id = \(Int(kelompok.dropFirst(2)) ?? -1)
                """) >= 1)
            try await checkPage(browser, "/peralatan/serah after issuing")
            shot(try await browser.screenshot(), as: "bendahara-peralatan-serah.png")

            // The kuitansi, found with the header's search box.
            try await search(browser, for: kuitansi)
            let entries = try await browser.text("[data-testid=hasil-entri]")
            #expect(entries.contains(kuitansi), "the search for \(kuitansi) lists \(entries)")
            try await checkPage(browser, "/cari (a kuitansi)")
            shot(try await browser.screenshot(), as: "bendahara-cari.png")

            // The finance workbook from the home page's link, fetched as the signed-in browser.
            let exports = "SELECT count(*) FROM audit_log WHERE action LIKE '%export%'"
            let exportsBefore = try store.integerForTesting(exports)
            try await home(browser)
            _ = try await browser.element("a[href='/unduh/keuangan.xlsx']")
            let download = try await browser.script("""
                var link = document.querySelector("a[href='/unduh/keuangan.xlsx']");
                return fetch(link.href).then(function (r) {
                  return r.arrayBuffer().then(function (b) {
                    var bytes = new Uint8Array(b);
                    return { status: r.status, type: r.headers.get('content-type') || '', size: b.byteLength,
                             zip: bytes.length > 1 && bytes[0] === 0x50 && bytes[1] === 0x4b };
                  });
                });
                """) as? [String: Any] ?? [:]
            #expect(download["status"] as? Int == 200, "\(download)")
            #expect(download["type"] as? String == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "\(download)")
            #expect(download["zip"] as? Bool == true, "the workbook is not a zip file: \(download)")
            #expect(try store.integerForTesting(exports) == exportsBefore + 1, "the download is not in the audit log")
            try await checkPage(browser, "the bendahara's home page (download)")
            shot(try await browser.screenshot(), as: "bendahara-unduh.png")

            // December 2012 closed, after the page that says what it locks.
            try await browser.click("a[href='/tutup-buku']")
            _ = try await browser.element("#month")
            #expect(try await value(browser, "month") == "2012-12")
            try await checkPage(browser, "/tutup-buku")
            try await browser.click("form.money-form button[type=submit]")
            let closing = try await browser.text("[data-testid=pertanyaan]")
            #expect(closing.contains("Desember 2012"), "\(closing)")
            #expect(try store.integerForTesting("SELECT count(*) FROM period_closing") == 0, "closed before “Ya, tutup buku”")
            try await checkPage(browser, "/tutup-buku's confirmation")
            shot(try await browser.screenshot(), as: "bendahara-tutup-buku-periksa.png")
            try await browser.click("form.actions button[value=ya]")
            let closed = try await flash(browser)
            #expect(closed.contains("ditutup sampai dengan Desember 2012"), "\(closed)")
            #expect(try store.integerForTesting("SELECT count(*) FROM period_closing WHERE month = '2012-12' AND actor LIKE '%bendahara%'") == 1)
            #expect(try await browser.text("[data-testid=closed-through]").contains("Desember 2012"))
            try await checkPage(browser, "/tutup-buku after closing")
            shot(try await browser.screenshot(), as: "bendahara-tutup-buku.png")
        }

        // MARK: - pendamping

        static func pendampingJobs(_ browser: WebDriver, site: String, store: SQLiteStore) async throws {
            // A graduate paid a month ago with a cake business, whom the admin assigned to PSM-01
            // (the admin's test assigns in the browser): her first monthly visit is due today.
            let operations = Operations(store: store)
            let name = "Wulan Sari Dewi"
            let person = try operations.addBeneficiary(BeneficiaryDraft(name: name, birthYear: 1990),
                                                       enrolIn: (cohort: "2010", track: "tata-boga", status: .completed),
                                                       context: OperationContext(actor: "web:admin", now: WebFixture.now))
            try WebFixture.listAgain(operations, cohort: "2010", decreeDate: try LocalDate.parse("2012-12-01"))
            let code = person.code
            let paidOn = try LocalDate.parse("2012-12-02")
            _ = try operations.disburseGrant(GrantRequest(beneficiary: code, documentRef: "KW/2012/1202", valueDate: paidOn),
                                             context: OperationContext(actor: "web:bendahara", now: WebFixture.now))
            let usaha = try operations.addUsaha(UsahaDraft(ownerBeneficiary: code, product: "Kue basah", brand: "Kue Wulan"))
            _ = try operations.assign(worker: "PSM-01", beneficiary: code, kelompok: nil, from: paidOn)

            try await home(browser)
            _ = try await browser.element("#jatuh-tempo")
            let due = try await VisitBrowserTests.dueCodes(browser)
            #expect(due.contains(code), "\(code) is not on PSM-01's due list: \(due)")
            try await checkPage(browser, "the pendamping's home page")
            shot(try await browser.screenshot(), as: "pendamping-beranda.png")

            // The visit, from her row, with the omzet typed as on paper.
            try await browser.click("li[data-code='\(code)'] a.button")
            _ = try await browser.element("#simpan")
            #expect(try await value(browser, "beneficiary") == code)
            #expect(try await browser.script("return document.getElementById('sales').type;") as? String == "text",
                    "the omzet field is not a text field, so 2.350.000 cannot be typed")
            try await browser.click("#usaha option[value='\(usaha.code)']")
            try await browser.click("#whereabouts option[value='here']")
            try await browser.click("#businessStatus option[value='running']")
            try await browser.type("2.350.000", into: "#sales")
            try await browser.click("label[for='support-0']")
            try await browser.type("Kue laku di warung sekolah; minta label kemasan", into: "#notes")
            try await checkPage(browser, "/kunjungan/baru")
            try await browser.script("window.scrollTo(0, 0);")
            shot(try await browser.screenshot(), as: "pendamping-kunjungan-baru.png")
            try await browser.click("#simpan")
            let logged = try await flash(browser)
            #expect(logged.contains("tercatat") && logged.contains(name), "\(logged)")
            #expect(try store.integerForTesting("""
                SELECT count(*) FROM visit WHERE beneficiary_id = \(person.id) AND usaha_id = \(usaha.id) AND visit_date = '\(today)'
                   AND whereabouts = 'here' AND business_status = 'running' AND sales_amount = 2350000
                   AND sales_start = '2013-01-01' AND sales_end = '\(today)' AND sales_entry_id IS NOT NULL
                """) == 1)
            #expect(!(try await VisitBrowserTests.dueCodes(browser)).contains(code), "she is still due after the visit")
            try await checkPage(browser, "the pendamping's home page after the visit")
            shot(try await browser.screenshot(), as: "pendamping-kunjungan.png")

            // The outcome, from her page in the caseload.
            try await browser.click("a[href='/binaan']")
            _ = try await browser.element("a[href='/binaan/\(code)']")
            try await checkPage(browser, "/binaan")
            try await browser.click("a[href='/binaan/\(code)']")
            try await checkPage(browser, "/binaan/\(code)")
            try await browser.click("a[href='/binaan/\(code)/hasil']")
            _ = try await browser.element("input[name=returned][value=no]")
            let title = try await browser.script("return document.title;") as? String ?? ""
            #expect(!title.contains(name), "the outcome form's title names her: \(title)")
            try await browser.click("input[name=returned][value=no]")
            try await browser.click("#source option[value='worker_observation']")
            #expect(try await value(browser, "asOf") == today)
            try await checkPage(browser, "/binaan/\(code)/hasil")
            shot(try await browser.screenshot(), as: "pendamping-hasil-baru.png")
            try await browser.click("form.visit-form button[type=submit]")
            let recorded = try await flash(browser)
            #expect(recorded.contains("tercatat"), "\(recorded)")
            #expect(try store.integerForTesting("""
                SELECT count(*) FROM outcome WHERE beneficiary_id = \(person.id) AND as_of = '\(today)' AND returned = 'no'
                   AND source = 'worker_observation'
                """) == 1)
            try await checkPage(browser, "/binaan/\(code) after the outcome")
            shot(try await browser.screenshot(), as: "pendamping-hasil.png")
        }

        // MARK: - mitra and pemantau

        static func mitraJobs(_ browser: WebDriver, site: String, store: SQLiteStore) async throws {
            let count = try await browser.text("[data-testid=jumlah-usaha]")
            try await checkPage(browser, "the mitra's home page")
            shot(try await browser.screenshot(), as: "mitra-beranda.png")
            try await browser.click("a.button[href='/usaha']")
            _ = try await browser.element("table caption")
            let rows = try await browser.elements("table tbody tr td a[href^='/usaha/U-']").count
            #expect(rows > 0 && String(rows) == count, "the register lists \(rows) businesses, the home page says \(count)")
            #expect(rows <= (try store.integerForTesting("SELECT count(*) FROM usaha")))
            let shown = try await browser.script("return document.body.innerText;") as? String ?? ""
            let named = try beneficiaryNames(store).filter { shown.contains($0) }
            #expect(named.isEmpty, "the partner's register names women: \(named)")
            try await checkPage(browser, "/usaha (the partner's register)")
            shot(try await browser.screenshot(), as: "mitra-usaha.png")
        }

        static func pemantauJobs(_ browser: WebDriver, site: String, store: SQLiteStore) async throws {
            _ = try await browser.element("#rekap-kantor")
            try await checkPage(browser, "the pemantau's home page")
            shot(try await browser.screenshot(), as: "pemantau-beranda.png")
            try await browser.click("details.menu summary")
            _ = try await browser.element("details.menu[open] nav a[href='/rekap']")
            try await checkPage(browser, "the pemantau's menu, open")
            try await browser.click("details.menu nav a[href='/rekap']")
            _ = try await browser.element("#rekap-kantor")
            #expect(try await browser.currentURL().hasSuffix("/rekap"))
            let offices = try await browser.elements("section[aria-labelledby=rekap-kantor] tbody tr").count
            #expect(offices >= 1, "the roll-up lists no office")
            let recipients = try await browser.script("""
                var cell = document.querySelector("section[aria-labelledby=rekap-kantor] td[data-label='Penerima Bantuan']");
                return cell ? cell.textContent.trim() : '';
                """) as? String ?? ""
            #expect(recipients == String(try store.integerForTesting("SELECT count(DISTINCT beneficiary_id) FROM grant_payment")),
                    "the roll-up's grant recipients: “\(recipients)”")
            let page = try await browser.script("return document.body.innerText;") as? String ?? ""
            let named = try beneficiaryNames(store).filter { page.contains($0) }
            #expect(named.isEmpty, "the roll-up names women: \(named)")
            try await checkPage(browser, "/rekap")
            shot(try await browser.screenshot(), as: "pemantau-rekap.png")
        }

        // MARK: - helpers

        /// One browser session on its own copy of the demo, signed in as `username`; a failure
        /// leaves a screenshot of where it stopped.
        static func session(as username: String,
                            _ jobs: (WebDriver, String, SQLiteStore) async throws -> Void) async throws {
            guard BrowserTests.browserIsInstalled() else { return }
            let started = Date()
            try await BrowserTests.withDemo(demoStore(at:)) { folder, store in
                try await BrowserTests.serving(store, folder: folder, sealKey: WebFixture.sealKey) { driver, site in
                    try await BrowserTests.withBrowser(driver, failureShot: "\(role(username))-gagal.png") { browser in
                        try await signIn(browser, site: site, as: username)
                        #expect(try await browser.script("return window.innerWidth;") as? Int == 390)
                        try await jobs(browser, site, store)
                    }
                }
            }
            print("The \(role(username)) browser test took \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
        }

        static func role(_ username: String) -> String {
            switch username {
            case "pendamping1": "pendamping"
            case "koperasi": "mitra"
            case "provinsi": "pemantau"
            default: username
            }
        }

        /// ``VisitBrowserTests``' demo (followed for 36 months, `pendamping1` is PSM-01) with the
        /// other roles' fixture users.
        static func demoStore(at path: String) throws -> SQLiteStore {
            let store = try VisitBrowserTests.demoStore(at: path)
            let operations = Operations(store: store)
            for (username, role, worker) in WebFixture.users where username != "pendamping1" {
                _ = try operations.addUser(UserDraft(username: username, displayName: username.capitalized, role: role, worker: worker),
                                           password: WebFixture.password, hash: { Bcrypt.hash($0, cost: 4) },
                                           context: OperationContext(actor: "setup", now: WebFixture.now))
            }
            return store
        }

        static func signIn(_ browser: WebDriver, site: String, as username: String) async throws {
            try await browser.go("\(site)/")
            try await browser.type(username, into: "#username")
            try await browser.type(WebFixture.password, into: "#password")
            try await browser.click("form.card button[type=submit]")
            _ = try await browser.element("form.signout")
        }

        /// Back to her home page, by the brand link every page has.
        static func home(_ browser: WebDriver) async throws {
            try await browser.click("header a.brand")
            _ = try await browser.element("form.signout")
        }

        /// Types into the search box in the page's header and submits it.
        static func search(_ browser: WebDriver, for text: String) async throws {
            try await browser.type(text, into: "form.search input[name=q]")
            try await browser.click("form.search button[type=submit]")
            _ = try await browser.element("form.search-page")
        }

        /// The flash a job leaves on the page it redirected to.
        static func flash(_ browser: WebDriver) async throws -> String {
            do {
                return try await browser.text("p.flash")
            } catch {
                let errors = try await browser.script("""
                    return Array.from(document.querySelectorAll('.error, [role=alert]')).map(function (e) { return e.textContent.trim(); }).join(' | ');
                    """) as? String ?? ""
                throw WebDriver.Failure(description: "no flash at \(try await browser.currentURL()); the page says: \(errors)")
            }
        }

        static func value(_ browser: WebDriver, _ id: String) async throws -> String {
            try await browser.script("return document.getElementById(arguments[0]).value;", [id]) as? String ?? ""
        }

        static func checkPage(_ browser: WebDriver, _ page: String) async throws {
            #expect(try await VisitBrowserTests.fitsThePhone(browser), "\(page) is wider than the phone")
        }

        static func shot(_ png: Data, as name: String) {
            VisitBrowserTests.save(png, as: name)
        }

        static func beneficiaryID(_ code: String) -> Int { Int(code.dropFirst(2)) ?? -1 }

        /// Every woman's name, to look for where none may be.
        static func beneficiaryNames(_ store: SQLiteStore) throws -> [String] {
            try store.read { tx in
                var names: [String] = []
                var id: Int64 = 1
                while let person = try tx.beneficiary(id: id) {
                    names.append(person.name)
                    id += 1
                }
                return names
            }
        }
    }
}
