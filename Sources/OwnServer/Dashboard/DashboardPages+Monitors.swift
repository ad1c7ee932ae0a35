import Foundation
import Hummingbird
import OwnCore
import TeamStore

extension DashboardPages {
    /// How many of a monitor's last pings its section lists.
    static let pingsShown = 10

    /// The team's monitors and incidents: each monitor's status at the page's instant, its schedule,
    /// its last pings, its last runs' durations as a chart, and its open incident loop. Monitors
    /// keep their current state only: as of an instant (`?at=`), the pings are those up to it and
    /// the status is the one that follows from them, but a flip not yet pinged is not replayed.
    func monitors(_ request: Request, _ context: ServerContext) async throws -> Response {
        let view = try await view(request, context)
        guard let store = store as? any MonitorStore else {
            return page("monitors", view, title: "Monitors", ["monitors": [], "none": true, "unsupported": true])
        }
        var rows: [[String: Any]] = []
        var incidents: [[String: Any]] = []
        for monitor in try await store.monitors(team: view.team) {
            var pings = try await store.pings(team: view.team, uuid: monitor.uuid, limit: Int(MonitorPingRecord.kept))
            if let asOf = view.asOf { pings.removeAll { $0.at > asOf } }
            let status =
                (try? monitor.schedule()).map { monitor.state.status(at: view.now, schedule: $0) }
                ?? monitor.state.status
            var row: [String: Any] = [
                "name": monitor.name, "slug": monitor.slug, "owner": monitor.owner,
                "ownerHref": view.link("people/" + monitor.owner), "status": status.rawValue,
                "schedule": Self.schedule(of: monitor),
                "lastPing": pings.first.map { Timestamp.format($0.at) } ?? "never",
                "pings": pings.prefix(Self.pingsShown).map(Self.pingRow), "hasPings": !pings.isEmpty,
                "chart": RunChart(pings: pings).values,
            ]
            if let key = monitor.incidentLoop,
                let loop = try await self.store.loop(team: view.team, key: key, asOf: view.asOf).map(Self.keyed)
            {
                let incident = loopRow(loop, view, [])
                row["incident"] = incident
                incidents.append(incident)
            }
            rows.append(row)
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
