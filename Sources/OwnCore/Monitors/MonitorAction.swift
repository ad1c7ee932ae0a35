public import Foundation

/// What the driver (the server) must do after a transition. The core decides; the driver writes.
public enum MonitorAction: Sendable, Hashable {
    /// The stored status changed: record the flip; deliver it to the team's channels unless `held`
    /// (held while the monitor's parent is down).
    case statusChanged(from: MonitorStatus, to: MonitorStatus, at: Date, held: Bool)
    /// The monitor went down with no incident open: open an incident loop for its owner.
    case openIncident(MonitorFailure, at: Date)
    /// It failed again (or went down again) while its incident loop is open: add a note to it.
    case noteFailure(MonitorFailure, at: Date)
    /// It came back up while its incident loop is open: add a note, with the run's duration when
    /// the finish was paired with its start, and how long it was down.
    case noteRecovery(runDuration: TimeInterval?, downFor: TimeInterval?, at: Date)
}
