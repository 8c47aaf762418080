import Foundation

/// The rows of a whole database as plain values, for `bekal migrate`: one store reads every
/// table as ``CopyTable``s and batches of ``CopyValue`` rows, another loads them, and neither
/// knows the other. Nothing here knows SQL; each store maps its own column types to
/// ``CopyColumn/Kind``.
public enum CopyValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case text(String)
    case blob(Data)
}

/// A column: its name and the kind of value it holds.
public struct CopyColumn: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case integer, text, blob
        /// A type no Bekal table uses (a store names it as it declares it).
        case other(String)
    }

    public let name: String
    public let kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .integer: "\(name) integer"
        case .text: "\(name) text"
        case .blob: "\(name) blob"
        case .other(let type): "\(name) \(type)"
        }
    }
}

/// A table: its name, its columns in their order, and the columns its rows are read in order
/// of (its primary key).
public struct CopyTable: Hashable, Sendable {
    public let name: String
    public let columns: [CopyColumn]
    public let orderBy: [String]

    public init(name: String, columns: [CopyColumn], orderBy: [String]) {
        self.name = name
        self.columns = columns
        self.orderBy = orderBy
    }
}

/// What a copy compares: the two stores' tables, and each table's rows.
public enum TableCopy {
    /// How the tables of `source` differ from those of `target`, one sentence each (names
    /// of tables and columns only, never a value); empty when they hold the same tables with
    /// the same columns, in the same order, of the same kinds.
    public static func differences(source: [CopyTable], target: [CopyTable], sourceName: String, targetName: String) -> [String] {
        var found: [String] = []
        let targets = Dictionary(target.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let sources = Set(source.map(\.name))
        for table in source {
            guard let other = targets[table.name] else {
                found.append("table \(table.name) is in \(sourceName) but not in \(targetName)")
                continue
            }
            if table.columns != other.columns {
                found.append("table \(table.name) has columns (\(table.columns.map(\.description).joined(separator: ", "))) in \(sourceName) "
                             + "but (\(other.columns.map(\.description).joined(separator: ", "))) in \(targetName)")
            }
        }
        for table in target where !sources.contains(table.name) {
            found.append("table \(table.name) is in \(targetName) but not in \(sourceName)")
        }
        return found
    }

    /// The tables in an order in which every table comes after the tables it refers to
    /// (`references[table]`: the tables its foreign keys name; a table naming itself is
    /// loaded in key order). Tables caught in a cycle keep their given order, at the end.
    public static func loadOrder(_ tables: [CopyTable], references: [String: Set<String>]) -> [CopyTable] {
        var placed: Set<String> = []
        var ordered: [CopyTable] = []
        var waiting = tables
        let names = Set(tables.map(\.name))
        while !waiting.isEmpty {
            let ready = waiting.filter { table in
                (references[table.name] ?? []).allSatisfy { $0 == table.name || placed.contains($0) || !names.contains($0) }
            }
            if ready.isEmpty {
                ordered += waiting
                break
            }
            for table in ready { placed.insert(table.name) }
            ordered += ready
            waiting.removeAll { placed.contains($0.name) }
        }
        return ordered
    }
}

/// The rows of one table as both stores see them: how many, and a SHA-256 of their typed
/// values in key order (the same form seals digest), so that two stores' copies of a table
/// compare without holding either.
public struct RowDigest: Equatable {
    public private(set) var rows = 0
    private var builder = DigestBuilder()
    private var bytes: [UInt8] = []

    public init() {}

    public mutating func add(_ row: [CopyValue]) {
        rows += 1
        bytes.removeAll(keepingCapacity: true)
        for value in row {
            switch value {
            case .null: bytes += Array("n;".utf8)
            case .integer(let i): bytes += Array("i\(i);".utf8)
            case .text(let s):
                bytes += Array("t\(s.utf8.count):".utf8)
                bytes += Array(s.utf8)
                bytes.append(UInt8(ascii: ";"))
            case .blob(let data):
                bytes += Array("b\(data.count):".utf8)
                bytes += Array(data)
                bytes.append(UInt8(ascii: ";"))
            }
        }
        bytes.append(UInt8(ascii: "\n"))
        builder.add(bytes)
    }

    public func finish() -> (rows: Int, digest: String) { (rows, builder.finish()) }

    public static func == (a: RowDigest, b: RowDigest) -> Bool { a.finish() == b.finish() }
}

/// A row a store cannot hand over or take as it is, named by table and column, never by its value.
public enum TableCopyError: BekalFailure, Equatable {
    /// A value of a kind no Bekal column holds (a real number in an integer column edited by hand).
    case unsupportedValue(store: String, table: String, column: String, kind: String)
    /// Text with a NUL character, which PostgreSQL's text cannot hold.
    case nulCharacter(store: String, table: String, column: String)

    public var code: String {
        switch self {
        case .unsupportedValue: "copy_unsupported_value"
        case .nulCharacter: "copy_nul_character"
        }
    }

    public var message: String {
        switch self {
        case .unsupportedValue(let store, let table, let column, let kind):
            "A row of \(table) in \(store) holds a \(kind) in \(column), which no Bekal column holds; the file was edited outside Bekal. Nothing was copied; restore a verified backup."
        case .nulCharacter(let store, let table, let column):
            "A row of \(table) in \(store) holds a NUL character in \(column), which PostgreSQL cannot store; the file was edited outside Bekal. Nothing was copied."
        }
    }
}
