import Foundation
import OwnCore
import TeamStore

/// A monitor as healthchecks' Management API v3 shows a check (its field names, its status values,
/// its pings and flips), with own's additions: `owner`, `stakes`, `loop` (the open incident loop's
/// key), `max_runtime`, `min_runtime`, `failure_tolerance` and `parent`.
enum CheckJSON {
    /// A check, as of `now`; `base` is the server's URL (`http://host:port`) for the ping and API URLs.
    static func check(_ monitor: MonitorRecord, now: Date, base: String) -> JSONValue {
        let schedule = try? monitor.schedule()
        let state = monitor.state
        var members: [String: JSONValue] = [
            "name": .string(monitor.name),
            "slug": .string(monitor.slug),
            "tags": .string(monitor.tags.joined(separator: " ")),
            "desc": .string(monitor.desc),
            "grace": .number(monitor.grace),
            "n_pings": .number(Double(monitor.lastPingNumber)),
            "status": .string((schedule.map { state.status(at: now, schedule: $0) } ?? state.status).rawValue),
            "started": .bool(state.lastStart != nil),
            "last_ping": date(state.lastPing),
            // As healthchecks: a paused check expects nothing (nor does a new one, with no ping yet).
            "next_ping": date(
                state.status == .paused ? nil : state.lastPing.flatMap { schedule?.nextExpected(after: $0) }
            ),
            "manual_resume": .bool(false),
            "methods": .string(""),
            "subject": .string(""),
            "subject_fail": .string(""),
            "start_kw": .string(""),
            "success_kw": .string(""),
            "failure_kw": .string(""),
            "filter_subject": .bool(false),
            "filter_body": .bool(false),
            "uuid": .string(monitor.uuid),
            "ping_url": .string("\(base)/ping/\(monitor.uuid)"),
            "update_url": .string("\(base)/api/v3/checks/\(monitor.uuid)"),
            "pause_url": .string("\(base)/api/v3/checks/\(monitor.uuid)/pause"),
            "resume_url": .string("\(base)/api/v3/checks/\(monitor.uuid)/resume"),
            "channels": .string(""),
            "owner": .string(monitor.owner),
            "stakes": .string(monitor.stakes.rawValue),
            "loop": state.incidentOpen ? monitor.incidentLoop.map(JSONValue.string) ?? .null : .null,
            "max_runtime": .number(monitor.maxRuntime ?? monitor.grace),
            "min_runtime": .number(monitor.minRuntime),
            "failure_tolerance": .number(Double(monitor.failureTolerance)),
            "parent": monitor.parent.map(JSONValue.string) ?? .null,
        ]
        if let cron = monitor.cron {
            members["schedule"] = .string(cron)
            members["tz"] = .string(monitor.timeZone)
        } else {
            members["timeout"] = .number(monitor.timeout ?? 86_400)
        }
        if let duration = state.lastDuration {
            members["last_duration"] = .number(duration.rounded())
        }
        return .object(members)
    }

    /// A ping as the `pings/` route lists it.
    static func ping(_ ping: MonitorPingRecord) -> JSONValue {
        var members: [String: JSONValue] = [
            "n": .number(Double(ping.number)),
            "date": .string(Timestamp.format(ping.at)),
            "scheme": .string(ping.method == "cli" ? "cli" : "http"),
            "remote_addr": .string(ping.remoteAddress ?? ""),
            "method": .string(ping.method),
            "ua": .string(ping.userAgent ?? ""),
            "rid": ping.rid.map(JSONValue.string) ?? .null,
            "body_size": .number(Double(ping.body.count)),
        ]
        switch ping.kind {
        case .success: members["type"] = .string("success")
        case .start: members["type"] = .string("start")
        case .fail: members["type"] = .string("fail")
        case .log: members["type"] = .string("log")
        case .exitStatus(let code):
            members["type"] = .string(code == 0 ? "success" : "fail")
            members["exitstatus"] = .number(Double(code))
        }
        if let duration = ping.duration {
            members["duration"] = .number(duration)
        }
        return .object(members)
    }

    /// A status change as the `flips/` route lists it: `up` is 1 when the check became up.
    static func flip(_ flip: MonitorFlip) -> JSONValue {
        .object(["timestamp": .string(Timestamp.format(flip.at)), "up": .number(flip.to == .up ? 1 : 0)])
    }

    private static func date(_ date: Date?) -> JSONValue {
        date.map { .string(Timestamp.format($0)) } ?? .null
    }
}
