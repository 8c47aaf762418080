/// Lists of the registry's small reference tables, for `list` commands and pickers
/// (cohorts are listed by ``ReportSource``).
public protocol ListingPort {
    func tracks() throws -> [Track]
    func equipmentItems() throws -> [EquipmentItem]
}
