import BekalCore

extension Schema {
    /// Visits on schedule and the performance report's kept counts (``PerformanceSQL``): her
    /// case's visit months, filled from the visits kept; visits counted per worker and month;
    /// needs per day voiced and answered; an index of enrolments by cohort; and
    /// `programme_target` rebuilt with the CHECK that allows the new indicator (SQLite cannot
    /// change a CHECK in place), its rows, index and triggers as before.
    static let v16VisitSchedule: [String] = [
        PerformanceSQL.visitScheduleColumn(.sqlite),
        PerformanceSQL.fillVisitMonths(.sqlite, where: "grant_date IS NOT NULL AND last_contact IS NOT NULL"),
    ] + PerformanceSQL.workerVisitMonths(.sqlite) + PerformanceSQL.needDays(.sqlite) + [
        programmeTarget("programme_target_v16", indicators: PerformanceSQL.shippedIndicators),
        "INSERT INTO programme_target_v16 (id, year, cohort_id, indicator, value, actor, recorded_at) "
            + "SELECT id, year, cohort_id, indicator, value, actor, recorded_at FROM programme_target",
        "DROP TABLE programme_target",
        "ALTER TABLE programme_target_v16 RENAME TO programme_target",
        "CREATE INDEX programme_target_year ON programme_target(year, id)",
    ] + appendOnlyTriggers(["programme_target"], remedy: "add a new row instead")
}
