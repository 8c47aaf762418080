/// Lists of the registry's small reference tables, for `list` commands and pickers.
public protocol ListingPort {
    func tracks() throws -> [Track]
    func cohorts() throws -> [Cohort]
    func equipmentItems() throws -> [EquipmentItem]
}
