import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OwnCore
import Synchronization
import TeamStore
import Testing

@testable import OwnServer

/// `GET /api/v1/loops` keeps what it rendered; these read again after every kind of change a body
/// depends on, and find it at once.
@Suite("The loops read, kept between requests and never stale")
struct ReadCacheTests {
    private static func loops(
        _ client: any TestClientProtocol,
        _ team: TestTeam,
        _ uri: String
    ) async throws -> [JSONValue] {
        let response = try await client.execute(uri: uri, method: .get, headers: team.auth("wall"))
        #expect(response.status == .ok)
        return try JSONParser.parse(response.text).arrayValue ?? []
    }

    private static func field(_ loops: [JSONValue], _ name: String) -> [JSONValue?] {
        loops.map { $0.objectValue?[name] }
    }

    @Test func eventsWrittenIntoTheStoreAreReadAtOnce() async throws {
        let team = try await ReadRoutesTests.seeded()
        defer { team.discard() }
        try await team.withClient { client in
            let first = try await Self.loops(client, team, "/api/v1/loops?owner=ana")
            #expect(Self.field(first, "key") == ["pay-b1"])
            #expect(try await Self.loops(client, team, "/api/v1/loops?owner=ana") == first)
            // As another server on the same database would: straight into the store.
            let written = line(.created, id: "e4", loop: "pay-d4", at: "2026-11-26T09:00:00Z", ["title": "Payouts"])
            _ = try await team.store.append([try Event(jsonLine: written, makeID: { "" })], team: "payments")
            #expect(
                try await Self.field(Self.loops(client, team, "/api/v1/loops?owner=ana"), "key") == [
                    "pay-b1", "pay-d4",
                ]
            )
            // Through this server's own push.
            let blocked = line(.blocked, id: "e5", loop: "pay-d4", at: "2026-11-26T10:00:00Z", ["reason": "no keys"])
            let pushed = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("ana"),
                body: lines(blocked)
            )
            #expect(pushed.status == .ok)
            let after = try await Self.loops(client, team, "/api/v1/loops?owner=ana")
            #expect(Self.field(after, "state") == ["active", "blocked"])
        }
    }

    @Test func aTokenRevokedAfterAKeptReadIsRefusedOnTheNextRequest() async throws {
        let team = try await ReadRoutesTests.seeded()
        defer { team.discard() }
        try await team.withClient { client in
            let uri = "/api/v1/loops?owner=ana"
            let first = try await Self.loops(client, team, uri)
            #expect(try await Self.loops(client, team, uri) == first)
            // Revoked as another server's administrator would: straight in the store.
            try await team.store.revokeToken(id: "tok-wall", at: TestTeam.now)
            let refused = try await client.execute(uri: uri, method: .get, headers: team.auth("wall"))
            #expect(refused.status == .unauthorized)
            #expect(refused.error?.contains("revoked") == true)
        }
    }

    @Test func aLateEventChangesAnAsOfReadAtOnce() async throws {
        let team = try await ReadRoutesTests.seeded()
        defer { team.discard() }
        try await team.withClient { client in
            let uri = "/api/v1/loops?owner=ana&at=2026-11-23T12:00:00Z"
            #expect(try await Self.field(Self.loops(client, team, uri), "state") == ["active"])
            let late = line(.blocked, id: "e4", at: "2026-11-23T11:00:00Z", ["reason": "waiting on legal"])
            _ = try await team.store.append([try Event(jsonLine: late, makeID: { "" })], team: "payments")
            #expect(try await Self.field(Self.loops(client, team, uri), "state") == ["blocked"])
        }
    }

    @Test func aChangeOfSettingsIsReadAtOnce() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let due = line(.created, id: "e1", loop: "pay-b1", ["title": "Charge in euros", "due": "2026-11-27"])
        _ = try await team.store.append([try Event(jsonLine: due, makeID: { "" })], team: "payments")
        // Due the 27th: overdue from midnight after it, where ana is. At 23:30 UTC that is past in Berlin only.
        let lateEvening: @Sendable () -> Date = { Timestamp.parse("2026-11-27T23:30:00Z")! }
        try await team.withClient(now: lateEvening) { client in
            #expect(try await Self.field(Self.loops(client, team, "/api/v1/loops"), "overdue") == [.bool(false)])
            try await team.store.setPerson(try PersonSettings(name: "ana", zone: "Europe/Berlin"), team: "payments")
            #expect(try await Self.field(Self.loops(client, team, "/api/v1/loops"), "overdue") == [.bool(true)])
        }
    }

    @Test func theOverdueFlagTurnsWhenTheClockPassesTheDeadline() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let events = [
            line(.created, id: "e1", loop: "pay-b1", ["title": "Charge in euros", "due": "2026-11-28"]),
            line(.created, id: "e2", loop: "pay-c2", ["title": "Refunds", "due": "2026-11-30T15:00:00Z"]),
        ]
        _ = try await team.store.append(try events.map { try Event(jsonLine: $0, makeID: { "" }) }, team: "payments")
        let clock = TestClock("2026-11-28T23:59:59Z")
        let now: @Sendable () -> Date = { clock.now }
        try await team.withClient(now: now) { client in
            var seen: [[JSONValue?]] = []
            for instant in [
                "2026-11-28T23:59:59Z", "2026-11-29T00:00:00Z", "2026-11-30T15:00:00Z", "2026-11-28T12:00:00Z",
            ] {
                clock.set(instant)
                seen.append(Self.field(try await Self.loops(client, team, "/api/v1/loops"), "overdue"))
            }
            let no = JSONValue.bool(false)
            let yes = JSONValue.bool(true)
            #expect(seen == [[no, no], [yes, no], [yes, yes], [no, no]])
        }
    }

    @Test func theCacheKeepsAtMostItsEntriesAndBytesTheLeastRecentlyUsedGoingFirst() {
        let cache = ReadCache(entryLimit: 2, byteLimit: 800)
        let stamp = TeamStamp(lastSeq: 1, people: [])
        let always = ReadCache.Span(from: .distantPast, until: .distantFuture)
        let now = TestTeam.now
        func key(_ name: String) -> ReadCache.Key { ReadCache.Key(team: "payments", request: name) }
        cache.keep(ByteBuffer(string: "[1]"), key("a"), stamp: stamp, span: always)
        cache.keep(ByteBuffer(string: "[2]"), key("b"), stamp: stamp, span: always)
        #expect(cache.body(key("a"), stamp: stamp, at: now) == ByteBuffer(string: "[1]"))
        cache.keep(ByteBuffer(string: "[3]"), key("c"), stamp: stamp, span: always)
        #expect(cache.body(key("b"), stamp: stamp, at: now) == nil)
        #expect(
            cache.body(key("a"), stamp: stamp, at: now) != nil && cache.body(key("c"), stamp: stamp, at: now) != nil
        )
        #expect(cache.size.entries == 2)
        // A stamp moved on: not answered.
        #expect(cache.body(key("a"), stamp: TeamStamp(lastSeq: 2, people: []), at: now) == nil)
    }

    @Test func theCacheKeepsAtMostItsBytesAndNoBodyOverAnEighthOfThem() {
        let cache = ReadCache(entryLimit: 100, byteLimit: 800)
        let stamp = TeamStamp(lastSeq: 1, people: [])
        let always = ReadCache.Span(from: .distantPast, until: .distantFuture)
        func key(_ number: Int) -> ReadCache.Key { ReadCache.Key(team: "payments", request: "\(number)") }
        let hundred = ByteBuffer(string: String(repeating: "x", count: 100))
        for number in 1...8 { cache.keep(hundred, key(number), stamp: stamp, span: always) }
        #expect(cache.size.entries == 8 && cache.size.bytes == 800)
        #expect(cache.body(key(1), stamp: stamp, at: TestTeam.now) == hundred)
        cache.keep(hundred, key(9), stamp: stamp, span: always)
        #expect(cache.size.entries == 8 && cache.size.bytes == 800)
        #expect(cache.body(key(2), stamp: stamp, at: TestTeam.now) == nil)
        #expect(cache.body(key(1), stamp: stamp, at: TestTeam.now) == hundred)
        cache.keep(ByteBuffer(string: String(repeating: "y", count: 101)), key(10), stamp: stamp, span: always)
        #expect(cache.body(key(10), stamp: stamp, at: TestTeam.now) == nil)
        #expect(cache.size.entries == 8)
    }

    /// A render held until the test lets it return (with `body`, or failing), counting the renders.
    private final class HeldRender: Sendable {
        struct Down: Error {}
        let renders = Mutex(0)
        private let held = Mutex<CheckedContinuation<Void, Never>?>(nil)

        func render(_ body: String?) async throws -> (bytes: ByteBuffer, span: ReadCache.Span) {
            renders.withLock { $0 += 1 }
            await withCheckedContinuation { continuation in held.withLock { $0 = continuation } }
            guard let body else { throw Down() }
            return (ByteBuffer(string: body), ReadCache.Span(from: .distantPast, until: .distantFuture))
        }

        /// Waits until a render is held, then lets it return.
        func release() async {
            while true {
                if let continuation = held.withLock({ $0.take() }) { return continuation.resume() }
                await Task.yield()
            }
        }
    }

    @Test func requestsMissingTogetherAtOneStampRenderOnceAndAllGetItsBody() async throws {
        let cache = ReadCache()
        let key = ReadCache.Key(team: "payments", request: "loops?owner=ana")
        let stamp = TeamStamp(lastSeq: 1, people: [])
        let held = HeldRender()
        async let first = cache.body(key, stamp: stamp, at: TestTeam.now) { try await held.render("[1]") }
        while held.renders.withLock({ $0 }) < 1 { await Task.yield() }
        async let second = cache.body(key, stamp: stamp, at: TestTeam.now) { try await held.render("[2]") }
        async let third = cache.body(key, stamp: stamp, at: TestTeam.now) { try await held.render("[3]") }
        while cache.waiting(key) < 2 { await Task.yield() }
        await held.release()
        let bodies = try await [first, second, third]
        #expect(bodies == Array(repeating: ByteBuffer(string: "[1]"), count: 3))
        #expect(held.renders.withLock { $0 } == 1)
        // Another stamp renders afresh.
        async let moved = cache.body(key, stamp: TeamStamp(lastSeq: 2, people: []), at: TestTeam.now) {
            try await held.render("[4]")
        }
        await held.release()
        #expect(try await moved == ByteBuffer(string: "[4]"))
    }

    @Test func aFailedRenderFailsOnlyItsRequestAndTheOneWaitingRendersAlone() async throws {
        let cache = ReadCache()
        let key = ReadCache.Key(team: "payments", request: "loops?owner=ana")
        let stamp = TeamStamp(lastSeq: 1, people: [])
        let held = HeldRender()
        async let failing = Result {
            try await cache.body(key, stamp: stamp, at: TestTeam.now) { try await held.render(nil) }
        }
        while held.renders.withLock({ $0 }) < 1 { await Task.yield() }
        async let waiting = cache.body(key, stamp: stamp, at: TestTeam.now) { try await held.render("[2]") }
        while cache.waiting(key) < 1 { await Task.yield() }
        await held.release()
        let failed = await failing
        #expect(throws: HeldRender.Down.self) { try failed.get() }
        await held.release()
        #expect(try await waiting == ByteBuffer(string: "[2]"))
        #expect(held.renders.withLock { $0 } == 2)
    }

    @Test func aSpanEndsAtTheNextLoopToTurnOverdue() {
        let loops = [
            ("a", "2026-11-25T00:00:00Z"), ("b", "2026-11-28T00:00:00Z"), ("c", "2026-11-30T00:00:00Z"),
        ].map { key, due in
            Loop.fold([
                Event(
                    id: key,
                    loop: key,
                    at: Timestamp.parse("2026-11-20T09:00:00Z")!,
                    by: "ana",
                    type: .created,
                    fields: ["title": "T", "due": .string(due)]
                )
            ])!
        }
        let span = ReadCache.Span.unchangedOverdue(loops, around: TestTeam.now, calendars: Calendars())
        #expect(
            span
                == ReadCache.Span(
                    from: Timestamp.parse("2026-11-25T00:00:00Z")!,
                    until: Timestamp.parse("2026-11-28T00:00:00Z")!
                )
        )
        #expect(span.contains(TestTeam.now) && !span.contains(Timestamp.parse("2026-11-28T00:00:00Z")!))
    }
}

extension Result where Failure == any Error {
    fileprivate init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
