public import Foundation

/// Everything the status machine remembers about one monitor, as plain values: the stored status
/// (new, up, down or paused; grace and started are read from the clock), the last ping and start,
/// the failure count, the parent's state and whether an incident loop is open.
public struct MonitorState: Sendable, Hashable {
    /// The stored status: `.new`, `.up`, `.down` or `.paused`.
    public var status: MonitorStatus = .new
    /// The last success or failure ping (not start or log).
    public var lastPing: Date?
    /// The start of the run in progress, and its run id.
    public var lastStart: Date?
    /// The run id the last start carried.
    public var lastStartRid: String?
    /// How long the last paired run took.
    public var lastDuration: TimeInterval?
    /// Failures in a row since the last success.
    public var consecutiveFailures = 0
    /// When the monitor last went down.
    public var downSince: Date?
    /// Whether the parent monitor is down (its children's alerts are held meanwhile).
    public var parentDown = false
    /// The failure of a down that was held for the parent, to open when the parent is back.
    public var heldFailure: MonitorFailure?
    /// Whether the monitor's incident loop is open.
    public var incidentOpen = false

    /// A new monitor: never pinged.
    public init() {}

    /// The latest instant the monitor has seen: its last ping, its run's start, or when it went down
    /// (its incident's date). An input dated before it (a server's clock stepped back) is taken at it.
    public var latestInstant: Date? { [lastPing, lastStart, downSince].compactMap { $0 }.max() }

    /// The status shown at an instant, as healthchecks computes it: a run in progress is
    /// `started` (or `down` once past the maximum runtime); an up monitor is `grace` from its
    /// expected ping until the grace time has passed, then `down`.
    public func status(at now: Date, schedule: MonitorSchedule) -> MonitorStatus {
        if status == .paused {
            return .paused
        }
        if let lastStart {
            return now >= lastStart.addingTimeInterval(schedule.maxRuntime) ? .down : .started
        }
        guard status == .up, let lastPing, let expected = schedule.nextExpected(after: lastPing) else {
            return status
        }
        if now >= expected.addingTimeInterval(schedule.grace) {
            return .down
        }
        return now >= expected ? .grace : .up
    }

    /// The first instant at which the monitor goes down unless a ping comes first, and why; nil when
    /// nothing is pending (new and idle, paused, or already down with no run started since). A
    /// deadline scanner keeps monitors ordered by this instant, so its work follows the number due,
    /// not the number kept.
    public func deadline(schedule: MonitorSchedule) -> (at: Date, failure: MonitorFailure)? {
        guard status != .paused else { return nil }
        if status == .down {
            // A run started while down is timed too: past its maximum runtime its owner hears of it (a
            // note on the incident, or a new one), where nothing was said until the next ping.
            guard let lastStart, let downSince, lastStart >= downSince else { return nil }
            return (
                lastStart.addingTimeInterval(schedule.maxRuntime),
                .tooLong(started: lastStart, maximum: schedule.maxRuntime)
            )
        }
        // A run in progress is `started` until it finishes or passes its maximum runtime (`status(at:)`):
        // a job that started on time and runs longer than the grace is not late.
        if let lastStart {
            return (
                lastStart.addingTimeInterval(schedule.maxRuntime),
                .tooLong(started: lastStart, maximum: schedule.maxRuntime)
            )
        }
        guard status == .up, let lastPing, let expected = schedule.nextExpected(after: lastPing) else { return nil }
        return (expected.addingTimeInterval(schedule.grace), .late(expected: expected))
    }

    /// The instant the monitor next needs looking at (see `deadline(schedule:)`).
    public func nextCheck(schedule: MonitorSchedule) -> Date? {
        deadline(schedule: schedule)?.at
    }
}
