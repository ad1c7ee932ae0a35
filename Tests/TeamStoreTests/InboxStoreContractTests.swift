import Foundation
import OwnCore
import TeamStore
import Testing

/// The inbox part of the team store contract (inboxes with read marks, the notifier's place), on
/// every engine in `Engine.all`.
@Suite("Inboxes and the notifier's place in the team store, on every engine")
struct InboxStoreContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    private func withStore(_ engine: Engine, _ body: (any InboxStore) async throws -> Void) async throws {
        let made = try await engine.make()
        do {
            _ = try await made.store.addTeam("payments", at: Self.t0)
            _ = try await made.store.addTeam("search", at: Self.t0)
            let inbox = try #require(made.store as? any InboxStore)
            try await body(inbox)
        } catch {
            await made.discard()
            throw error
        }
        await made.discard()
    }

    private func item(
        _ key: String,
        person: String = "ana",
        team: String = "payments",
        minute: Double = 0
    )
        -> InboxItem
    {
        InboxItem(
            team: team,
            person: person,
            key: key,
            kind: .notice,
            loop: "pay-\(key)",
            text: "pay-\(key): due date moved",
            from: "ben",
            at: Self.t0.addingTimeInterval(minute * 60)
        )
    }

    @Test(arguments: Engine.all)
    func itemsAreKeptOncePerKeyAndListedNewestFirstPerPerson(engine: Engine) async throws {
        try await withStore(engine) { store in
            #expect(try await store.addToInbox(item("a", minute: 1)))
            #expect(try await store.addToInbox(item("b", minute: 2)))
            // The same key again, from a second server: kept once.
            #expect(try await !store.addToInbox(item("a", minute: 3)))
            #expect(try await store.addToInbox(item("a", person: "lee", minute: 4)))
            #expect(try await store.addToInbox(item("a", team: "search", minute: 5)))

            let ana = try await store.inbox(team: "payments", person: "ana", unreadOnly: false, limit: 10)
            #expect(ana.map(\.key) == ["b", "a"])
            #expect(ana[1].loop == "pay-a" && ana[1].from == "ben" && ana[1].kind == .notice)
            #expect(ana[1].at == Self.t0.addingTimeInterval(60) && ana[1].readAt == nil)
            #expect(try await store.inbox(team: "payments", person: "ana", unreadOnly: false, limit: 1).count == 1)
            #expect(try await store.inbox(team: "payments", person: "lee", unreadOnly: false, limit: 10).count == 1)
            #expect(try await store.inbox(team: "search", person: "ana", unreadOnly: false, limit: 10).count == 1)
        }
    }

    @Test(arguments: Engine.all)
    func readMarksApplyToOnePersonsItemsAndKeepTheFirstInstant(engine: Engine) async throws {
        try await withStore(engine) { store in
            try await store.addToInbox(item("a", minute: 1))
            try await store.addToInbox(item("b", minute: 2))
            try await store.addToInbox(item("c", person: "lee", minute: 3))
            let ana = try await store.inbox(team: "payments", person: "ana", unreadOnly: false, limit: 10)
            let lees = try await store.inbox(team: "payments", person: "lee", unreadOnly: false, limit: 10)
            let first = Self.t0.addingTimeInterval(600)

            // Lee's item id in Ana's request marks nothing of Lee's.
            #expect(
                try await store.markRead(team: "payments", person: "ana", ids: [ana[1].id, lees[0].id], at: first) == 1
            )
            #expect(
                try await store.inbox(team: "payments", person: "ana", unreadOnly: true, limit: 10).map(\.key) == ["b"]
            )
            #expect(try await store.inbox(team: "payments", person: "lee", unreadOnly: true, limit: 10).count == 1)

            // All: only what was unread is marked; the first mark stays.
            #expect(try await store.markRead(team: "payments", person: "ana", ids: nil, at: first + 60) == 1)
            let read = try await store.inbox(team: "payments", person: "ana", unreadOnly: false, limit: 10)
            #expect(read.map(\.readAt) == [first + 60, first])
            #expect(try await store.markRead(team: "payments", person: "ana", ids: [], at: first) == 0)
        }
    }

    @Test(arguments: Engine.all)
    func theNotifierPlaceOnlyMovesForward(engine: Engine) async throws {
        try await withStore(engine) { store in
            #expect(try await store.notifiedSeq(team: "payments") == nil)
            try await store.advanceNotified(team: "payments", to: 7)
            try await store.advanceNotified(team: "payments", to: 5)
            #expect(try await store.notifiedSeq(team: "payments") == 7)
            #expect(try await store.notifiedSeq(team: "search") == nil)
            await #expect(throws: TeamStoreError.self) { try await store.advanceNotified(team: "nope", to: 1) }
            await #expect(throws: TeamStoreError.self) { try await store.addToInbox(item("x", team: "nope")) }
        }
    }

    @Test(arguments: Engine.all)
    func aSkippedSendIsRecordedOnce(engine: Engine) async throws {
        try await withStore(engine) { store in
            let key = "digest:payments:ana:2026-11-25"
            let before: Set<String> = try await store.skippedKeys(team: "payments")
            #expect(before.isEmpty)
            let first: Bool = try await store.recordSkip(team: "payments", key: key, at: Self.t0)
            let again: Bool = try await store.recordSkip(team: "payments", key: key, at: Self.t0)
            #expect(first && !again)
            let after: Set<String> = try await store.skippedKeys(team: "payments")
            #expect(after == Set([key]))
            let other: Set<String> = try await store.skippedKeys(team: "search")
            #expect(other.isEmpty)
            await #expect(throws: TeamStoreError.self) {
                _ = try await store.recordSkip(team: "nope", key: "k", at: Self.t0)
            }
        }
    }
}
