public import Foundation

/// When a monitor expects its job, and how much slack it gives: the period (every N seconds, or a
/// cron expression in a time zone), the grace time, and own's additions to healthchecks' rules.
public struct MonitorSchedule: Sendable, Hashable {
    /// How often the job runs.
    public enum Period: Sendable, Hashable {
        /// Every `timeout` seconds after the last ping (healthchecks' "simple" kind).
        case every(TimeInterval)
        /// At the runs of a cron expression on a zone's wall clock (healthchecks' "cron" kind).
        case cron(CronExpression, TimeZone)
    }

    /// The shortest and longest timeout, grace time and maximum runtime healthchecks accepts.
    public static let allowedSeconds: ClosedRange<TimeInterval> = 60...31_536_000

    /// How often the job runs.
    public let period: Period
    /// How late a ping may be before the monitor is down.
    public let grace: TimeInterval
    /// How long a started run may take before the monitor is down (default: the grace time).
    public let maxRuntime: TimeInterval
    /// A finished run shorter than this is a failure (0: no minimum).
    public let minRuntime: TimeInterval
    /// Consecutive failures (fail pings, non-zero exits, too-short runs) before the monitor is down.
    public let failureTolerance: Int

    /// A schedule; throws a message naming the value out of range.
    public init(
        period: Period,
        grace: TimeInterval,
        maxRuntime: TimeInterval? = nil,
        minRuntime: TimeInterval = 0,
        failureTolerance: Int = 1
    ) throws(CoreError) {
        // In the units it was likely given (366d, not 31622400s); a number past any duration as it
        // came (an Int of it would trap).
        func shown(_ value: TimeInterval) -> String {
            value >= 1 && value < 1e12
                ? MonitorDuration.text(value)
                : (value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)) + "s"
        }
        func check(_ name: String, _ value: TimeInterval) throws(CoreError) {
            guard Self.allowedSeconds.contains(value) else {
                throw .invalidSchedule(
                    "\(name) \(shown(value)) is out of range; use 1m to 365d (60 to 31536000 seconds)"
                )
            }
        }
        if case .every(let timeout) = period {
            try check("the period", timeout)
        }
        try check("the grace time", grace)
        try check("the maximum runtime", maxRuntime ?? grace)
        guard minRuntime >= 0, minRuntime < maxRuntime ?? grace else {
            // Both in the same units, and where the maximum came from when none was given.
            throw .invalidSchedule(
                "the minimum runtime \(shown(minRuntime)) must be at least 0 and shorter than the maximum runtime "
                    + shown(maxRuntime ?? grace) + (maxRuntime == nil ? " (the grace time, as none was given)" : "")
            )
        }
        guard (1...1000).contains(failureTolerance) else {
            throw .invalidSchedule("the failure tolerance \(failureTolerance) is out of range; use 1 to 1000")
        }
        self.period = period
        self.grace = grace
        self.maxRuntime = maxRuntime ?? grace
        self.minRuntime = minRuntime
        self.failureTolerance = failureTolerance
    }

    /// A cron period from its text and zone name; throws when either cannot be used.
    public static func cron(_ expression: String, zone: String) throws(CoreError) -> Period {
        .cron(try CronExpression(expression), try timeZone(zone))
    }

    /// A monitor's zone by its IANA name; throws for a name that is none.
    public static func timeZone(_ zone: String) throws(CoreError) -> TimeZone {
        switch ZoneName.zone(zone) {
        case .success(let timeZone): return timeZone
        case .failure(let refusal): throw .invalidSchedule(refusal.description)
        }
    }

    /// When the next ping is due after one at `lastPing` (healthchecks' grace start); nil if the
    /// cron expression never fires again.
    public func nextExpected(after lastPing: Date) -> Date? {
        switch period {
        case .every(let timeout): lastPing.addingTimeInterval(timeout)
        case .cron(let expression, let zone): expression.nextRun(after: lastPing, in: zone)
        }
    }
}
