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
}
