import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OwnCore
import TeamStore

/// healthchecks' ping URLs, so that an existing crontab line works by changing its base URL:
/// `HEAD|GET|POST /ping/<uuid>`, `…/start`, `…/fail`, `…/log` and `…/<exit status 0-255>`, with
/// `?rid=` pairing a start with its finish. Replies as healthchecks gives them: `200 OK`,
/// `404 not found` (no such monitor), `400 invalid url format` (an exit status above 255); each
/// carries `Ping-Body-Limit`. A 200 is sent only once the ping is committed.
struct PingRoutes {
    let store: any MonitorStore
    let configuration: ServerConfiguration

    /// How many times a ping re-reads its monitor when another writer saved it first.
    static let attempts = 8

    func add(to router: Router<ServerContext>) {
        for method in [HTTPRequest.Method.get, .post, .head] {
            router.on("ping/:uuid", method: method) { request, context in
                try await ping(request, context, action: nil)
            }
            router.on("ping/:uuid/:action", method: method) { request, context in
                try await ping(request, context, action: context.parameters.get("action"))
            }
        }
    }

    /// The kind a URL's last part names; nil for one healthchecks would not match.
    static func kind(_ action: String?) -> Result<MonitorPing.Kind, PingReply>? {
        guard let action else { return .success(.success) }
        switch action {
        case "start": return .success(.start)
        case "fail": return .success(.fail)
        case "log": return .success(.log)
        default:
            guard !action.isEmpty, action.allSatisfy(\.isASCII), action.allSatisfy(\.isNumber), action.count <= 9,
                let code = Int(action)
            else { return nil }
            return code <= 255 ? .success(.exitStatus(code)) : .failure(.invalidURL)
        }
    }

    func ping(_ request: Request, _ context: ServerContext, action: String?) async throws -> Response {
        guard let uuid = context.parameters.get("uuid").map({ $0.lowercased() }), UUID(uuidString: uuid) != nil,
            let kind = Self.kind(action)
        else { return PingReply.notFound.response }
        let pingKind: MonitorPing.Kind
        switch kind {
        case .success(let value): pingKind = value
        case .failure(let reply): return reply.response
        }
        var request = request
        let body = try await request.collectBody(upTo: configuration.maxBodyBytes)
        let rid = request.uri.queryParameters.get("rid")
        for _ in 0..<Self.attempts {
            guard var monitor = try await store.monitor(uuid: uuid) else { return PingReply.notFound.response }
            let now = configuration.now()
            let schedule = try monitor.schedule()
            let actions = monitor.state.apply(.ping(MonitorPing(pingKind, rid: rid), at: now), schedule: schedule)
            monitor.nextDeadline = monitor.state.nextCheck(schedule: schedule)
            let flips = actions.compactMap { action -> MonitorFlip? in
                guard case .statusChanged(let from, let to, let at, _) = action else { return nil }
                return MonitorFlip(at: at, from: from, to: to)
            }
            let record = MonitorPingRecord(
                at: now,
                kind: pingKind,
                rid: rid,
                method: request.method.rawValue,
                remoteAddress: nil,
                userAgent: request.headers[.userAgent],
                body: Data(body.readableBytesView),
                duration: monitor.state.lastDuration
            )
            if try await store.save(monitor, ping: record, flips: flips) != nil {
                return PingReply.ok.response
            }
        }
        throw APIError(.serviceUnavailable, "the monitor is busy; try again shortly")
    }
}

/// The replies of the ping URLs, with healthchecks' codes and bodies.
enum PingReply: Error {
    case ok, notFound, invalidURL

    var response: Response {
        let (status, text): (HTTPResponse.Status, String) =
            switch self {
            case .ok: (.ok, "OK")
            case .notFound: (.notFound, "not found")
            case .invalidURL: (.badRequest, "invalid url format")
            }
        var response = Response.body(text, contentType: "text/plain; charset=utf-8", status: status)
        response.headers[HTTPField.Name("Ping-Body-Limit")!] = String(MonitorPingRecord.bodyLimit)
        return response
    }
}
