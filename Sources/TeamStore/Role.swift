/// What a token may do in its team. Each role may do everything the one before it may.
public enum Role: String, Sendable, CaseIterable, Comparable {
    /// Reads the team: bots, wall screens.
    case reader
    /// Also writes events, as the token's person.
    case member
    /// Also approves loops, manages monitors and the team's tokens.
    case lead

    private var rank: Int {
        switch self {
        case .reader: 0
        case .member: 1
        case .lead: 2
        }
    }

    /// Whether `lhs` may do less than `rhs`.
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
