import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OwnCore
import OwnStore
import TeamStore

/// The read API: the team's loops and the doctor's findings, each as of `?at=` (default now), in
/// the same JSON as the CLI's `--json`. Everything is scoped to the token's team: another team's
/// loop is 404, like one that does not exist.
struct ReadRoutes {
    let store: any TeamStore
    let configuration: ServerConfiguration
    /// What the routes rendered, per team and request, and each team's settings.
    let cache = ReadCache()

    func add(to group: RouterGroup<ServerContext>) {
        group.get("loops") { request, context in try await loops(request, context) }
        group.get("loops/{key}") { request, context in try await loop(request, context) }
        group.get("doctor") { request, context in try await doctor(request, context) }
    }

    /// The instant a read is as of, and whether it was asked for (then only events until it count).
    private func instant(_ request: Request) throws -> (now: Date, asOf: Date?) {
        let asOf = try Query.instant(request.uri.queryParameters["at"])
        return (asOf ?? configuration.now(), asOf)
    }

    /// The caller's team's settings, kept while its stamp (read with the token) stays the same.
    private func teamSettings(_ context: ServerContext, asOf: Date?) async throws -> TeamSettings {
        try await cache.settings(
            store: store,
            team: try context.requireCaller().team,
            stamp: try context.requireStamp(),
            asOf: asOf
        )
    }

    /// `GET /api/v1/loops`: the filters of `own list` (`owner`, `state`, `kind`, `stakes`, each a
    /// comma-separated list; `all=true` for every state, else live loops only).
    func loops(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let (now, asOf) = try instant(request)
        // The stamp was read with the token, before the loops: a body kept under it is never older.
        // A request answered from what was kept needs nothing more (a refused one is never kept).
        let stamp = try context.requireStamp()
        let key = ReadCache.Key(team: caller.team, request: "loops?" + (request.uri.query ?? ""))
        let body = try await cache.body(key, stamp: stamp, at: now) {
            try await renderLoops(request, team: caller.team, stamp: stamp, now: now, asOf: asOf)
        }
        return .json(body)
    }

    /// The loops a `GET /api/v1/loops` asks for, rendered, and the instants the body holds over.
    private func renderLoops(
        _ request: Request,
        team: String,
        stamp: TeamStamp,
        now: Date,
        asOf: Date?
    ) async throws -> (bytes: ByteBuffer, span: ReadCache.Span) {
        let parameters = request.uri.queryParameters
        var query = LoopQuery()
        let all = try Query.boolean(parameters["all"], name: "all")
        // `all` in any case is everyone, as the CLI and `/doctor` read it.
        if let owner = parameters["owner"], owner.trimming(.spaces).lowercased() != "all" {
            // `?owner=` (or `a,,b`) names nobody: said, not answered with no loops.
            let owners = Self.list(owner)
            if owners.allSatisfy(\.isEmpty) {
                throw APIError(.badRequest, "\"owner\" names nobody; give people separated by commas, or all")
            }
            if owners.contains(where: \.isEmpty) {
                throw APIError(
                    .badRequest,
                    "\"owner\" has an empty name between commas (\(owner)); give people separated by single commas"
                )
            }
            // `none` and `nobody` (and `all` in a list) are no one's names: a filter by them answered
            // no loops, which read as nobody having anything open.
            if let odd = owners.first(where: { !Event.isPersonName($0) }) {
                throw APIError(
                    .badRequest,
                    "\"owner\": \(odd) is no one's name (a name is \(Event.personNameRule); all alone means "
                        + "everyone); give people separated by commas, or all"
                )
            }
            query.owners = Set(owners.map(Event.nameForm))
        }
        if let states = parameters["state"] {
            query.states = Set(
                try Self.list(states).map { text in
                    // `handed-off` is only in projections from before hand-offs moved the loop: no query matches it.
                    guard let state = LoopState(rawValue: text), LoopState.current.contains(state) else {
                        let names = LoopState.current.map(\.rawValue).joined(separator: ", ")
                        throw APIError(.badRequest, "\"state\" has \"\(text)\"; use: \(names)")
                    }
                    return state
                }
            )
        } else if !all {
            query.states = LoopState.live
        }
        if let kinds = parameters["kind"] {
            query.kinds = Set(try Self.list(kinds).map { try Self.named($0, "kind", Kind.self) })
        }
        if let stakes = parameters["stakes"] {
            query.stakes = Set(try Self.list(stakes).map { try Self.named($0, "stakes", Stakes.self) })
        }
        let calendars = try await cache.settings(store: store, team: team, stamp: stamp, asOf: asOf).calendars
        // In `own list`'s order (most urgent first): the order changes only when a loop turns
        // overdue, which ends the span the body is kept for.
        let found = Loop.byUrgency(
            try await store.loops(team: team, query: query, asOf: asOf),
            now: now,
            calendars: calendars
        )
        // Each loop written straight to text, as `own list --json` does: no dictionary per loop.
        let items = found.map { LoopJSON.string($0, now: now, calendars: calendars) }
        let body = ByteBuffer(string: "[" + items.joined(separator: ",") + "]")
        return (body, .unchangedOverdue(found, around: now, calendars: calendars))
    }

    /// `GET /api/v1/loops/{key}`: as `own show --json`; a unique key prefix of 4+ characters names a loop.
    func loop(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let (now, asOf) = try instant(request)
        let reference = PathSegment.decoded(context.parameters.get("key") ?? "")
        guard let loop = try await store.loop(team: caller.team, reference: reference, asOf: asOf) else {
            throw APIError(.notFound, "no loop \"\(reference)\" in your team\(KeyPrefix.tooShort(reference))")
        }
        let events = try await store.events(team: caller.team, ofLoops: [loop.key], since: nil, asOf: asOf)
        let calendars = try await teamSettings(context, asOf: asOf).calendars
        // As `own show --json` gives it, what the events say of each other included.
        return .json(LoopHistory(events).json(loop, now: now, calendars: calendars))
    }

    /// `GET /api/v1/doctor?owner=`: as `own doctor --json`, judged at `at` (default now), on each
    /// person's calendar from the server's settings and time off; one owner's read uses their policy.
    func doctor(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let (now, asOf) = try instant(request)
        // `all` in any case is everyone, as the CLI reads it; a name is read without spaces around it,
        // composed (`Event.trimmedName`), as `/loops` reads it.
        let owner = request.uri.queryParameters["owner"].map { Event.trimmedName(String($0)) }
            .flatMap { $0.lowercased() == "all" ? nil : $0 }
        let settings = try await teamSettings(context, asOf: asOf)
        // As `own doctor --owner` warns: a typo, a blank or a list otherwise read as all clear.
        if let owner {
            guard !owner.isEmpty else { throw APIError(.badRequest, "\"owner\" names nobody; give one person, or all") }
            guard !owner.contains(",") else {
                throw APIError(.badRequest, "\"owner\" names one person (or all): the doctor judges one person's loops")
            }
            // As `/loops` and the reports refuse it: none and nobody name no one.
            guard Event.isPersonName(owner) else {
                throw APIError(
                    .badRequest,
                    "\"owner\": \(owner) is no one's name (a name is \(Event.personNameRule)); give one person, or all"
                )
            }
            if owner != caller.person,
                try await !ReportRoutes.isKnown(owner, team: caller.team, settings: settings, store: store)
            {
                throw APIError(
                    .notFound,
                    "no person \(owner) in team \(caller.team): nobody of that name has settings, a token or a loop here"
                )
            }
        }
        let doctor = settings.doctor
        let loops = try await Self.doctorLoops(
            store: store,
            team: caller.team,
            owner: owner,
            lookBackDays: doctor.lookBackDays,
            now: now,
            asOf: asOf
        )
        // Messages and suggestions name loops by key, which every ledger shares (a number is each
        // ledger's own: `own edit 9` on a laptop is another loop); `number` stays the server's.
        let findings = DigestDispatcher.numbered(
            doctor.findings(in: DigestDispatcher.byKey(loops), now: now, owner: owner),
            from: loops
        )
        return .json(FindingFormat.json.render(findings))
    }

    /// The loops the doctor judges, as `own doctor` reads them: every unsettled loop, and the settled
    /// ones done within the last `lookBackDays` (the policy's window, for the rules that look back),
    /// of one owner or all.
    static func doctorLoops(
        store: any TeamStore,
        team: String,
        owner: String?,
        lookBackDays: Double,
        now: Date,
        asOf: Date?
    ) async throws -> [Loop] {
        let owners: Set<String>? = owner.map { [$0] }
        var loops = try await store.loops(team: team, query: LoopQuery(owners: owners, settled: false), asOf: asOf)
        // The loops the owner handed off are theirs to follow up (unaccepted-handoff), as `own doctor
        // --owner` reads them.
        if let owner {
            loops += try await store.loops(
                team: team,
                query: LoopQuery.handedOff(by: owner),
                asOf: asOf
            ).filter { $0.owner != owner }
        }
        let windowStart = now.addingTimeInterval(-lookBackDays * 86_400)
        loops += try await store.loops(
            team: team,
            query: LoopQuery(owners: owners, doneSince: windowStart, settled: true),
            asOf: asOf
        )
        return loops
    }

    /// A comma-separated list, as the OpenAPI document describes it: no blanks, no empty items (an
    /// empty one is refused as a value no filter has).
    /// The names of a comma-separated parameter, each without the blanks around it, as the CLI reads
    /// names (`?owner=%20lee%20` found no loop while `/doctor` read lee).
    private static func list(_ text: Substring) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimming(.spaces) }
    }

    private static func named<T: RawRepresentable & CaseIterable>(
        _ text: String,
        _ name: String,
        _ type: T.Type
    )
        throws -> T where T.RawValue == String
    {
        guard let value = T(rawValue: text) else {
            throw APIError(
                .badRequest,
                "\"\(name)\" has \"\(text)\"; use: \(T.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return value
    }
}
