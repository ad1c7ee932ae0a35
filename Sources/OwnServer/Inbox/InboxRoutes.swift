import Foundation
import Hummingbird
import OwnCore
import TeamStore

/// `GET /api/v1/inbox` and `POST /api/v1/inbox/read`: the caller's inbox (notices on loops that
/// affect them, hand-offs to them, approvals they are asked for and answers to theirs) and its read
/// marks. Each token sees its own person's inbox in its own team, nobody else's.
struct InboxRoutes {
    let store: any InboxStore
    /// The team's events, for the items whose event was taken back since (`standing`).
    let events: any TeamStore
    let configuration: ServerConfiguration

    /// The most items one read answers with.
    static let maxLimit = 1000

    func add(to group: RouterGroup<ServerContext>) {
        group.get("inbox") { request, context in try await list(request, context) }
        group.post("inbox/read") { request, context in try await markRead(request, context) }
    }

    /// `?unread=true` for the unread items only; `?limit=N` (100 by default), newest first.
    func list(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let query = request.uri.queryParameters
        let limit = try Query.integer(query["limit"], name: "limit", default: 100, minimum: 1, maximum: Self.maxLimit)
        guard (1...Self.maxLimit).contains(limit) else {
            throw APIError(.badRequest, "\"limit\" must be from 1 to \(Self.maxLimit)")
        }
        let unread = try Query.boolean(query["unread"], name: "unread")
        // Items taken back are left out after the store's limit: more are read until `limit` stand or
        // none are left, so a client paging by `limit` is not told the inbox ended early.
        var asked = limit
        var items: [InboxItem]
        while true {
            let read = try await store.inbox(team: caller.team, person: caller.person, unreadOnly: unread, limit: asked)
            items = try await Self.standing(read, team: caller.team, events: events)
            guard items.count < limit, read.count == asked, asked < Self.maxLimit * 10 else { break }
            asked = min(asked * 2, Self.maxLimit * 10)
        }
        items = Array(items.prefix(limit))
        let body: JSONValue = .object([
            "person": .string(caller.person),
            "items": .array(items.map(Self.json)),
        ])
        return .json(JSONWriter.string(body))
    }

    /// The most ids one mark takes (an inbox lists at most a few hundred items at a time).
    static let mostIdsMarked = 10_000

    /// A body `{"ids": [1, 2]}` marks those items read; `{"all": true}` marks every one.
    func markRead(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        // At most the server's limit, and 1 MiB: ten thousand ids take less.
        let bytes = try await RequestDecoding.body(request, limit: min(configuration.maxBodyBytes, 1024 * 1024))
        let usage = #"the body must be {"ids": [1, 2]} or {"all": true}"#
        guard let members = (try? JSONParser.parse(String(decoding: bytes, as: UTF8.self)))?.objectValue,
            members.count == 1
        else {
            throw APIError(.badRequest, usage)
        }
        let ids: [Int64]?
        if members["all"] == .bool(true), members["ids"] == nil {
            ids = nil
        } else if let list = members["ids"]?.arrayValue, members["all"] == nil {
            // A store binds each id: more than a few thousand at once is a mark of everything.
            guard list.count <= Self.mostIdsMarked else {
                throw APIError(
                    .badRequest,
                    "\"ids\" holds \(list.count) ids; mark at most \(Self.mostIdsMarked) at a time, or send {\"all\": true}"
                )
            }
            ids = try list.map { value in
                guard let number = value.numberValue, number == number.rounded(), number >= 1, number < 1e15 else {
                    throw APIError(.badRequest, "\"ids\" must hold item ids, whole numbers from 1")
                }
                return Int64(number)
            }
        } else {
            throw APIError(.badRequest, usage)
        }
        // Marked as the inbox shows them: an item whose event was taken back left it (`standing`), and
        // one marked read meanwhile stayed read when it came back (an approval request, its approval
        // undone), never shown again. (The newest unread items: ten thousand is more than any inbox
        // holds unread.)
        let unread = try await store.inbox(
            team: caller.team,
            person: caller.person,
            unreadOnly: true,
            limit: Self.mostIdsMarked
        )
        let shown = Set(try await Self.standing(unread, team: caller.team, events: events).map(\.id))
        let marked = try await store.markRead(
            team: caller.team,
            person: caller.person,
            ids: ids?.filter(shown.contains) ?? shown.sorted(),
            at: configuration.now()
        )
        return .json(JSONWriter.string(.object(["marked": .number(Double(marked))])))
    }

    /// The items whose event stands: every view skips an event taken back (`own undo`), and an
    /// inbox is one; a hand-off or an approval taken back is no longer news for anyone, nor a hand-off
    /// that changes nothing where it folds (`LoopHistory.changesNothing`: made by someone an earlier event,
    /// pushed later, had taken the loop from). An item's key names its event after its kind
    /// (`handoff:<event id>`); its loop's events say whether it stands, read once for all the items' loops.
    /// An approval request stands while its loop waits for approval (this wait: after an approval
    /// undone, the new request, `ApprovalWait`), the lead asked is a lead still and does not own it
    /// (handed to them since, it is theirs to have approved): answered (by another lead too), it asks
    /// nothing of anyone. Events pushed later, dated earlier, can change what one did where it folds:
    /// an approval answer stands while the approval counts (one by a lead a hand-off made the owner
    /// counts for nothing); a done or a drop, unless another ending overrides it before any reopen; a
    /// reopen, when it reopened an ended loop; a hand-off, while the loop is still where it was handed,
    /// by it (not by an earlier hand-off to the same person, come back since).
    static func standing(_ items: [InboxItem], team: String, events store: any TeamStore) async throws -> [InboxItem] {
        let loops = Set(items.map(\.loop))
        guard !loops.isEmpty else { return items }
        let events = try await store.events(team: team, ofLoops: loops.sorted(), since: nil, asOf: nil)
        let byID = Dictionary(events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var gone: Set<String> = []
        var folded: [String: Loop] = [:]
        let leads: Set<String> =
            items.contains { $0.kind == .approvalRequest }
            ? Set(try await store.tokens(team: team).filter { $0.revokedAt == nil && $0.role == .lead }.map(\.person))
            : []
        var histories: [String: [Event]] = [:]
        var requestKeys: [String: String] = [:]
        for (loop, history) in Dictionary(grouping: events, by: \.loop) {
            let said = LoopHistory(history)
            requestKeys[loop] = ApprovalWait.key(loop, events: Event.inFoldOrder(history))
            gone.formUnion(said.undone)
            gone.formUnion(said.changesNothing.keys)
            let ordered = Event.inFoldOrder(Event.withoutRetracted(history))
            histories[loop] = ordered
            folded[loop] = Loop.fold(ordered)
        }
        func eventID(_ item: InboxItem) -> String? {
            guard let colon = item.key.firstIndex(of: ":") else { return nil }
            return String(item.key[item.key.index(after: colon)...].prefix { $0 != "@" })
        }
        func stands(_ item: InboxItem) -> Bool {
            if let id = eventID(item), gone.contains(id) { return false }
            guard let loop = folded[item.loop] else { return true }
            switch item.kind {
            case .approvalRequest:
                // The request of this wait (one of a wait an undone approval ended asks no more), to a
                // lead still: a lead token revoked since, their approval would be refused.
                return loop.awaitsApproval && loop.owner != item.person && item.key == requestKeys[item.loop]
                    && leads.contains(item.person)
            case .approvalAnswer:
                guard let event = eventID(item).flatMap({ byID[$0] }) else { return true }
                return loop.approvedBy == event.by && loop.approvedAt == event.at
            case .changed:
                guard let event = eventID(item).flatMap({ byID[$0] }) else { return true }
                let history = histories[item.loop] ?? []
                switch event.type {
                case .done, .dropped:
                    // Overridden by a later ending before any reopen (the last ending stands alone).
                    let after = history.drop { $0.id != event.id }.dropFirst()
                    let next = after.first { [.done, .dropped, .reopened].contains($0.type) }
                    return next.map { $0.type == .reopened } ?? true
                case .reopened:
                    // Folded up to it: a reopen of a live loop reopened nothing.
                    let before = history.prefix { $0.id != event.id }
                    return Loop.fold(before).map { !$0.state.isLive } ?? true
                default: return true
                }
            case .handoff:
                // While the loop is still where it was handed (the person, or the team none of whose
                // people took it yet): handed on, or taken by another of the team, it asks nothing; and
                // by this hand-off, the last: one that came back to them later is a newer item.
                guard let event = eventID(item).flatMap({ byID[$0] }), let to = event.string("to") else { return true }
                let last = histories[item.loop]?.last { $0.type == .handedOff && !gone.contains($0.id) }
                return Event.nameForm(to) == loop.owner && last?.id == event.id
            case .notice:
                return true
            }
        }
        return items.filter(stands)
    }

    /// An item as the API shows it.
    static func json(_ item: InboxItem) -> JSONValue {
        .object([
            "id": .number(Double(item.id)),
            "kind": .string(item.kind.rawValue),
            "loop": .string(item.loop),
            "text": .string(item.text),
            "from": .string(item.from),
            "at": .string(Timestamp.format(item.at)),
            "readAt": item.readAt.map { .string(Timestamp.format($0)) } ?? .null,
        ])
    }
}
