import Foundation
import OwnCore
import OwnStore
import TeamStore
import Testing

private func instant(_ text: String) -> Date { Timestamp.parse(text)! }

private func event(
    _ type: EventType,
    _ at: String,
    loop: String,
    id: String,
    by: String,
    _ fields: EventFields = [:]
) -> Event {
    Event(id: id, loop: loop, at: instant(at), by: by, type: type, fields: fields)
}

/// One person's loops as of an instant (`loops(team:owner:matchingAny:asOf:)`), on every engine: the
/// loops that were theirs then, whoever has them now, as the team-wide read finds them.
@Suite("The team store contract: one person's loops as of an instant")
struct OwnerAsOfContractTests {
    @Test(arguments: Engine.all)
    func aPersonsLoopsAsOfAnInstantAreTheOnesTheyOwnedThen(engine: Engine) async throws {
        let made = try await engine.make()
        do {
            try await check(made.store)
        } catch {
            await made.discard()
            throw error
        }
        await made.discard()
    }

    private func check(_ store: any TeamStore) async throws {
        _ = try await store.addTeam("payments", at: instant("2026-11-01T00:00:00Z"))
        _ = try await store.append(
            [
                // Ana's, handed to raj after Monday noon.
                event(.created, "2026-11-23T09:00:00Z", loop: "pay-h1", id: "h1", by: "ana", ["title": "Charge"]),
                event(.started, "2026-11-23T10:00:00Z", loop: "pay-h1", id: "h2", by: "ana"),
                event(.handedOff, "2026-11-24T10:00:00Z", loop: "pay-h1", id: "h3", by: "ana", ["to": "raj"]),
                // Ana's, given to lee by an edit after Monday noon.
                event(.created, "2026-11-23T09:00:00Z", loop: "pay-e1", id: "e1", by: "ana", ["title": "Refunds"]),
                event(.edited, "2026-11-24T11:00:00Z", loop: "pay-e1", id: "e2", by: "ana", ["owner": "lee"]),
                // Raj's, handed to ana before Monday noon; the hand-off taken back after it.
                event(.created, "2026-11-23T08:00:00Z", loop: "pay-r1", id: "r1", by: "raj", ["title": "Payouts"]),
                event(.handedOff, "2026-11-23T11:00:00Z", loop: "pay-r1", id: "r2", by: "raj", ["to": "ana"]),
                event(.retracted, "2026-11-24T12:00:00Z", loop: "pay-r1", id: "r3", by: "raj", ["retracts": "r2"]),
                // Raj's, changed after Monday noon but always his.
                event(.created, "2026-11-23T08:30:00Z", loop: "pay-x1", id: "x1", by: "raj", ["title": "Fees"]),
                event(.noted, "2026-11-24T09:00:00Z", loop: "pay-x1", id: "x2", by: "raj", ["note": "halfway"]),
                // Ana's, unchanged since before Monday noon.
                event(.created, "2026-11-22T09:00:00Z", loop: "pay-a1", id: "a1", by: "ana", ["title": "Invoices"]),
                // Ana's, created after Monday noon.
                event(.created, "2026-11-25T09:00:00Z", loop: "pay-n1", id: "n1", by: "ana", ["title": "Later"]),
            ],
            team: "payments"
        )
        let monday = instant("2026-11-23T12:00:00Z")
        let anas = try await store.loops(team: "payments", owner: "ana", matchingAny: [LoopQuery()], asOf: monday)
        #expect(anas.map(\.key) == ["pay-h1", "pay-e1", "pay-r1", "pay-a1"])
        #expect(anas.allSatisfy { $0.owner == "ana" })
        let active = LoopQuery(states: [.active])
        #expect(
            try await store.loops(team: "payments", owner: "ana", matchingAny: [active], asOf: monday).map(\.key) == [
                "pay-h1"
            ]
        )
        #expect(
            try await store.loops(team: "payments", owner: "raj", matchingAny: [LoopQuery()], asOf: monday).map(\.key)
                == [
                    "pay-x1"
                ]
        )
        // Several queries: each loop once, in number order.
        let either = [active, LoopQuery(changedSince: instant("2026-11-22T12:00:00Z"))]
        let union = try await store.loops(team: "payments", owner: "ana", matchingAny: either, asOf: monday)
        #expect(union.map(\.key) == ["pay-h1", "pay-e1", "pay-r1"])
        // Now: as the projection holds them.
        let now = try await store.loops(team: "payments", owner: "ana", matchingAny: [LoopQuery()], asOf: nil)
        #expect(now.map(\.key) == ["pay-a1", "pay-n1"])
        #expect(
            try await store.loops(team: "payments", owner: "raj", matchingAny: [LoopQuery()], asOf: nil).map(\.key) == [
                "pay-h1", "pay-r1", "pay-x1",
            ]
        )
        // The same loops as the team-wide read, for every person and instant.
        for at in [nil, monday, instant("2026-11-24T10:30:00Z"), instant("2026-11-22T00:00:00Z")] {
            for person in ["ana", "raj", "lee"] {
                let mine = try await store.loops(team: "payments", owner: person, matchingAny: [LoopQuery()], asOf: at)
                let all = try await store.loops(team: "payments", query: LoopQuery(owners: [person]), asOf: at)
                #expect(mine.map(\.key) == all.map(\.key), "\(person) as of \(String(describing: at))")
            }
        }
    }
}
