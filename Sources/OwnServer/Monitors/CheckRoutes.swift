import Foundation
import HTTPTypes
import Hummingbird
import OwnCore
import TeamStore

/// healthchecks' Management API v3 over the team's monitors: `GET|POST /api/v3/checks/` (list with
/// `tag` and `slug` filters; create, with `unique` for upserts), `GET|POST|DELETE
/// /api/v3/checks/<uuid>`, `POST …/pause`, `POST …/resume`, `GET …/pings/`, `GET …/pings/<n>/body`,
/// `GET …/flips/` (with `seconds`, `start` and `end`, `FlipWindow`).
///
/// Any token of the team reads; a lead manages every check, a member the checks they own. Another
/// team's check answers 404, as one that does not exist.
struct CheckRoutes {
    let store: any TeamStore & MonitorStore
    let configuration: ServerConfiguration

    func add(to router: Router<ServerContext>) {
        let group = router.group("api/v3").add(
            middleware: ApiKeyAuthentication(store: store, bodyLimit: configuration.maxBodyBytes)
        )
        group.get("checks") { request, context in try await list(request, context) }
        group.post("checks") { request, context in try await create(request, context) }
        group.get("checks/:uuid") { request, context in
            let monitor = try await find(context)
            return reply(CheckJSON.check(monitor, now: configuration.now(), base: base(request)))
        }
        group.post("checks/:uuid") { request, context in try await update(request, context) }
        group.delete("checks/:uuid") { request, context in try await delete(request, context) }
        group.post("checks/:uuid/pause") { request, context in try await pause(request, context, resume: false) }
        group.post("checks/:uuid/resume") { request, context in try await pause(request, context, resume: true) }
        group.get("checks/:uuid/pings") { _, context in
            let monitor = try await find(context)
            let pings = try await store.pings(
                team: monitor.team,
                uuid: monitor.uuid,
                limit: Int(MonitorPingRecord.kept)
            )
            return reply(.object(["pings": .array(MonitorPingRecord.pairingRuns(pings).map(CheckJSON.ping))]))
        }
        // A ping's body as it came (`own run` sends its output there), cut to the body limit.
        group.get("checks/:uuid/pings/:number/body") { _, context in
            let monitor = try await find(context)
            let kept = try await store.pings(team: monitor.team, uuid: monitor.uuid, limit: Int(MonitorPingRecord.kept))
            // A ping that carried no body has none to give, as in healthchecks.
            guard let number = context.parameters.get("number").flatMap(Int64.init),
                let ping = kept.first(where: { $0.number == number }), !ping.body.isEmpty
            else { throw APIError(.notFound, "not found") }
            // Its bytes, not text made of them: bytes that are not UTF-8 would each become three.
            return Response.body(ByteBuffer(bytes: ping.body), contentType: "text/plain; charset=utf-8")
        }
        group.get("checks/:uuid/flips") { request, context in
            let monitor = try await find(context)
            let window = try FlipWindow(request.uri.queryParameters, now: configuration.now())
            let flips = try await store.flips(team: monitor.team, uuid: monitor.uuid, limit: 1000)
            return reply(.array(flips.filter(window.holds).map(CheckJSON.flip)))
        }
    }

    private func reply(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        .json(JSONWriter.string(value), status: status)
    }

    /// The server's URL for the URLs a check lists: `--public-url`, or as the client reached it (https
    /// when the request came over TLS or through a proxy that says so).
    private func base(_ request: Request) -> String {
        configuration.publicURL
            ?? (DashboardSession.isHTTPS(request) ? "https://" : "http://")
            + (request.head.authority ?? "\(configuration.host):\(configuration.port)")
    }

    /// The caller's team's check named in the path; 404 for any other.
    private func find(_ context: ServerContext) async throws -> MonitorRecord {
        let caller = try context.requireCaller()
        guard let uuid = context.parameters.get("uuid")?.lowercased(),
            let monitor = try await store.monitor(uuid: uuid), monitor.team == caller.team
        else { throw APIError(.notFound, "not found") }
        return monitor
    }

    /// Refuses (403) a change the caller may not make: a reader's, or a member's to a check they do
    /// not own (before or after the change).
    private func requireManager(_ caller: TokenRecord, of monitors: MonitorRecord..., creating: Bool = false) throws {
        guard caller.role == .lead || (caller.role == .member && monitors.allSatisfy { $0.owner == caller.person })
        else {
            // The checks are the one read (when there is one) and the one it would become: a member
            // who owns the first is refused for giving it to someone else.
            let givenAway = creating || monitors.first?.owner == caller.person
            throw APIError(
                .forbidden,
                caller.role == .reader
                    ? "a reader token cannot change checks; use a member or lead token"
                    : givenAway
                        ? "\(caller.person) may not make someone else a check's owner; a lead can"
                        : "\(caller.person) may change only the checks they own; a lead manages the rest"
            )
        }
    }

    private func list(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let query = request.uri.queryParameters
        let tags: [String] = query.getAll("tag").map { String($0) }
        let slug = query.get("slug")
        let now = configuration.now()
        let checks = try await store.monitors(team: caller.team).filter { monitor in
            tags.allSatisfy(monitor.tags.contains) && (slug == nil || monitor.slug == slug)
        }
        return reply(.object(["checks": .array(checks.map { CheckJSON.check($0, now: now, base: base(request)) })]))
    }

    private func create(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let settings = try CheckSettings(
            body: try await RequestDecoding.body(request, limit: configuration.maxBodyBytes)
        )
        let unique = try settings.unique()
        // The check `unique` names, updated: a provisioning script's create is an upsert.
        func upserted() async throws -> Response? {
            guard !unique.isEmpty,
                let match = try await candidates(unique, settings, team: caller.team).first(where: {
                    settings.matches($0, on: unique)
                })
            else { return nil }
            var saved = try await change(match.uuid, caller: caller, settings: settings)
            if settings.members["parent"] != nil { saved = try await holdForParent(saved.uuid) ?? saved }
            return reply(CheckJSON.check(saved, now: configuration.now(), base: base(request)))
        }
        if let updated = try await upserted() { return updated }
        let now = configuration.now()
        var monitor = MonitorRecord(
            uuid: UUID().uuidString.lowercased(),
            team: caller.team,
            name: "",
            slug: "",
            owner: caller.person,
            stakes: .medium,
            timeout: 86_400,
            cron: nil,
            grace: 3600,
            createdAt: now
        )
        try settings.apply(to: &monitor, parents: try await parents(settings, team: caller.team))
        // A second check of the same name, given no slug, is made as healthchecks makes it: its slug,
        // from the name, taken already, it gets the name's with the start of its uuid (it was refused
        // with 409, for a slug the request never gave).
        let slugTaken = try await store.monitor(team: caller.team, slug: monitor.slug) != nil
        if settings.members["slug"] == nil, slugTaken {
            let room = CheckSettings.longest["slug", default: 100] - 9
            monitor.slug = String(monitor.slug.prefix(room)) + "-" + monitor.uuid.prefix(8)
        }
        try requireManager(caller, of: monitor, creating: true)
        try await requirePerson(monitor.owner, team: caller.team)
        let added: MonitorRecord
        do {
            added = try await add(monitor)
        } catch let conflict as APIError where conflict.status == .conflict {
            // Another create of the same `unique` added it between this one's read and its write (a
            // script run twice at once): this one is its update, as a moment later it would have been.
            if let updated = try await upserted() { return updated }
            throw conflict
        }
        let held = added.parent == nil ? added : try await holdForParent(added.uuid) ?? added
        return reply(CheckJSON.check(held, now: now, base: base(request)), status: .created)
    }

    /// Holds a check's alerts as its parent stands now: held under a parent that is down, let go
    /// (a failure held is an incident now) with no parent or one that is up. The hold followed only a
    /// parent's change of status: a child moved off a down parent stayed held for good (down, with no
    /// loop and no alert), and one put under a parent already down alerted all the same.
    private func holdForParent(_ uuid: String) async throws -> MonitorRecord? {
        guard let child = try await store.monitor(uuid: uuid) else { return nil }
        var parentIsDown = false
        if let parent = child.parent {
            parentIsDown = try await store.monitor(uuid: parent)?.state.status.holdsChildren == true
        }
        let down = parentIsDown
        let now = configuration.now()
        let outcome = try await MonitorDriver(store: store).apply(uuid: uuid) { current in
            current.state.parentDown == down ? nil : .parent(down: down, at: now)
        }
        return outcome?.monitor ?? child
    }

    /// Refuses (400) an owner the team does not count as a person (`TeamStore.isPerson`): a typo
    /// (`kenjj`) owned every incident loop unseen, with no token, inbox or channel to reach.
    private func requirePerson(_ owner: String, team: String) async throws {
        guard try await store.isPerson(owner, team: team) else {
            throw CheckSettings.invalid(
                "owner \"\(owner)\" is no person of team \(team) (no member or lead token, no settings on the "
                    + "server); name the person whose loop an incident becomes"
            )
        }
    }

    /// Adds a monitor; a slug the team already uses is 409 (healthchecks' reply to an ambiguous slug).
    func add(_ monitor: MonitorRecord) async throws -> MonitorRecord {
        do {
            return try await store.addMonitor(monitor)
        } catch TeamStoreError.monitorExists(_, let slug) {
            throw APIError(.conflict, "a check with the slug \"\(slug)\" already exists in this team")
        }
    }

    private func update(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let monitor = try await find(context)
        let settings = try CheckSettings(
            body: try await RequestDecoding.body(request, limit: configuration.maxBodyBytes)
        )
        var saved = try await change(monitor.uuid, caller: caller, settings: settings)
        if settings.members["parent"] != nil { saved = try await holdForParent(saved.uuid) ?? saved }
        return reply(CheckJSON.check(saved, now: configuration.now(), base: base(request)))
    }

    /// Applies settings to a check by compare-and-set, reading it again when another writer was first.
    private func change(_ uuid: String, caller: TokenRecord, settings: CheckSettings) async throws -> MonitorRecord {
        for _ in 0..<MonitorDriver.attempts {
            guard let read = try await store.monitor(uuid: uuid), read.team == caller.team else {
                throw APIError(.notFound, "not found")
            }
            var monitor = read
            try settings.apply(to: &monitor, parents: try await parents(settings, team: caller.team))
            if settings.namesParent, let parent = monitor.parent, try await descends(parent, from: uuid) {
                throw CheckSettings.invalid(
                    "parent \"\(settings.members["parent"]?.stringValue ?? parent)\" is below this check; "
                        + "a check cannot be its own parent's parent"
                )
            }
            try requireManager(caller, of: read, monitor)
            if monitor.owner != read.owner { try await requirePerson(monitor.owner, team: caller.team) }
            // Nothing to change (a provisioning script's upsert, run again): nothing written, and no
            // compare-and-set to lose to the same upsert run at once.
            if monitor == read { return read }
            do {
                if let saved = try await store.save(monitor, ping: nil, flips: []) { return saved }
            } catch TeamStoreError.monitorExists(_, let slug) {
                throw APIError(.conflict, "a check with the slug \"\(slug)\" already exists in this team")
            }
        }
        throw APIError(.serviceUnavailable, "the check is busy; try again shortly")
    }

    /// The team's checks a create's `unique` may match, read by the slug or the name the body gives;
    /// only a `unique` of tags, timeout or grace alone reads every check of the team. Reading all of
    /// them for every create made creating n checks cost n²/2 reads.
    private func candidates(
        _ unique: [String],
        _ settings: CheckSettings,
        team: String
    ) async throws
        -> [MonitorRecord]
    {
        if unique.contains("slug") {
            guard let slug = settings.members["slug"]?.stringValue else { return [] }
            return try await store.monitor(team: team, slug: slug).map { [$0] } ?? []
        }
        if unique.contains("name") {
            guard let name = settings.members["name"]?.stringValue else { return [] }
            return try await store.monitors(team: team, name: name)
        }
        return try await store.monitors(team: team)
    }

    /// The team's checks the body's `parent` may name, by uuid or by slug; none when it names none.
    private func parents(_ settings: CheckSettings, team: String) async throws -> [MonitorRecord] {
        guard settings.namesParent, let reference = settings.members["parent"]?.stringValue else { return [] }
        let byUUID = try await store.monitor(uuid: reference.lowercased()).flatMap { $0.team == team ? $0 : nil }
        let bySlug = try await store.monitor(team: team, slug: reference)
        return [byUUID, bySlug].compactMap { $0 }
    }

    /// Whether `parent` is `uuid` or has it among its parents: naming it would make a ring, in
    /// which each check's alerts wait for the other's.
    private func descends(_ parent: String, from uuid: String) async throws -> Bool {
        var current: String? = parent
        var seen: Set<String> = []
        while let reference = current, seen.insert(reference).inserted {
            if reference == uuid { return true }
            current = try await store.monitor(uuid: reference)?.parent
        }
        return false
    }

    private func delete(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let monitor = try await find(context)
        try requireManager(caller, of: monitor)
        guard try await store.deleteMonitor(team: caller.team, uuid: monitor.uuid) else {
            throw APIError(.notFound, "not found")
        }
        try await orphan(childrenOf: monitor)
        return reply(CheckJSON.check(monitor, now: configuration.now(), base: base(request)))
    }

    /// The children of a deleted check have no parent from now on (they named a check that no longer
    /// is), and a failure one held for it is an incident now, as when a parent comes back.
    private func orphan(childrenOf parent: MonitorRecord) async throws {
        for child in try await store.monitors(team: parent.team, parent: parent.uuid) {
            for _ in 0..<MonitorDriver.attempts {
                guard var read = try await store.monitor(uuid: child.uuid), read.parent == parent.uuid else { break }
                read.parent = nil
                if try await store.save(read, ping: nil, flips: []) != nil { break }
            }
            _ = try await holdForParent(child.uuid)
        }
    }

    private func pause(_ request: Request, _ context: ServerContext, resume: Bool) async throws -> Response {
        let caller = try context.requireCaller()
        let monitor = try await find(context)
        try requireManager(caller, of: monitor)
        if resume && monitor.state.status != .paused {
            throw APIError(.conflict, "check is not paused")
        }
        let now = configuration.now()
        let outcome = try await MonitorDriver(store: store).apply(uuid: monitor.uuid) { current in
            guard current.team == caller.team else { return nil }
            return resume ? .resume(at: now) : .pause(at: now)
        }
        guard let outcome else { throw APIError(.notFound, "not found") }
        return reply(CheckJSON.check(outcome.monitor, now: now, base: base(request)))
    }
}
