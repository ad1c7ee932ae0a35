/// How much a finding matters; `--fail-on` compares against it.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    /// Worth knowing; nothing is at risk yet.
    case info
    /// Something is slipping; act this week.
    case warning
    /// Trust or delivery is at risk now.
    case critical

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .critical: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
