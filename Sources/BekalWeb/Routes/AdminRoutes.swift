import BekalCore
import Foundation
import Hummingbird

/// The programme admin's pages: the outcome summary and reports (admin only; every view is
/// audited by the core), the restricted outcome workbook, the audit log and the users.
/// The pages themselves are in `Routes/Admin/`.
extension WebApp {
    func addAdminRoutes(to doors: Doors) {
        addOutcomeRoutes(to: doors)
        addPerformanceRoutes(to: doors)
        addAuditRoutes(to: doors)
        addUserRoutes(to: doors)
        addAssignmentRoutes(to: doors)
        addRegistrationRoutes(to: doors)
        addImportRoutes(to: doors)
        addRegisterRoutes(to: doors)
        addEnrolmentStatusRoutes(to: doors)
        addCasePathRoutes(to: doors)
        addNeedReportRoutes(to: doors)
        addPartnerRoutes(to: doors)
        addCorrectionRoutes(to: doors)
        addMergeRoutes(to: doors)
        addGrantExceptionRoutes(to: doors)
        addKelompokRoutes(to: doors)
        addUsahaFormRoutes(to: doors)
        addMarketRoutes(to: doors)
        addTrainingRoutes(to: doors)
        addBudgetLineRoutes(to: doors)
        addWorkerRoutes(to: doors)
        addSettingsRoutes(to: doors)
    }

    /// The outcome summary per cohort, with its honest range, and the programme's counts.
    /// Viewing it is audited by the core: one `report.outcomes` record per view.
    func adminDashboard(context: SignedInContext) throws -> Response {
        let user = context.user
        let today = try today()
        let report = try operations.outcomeReport(by: .cohort, asOf: today, context: self.context(user))
        let due = try operations.followUpDue(worker: nil, asOf: today, context: self.context(user))
        let month = today.yearMonth
        let (graduates, visits, series, broken) = try operations.store.read { tx in
            (try tx.enrolmentCounts()[.completed] ?? 0,
             try tx.visitCountsByWorkerMonth(from: month.firstDay, to: today).reduce(0) { $0 + $1.visits },
             MonthlyVisits.build(counts: try tx.visitCountsByWorkerMonth(from: MonthlyVisits.firstDay(months: Charts.visitMonths, asOf: today), to: today),
                                 workers: try tx.workers(), months: Charts.visitMonths, asOf: today),
             try BrokenEquipmentWork.build(asOf: today, in: tx).rows.count)
        }
        let counts: [(key: String, label: String, value: Int)] = [
            ("lulusan", "Lulusan pelatihan", graduates),
            ("bantuan", "Bantuan modal dibayar", report.total.grants),
            ("kunjungan-bulan-ini", "Kunjungan \(Format.month(month))", visits),
            ("hilang-kontak", "Hilang kontak", report.total.tally.lost),
            ("jatuh-tempo", "Perlu dikunjungi (jatuh tempo)", due.rows.count),
            ("tanpa-pendamping", "Penerima bantuan tanpa pendamping", try operations.unassignedCases().count),
            ("peralatan-rusak", "Peralatan rusak atau hilang belum ditindaklanjuti", broken),
        ]
        return views.page("dashboard-admin", title: "Beranda admin", context: context, data: [
            "asOf": Format.date(today), "todayCount": try todayRecords(for: user).count,
            "counts": counts.map { ["key": $0.key, "label": $0.label, "value": String($0.value)] },
            "outcomes": Self.outcomeTableData(report),
            "outcomeChart": Charts.successRanges(report),
            "visitChart": Charts.visits(series), "visitTable": Charts.visitTable(series),
        ])
    }

    /// An outcome report as the `table` partial shows it, its caption dated as officers read dates.
    static func outcomeTableData(_ report: OutcomeReport) -> [String: Any] {
        // A track's code beside its name says nothing more to an officer.
        var data = TableView.data(report.grouping == .track ? report.table.dropping(column: "code") : report.table)
        data["title"] = "Hasil per \(report.grouping.label.lowercased()) per \(Format.date(report.asOf))"
        return data
    }
}
