public import Foundation
public import OwnCore

/// One heartbeat monitor as the team server keeps it: who owns it, its schedule as a person gave
/// it, and the status machine's state with the next instant it must be looked at.
///
/// `version` grows by one on every save; a save names the version it read, so of two servers
/// acting on one monitor at once only the first one's change is kept (compare-and-set).
public struct MonitorRecord: Sendable, Hashable {
    /// The id in ping URLs (lowercase UUID); unique across teams.
    public var uuid: String
    /// The team it belongs to.
    public var team: String
    /// A person's name for it.
    public var name: String
    /// The name in slug ping URLs; unique within the team.
    public var slug: String
    /// What people know it by: its name, or its slug when it has none (the API's default).
    public var knownAs: String { name.isEmpty ? slug : name }
    /// The person whose loop an incident becomes.
    public var owner: String
    /// The stakes of its incident loops.
    public var stakes: Stakes
    /// The period of a simple schedule, in seconds; nil for a cron schedule.
    public var timeout: TimeInterval?
    /// The cron expression of a cron schedule; nil for a simple one.
    public var cron: String?
    /// The zone a cron expression runs in (an IANA name).
    public var timeZone: String
    /// How late a ping may be, in seconds.
    public var grace: TimeInterval
    /// How long a started run may take, in seconds; nil: the grace time.
    public var maxRuntime: TimeInterval?
    /// A finished run shorter than this is a failure, in seconds (0: no minimum).
    public var minRuntime: TimeInterval
    /// Consecutive failures before the monitor is down.
    public var failureTolerance: Int
    /// The uuid of the parent monitor, if any.
    public var parent: String?
    /// Tags, as healthchecks lists them (space-separated there).
    public var tags: [String]
    /// A description.
    public var desc: String
    /// The status machine's state.
    public var state: MonitorState
    /// When the scanner must look at it next (from `state.nextCheck`); nil when nothing is pending.
    public var nextDeadline: Date?
    /// The key of its open incident loop, if any.
    public var incidentLoop: String?
    /// When it was added.
    public var createdAt: Date
    /// The number of its last ping (pings are numbered 1, 2, … per monitor).
    public var lastPingNumber: Int64
    /// Grows by one on every save.
    public var version: Int64

    /// A new monitor, never pinged, version 0.
    public init(
        uuid: String,
        team: String,
        name: String,
        slug: String,
        owner: String,
        stakes: Stakes,
        timeout: TimeInterval?,
        cron: String?,
        timeZone: String = "UTC",
        grace: TimeInterval,
        maxRuntime: TimeInterval? = nil,
        minRuntime: TimeInterval = 0,
        failureTolerance: Int = 1,
        parent: String? = nil,
        tags: [String] = [],
        desc: String = "",
        createdAt: Date
    ) {
        self.uuid = uuid
        self.team = team
        self.name = name
        self.slug = slug
        self.owner = owner
        self.stakes = stakes
        self.timeout = timeout
        self.cron = cron
        self.timeZone = timeZone
        self.grace = grace
        self.maxRuntime = maxRuntime
        self.minRuntime = minRuntime
        self.failureTolerance = failureTolerance
        self.parent = parent
        self.tags = tags
        self.desc = desc
        state = MonitorState()
        nextDeadline = nil
        incidentLoop = nil
        self.createdAt = createdAt
        lastPingNumber = 0
        version = 0
    }

    /// The schedule the status machine runs under; throws the core's message for a bad cron
    /// expression, an unknown zone or a value out of range.
    public func schedule() throws(CoreError) -> MonitorSchedule {
        let period: MonitorSchedule.Period =
            if let cron {
                try MonitorSchedule.cron(cron, zone: timeZone)
            } else {
                .every(timeout ?? 86_400)
            }
        return try MonitorSchedule(
            period: period,
            grace: grace,
            maxRuntime: maxRuntime,
            minRuntime: minRuntime,
            failureTolerance: failureTolerance
        )
    }
}
