import Foundation
import Hummingbird
import OwnCore
import OwnStore
import TeamStore

extension DashboardPages {
    /// How many of a monitor's last pings its section lists.
    static let pingsShown = 10

    /// The team's monitors and incidents: each monitor's status at the page's instant, its schedule,
    /// its last pings, its last runs' durations as a chart, and its open incident loop; and every live
    /// incident loop of the team, a deleted monitor's too. As of an
    /// instant (`?at=`), the monitors are those added by then, each with the status its stored
    /// flips had then (the clock's grace and started read from its pings up to it), the pings up
    /// to it, and its incident loop if that was open then.
    func monitors(_ request: Request, _ context: ServerContext) async throws -> Response {
        let view = try await view(request, context)
        guard let store = store as? any MonitorStore else {
            return page("monitors", view, title: "Monitors", ["monitors": [], "none": true, "unsupported": true])
        }
        // Every live incident loop, as `own list --kind incident` has them: a deleted monitor's stays
        // (and one opened by hand), not only those a monitor of the page points to.
        let open = try await self.store.loops(
            team: view.team,
            query: LoopQuery(states: Set(LoopState.allCases.filter(\.isLive)), kinds: [.incident]),
            asOf: view.asOf
        )
        var rows: [[String: Any]] = []
        for monitor in try await store.monitors(team: view.team) {
            if let asOf = view.asOf, !Self.isAtOrBefore(monitor.createdAt, asOf) { continue }
            var pings = MonitorPingRecord.pairingRuns(
                try await store.pings(team: view.team, uuid: monitor.uuid, limit: Int(MonitorPingRecord.kept))
            )
            var state = monitor.state
            if let asOf = view.asOf {
                pings.removeAll { !Self.isAtOrBefore($0.at, asOf) }
                let flips = try await Self.flips(of: monitor, upTo: asOf, in: store)
                state = Self.state(at: asOf, flips: flips, pings: pings, current: monitor.state.status)
            }
            // At the request's instant, as the API's `status`: a monitor enters grace to the second,
            // and the page's minute (`view.now`) showed it up for as much as a minute after.
            let status = (try? monitor.schedule()).map { state.status(at: view.read, schedule: $0) } ?? state.status
            var row: [String: Any] = [
                "name": monitor.name, "slug": monitor.slug, "owner": monitor.owner,
                "ownerHref": view.link("people/" + PathSegment.encoded(monitor.owner)), "status": status.rawValue,
                "schedule": Self.schedule(of: monitor),
                // As the API's `last_ping`: a start or a log is no ping of a run's end.
                "lastPing": state.lastPing.map { Timestamp.format($0) } ?? "never",
                "pings": pings.prefix(Self.pingsShown).map(Self.pingRow), "hasPings": !pings.isEmpty,
                "chart": RunChart(pings: pings).values,
            ]
            // Its incident loop live then, by its key: the monitor keeps its current one only, and a
            // page of an earlier instant showed none where another has opened since.
            let prefix = MonitorDriver.incidentPrefix(uuid: monitor.uuid)
            if let loop = open.filter({ $0.key.hasPrefix(prefix) }).max(by: { $0.createdAt < $1.createdAt }) {
                row["incident"] = loopRow(Self.keyed(loop), view, [])
            }
            rows.append(row)
        }
        let incidents = open.sorted { ($0.createdAt, $0.key) < ($1.createdAt, $1.key) }.map {
            loopRow(Self.keyed($0), view, [])
        }
        return page(
            "monitors",
            view,
            title: "Monitors",
            [
                "monitors": rows, "none": rows.isEmpty, "incidents": incidents, "hasIncidents": !incidents.isEmpty,
            ]
        )
    }

    /// A monitor's flips, newest first, back to the last one at or before `instant` (or all of them).
    private static func flips(
        of monitor: MonitorRecord,
        upTo instant: Date,
        in store: any MonitorStore
    ) async throws -> [MonitorFlip] {
        var limit = 64
        while true {
            let flips = try await store.flips(team: monitor.team, uuid: monitor.uuid, limit: limit)
            if flips.count < limit || flips.contains(where: { isAtOrBefore($0.at, instant) }) { return flips }
            limit *= 8
        }
    }

    /// A monitor's state at an instant, as far as the store tells it: the stored status its flips
    /// (newest first) had then (the last one at or before it; else the status before the first;
    /// else, never changed, its `current` one), and its last ping and run in progress from its
    /// pings up to then (newest first), from which the clock reads grace and started.
    private static func state(
        at instant: Date,
        flips: [MonitorFlip],
        pings: [MonitorPingRecord],
        current: MonitorStatus
    ) -> MonitorState {
        var state = MonitorState()
        state.status = flips.first { isAtOrBefore($0.at, instant) }?.to ?? flips.last?.from ?? current
        let runs = pings.filter { $0.kind != .log }
        if let last = runs.first, last.kind == .start {
            state.lastStart = last.at
            state.lastPing = runs.dropFirst().first { $0.kind != .start }?.at
        } else {
            state.lastPing = runs.first?.at
        }
        return state
    }

    /// Whether a ping or flip was at or before the page's instant, to the second: pings are stored
    /// to fractions of a second, events and `?at=` to the second, and the page as of 02:00:04 shows
    /// the events of that second, so it shows a ping at 02:00:04.5 too.
    static func isAtOrBefore(_ at: Date, _ instant: Date) -> Bool {
        at.timeIntervalSince1970.rounded(.down) <= instant.timeIntervalSince1970
    }

    private static func schedule(of monitor: MonitorRecord) -> String {
        let period =
            if let cron = monitor.cron {
                "cron " + cron + " (" + monitor.timeZone + ")"
            } else {
                "every " + RunChart.duration(monitor.timeout ?? 86_400)
            }
        return period + ", grace " + RunChart.duration(monitor.grace)
    }

    private static func pingRow(_ ping: MonitorPingRecord) -> [String: Any] {
        let kind: String =
            switch ping.kind {
            case .success: "success"
            case .start: "start"
            case .fail: "fail"
            case .log: "log"
            case .exitStatus(let code): "exit status \(code)"
            }
        return [
            "at": Timestamp.format(ping.at), "kind": kind, "method": ping.method,
            "duration": ping.duration.map(RunChart.duration) ?? "", "hasDuration": ping.duration != nil,
            "failed": ping.kind == .fail || (ping.kind != .exitStatus(0) && Self.isExitStatus(ping.kind)),
        ]
    }

    private static func isExitStatus(_ kind: MonitorPing.Kind) -> Bool {
        if case .exitStatus = kind { return true }
        return false
    }
}
