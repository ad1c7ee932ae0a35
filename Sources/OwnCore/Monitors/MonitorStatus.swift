/// A monitor's status, with healthchecks' names and meanings.
public enum MonitorStatus: String, Sendable, Hashable, CaseIterable {
    /// Created, never pinged: it cannot be late yet.
    case new
    /// Pinged on time.
    case up
    /// The expected ping is late, but within the grace time.
    case grace
    /// Late past the grace time, failed, or a run that went too long or too short.
    case down
    /// Paused by a person: no deadlines, no alerts, until a ping or a resume.
    case paused
    /// A run has started and has not finished yet.
    case started

    /// Whether a parent in this status holds its children's alerts: down, or paused (a pause is how a
    /// planned outage is silenced; pausing a down parent let its children's held incidents open).
    public var holdsChildren: Bool { self == .down || self == .paused }
}
