import Foundation
import HTTPTypes
public import OwnCore
public import TeamStore

/// Runs the core's status machine for stored monitors: reads a monitor, applies an input, saves it
/// by compare-and-set, and only then writes what the actions ask of the ledger (an incident loop's
/// `created` event, notes on it), through the same append as a pushed event, so `own sync` brings
/// the loop and `own doctor` judges it.
///
/// The save is the claim: of two servers acting on one monitor at one version, only one save goes
/// through, and only that one writes events. The other re-reads the monitor and applies its input
/// to what the first one left (a deadline already marked is then nothing to do).
public struct MonitorDriver: Sendable {
    let store: any TeamStore & MonitorStore

    /// Who the server's events are by: the monitor itself, not a person.
    public static let author = "own-server"

    /// How many times an input re-reads its monitor when another writer saved it first.
    static let attempts = 8

    /// A driver over a store that keeps both the ledger and the monitors.
    public init(store: any TeamStore & MonitorStore) {
        self.store = store
    }

    /// What one applied input did.
    public struct Outcome: Sendable {
        /// The monitor as saved.
        public var monitor: MonitorRecord
        /// The actions the status machine asked for.
        public var actions: [MonitorAction]
        /// The events written to the team's ledger for them.
        public var events: [Event]
    }

    /// Applies `input` (built from the instant the driver reads the monitor at) to the monitor with
    /// this uuid, with the ping to store if any. Returns nil when there is no such monitor, or when
    /// `input` gives nil for the monitor as read (nothing to do: no save). Throws `busy` when other
    /// writers kept moving the monitor on.
    public func apply(
        uuid: String,
        ping: MonitorPingRecord? = nil,
        input: @Sendable (MonitorRecord) -> MonitorInput?
    ) async throws -> Outcome? {
        for _ in 0..<Self.attempts {
            guard let read = try await store.monitor(uuid: uuid) else { return nil }
            var monitor = try await closingEndedIncident(read)
            guard let input = input(monitor) else { return nil }
            let schedule = try monitor.schedule()
            let actions = monitor.state.apply(input, schedule: schedule)
            monitor.nextDeadline = monitor.state.nextCheck(schedule: schedule)
            if actions.contains(where: { if case .openIncident = $0 { true } else { false } }) {
                monitor.incidentLoop = Self.incidentKey(monitor)
            }
            let flips = actions.compactMap { action -> MonitorFlip? in
                guard case .statusChanged(let from, let to, let at, _) = action else { return nil }
                return MonitorFlip(at: at, from: from, to: to)
            }
            var stored = ping
            stored?.duration = monitor.state.lastDuration
            if ping != nil, case .ping(let sent, _) = input, !sent.isFinish {
                stored?.duration = nil
            }
            guard let saved = try await store.save(monitor, ping: stored, flips: flips) else { continue }
            let events = try await writeEvents(for: actions, of: saved)
            try await tellChildren(of: saved, actions: actions)
            return Outcome(monitor: saved, actions: actions, events: events)
        }
        throw APIError(.serviceUnavailable, "the monitor is busy; try again shortly")
    }

    /// The key of a new incident loop: the monitor's uuid and the version that opened it, so the
    /// key is the same however often the events are written.
    static func incidentKey(_ monitor: MonitorRecord) -> String {
        "inc-" + monitor.uuid.prefix(8) + "-" + String(monitor.version + 1)
    }

    /// The ledger events for the actions of one save, appended all at once. Their ids come from the
    /// monitor and the saved version, so writing them again is a no-op.
    private func writeEvents(for actions: [MonitorAction], of monitor: MonitorRecord) async throws -> [Event] {
        guard let key = monitor.incidentLoop,
            let incident = try? MonitorIncident(
                monitor: monitor.name,
                owner: monitor.owner,
                stakes: monitor.stakes,
                loop: key
            )
        else { return [] }
        var events: [Event] = []
        for (index, action) in actions.enumerated() {
            let id = "monitor-\(monitor.uuid)-\(monitor.version)-\(index)"
            guard var event = incident.event(for: action, id: id, by: Self.author) else { continue }
            if event.type == .created {
                event.fields["tags"] = .array([.string("monitor"), .string(monitor.slug)])
            }
            events.append(event)
        }
        if !events.isEmpty {
            _ = try await store.append(events, team: monitor.team)
        }
        return events
    }

    /// A monitor whose incident loop its owner has ended (done or dropped) no longer has one open:
    /// the next failure opens a new loop, not a note on the closed one.
    private func closingEndedIncident(_ monitor: MonitorRecord) async throws -> MonitorRecord {
        guard monitor.state.incidentOpen, let key = monitor.incidentLoop,
            let loop = try await store.loop(team: monitor.team, key: key, asOf: nil),
            LoopState.ended.contains(loop.state)
        else { return monitor }
        var closed = monitor
        _ = closed.state.apply(.incidentClosed, schedule: try monitor.schedule())
        closed.incidentLoop = nil
        return closed
    }

    /// Tells a monitor's children that it went down or came back, so their alerts are held meanwhile.
    private func tellChildren(of monitor: MonitorRecord, actions: [MonitorAction]) async throws {
        for action in actions {
            guard case .statusChanged(let from, let to, let at, _) = action, (from == .down) != (to == .down) else {
                continue
            }
            let children = try await store.monitors(team: monitor.team).filter { $0.parent == monitor.uuid }
            for child in children {
                _ = try await apply(uuid: child.uuid) { _ in .parent(down: to == .down, at: at) }
            }
        }
    }
}

extension MonitorPing {
    /// Whether the ping ends a run (a success, a failure or an exit status), so it may carry its duration.
    var isFinish: Bool {
        switch kind {
        case .success, .fail, .exitStatus: true
        case .start, .log: false
        }
    }
}
