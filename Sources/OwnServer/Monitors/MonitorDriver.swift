public import Foundation
import HTTPTypes
public import OwnCore
public import TeamStore

/// Runs the core's status machine for stored monitors: reads a monitor, applies an input, and saves
/// it by compare-and-set together with what the actions ask of the ledger (an incident loop's
/// `created` event, notes on it), in one transaction, through the same append as a pushed event, so
/// `own sync` brings the loop and `own doctor` judges it. A server that dies mid-way leaves both
/// or neither: never a monitor saved `down` whose incident loop was not written.
///
/// The save is the claim: of two servers acting on one monitor at one version, only one save goes
/// through, and only that one writes events. The other re-reads the monitor and applies its input
/// to what the first one left (a deadline already marked is then nothing to do).
public struct MonitorDriver: Sendable {
    let store: any TeamStore & MonitorStore

    /// Who the server's events are by: the monitor itself, not a person.
    public static let author = Event.serverName

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

    /// One input for `apply(_:)`: the monitor's uuid, the ping to store if any, and the input built
    /// from the monitor as read (nil: nothing to do).
    public struct Request: Sendable {
        /// The monitor's uuid.
        public var uuid: String
        /// The ping to store with the input.
        public var ping: MonitorPingRecord?
        /// The input for the monitor as read; nil when there is nothing to do.
        public var input: @Sendable (MonitorRecord) -> MonitorInput?
        /// The instant (the machine's clock) after which it is not applied: its sender was answered
        /// that it was not stored (`MonitorChange.notAfter`). Nil: whenever it can be.
        public var notAfter: Date?

        /// A request.
        public init(
            uuid: String,
            ping: MonitorPingRecord? = nil,
            notAfter: Date? = nil,
            input: @escaping @Sendable (MonitorRecord) -> MonitorInput?
        ) {
            self.uuid = uuid
            self.ping = ping
            self.notAfter = notAfter
            self.input = input
        }
    }

    /// Applies `input` (built from the instant the driver reads the monitor at) to the monitor with
    /// this uuid, with the ping to store if any. Returns nil when there is no such monitor, or when
    /// `input` gives nil for the monitor as read (nothing to do: no save). Throws `busy` when other
    /// writers kept moving the monitor on.
    public func apply(
        uuid: String,
        ping: MonitorPingRecord? = nil,
        input: @escaping @Sendable (MonitorRecord) -> MonitorInput?
    ) async throws -> Outcome? {
        try await apply([Request(uuid: uuid, ping: ping, input: input)])[0].get()
    }

    /// Applies requests together, saved in one transaction (a group commit): each monitor is read
    /// once, its requests applied in order, each to what the one before left, with the same result
    /// as one save after another (each counts as one version, so event ids and incident keys are
    /// the same). The events they ask for are written in that transaction too. A monitor another
    /// writer saved first is read again and its requests applied again. One result per request, in
    /// order: what `apply(uuid:ping:input:)` returns or throws.
    public func apply(_ requests: [Request]) async -> [Result<Outcome?, any Error>] {
        var known: [String: MonitorRecord] = [:]
        return await apply(requests, known: &known)
    }

    /// The most monitors `known` keeps; past it, it starts again empty.
    static let knownLimit = 50_000

    /// `apply(_:)` starting from `known`, the monitors as this caller last saw them, instead of
    /// reading them: a writer that keeps them between batches reads a monitor only when it first
    /// sees it or when another writer saved it since (the compare-and-set on its version fails, and
    /// the monitor is read again), so the store stays the truth. `known` is left holding what was
    /// read and saved, without the monitors that are gone or could not be saved.
    public func apply(
        _ requests: [Request],
        known: inout [String: MonitorRecord]
    ) async -> [Result<Outcome?, any Error>] {
        var results = [Result<Outcome?, any Error>?](repeating: nil, count: requests.count)
        var pending: [String: [Int]] = [:]
        var order: [String] = []
        for (index, request) in requests.enumerated() {
            if pending[request.uuid] == nil { order.append(request.uuid) }
            pending[request.uuid, default: []].append(index)
        }
        if known.count + order.count > Self.knownLimit { known.removeAll() }
        // Each team's calendars, read once for the incidents these requests open (an outage takes
        // many monitors down in one pass).
        var teams: [String: Calendars] = [:]
        for _ in 0..<Self.attempts where !order.isEmpty {
            // Requests past their `notAfter` are dropped, as nothing to do: their senders were told
            // they were not stored, and a save that waited for the store (left unwritten) came back.
            let now = Date()
            for uuid in order {
                let indices = pending[uuid]!
                let late = indices.filter { requests[$0].notAfter.map { now > $0 } ?? false }
                guard !late.isEmpty else { continue }
                for index in late { results[index] = .success(nil) }
                pending[uuid] = indices.filter { !late.contains($0) }
            }
            order.removeAll { pending[$0]!.isEmpty }
            if order.isEmpty { break }
            do {
                let unknown = order.filter { known[$0] == nil }
                if !unknown.isEmpty {
                    for monitor in try await store.monitors(uuids: unknown) { known[monitor.uuid] = monitor }
                }
                var planned: [(uuid: String, plan: Plan)] = []
                for uuid in order {
                    let indices = pending[uuid]!
                    do {
                        guard let monitor = known[uuid],
                            let plan = try await makePlan(
                                monitor,
                                indices.map { (index: $0, request: requests[$0]) },
                                teams: &teams
                            )
                        else {
                            for index in indices { results[index] = .success(nil) }
                            continue
                        }
                        planned.append((uuid, plan))
                    } catch {
                        known[uuid] = nil
                        for index in indices { results[index] = .failure(error) }
                    }
                }
                let saved = try await store.save(planned.map { $0.plan.change })
                order = []
                for ((uuid, plan), stored) in zip(planned, saved) {
                    known[uuid] = stored
                    guard let stored else {
                        order.append(uuid)
                        continue
                    }
                    for (index, outcome) in plan.outcomes { results[index] = .success(outcome) }
                    for case (let index, let outcome?) in plan.outcomes {
                        do {
                            try await tellChildren(of: stored, actions: outcome.actions)
                        } catch {
                            results[index] = .failure(error)
                        }
                    }
                }
            } catch {
                for uuid in order { known[uuid] = nil }
                // Saved together, one monitor's events the store refused failed every monitor's
                // requests: each monitor is saved alone then, so only its own fail (the others' pings,
                // answered 409 and not stored, were lost).
                if order.count > 1 {
                    for uuid in order {
                        let indices = pending[uuid]!.filter { results[$0] == nil }
                        let alone = await apply(indices.map { requests[$0] }, known: &known)
                        for (index, result) in zip(indices, alone) { results[index] = result }
                    }
                } else {
                    for uuid in order {
                        for index in pending[uuid]! where results[index] == nil { results[index] = .failure(error) }
                    }
                }
                order = []
            }
        }
        for uuid in order {
            for index in pending[uuid]! {
                results[index] = .failure(APIError(.serviceUnavailable, "the monitor is busy; try again shortly"))
            }
        }
        return results.map { $0! }
    }

    /// One monitor's change for its requests, and each request's outcome (nil: nothing to do).
    private struct Plan {
        var change: MonitorChange
        var outcomes: [(index: Int, outcome: Outcome?)]
    }

    /// Runs the status machine for `requests` on `read`, in order; nil when none had anything to do.
    private func makePlan(
        _ read: MonitorRecord,
        _ requests: [(index: Int, request: Request)],
        teams: inout [String: Calendars]
    ) async throws -> Plan? {
        // What closing an ended incident asks for (a new outage since: its loop) goes with the first step.
        var (monitor, closing) = try await closingEndedIncident(read)
        var change = MonitorChange(monitor: read, steps: 0, changesSettings: false)
        change.notAfter = requests.compactMap(\.request.notAfter).min()
        var outcomes: [(index: Int, outcome: Outcome?)] = []
        for (index, request) in requests {
            guard let input = request.input(monitor) else {
                outcomes.append((index, nil))
                continue
            }
            change.steps += 1
            let version = read.version + change.steps
            let schedule = try monitor.schedule()
            let actions = closing + monitor.state.apply(input, schedule: schedule)
            closing = []
            monitor.nextDeadline = monitor.state.nextCheck(schedule: schedule)
            if actions.contains(where: { if case .openIncident = $0 { true } else { false } }) {
                monitor.incidentLoop = Self.incidentKey(uuid: monitor.uuid, version: version)
            }
            if case .incidentReopened(let loop) = input { monitor.incidentLoop = loop }
            change.flips += actions.compactMap { action -> MonitorFlip? in
                guard case .statusChanged(let from, let to, let at, _) = action else { return nil }
                return MonitorFlip(at: at, from: from, to: to)
            }
            if var stored = request.ping {
                stored.duration = monitor.state.lastDuration
                if case .ping(let sent, _) = input, !sent.isFinish {
                    stored.duration = nil
                }
                change.pings.append(stored)
            }
            var saved = monitor
            saved.version = version
            saved.lastPingNumber = read.lastPingNumber + Int64(change.pings.count)
            // An incident opened while its owner is away goes to their backup (`Calendars.backups`),
            // by the team's people and time off as they stand: not left with someone who will not
            // see it until they are back.
            // Should the team's settings not be read, the owner keeps it: the incident opens all the same.
            var cover: (person: String, timeOff: TimeOff)?
            for case .openIncident(_, let at) in actions {
                if teams[monitor.team] == nil {
                    teams[monitor.team] =
                        (try? await TeamSettings.load(store: store, team: monitor.team, asOf: nil))?.calendars
                }
                // A backup the team does not count as a person (a typo, someone gone) would own the
                // incident unseen: the next one named, or the owner.
                for backup in teams[monitor.team]?.backups(for: monitor.owner, at: at) ?? [] {
                    if (try? await store.isPerson(backup.person, team: monitor.team)) == true {
                        cover = backup
                        break
                    }
                }
            }
            let events = Self.events(for: actions, of: saved, cover: cover)
            change.events += events
            outcomes.append((index, Outcome(monitor: saved, actions: actions, events: events)))
        }
        guard change.steps > 0 else { return nil }
        change.monitor = monitor
        change.monitor.version = read.version
        return Plan(change: change, outcomes: outcomes)
    }

    /// The key of a new incident loop: from the monitor's uuid and the version that opened it, so the
    /// key is the same however often the events are built, but never the uuid itself: the uuid is
    /// the ping URL's secret, and the key goes to every channel, page and ledger. 16 hex digits of a
    /// hash of it (the first 8 digits of the uuid were the key once, and monitors whose uuids begin
    /// alike opened their incidents in one loop).
    public static func incidentKey(uuid: String, version: Int64) -> String {
        incidentPrefix(uuid: uuid) + String(version)
    }

    /// What every incident key of the monitor with this uuid begins with.
    static func incidentPrefix(uuid: String) -> String {
        "inc-" + TokenSecret.hash("incident " + uuid.lowercased()).prefix(16) + "-"
    }

    /// The id of the `index`th event a monitor's save at `version` writes: 16 hex digits of a hash of
    /// the uuid, the version and the index, both zero-padded. Events in one second fold by id: as plain
    /// numbers, version 10's sorted before version 9's, and a recovery was listed after the failures
    /// that came after it.
    public static func eventID(uuid: String, version: Int64, index: Int) -> String {
        "monitor-" + TokenSecret.hash("event " + uuid.lowercased()).prefix(16) + "-" + padded(version, 12) + "-"
            + padded(Int64(index), 3)
    }

    /// `number` in decimal with zeros before it to `width` digits (more digits when it has them).
    static func padded(_ number: Int64, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The index after the actions' own of the note that says why an incident is a backup's: its id
    /// sorts after theirs in the same save (events in one second fold by id).
    static let coverNoteIndex = 500

    /// The ledger events for the actions of one save (`monitor` as saved). Their ids come from the
    /// monitor and the saved version, so writing them again is a no-op; like the key, from a hash of
    /// the uuid, never the uuid itself (ids go to every ledger, and to channels as dedupe keys). With
    /// `cover`, a new incident is the backup's, and a note on it says whose time off made it so.
    private static func events(
        for actions: [MonitorAction],
        of monitor: MonitorRecord,
        cover: (person: String, timeOff: TimeOff)?
    ) -> [Event] {
        guard let key = monitor.incidentLoop,
            let incident = try? MonitorIncident(
                monitor: monitor.knownAs,
                owner: cover?.person ?? monitor.owner,
                stakes: monitor.stakes,
                loop: key
            )
        else { return [] }
        var events: [Event] = []
        for (index, action) in actions.enumerated() {
            let id = Self.eventID(uuid: monitor.uuid, version: monitor.version, index: index)
            guard var event = incident.event(for: action, id: id, by: Self.author) else { continue }
            if event.type == .created {
                event.fields["tags"] = .array([.string("monitor"), .string(monitor.slug)])
            }
            events.append(event)
            if event.type == .created, let cover {
                let note =
                    "\(monitor.owner), who owns \(monitor.knownAs), is away \(cover.timeOff.days); "
                    + "\(cover.person), their backup, owns this incident"
                events.append(
                    Event(
                        id: Self.eventID(uuid: monitor.uuid, version: monitor.version, index: coverNoteIndex),
                        loop: key,
                        at: event.at,
                        by: Self.author,
                        type: .noted,
                        fields: ["note": .string(note)]
                    )
                )
            }
        }
        return events
    }

    /// A monitor whose incident loop its owner has ended (done or dropped) no longer has one open:
    /// the next failure opens a new loop, not a note on the closed one. Down since after the loop
    /// ended (closed offline, pushed later), its outage opens one now (the actions returned).
    private func closingEndedIncident(_ monitor: MonitorRecord) async throws -> (MonitorRecord, [MonitorAction]) {
        guard monitor.state.incidentOpen, let key = monitor.incidentLoop,
            let loop = try await store.loop(team: monitor.team, key: key, asOf: nil),
            LoopState.ended.contains(loop.state), let endedAt = loop.doneAt ?? loop.closedAt
        else { return (monitor, []) }
        var closed = monitor
        closed.incidentLoop = nil
        let actions = closed.state.apply(.incidentClosed(endedAt: endedAt), schedule: try monitor.schedule())
        return (closed, actions)
    }

    /// Tells a monitor's children that it went down (or was paused) or came back, so their alerts are
    /// held meanwhile.
    private func tellChildren(of monitor: MonitorRecord, actions: [MonitorAction]) async throws {
        for action in actions {
            guard case .statusChanged(let from, let to, let at, _) = action, from.holdsChildren != to.holdsChildren
            else { continue }
            let children = try await store.monitors(team: monitor.team, parent: monitor.uuid)
            for child in children {
                _ = try await apply(uuid: child.uuid) { _ in .parent(down: to.holdsChildren, at: at) }
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
