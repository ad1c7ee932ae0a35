public import Foundation

/// A team: the unit the server isolates. Its name is its identity.
public struct Team: Sendable, Equatable {
    /// The team's name (`payments`).
    public var name: String
    /// When it was added.
    public var createdAt: Date

    /// A team.
    public init(name: String, createdAt: Date) {
        self.name = name
        self.createdAt = createdAt
    }

    /// Whether a name can name a team: 1 to 64 of a-z, 0-9, `-`, `_`, `.`, starting with a letter or digit.
    public static func isValidName(_ name: String) -> Bool {
        guard (1...64).contains(name.utf8.count), let first = name.utf8.first else { return false }
        func alphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        // A hand-off to a team names it as it names a person: `all`, `none` and `nobody` name no one.
        return alphanumeric(first) && name.utf8.allSatisfy { alphanumeric($0) || "-_.".utf8.contains($0) }
            && !PersonSettings.isReserved(name)
    }
}
