import Foundation
import OwnCore
import OwnStore
import TeamStore
import Testing

private func instant(_ text: String) -> Date { Timestamp.parse(text)! }

private func event(
    _ type: EventType,
    _ at: String,
    loop: String = "pay-b1",
    id: String,
    by: String = "ana",
    _ fields: EventFields = [:]
) -> Event {
    Event(id: id, loop: loop, at: instant(at), by: by, type: type, fields: fields)
}

/// Runs `body` on a fresh store of `engine` with the teams `payments` and `search`.
private func withStore(
    _ engine: Engine,
    _ body: (any TeamStore) async throws -> Void
) async throws {
    let made = try await engine.make()
    do {
        _ = try await made.store.addTeam("payments", at: instant("2026-11-01T00:00:00Z"))
        _ = try await made.store.addTeam("search", at: instant("2026-11-02T00:00:00Z"))
        try await body(made.store)
    } catch {
        await made.discard()
        throw error
    }
    await made.discard()
}

/// The contract every team store engine keeps. Written once; runs against each engine in `Engine.all`.
@Suite("The team store contract, on every engine")
struct TeamStoreContractTests {
    @Test(arguments: Engine.all)
    func teamsAreAddedOnceAndListedByName(engine: Engine) async throws {
        try await withStore(engine) { (store: any TeamStore) async throws in
            #expect(try await store.teams().map(\.name) == ["payments", "search"])
            await #expect(throws: TeamStoreError.teamExists("payments")) {
                try await store.addTeam("payments", at: .now)
            }
            await #expect(throws: TeamStoreError.invalidTeamName("Pay Ments")) {
                try await store.addTeam("Pay Ments", at: .now)
            }
            // A hand-off to a team names it as a person is named: these name everyone, no one, the server.
            for reserved in ["all", "none", "nobody", "own-server"] {
                await #expect(throws: TeamStoreError.invalidTeamName(reserved)) {
                    try await store.addTeam(reserved, at: .now)
                }
            }
            #expect(
                TeamStoreError.invalidTeamName("all").description.hasPrefix(
                    "\"all\" cannot name a team: all, none, nobody and own-server name everyone, no one or the server"
                )
            )
            // `.` and `..` (folders in the dashboard's addresses) break the rule of the first character,
            // which is said, not the names of everyone and no one.
            for dots in [".", ".."] {
                #expect(
                    TeamStoreError.invalidTeamName(dots).description
                        == "\"\(dots)\" cannot name a team: use 1 to 64 of a-z, 0-9, '-', '_' and '.', starting with a letter or digit"
                )
            }
            // What to upgrade is the program (an audit read "upgrade it" as the store).
            #expect(
                TeamStoreError.newerSchema(location: "s.sqlite").description.hasSuffix(
                    "written by a newer own-server; upgrade own-server to that version or later (nothing was changed)"
                )
            )
            // No name is said as no name, not as one of those.
            #expect(TeamStoreError.invalidTeamName("").description.hasPrefix("a team needs a name: 1 to 64 of a-z"))
            #expect(try await store.teams().count == 2)
        }
    }

    /// Time off is kept as events under its reserved key, as the CLI's ledger keeps it: no loop.
    @Test(arguments: Engine.all)
    func timeOffIsEventsAndNoLoop(engine: Engine) async throws {
        try await withStore(engine) { (store: any TeamStore) async throws in
            let away = event(
                .away,
                "2026-11-03T09:00:00Z",
                loop: TimeOff.ledgerKey,
                id: "t1",
                ["person": "ana", "from": "2026-12-01", "until": "2026-12-02"]
            )
            let created = event(.created, "2026-11-03T10:00:00Z", id: "c1", ["title": "Retry refunds"])
            _ = try await store.append([away, created], team: "payments")
            let loops = try await store.loops(team: "payments", query: LoopQuery(), asOf: nil)
            #expect(loops.map(\.key) == ["pay-b1"])
            #expect(loops.first?.number == 1)
            let kept = try await store.events(team: "payments", ofLoops: [TimeOff.ledgerKey], since: nil, asOf: nil)
            #expect(kept.map(\.id) == ["t1"])
        }
    }

    @Test(arguments: Engine.all)
    func tokensAreFoundByHashAndRevokedOnce(engine: Engine) async throws {
        try await withStore(engine) { (store: any TeamStore) async throws in
            let secret = TokenSecret.generate()
            let record = TokenRecord(
                id: "tok-1",
                team: "payments",
                person: "ana",
                role: .member,
                createdAt: instant("2026-11-03T00:00:00Z")
            )
            #expect(try await store.addToken(NewToken(record: record, hash: TokenSecret.hash(secret))) == record)
            #expect(try await store.token(hash: TokenSecret.hash(secret)) == record)
            #expect(try await store.token(hash: TokenSecret.hash(secret + "x")) == nil)
            #expect(try await store.tokens(team: "payments") == [record])
            #expect(try await store.tokens(team: "search").isEmpty)

            let revoked = try await store.revokeToken(id: "tok-1", at: instant("2026-11-04T00:00:00Z"))
            #expect(revoked.revokedAt == instant("2026-11-04T00:00:00Z"))
            let again = try await store.revokeToken(id: "tok-1", at: instant("2026-11-05T00:00:00Z"))
            #expect(again.revokedAt == instant("2026-11-04T00:00:00Z"))
            #expect(try await store.token(hash: TokenSecret.hash(secret))?.revokedAt != nil)
            await #expect(throws: TeamStoreError.unknownToken("tok-9")) {
                try await store.revokeToken(id: "tok-9", at: .now)
            }
            let stray = TokenRecord(id: "tok-2", team: "nobody", person: "x", role: .reader, createdAt: .now)
            await #expect(throws: TeamStoreError.unknownTeam("nobody")) {
                try await store.addToken(NewToken(record: stray, hash: "00"))
            }
        }
    }

    @Test(arguments: Engine.all)
    func eventsAreNumberedPerTeamWithoutGapsAndPaged(engine: Engine) async throws {
        try await withStore(engine) { (store: any TeamStore) async throws in
            let first = try await store.append(
                [
                    event(.created, "2026-11-23T09:00:00Z", id: "e1", ["title": "Charge in euros"]),
                    event(.started, "2026-11-23T10:00:00Z", id: "e2"),
                ],
                team: "payments"
            )
            #expect(first == AppendResult(added: 2, skipped: 0, lastSeq: 2))
            let other = try await store.append(
                [event(.created, "2026-11-23T09:00:00Z", loop: "srch-1", id: "e1", ["title": "Index"])],
                team: "search"
            )
            #expect(other.lastSeq == 1)
            let second = try await store.append(
                [event(.noted, "2026-11-23T11:00:00Z", id: "e3", ["note": "half way"])],
                team: "payments"
            )
            #expect(second.lastSeq == 3)
            #expect(try await store.lastSeq(team: "payments") == 3)
            #expect(try await store.events(team: "payments", after: 0, limit: 100).map(\.seq) == [1, 2, 3])
            let page = try await store.events(team: "payments", after: 1, limit: 1)
            #expect(page.map(\.seq) == [2])
            #expect(page.first?.line.contains("\"id\":\"e2\"") == true)
            #expect(try await store.events(team: "payments", after: 3, limit: 10).isEmpty)
        }
    }

    @Test(arguments: Engine.all)
    func aPullsPageHoldsTheSameEventsAsOneText(engine: Engine) async throws {
        try await withStore(engine) { (store: any TeamStore) async throws in
            _ = try await store.append(
                [
                    event(.created, "2026-11-23T09:00:00Z", id: "e1", ["title": "Charge in euros"]),
                    event(.started, "2026-11-23T10:00:00Z", id: "e2"),
                    event(.noted, "2026-11-23T09:30:00Z", id: "e3", ["note": "before, arrived after"]),
                ],
                team: "payments"
            )
            _ = try await store.append(
                [event(.created, "2026-11-23T09:00:00Z", loop: "srch-1", id: "e1", ["title": "Index"])],
                team: "search"
            )
            for (after, limit) in [(0, 100), (1, 1), (1, 2), (3, 10)] {
                let events = try await store.events(team: "payments", after: Int64(after), limit: limit)
                let page = try await store.eventPage(team: "payments", after: Int64(after), limit: limit)
                #expect(page == EventPage(events))
                #expect(page.count == events.count && page.lastSeq == events.last?.seq)
            }
            let all = try await store.eventPage(team: "payments", after: 0, limit: 100)
            #expect(all.lines.split(separator: "\n").count == 3)
            #expect(all.lines.hasSuffix("\n") && all.lines.contains("\"note\":\"before, arrived after\""))
            #expect(
                try await store.eventPage(team: "payments", after: 3, limit: 10)
                    == EventPage(count: 0, lastSeq: nil, lines: "")
            )
        }
    }

    @Test(arguments: Engine.all)
    func appendIsIdempotentByIdAndAllOrNothingOnAConflict(engine: Engine) async throws {
        try await withStore(engine) { (store: any TeamStore) async throws in
            let created = event(.created, "2026-11-23T09:00:00Z", id: "e1", ["title": "Charge in euros"])
            _ = try await store.append([created], team: "payments")
            let again = try await store.append(
                [created, event(.started, "2026-11-23T10:00:00Z", id: "e2")],
                team: "payments"
            )
            #expect(again == AppendResult(added: 1, skipped: 1, lastSeq: 2))

            let changed = event(.created, "2026-11-23T09:00:00Z", id: "e1", ["title": "Charge in dollars"])
            await #expect(throws: TeamStoreError.conflictingEvent(id: "e1")) {
                try await store.append(
                    [event(.noted, "2026-11-23T11:00:00Z", id: "e3", ["note": "x"]), changed],
                    team: "payments"
                )
            }
            #expect(try await store.lastSeq(team: "payments") == 2)
            #expect(try await store.loop(team: "payments", key: "pay-b1", asOf: nil)?.eventCount == 2)
            await #expect(throws: TeamStoreError.unknownTeam("nobody")) {
                try await store.append([created], team: "nobody")
            }
        }
    }

    @Test(arguments: Engine.all)
    func aRefusalFromTheCheckWritesNothing(engine: Engine) async throws {
        struct Refused: Error {}
        try await withStore(engine) { (store: any TeamStore) async throws in
            _ = try await store.append(
                [event(.created, "2026-11-23T09:00:00Z", id: "e1", ["title": "Migrate", "stakes": "high"])],
                team: "payments"
            )
            await #expect(throws: Refused.self) {
                try await store.append(
                    [
                        event(.noted, "2026-11-23T10:00:00Z", id: "e2", ["note": "x"]),
                        event(.approved, "2026-11-23T11:00:00Z", id: "e3"),
                    ],
                    team: "payments"
                ) { loop, event in
                    if event.type == .approved, loop?.owner == event.by { throw Refused() }
                }
            }
            #expect(try await store.lastSeq(team: "payments") == 1)
            #expect(try await store.loop(team: "payments", key: "pay-b1", asOf: nil)?.eventCount == 1)
        }
    }

    /// The history every ledger's import checks: a store that took such an event would stop every
    /// teammate's next pull. Each is refused, by id, and nothing of its batch is written.
    @Test(arguments: Engine.all)
    func anEventThatBreaksItsLoopsHistoryIsRefused(engine: Engine) async throws {
        try await withStore(engine) { (store: any TeamStore) async throws in
            _ = try await store.append(
                [event(.created, "2026-11-23T09:00:00Z", id: "e1", ["title": "Release 1.4"])],
                team: "payments"
            )
            let note = event(.noted, "2026-11-23T12:00:00Z", id: "n1", ["note": "x"])
            let broken: [(Event, String)] = [
                (event(.created, "2026-11-23T10:00:00Z", id: "e2", by: "lee", ["title": "Notes"]), "already has"),
                (event(.noted, "2026-11-23T10:00:00Z", loop: "nowhere", id: "e3", ["note": "x"]), "no created"),
                (event(.started, "2026-11-23T08:00:00Z", id: "e4"), "dated before"),
            ]
            for (bad, reason) in broken {
                do {
                    _ = try await store.append([note, bad], team: "payments")
                    Issue.record("\(bad.id) was taken")
                } catch TeamStoreError.brokenHistory(let id, let message) {
                    #expect(id == bad.id)
                    #expect(message.contains(reason), "\(message)")
                }
            }
            #expect(try await store.lastSeq(team: "payments") == 1)
            // A created and its events in one batch, and time off (no loop), are history as it should be.
            let fine = try await store.append(
                [
                    event(.created, "2026-11-23T10:00:00Z", loop: "pay-b2", id: "e5", ["title": "Refunds"]),
                    event(.started, "2026-11-23T11:00:00Z", loop: "pay-b2", id: "e6"),
                    event(
                        .away,
                        "2026-11-23T11:00:00Z",
                        loop: TimeOff.ledgerKey,
                        id: "t1",
                        ["person": "ana", "from": "2026-12-01", "until": "2026-12-02"]
                    ),
                ],
                team: "payments"
            )
            #expect(fine.added == 3)
        }
    }

    @Test(arguments: Engine.all)
    func aLateEventWithAnEarlierInstantRefoldsItsLoop(engine: Engine) async throws {
        try await withStore(engine) { (store: any TeamStore) async throws in
            _ = try await store.append(
                [
                    event(.created, "2026-11-23T09:00:00Z", id: "e1", ["title": "Charge"]),
                    event(.blocked, "2026-11-23T11:00:00Z", id: "e2", ["reason": "waiting on bank"]),
                ],
                team: "payments"
            )
            // Written offline before the block, synced after it: the loop is still blocked.
            _ = try await store.append(
                [event(.unblocked, "2026-11-23T10:00:00Z", id: "e3", ["note": "keys arrived"])],
                team: "payments"
            )
            let loop = try #require(try await store.loop(team: "payments", key: "pay-b1", asOf: nil))
            #expect(loop.state == .blocked)
            #expect(loop.eventCount == 3)
        }
    }

    @Test(arguments: Engine.all)
    func aRetractionSyncedLaterTakesItsEventBack(engine: Engine) async throws {
        try await withStore(engine) { (store: any TeamStore) async throws in
            _ = try await store.append(
                [
                    event(.created, "2026-11-23T09:00:00Z", id: "e1", ["title": "Charge"]),
                    event(.blocked, "2026-11-23T11:00:00Z", id: "e2", ["reason": "waiting on bank"]),
                ],
                team: "payments"
            )
            // `own undo` offline, synced later: the block is taken back on the server too.
            _ = try await store.append(
                [event(.retracted, "2026-11-23T11:05:00Z", id: "e3", ["retracts": "e2"])],
                team: "payments"
            )
            let loop = try #require(try await store.loop(team: "payments", key: "pay-b1", asOf: nil))
            #expect(loop.state == .open)
            #expect(loop.blockReason == nil)
        }
    }

    @Test(arguments: Engine.all)
    func theSameEventsInAnyOrderFoldToTheSameLoops(engine: Engine) async throws {
        let events = [
            event(.created, "2026-11-23T09:00:00Z", id: "e1", ["title": "Charge", "due": "2026-11-30"]),
            event(.started, "2026-11-23T09:00:00Z", id: "e2"),
            event(.blocked, "2026-11-23T10:00:00Z", id: "e3", ["reason": "bank"]),
            event(.unblocked, "2026-11-23T10:00:00Z", id: "e4", ["note": "ok"]),
            event(.dueChanged, "2026-11-24T09:00:00Z", id: "e5", by: "lee", ["due": "2026-12-04"]),
            event(.done, "2026-11-25T09:00:00Z", id: "e6", ["outcome": "shipped"]),
        ]
        try await withStore(engine) { (store: any TeamStore) async throws in
            // A loop's created reaches a server first (its own ledger holds no loop without one, and the
            // server refuses events before it); the others may come in any order.
            for event in events { _ = try await store.append([event], team: "payments") }
            for event in [events[0]] + events.dropFirst().reversed() {
                _ = try await store.append([event], team: "search")
            }
            let inOrder = try #require(try await store.loop(team: "payments", key: "pay-b1", asOf: nil))
            let reversed = try #require(try await store.loop(team: "search", key: "pay-b1", asOf: nil))
            #expect(inOrder == reversed)
            #expect(inOrder.state == .done)
            #expect(inOrder.due?.json == "2026-12-04")
        }
    }

    @Test(arguments: Engine.all)
    func readsAsOfAnInstantSeeOnlyTheEventsUntilThen(engine: Engine) async throws {
        try await withStore(engine) { (store: any TeamStore) async throws in
            _ = try await store.append(
                [
                    event(.created, "2026-11-23T09:00:00Z", id: "e1", ["title": "Charge"]),
                    event(.started, "2026-11-23T10:00:00Z", id: "e2"),
                    event(.handedOff, "2026-11-24T10:00:00Z", id: "e3", ["to": "raj"]),
                    event(.created, "2026-11-25T09:00:00Z", loop: "pay-c2", id: "e4", ["title": "Refunds"]),
                ],
                team: "payments"
            )
            let monday = instant("2026-11-23T12:00:00Z")
            let working = LoopQuery(owners: ["ana"], states: [.active])
            let then = try await store.loops(team: "payments", query: working, asOf: monday)
            #expect(then.map(\.key) == ["pay-b1"])
            #expect(then.first?.state == .active)
            #expect(try await store.loops(team: "payments", query: LoopQuery(), asOf: monday).count == 1)
            #expect(try await store.loops(team: "payments", query: working, asOf: nil).isEmpty)
            #expect(try await store.loops(team: "payments", query: LoopQuery(), asOf: nil).count == 2)
            #expect(try await store.loop(team: "payments", key: "pay-b1", asOf: monday)?.state == .active)
            let now = try await store.loop(team: "payments", key: "pay-b1", asOf: nil)
            #expect(now?.state == .open && now?.owner == "raj" && now?.delegatedBy == "ana")
            #expect(try await store.loop(team: "payments", key: "pay-c2", asOf: monday) == nil)
            let history = try await store.events(team: "payments", ofLoops: ["pay-b1"], since: nil, asOf: monday)
            #expect(history.map(\.id) == ["e1", "e2"])
        }
    }

    @Test(arguments: Engine.all)
    func queriesFilterAndNeverCrossTeams(engine: Engine) async throws {
        try await withStore(engine) { (store: any TeamStore) async throws in
            _ = try await store.append(
                [
                    event(.created, "2026-11-23T09:00:00Z", loop: "pay-aa11", id: "a1", ["title": "A", "kind": "bug"]),
                    event(.created, "2026-11-23T09:00:00Z", loop: "pay-aa22", id: "a2", by: "lee", ["title": "B"]),
                    event(.started, "2026-11-23T10:00:00Z", loop: "pay-aa22", id: "a3", by: "lee"),
                ],
                team: "payments"
            )
            let mine = try await store.loops(team: "payments", query: LoopQuery(owners: ["ana"]), asOf: nil)
            #expect(mine.map(\.key) == ["pay-aa11"])
            #expect(mine.first?.number == 1)
            let active = try await store.loops(team: "payments", query: LoopQuery(states: [.active]), asOf: nil)
            #expect(active.map(\.key) == ["pay-aa22"])
            let bugs = try await store.loops(team: "payments", query: LoopQuery(kinds: [.bug]), asOf: nil)
            #expect(bugs.map(\.key) == ["pay-aa11"])
            #expect(try await store.loops(team: "search", query: LoopQuery(), asOf: nil).isEmpty)
            #expect(try await store.loop(team: "search", key: "pay-aa11", asOf: nil) == nil)
            #expect(try await store.events(team: "search", after: 0, limit: 10).isEmpty)
            #expect(try await store.events(team: "search", ofLoops: ["pay-aa11"], since: nil, asOf: nil).isEmpty)
        }
    }

    @Test(arguments: Engine.all)
    func queriesFindByTextProjectTagAndAffects(engine: Engine) async throws {
        try await withStore(engine) { (store: any TeamStore) async throws in
            _ = try await store.append(
                [
                    event(
                        .created,
                        "2026-11-23T09:00:00Z",
                        loop: "pay-cc11",
                        id: "c1",
                        ["title": "Rotate keys", "project": "vault", "tags": ["pci", "urgent"], "affects": ["risk"]]
                    ),
                    event(.noted, "2026-11-23T10:00:00Z", loop: "pay-cc11", id: "c2", ["note": "Found the HSM path"]),
                    event(.created, "2026-11-23T09:00:00Z", loop: "pay-cc22", id: "c3", ["title": "Refunds"]),
                    event(
                        .created,
                        "2026-11-23T09:00:00Z",
                        loop: "pay-cc33",
                        id: "c4",
                        ["title": "HSM", "project": "vault.hsm", "tags": ["x"], "affects": ["y"]]
                    ),
                    event(
                        .created,
                        "2026-11-23T09:00:00Z",
                        loop: "pay-cc44",
                        id: "c5",
                        ["title": "Vaults", "project": "vaults", "tags": ["x"], "affects": ["y"]]
                    ),
                ],
                team: "payments"
            )
            func keys(_ query: LoopQuery) async throws -> [String] {
                try await store.loops(team: "payments", query: query, asOf: nil).map(\.key)
            }
            #expect(try await keys(LoopQuery(text: "hsm PATH")) == ["pay-cc11"])
            // A project takes in its sub-projects (a dot separates them), not every name it begins.
            #expect(try await keys(LoopQuery(projects: ["vault"])).sorted() == ["pay-cc11", "pay-cc33"])
            #expect(try await keys(LoopQuery(projects: ["vault.hsm", "vaults"])).sorted() == ["pay-cc33", "pay-cc44"])
            #expect(try await keys(LoopQuery(tags: ["pci", "urgent"])) == ["pay-cc11"])
            #expect(try await keys(LoopQuery(tags: ["pci", "later"])).isEmpty)
            #expect(try await keys(LoopQuery(affects: "risk")) == ["pay-cc11"])
            #expect(try await keys(LoopQuery(text: "refunds")) == ["pay-cc22"])
            // Without a project, any tags, anyone affected (`own list --project none`).
            for lacking in [LoopQuery.Lacking.project, .tags, .affects] {
                var query = LoopQuery()
                query.lacking = [lacking]
                #expect(try await keys(query) == ["pay-cc22"], "\(lacking)")
            }
        }
    }

    @Test(arguments: Engine.all)
    func aUniquePrefixOfFourOrMoreNamesALoop(engine: Engine) async throws {
        try await withStore(engine) { (store: any TeamStore) async throws in
            _ = try await store.append(
                [
                    event(.created, "2026-11-23T09:00:00Z", loop: "pay-aa11", id: "a1", ["title": "A"]),
                    event(.created, "2026-11-23T09:00:00Z", loop: "pay-ab22", id: "a2", ["title": "B"]),
                ],
                team: "payments"
            )
            #expect(try await store.loopKeys(team: "payments", prefix: "pay-a", limit: 5) == ["pay-aa11", "pay-ab22"])
            #expect(try await store.loop(team: "payments", reference: "pay-aa", asOf: nil)?.key == "pay-aa11")
            #expect(try await store.loop(team: "payments", reference: "pay-ab22", asOf: nil)?.key == "pay-ab22")
            #expect(try await store.loop(team: "payments", reference: "pay", asOf: nil) == nil)
            #expect(try await store.loop(team: "payments", reference: "pay-z", asOf: nil) == nil)
            await #expect(throws: TeamStoreError.ambiguousLoop(prefix: "pay-a", keys: ["pay-aa11", "pay-ab22"])) {
                try await store.loop(team: "payments", reference: "pay-a", asOf: nil)
            }
            #expect(try await store.loop(team: "search", reference: "pay-aa", asOf: nil) == nil)
        }
    }
}
