import OwnCore
import OwnStore

/// What both engines' read of one person's loops (`loops(team:owner:matchingAny:asOf:)`) share.
enum OwnerAsOf {
    /// The event types that may give a loop another owner, as SQL string literals: a hand-off; a
    /// retraction, which may take one back; a `created` that completes a loop first seen through a
    /// later event. An `edited` event does it only with an `owner` field, which the engines test for
    /// on any event. The "v8: owner changes" index `events_moving_owner` repeats this test word for
    /// word on both engines, so a change here needs a new index.
    static let movingTypes = [EventType.handedOff, .retracted, .created].map { "'" + $0.rawValue + "'" }
        .joined(separator: ", ")

    /// The queries, each for `owner` only.
    static func theirs(_ queries: [LoopQuery], owner: String) -> [LoopQuery] {
        queries.map { query in
            var query = query
            query.owners = [owner]
            return query
        }
    }

    /// The owner's loops as they are now: the projection's rows for each of their `queries` (already
    /// narrowed by `theirs`), each once, the same on every engine.
    static func current(_ store: some TeamStore, team: String, queries: [LoopQuery]) async throws -> [Loop] {
        var loops: [Loop] = []
        for query in queries { loops += try await store.loops(team: team, query: query, asOf: nil) }
        return union(loops)
    }

    /// The loops of several reads, each once, in number order.
    static func union(_ loops: [Loop]) -> [Loop] {
        var seen = Set<String>()
        return loops.filter { seen.insert($0.key).inserted }.sorted { $0.number < $1.number }
    }
}
