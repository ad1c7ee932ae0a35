import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OwnCore
import TeamStore

/// `POST /api/v1/events` (push) and `GET /api/v1/events?after=SEQ` (pull): the team's ledger.
struct EventRoutes {
    let store: any TeamStore
    let configuration: ServerConfiguration

    func add(to group: RouterGroup<ServerContext>) {
        group.post("events") { request, context in try await push(request, context) }
        group.get("events") { request, context in try await pull(request, context) }
    }

    /// How long a push waits for the store to take its events before it answers 503.
    static let pushDeadline: Duration = .seconds(30)

    /// Stores a body of JSON Lines: all or nothing, idempotent by id. Each new event must be written
    /// by the token's person; an approval needs a lead and cannot come from the loop's owner.
    func push(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        guard caller.role >= .member else {
            throw APIError(.forbidden, "a reader token cannot write events; ask a lead for a member token")
        }
        let numbered = try await RequestDecoding.events(
            try await RequestDecoding.body(
                request,
                limit: configuration.maxBodyBytes,
                advice: "push the events in smaller batches"
            )
        )
        let events = numbered.map(\.event)
        // An event dated more than a few minutes after the server's clock comes from a wrong clock
        // (or a typo): it would stay its loop's latest event, never silent, until that date, and a
        // teammate could record nothing on its loop before then.
        let now = configuration.now()
        if let (line, event) = numbered.first(where: { $0.event.at.timeIntervalSince(now) > Event.latestPushedAhead }) {
            throw APIError(
                .badRequest,
                "line \(line): \"at\" is \(event.atText), more than 10 minutes after the server's clock "
                    + "(\(Timestamp.format(now))); check the clock of the machine that recorded it",
                event: event.id
            )
        }
        // An id twice in one body with other content is the body's mistake, not a conflict with what
        // the team holds (as it was answered, with no line).
        var first: [String: (line: Int, event: Event)] = [:]
        for (line, event) in numbered {
            guard let earlier = first[event.id] else {
                first[event.id] = (line, event)
                continue
            }
            if earlier.event.jsonLine != event.jsonLine {
                throw APIError(
                    .badRequest,
                    "line \(line): event id \"\(event.id)\" is on line \(earlier.line) too, with other content; "
                        + "give one of them another id; nothing was written",
                    event: event.id
                )
            }
        }
        let lines = first.mapValues(\.line)
        try await checkRetractions(events, team: caller.team, line: { lines[$0] ?? 0 })
        try await checkApprovals(events, team: caller.team, line: { lines[$0] ?? 0 })
        do {
            // PostgreSQL restarted while a push was in flight, the append waited on a connection that
            // never answered, and so did the request, for good. Past its deadline the client hears
            // so; events are stored once by id, so pushing them again is safe whatever happened.
            let store = store
            let result = try await TokenAuthentication.withinStoreDeadline(
                store,
                deadline: Deadline.after(Self.pushDeadline),
                late: .init(
                    seconds: Self.pushDeadline.components.seconds,
                    note: " (the events may be stored already: pushing them again is safe)"
                )
            ) {
                try await store.append(
                    events,
                    team: caller.team,
                    check: Self.authorship(of: caller, line: { lines[$0] ?? 0 })
                )
            }
            if let monitors = store as? any TeamStore & MonitorStore {
                await MonitorDriver(store: monitors).incidentLoopsChanged(
                    by: events,
                    team: caller.team,
                    now: configuration.now()
                )
            }
            let body: JSONValue = .object([
                "added": .number(Double(result.added)), "skipped": .number(Double(result.skipped)),
                "lastSeq": .number(Double(result.lastSeq)),
            ])
            return .json(JSONWriter.string(body))
        } catch let error as TeamStoreError {
            switch error {
            case .conflictingEvent(let id):
                throw APIError(.conflict, "line \(lines[id] ?? 0): \(error.description)", event: id)
            case .brokenHistory(let id, _):
                throw APIError(.conflict, "line \(lines[id] ?? 0): \(error.description)", event: id)
            default: throw error
            }
        }
    }

    /// Refuses a retraction `own undo` would not record (`Event.retractionRefusal`): of someone
    /// else's event (403), of a creation or a retraction, or of an event someone else built on (409).
    /// A retraction stored already is a retry, and stands.
    ///
    /// Judged among the events that fold before it (`Event.foldsBefore`), as every ledger folds it,
    /// not among all the server holds: an undo made offline at 11:00 is not refused for a note someone
    /// recorded at 11:45 and pushed first. Refused here, it would stand in its author's ledger alone
    /// (their note folds after it there), and the two would disagree for good.
    private func checkRetractions(
        _ events: [Event],
        team: String,
        line: (String) -> Int
    ) async throws {
        for (event, before) in try await pushedWithHistory(.retracted, in: events, team: team) {
            if let target = event.retractedID {
                // `own undo` takes back an event of the loop it names: one that names no such event
                // (another loop's, one never pushed) would stand in every history taking back nothing.
                guard before.contains(where: { $0.id == target }) else {
                    throw APIError(
                        .conflict,
                        "line \(line(event.id)): \"retracts\" names \(target), which is no event of \(event.loop) "
                            + "recorded before it; a retraction takes back an event of its own loop",
                        event: event.id
                    )
                }
                if let refusal = event.retractionRefusal(among: before) {
                    let status: HTTPResponse.Status =
                        if case .notTheirs = refusal { .forbidden } else { .conflict }
                    throw APIError(status, "line \(line(event.id)): \(refusal.description)", event: event.id)
                }
            }
        }
    }

    /// Each pushed event of `type` the server does not hold yet, with the events of its loop that fold
    /// before it (`Event.foldsBefore`), in fold order: those stored, and those pushed with it. What
    /// every ledger folds before it, where the retractions and approvals are judged.
    private func pushedWithHistory(
        _ type: EventType,
        in events: [Event],
        team: String
    ) async throws -> [(event: Event, before: [Event])] {
        let keys = Set(events.filter { $0.type == type }.map(\.loop))
        guard !keys.isEmpty else { return [] }
        let stored = try await store.events(team: team, ofLoops: keys.sorted(), since: nil, asOf: nil)
        let storedIDs = Set(stored.map(\.id))
        var earlier = Dictionary(grouping: stored, by: \.loop)
        var found: [(event: Event, before: [Event])] = []
        for event in events where keys.contains(event.loop) {
            if event.type == type, !storedIDs.contains(event.id) {
                found.append(
                    (event, Event.inFoldOrder((earlier[event.loop] ?? []).filter { Event.foldsBefore($0, event) }))
                )
            }
            earlier[event.loop, default: []].append(event)
        }
        return found
    }

    /// Refuses an approval of a loop that, where the approval folds, was approved already or was no
    /// longer live (409). Judged among the events that fold before it, as every ledger folds it: a
    /// lead's approval made offline at 09:10 stands when the owner's start at 09:20 and done at 11:00
    /// reached the server first. Judged on the loop as it is now, it was refused for good, the lead's
    /// ledger alone held it, and the team's doctor said the owner worked before approval.
    private func checkApprovals(_ events: [Event], team: String, line: (String) -> Int) async throws {
        for (event, before) in try await pushedWithHistory(.approved, in: events, team: team) {
            guard let loop = Loop.fold(before) else { continue }
            if let refusal = Self.approvalRefusal(event, of: loop, line: "line \(line(event.id)): ") { throw refusal }
        }
    }

    /// Why an approval of `loop` (as it is where the approval folds) is refused: given once, to a
    /// live loop, as `own approve` gives it (a second one told the owner again).
    static func approvalRefusal(_ event: Event, of loop: Loop, line: String) -> APIError? {
        if let approvedAt = loop.approvedAt {
            return APIError(
                .conflict,
                "\(line)\(event.loop) was already approved by \(loop.approvedBy ?? "someone") at "
                    + Timestamp.format(approvedAt),
                event: event.id
            )
        }
        if !loop.state.isLive {
            return APIError(
                .conflict,
                "\(line)\(event.loop) is \(loop.state.rawValue): there is nothing to approve",
                event: event.id
            )
        }
        return nil
    }

    /// The check every write of events goes through (the API's push and the dashboard's approve):
    /// each event must be by the token's person; an approval needs a lead who does not own the loop.
    /// A change of owner is stored whoever makes it: where it folds, one by someone who may not make
    /// it (a take of a hand-off already taken up, pushed after the take-up or before it) changes
    /// nothing, on every ledger and here alike. Refused, it stayed in its author's ledger only, with
    /// the rest of its edit, and the ledgers held other events than the team for good.
    /// `line` numbers an event by its id for the messages (nil for a write that is no push: the
    /// dashboard's approve).
    static func authorship(
        of caller: TokenRecord,
        line: @escaping @Sendable (String) -> Int?
    ) -> @Sendable (Loop?, Event) throws -> Void {
        { loop, event in
            let line = line(event.id).map { "line \($0): " } ?? ""
            guard event.by == caller.person else {
                throw APIError(
                    .forbidden,
                    "\(line)\"by\" is \(event.by), but the token speaks for \(caller.person); "
                        + "events are written by the token's person",
                    event: event.id
                )
            }
            // The server's own name writes its marks: no pushed event makes it a person.
            for field in ["owner", "to", "person", "backup"]
            where event.string(field)?.lowercased() == Notifier.actor {
                throw APIError(
                    .badRequest,
                    "\(line)\"\(field)\" is \(Notifier.actor), the server's name, not a person's",
                    event: event.id
                )
            }
            if event.type == .approved {
                guard caller.role == .lead else {
                    throw APIError(.forbidden, "\(line)only a lead can approve a loop", event: event.id)
                }
                if let loop, loop.owner == event.by {
                    throw APIError(
                        .forbidden,
                        "\(line)\(event.by) owns \(event.loop) and cannot approve it; another lead must",
                        event: event.id
                    )
                }
                // On the loop as it is now when the approval folds last (the dashboard's, a push's of
                // the latest event); one that folds earlier was judged where it folds (`checkApprovals`).
                if let loop, event.at >= loop.lastEventAt, let refusal = approvalRefusal(event, of: loop, line: line) {
                    throw refusal
                }
            }
            // An edit that takes a loop out of waiting for approval is an approval, held to its rule.
            if event.type == .edited, let loop, caller.role != .lead || loop.owner == event.by,
                loop.editApproves(event.fields)
            {
                throw APIError(
                    .forbidden,
                    "\(line)\(event.loop) awaits approval, and this edit would approve it: "
                        + "only a lead who does not own it approves it",
                    event: event.id
                )
            }
        }
    }

    /// The team's events after a cursor, in arrival order, as JSON Lines. `Own-Last-Seq` is the
    /// cursor for the next page; `Own-More` says whether there may be one.
    func pull(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let query = request.uri.queryParameters
        let after = try Query.integer(query["after"], name: "after", default: 0, minimum: 0)
        let limit = try Query.integer(
            query["limit"],
            name: "limit",
            default: configuration.maxPullLimit,
            minimum: 1,
            maximum: configuration.maxPullLimit
        )
        guard after >= 0 else { throw APIError(.badRequest, "\"after\" must be a sequence number, 0 or more") }
        guard (1...configuration.maxPullLimit).contains(limit) else {
            throw APIError(.badRequest, "\"limit\" must be from 1 to \(configuration.maxPullLimit)")
        }
        let page = try await store.eventPage(team: caller.team, after: Int64(after), limit: limit)
        var response = Response.body(page.lines, contentType: "application/x-ndjson")
        // With nothing after the cursor, the cursor again; or the team's last seq, when the cursor is
        // past it (a server restored from a backup): echoed, it hid that the events up to it are gone.
        var last = page.lastSeq ?? Int64(after)
        if page.lastSeq == nil, after > 0 { last = min(last, try await store.lastSeq(team: caller.team)) }
        response.headers[HTTPField.Name("Own-Last-Seq")!] = String(last)
        response.headers[HTTPField.Name("Own-More")!] = page.count == limit ? "true" : "false"
        return response
    }
}
