/// What the scheduler sends, and when in a person's working day.
public enum DigestKind: String, Sendable, CaseIterable, Comparable {
    /// A person's standup draft and doctor findings, at the start of their working day, to them.
    case standup
    /// The time-zone hand-off reminder, `handoff-before` working hours before the end of an owner's working
    /// day, to the owner: the `timezone-handoff` findings on their loops.
    case handoff
    /// The team's weekly summary, at the end of the lead's last working day of the week, to the team.
    case weekly

    /// The first part of the dedupe key of a send of this kind.
    public var keyPrefix: String {
        switch self {
        case .standup: "digest"
        case .handoff: "handoff"
        case .weekly: "weekly"
        }
    }

    /// The message's kind, as its JSON's `kind` and the delivery metrics' `kind` label name it:
    /// `standup`, `handoff-reminder`, `weekly`.
    public var messageKind: String {
        switch self {
        case .standup: "standup"
        case .handoff: "handoff-reminder"
        case .weekly: "weekly"
        }
    }

    /// The order within one instant: the table's.
    private var rank: Int {
        switch self {
        case .standup: 0
        case .handoff: 1
        case .weekly: 2
        }
    }

    public static func < (lhs: DigestKind, rhs: DigestKind) -> Bool { lhs.rank < rhs.rank }
}
