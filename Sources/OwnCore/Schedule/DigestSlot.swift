/// One scheduled send: a kind, for a person of a team, on one of that person's working days (their
/// local date). At most one send ever goes out per slot; its dedupe key says which.
public struct DigestSlot: Sendable, Hashable, CustomStringConvertible {
    /// What is sent.
    public var kind: DigestKind
    /// The team whose loops it is about.
    public var team: String
    /// Whose working day it follows: the person (standup, hand-off) or the lead (weekly).
    public var person: String
    /// That person's working day, on their calendar.
    public var day: CivilDate

    /// A slot from its parts.
    public init(kind: DigestKind, team: String, person: String, day: CivilDate) {
        self.kind = kind
        self.team = team
        self.person = person
        self.day = day
    }

    /// The outbox's dedupe key, the same on every server: `digest:<team>:<person>:<day>`,
    /// `handoff:<team>:<person>:<day>`, `weekly:<team>:<lead>:<day>`.
    public var dedupeKey: String {
        "\(kind.keyPrefix):\(team):\(person):\(day)"
    }

    /// The slot a dedupe key names, if it names one.
    public init?(dedupeKey: String) {
        // Team names hold no `:`, and days none; a person's name may.
        let parts = dedupeKey.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 4, let kind = DigestKind.allCases.first(where: { $0.keyPrefix == parts[0] }),
            let day = CivilDate(iso: parts[parts.count - 1])
        else { return nil }
        let person = parts[2..<(parts.count - 1)].joined(separator: ":")
        guard !parts[1].isEmpty, !person.isEmpty else { return nil }
        self.init(kind: kind, team: String(parts[1]), person: person, day: day)
    }

    /// `standup for ana on 2026-11-25`.
    public var description: String {
        "\(kind.rawValue) for \(person) on \(day)"
    }
}
