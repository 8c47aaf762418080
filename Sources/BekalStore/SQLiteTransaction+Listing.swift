import BekalCore
import GRDB

extension SQLiteTransaction: ListingPort {
    func tracks() throws -> [Track] { try all("SELECT * FROM track ORDER BY code").map(Self.track) }
    func equipmentItems() throws -> [EquipmentItem] { try all("SELECT * FROM equipment_item ORDER BY code").map(Self.item) }
}
