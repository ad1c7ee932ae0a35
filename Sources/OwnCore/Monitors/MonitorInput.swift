public import Foundation

/// What can happen to a monitor: a ping, the clock passing a deadline, a person's command, or news
/// about its parent or its incident loop.
public enum MonitorInput: Sendable, Hashable {
    /// A ping arrived at an instant.
    case ping(MonitorPing, at: Date)
    /// The clock reads `at`: deadlines up to it have passed.
    case tick(at: Date)
    /// A person paused the monitor.
    case pause(at: Date)
    /// A person resumed it: it is new again, and waits for a first ping.
    case resume(at: Date)
    /// The parent monitor went down (true) or came back (false).
    case parent(down: Bool, at: Date)
    /// The owner ended the incident loop (done or dropped) at `endedAt`.
    case incidentClosed(endedAt: Date)
    /// Someone reopened an incident loop of the monitor, which has none open: it is the open one
    /// again, and the next failure is a note on it.
    case incidentReopened(loop: String)
}
