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
/// carries `Ping-Body-Limit`. A 200 is sent only once the ping is committed: pings go through the
/// `PingWriter`, which saves those that arrive together in one transaction through the
/// `MonitorDriver`, so a failure that takes the monitor down opens its incident loop.
struct PingRoutes {
    let store: any TeamStore & MonitorStore
    let configuration: ServerConfiguration
    let writer: PingWriter

    init(store: any TeamStore & MonitorStore, configuration: ServerConfiguration) {
        self.store = store
        self.configuration = configuration
        writer = PingWriter(driver: MonitorDriver(store: store), lanes: PingWriter.lanes(for: store))
    }

    func add(to router: Router<ServerContext>) {
        for method in [HTTPRequest.Method.get, .post, .head] {
            router.on("ping/:uuid", method: method) { request, context in
                try await ping(request, context, action: nil)
            }
            router.on("ping/:uuid/:action", method: method) { request, context in
                let first = context.parameters.get("uuid") ?? ""
                let second = context.parameters.get("action")
                if Self.uuid(first) == nil, let slug = second {
                    return try await slugPing(request, context, key: first, slug: slug, action: nil)
                }
                return try await ping(request, context, action: second)
            }
            // The router names a segment alike in every route: here `uuid` is the ping key, `action`
            // the slug and `kind` what the ping says.
            router.on("ping/:uuid/:action/:kind", method: method) { request, context in
                try await slugPing(
                    request,
                    context,
                    key: context.parameters.get("uuid") ?? "",
                    slug: context.parameters.get("action") ?? "",
                    action: context.parameters.get("kind")
                )
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
            guard !action.isEmpty, action.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
            else { return nil }
            // Any run of digits is an exit status, as healthchecks reads one (`0255` is 255): above 255
            // (however long) a 400.
            let digits = action.drop { $0 == "0" }
            guard digits.utf8.count <= 3, let code = digits.isEmpty ? 0 : Int(digits), code <= 255 else {
                return .failure(.invalidURL)
            }
            return .success(.exitStatus(code))
        }
    }

    /// The uuid `text` spells (8-4-4-4-12 hex digits, either case), in lower case; nil when it spells
    /// none. Checked byte by byte: a ping reads its uuid without Foundation's parser.
    static func uuid(_ text: String) -> String? {
        guard text.utf8.count == 36 else { return nil }
        var upper = false
        for (index, byte) in text.utf8.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else if !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                && !(UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            {
                guard (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte) else { return nil }
                upper = true
            }
        }
        return upper ? text.lowercased() : text
    }

    func ping(_ request: Request, _ context: ServerContext, action: String?) async throws -> Response {
        guard let uuid = context.parameters.get("uuid").flatMap(Self.uuid) else { return PingReply.notFound.response }
        return try await record(request, context, uuid: uuid, action: action, created: false)
    }

    /// `/ping/<ping-key>/<slug>[/…]`: the ping key is one of the team's tokens (any role; make a reader
    /// token for it). `?create=1` creates a check with that slug when there is none (owned by the
    /// token's person, who must be a member or a lead), with healthchecks' defaults (a day, an hour's
    /// grace), and replies `201 Created`.
    func slugPing(
        _ request: Request,
        _ context: ServerContext,
        key: String,
        slug: String,
        action: String?
    ) async throws -> Response {
        guard let kind = Self.kind(action), !key.isEmpty,
            let token = try await TokenAuthentication.liveToken(key, store: store)?.token
        else { return PingReply.notFound.response }
        // Refused before anything is made: a 400 that created the check would say nothing happened.
        if case .failure(let reply) = kind { return reply.response }
        if case .failure(let reply) = Self.runID(request) { return reply.response }
        if let monitor = try await withinStoreDeadline({ [store] in
            try await store.monitor(team: token.team, slug: slug)
        }) {
            return try await record(request, context, uuid: monitor.uuid, action: action, created: false)
        }
        // As the API takes a slug: at most 100 characters (the check's name is its slug).
        let validSlug =
            !slug.isEmpty && slug.count <= CheckSettings.longest["slug", default: 100]
            && slug.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }
        guard request.uri.queryParameters.get("create") == "1" else { return PingReply.notFound.response }
        guard token.role >= .member else { return PingReply.cannotCreate.response }
        // As healthchecks answers: a slug it would not make is a 400 that says so, not a bare 404.
        guard validSlug else { return PingReply.invalidSlug.response }
        let monitor = MonitorRecord(
            uuid: UUID().uuidString.lowercased(),
            team: token.team,
            name: slug,
            slug: slug,
            owner: token.person,
            stakes: .medium,
            timeout: 86_400,
            cron: nil,
            grace: 3600,
            createdAt: configuration.now()
        )
        let added: MonitorRecord
        do {
            added = try await store.addMonitor(monitor)
        } catch TeamStoreError.monitorExists {
            // Another ping created it first: this one is a ping of it.
            guard let existing = try await store.monitor(team: token.team, slug: slug) else {
                return PingReply.notFound.response
            }
            added = existing
        }
        return try await record(request, context, uuid: added.uuid, action: action, created: added.uuid == monitor.uuid)
    }

    /// Stores a ping of the monitor `uuid` and runs its status machine; the reply once it is committed.
    private func record(
        _ request: Request,
        _ context: ServerContext,
        uuid: String,
        action: String?,
        created: Bool
    ) async throws -> Response {
        guard let kind = Self.kind(action) else { return PingReply.notFound.response }
        let pingKind: MonitorPing.Kind
        switch kind {
        case .success(let value): pingKind = value
        case .failure(let reply): return reply.response
        }
        let rid: String?
        switch Self.runID(request) {
        case .success(let value): rid = value
        case .failure(let reply): return reply.response
        }
        // Stamped once its body is in: stamped at its head, a ping whose body came slowly was dated
        // before the incident the deadline scanner opened meanwhile, and its note refused.
        let body = try await Self.body(of: request)
        let record = MonitorPingRecord(
            at: configuration.now(),
            kind: pingKind,
            rid: rid,
            method: request.method.rawValue,
            remoteAddress: context.remoteAddress(of: request),
            userAgent: request.headers[.userAgent],
            body: body
        )
        let ping = MonitorPing(pingKind, rid: rid)
        // Not written once the store's deadline has passed (less a margin for the write itself): the
        // sender hears 503 "try again" then, and `curl --retry` sent it again, counted twice.
        // (Only where the store has that deadline: one over the network.)
        let notAfter =
            store.readsOverNetwork
            ? Date().addingTimeInterval(Double(TokenAuthentication.storeDeadline.components.seconds) - 0.5) : nil
        // Never before what the monitor last saw (a clock stepped back): its events would be dated
        // before the incident they note.
        let request = MonitorDriver.Request(uuid: uuid, ping: record, notAfter: notAfter) { [at = record.at] monitor in
            .ping(ping, at: max(at, monitor.state.latestInstant ?? at))
        }
        let applied = try await withinStoreDeadline { [writer] in try await writer.apply(request) }
        guard applied != nil else {
            // Left unwritten for its deadline, not for want of a monitor: "try again", as at the deadline.
            if let notAfter, Date() > notAfter { throw TokenAuthentication.StoreDidNotAnswer() }
            return PingReply.notFound.response
        }
        return created ? PingReply.created.response : PingReply.ok.response
    }
}

extension PingRoutes {
    /// `work`'s answer, or `StoreDidNotAnswer` after the deadline a token's read has: with PostgreSQL
    /// down a ping waited 25 s for its connection, past the `curl -m 10` a crontab gives it. (The
    /// write may still land later: a retry is a second ping.)
    func withinStoreDeadline<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await TokenAuthentication.withinStoreDeadline(store, work)
    }

    /// The ping's run id (`?rid=`), if it gives one. A run id is a uuid, as healthchecks takes it (any
    /// case, kept in lower case): one that is not could never pair a start with its finish.
    static func runID(_ request: Request) -> Result<String?, PingReply> {
        guard let given = request.uri.queryParameters.get("rid") else { return .success(nil) }
        guard let valid = uuid(given) else { return .failure(.invalidRID) }
        return .success(valid)
    }

    /// The first `limit` bytes of the request's body, the rest read and let go: as healthchecks, a
    /// ping with a long body (a job's whole output) is a ping, whatever the server's
    /// `--max-body-bytes` (refused, the ping was lost, and `own run`'s exit status with it). A
    /// request that declares no body (neither `Content-Length` nor `Transfer-Encoding`: RFC 9112
    /// §6.3), as a crontab's `curl` or `wget` sends, has none, and is not waited on for it.
    static func body(of request: Request, keeping limit: Int = MonitorPingRecord.bodyLimit) async throws -> Data {
        guard request.headers[.contentLength] != nil || request.headers[.transferEncoding] != nil else { return Data() }
        var kept = Data()
        for try await buffer in request.body where kept.count < limit {
            kept.append(contentsOf: buffer.readableBytesView.prefix(limit - kept.count))
        }
        return kept
    }
}

/// The replies of the ping URLs, with healthchecks' codes and bodies.
enum PingReply: Error {
    case ok, created, notFound, invalidURL, invalidSlug, cannotCreate, invalidRID, unavailable

    /// The reply, built once: a ping's answer costs no allocation of its own.
    var response: Response {
        switch self {
        case .ok: Self.okResponse
        case .created: Self.createdResponse
        case .notFound: Self.notFoundResponse
        case .invalidURL: Self.invalidURLResponse
        case .invalidSlug: Self.invalidSlugResponse
        case .cannotCreate: Self.cannotCreateResponse
        case .invalidRID: Self.invalidRIDResponse
        case .unavailable: Self.unavailableResponse
        }
    }

    private static let okResponse = make(.ok, "OK")
    private static let createdResponse = make(.created, "Created")
    private static let notFoundResponse = make(.notFound, "not found")
    private static let invalidURLResponse = make(.badRequest, "invalid url format")
    private static let invalidRIDResponse = make(.badRequest, "invalid uuid format")
    private static let unavailableResponse = make(
        .serviceUnavailable,
        "the server's store is unavailable; try again shortly"
    )
    private static let invalidSlugResponse = make(
        .badRequest,
        "invalid slug: to create a check, use 1 to 100 of lowercase a-z, 0-9, '-' and '_'"
    )

    private static let cannotCreateResponse = make(
        .forbidden,
        "forbidden: this ping key is a reader's, which pings checks but cannot create one; use a member's key"
    )

    private static func make(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var response = Response.body(text, contentType: "text/plain; charset=utf-8", status: status)
        response.headers[HTTPField.Name("Ping-Body-Limit")!] = String(MonitorPingRecord.bodyLimit)
        // As healthchecks answers: a ping sent by a web page (`fetch`) reads its reply.
        response.headers[.accessControlAllowOrigin] = "*"
        return response
    }
}
