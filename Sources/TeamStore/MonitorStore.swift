public import Foundation
public import OwnCore

/// The team server's heartbeat monitors: each monitor's settings and state, its last pings and its
/// status changes ("flips"). Both engines implement it beside `TeamStore`.
///
/// A monitor is found by its uuid from any team (the uuid in a ping URL is the secret that names
/// it), or by (team, slug). Every change goes through `save`, a compare-and-set on `version`, so
/// two servers sharing one database never both act on one change (say, both opening an incident
/// loop for one outage): the second save finds the version moved on and gets nil.
///
/// `dueMonitors` reads an index on the next deadline, so a scan costs in proportion to the
/// monitors due, not to the monitors kept.
public protocol MonitorStore: Sendable {
    /// Adds a monitor at version 1 and returns it. Throws `unknownTeam`, or `monitorExists` when
    /// its team already has a monitor with its slug or its uuid is taken.
    func addMonitor(_ monitor: MonitorRecord) async throws -> MonitorRecord

    /// The monitor with this uuid, in whichever team; nil when none.
    func monitor(uuid: String) async throws -> MonitorRecord?

    /// The team's monitor with this slug; nil when none.
    func monitor(team: String, slug: String) async throws -> MonitorRecord?

    /// The team's monitors, by name then slug.
    func monitors(team: String) async throws -> [MonitorRecord]

    /// The team's monitors with this name, by slug: what a create's `unique: ["name"]` may match,
    /// read without decoding the rest of the team's monitors.
    func monitors(team: String, name: String) async throws -> [MonitorRecord]

    /// The team's monitors whose parent is the monitor `parent` (a uuid), by name then slug: a
    /// monitor's children, read without reading the rest of the team's monitors.
    func monitors(team: String, parent: String) async throws -> [MonitorRecord]

    /// The monitors with these uuids, in whichever team, in no particular order; unknown uuids are
    /// left out.
    func monitors(uuids: [String]) async throws -> [MonitorRecord]

    /// Saves several monitors' changes in one transaction (a group commit: the pings that arrived
    /// together). Each change is a compare-and-set on its own: it is written if its monitor's stored
    /// version is still `change.monitor.version`, with its pings (numbered next, the oldest beyond
    /// `MonitorPingRecord.kept` dropped), its flips and its events; its result is then the monitor
    /// as stored (the version grown by `change.steps`, its last ping's number as its last), and nil
    /// when the version moved on, the monitor is gone or its uuid is another team's (nothing of
    /// that change written). Results
    /// come in the order of `changes`. Throws `monitorExists` for a slug the team already uses, and
    /// whatever the append of the events throws; nothing at all is written then.
    func save(_ changes: [MonitorChange]) async throws -> [MonitorRecord?]

    /// Deletes the team's monitor with its pings and flips; false when there was none.
    @discardableResult
    func deleteMonitor(team: String, uuid: String) async throws -> Bool

    /// The team's monitor's last pings, newest first, at most `limit`.
    func pings(team: String, uuid: String, limit: Int) async throws -> [MonitorPingRecord]

    /// The team's monitor's status changes, newest first, at most `limit`.
    func flips(team: String, uuid: String, limit: Int) async throws -> [MonitorFlip]

    /// Monitors of every team whose next deadline is at or before `at`, earliest first, at most
    /// `limit`: the deadline scanner's work.
    func dueMonitors(at: Date, limit: Int) async throws -> [MonitorRecord]
}

extension MonitorStore {
    /// Saves one monitor with at most one ping and no events (see `save(_:)`): the monitor as
    /// stored (version + 1), or nil when its version moved on.
    public func save(
        _ monitor: MonitorRecord,
        ping: MonitorPingRecord?,
        flips: [MonitorFlip]
    ) async throws -> MonitorRecord? {
        try await save([MonitorChange(monitor: monitor, pings: ping.map { [$0] } ?? [], flips: flips)])[0]
    }
}
