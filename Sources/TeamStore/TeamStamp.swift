/// What every read of a team depends on besides its loops and events: the number of its last event
/// and its people's settings, read together. While a team's stamp stays the same, so does every
/// read of it at the same instant, which lets a server keep what it rendered and still never answer
/// stale, even beside other servers on one database.
public struct TeamStamp: Sendable, Equatable {
    /// The number of the team's last event (0 when it has none).
    public var lastSeq: Int64
    /// The settings of the team's people, by name.
    public var people: [PersonSettings]

    /// A stamp.
    public init(lastSeq: Int64, people: [PersonSettings]) {
        self.lastSeq = lastSeq
        self.people = people
    }
}
