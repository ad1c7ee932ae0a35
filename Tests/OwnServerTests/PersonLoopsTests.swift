import Foundation
import OwnCore
import TeamStore
import Testing

@testable import OwnServer

@Suite("A person page's loops as of an instant follow late events")
struct PersonLoopsTests {
    static let then = Timestamp.parse("2026-11-25T12:00:00Z")!
    static let since = Timestamp.parse("2026-11-02T00:00:00Z")!

    /// ana has two loops started before the instant, raj one.
    static let seed = [
        event(.created, id: "a1", loop: "pay-a1", at: "2026-11-23T09:00:00Z", ["title": "One"]),
        event(.started, id: "a2", loop: "pay-a1", at: "2026-11-23T10:00:00Z"),
        event(.created, id: "b1", loop: "pay-b1", at: "2026-11-23T09:00:00Z", ["title": "Two"]),
        event(.created, id: "r1", loop: "pay-r1", at: "2026-11-23T09:00:00Z", by: "raj", ["title": "Raj's"]),
    ]

    /// The same read from scratch, through the store.
    static func fromScratch(_ store: any TeamStore) async throws -> [Loop] {
        try await store.loops(
            team: "payments",
            owner: "ana",
            matchingAny: PersonLoops.queries(since: since),
            asOf: then
        )
    }

    static func read(_ kept: PersonLoops, _ store: any TeamStore) async throws -> [Loop] {
        try await kept.loops(store: store, team: "payments", person: "ana", since: since, asOf: then)
    }

    @Test func keptLoopsFollowOnlyLateEventsAndMatchAReadFromScratch() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.append(Self.seed, team: "payments")
        let kept = PersonLoops()
        let before = try await Self.read(kept, team.store)
        #expect(before.map(\.key) == ["pay-a1", "pay-b1"])

        // After the instant: ana drops a loop and raj hands his to her; as of the instant, nothing changed.
        _ = try await team.store.append(
            [
                event(.dropped, id: "d1", loop: "pay-a1", at: "2026-11-26T09:00:00Z", ["reason": "moot"]),
                event(.handedOff, id: "h1", loop: "pay-r1", at: "2026-11-26T09:00:00Z", by: "raj", ["to": "ana"]),
            ],
            team: "payments"
        )
        let later = try await Self.read(kept, team.store)
        #expect(later == before)
        #expect(later == (try await Self.fromScratch(team.store)))

        // Late events, at or before the instant: raj had handed his loop to ana, and ana had started
        // her second one.
        _ = try await team.store.append(
            [
                event(.handedOff, id: "h0", loop: "pay-r1", at: "2026-11-24T09:00:00Z", by: "raj", ["to": "ana"]),
                event(.started, id: "b2", loop: "pay-b1", at: "2026-11-25T11:00:00Z"),
            ],
            team: "payments"
        )
        let after = try await Self.read(kept, team.store)
        #expect(after.map(\.key) == ["pay-a1", "pay-b1", "pay-r1"])
        #expect(after.first { $0.key == "pay-b1" }?.state == .active)
        #expect(after == (try await Self.fromScratch(team.store)))
    }
}
