import Foundation
import Logging
import OwnCore
import OwnServer
import TeamStore
import Testing

/// A team across three zones on a server store: ana (Berlin, lead), ben (New York) and kenji (Tokyo).
/// ana and kenji have personal channels; `team` is the team's channel. ana's loop `rates` affects
/// kenji, kenji's loop `checkout` affects ben; both were last updated on Tuesday 2026-11-24.
private func setUp(_ store: any TeamStore & DeliveryStore) async throws {
    let start = instant("2026-11-20T00:00:00Z")
    _ = try await store.addTeam("payments", at: start)
    for (person, zone, role) in [
        ("ana", "Europe/Berlin", Role.lead), ("ben", "America/New_York", .member), ("kenji", "Asia/Tokyo", .member),
    ] {
        try await store.setPerson(PersonSettings(name: person, zone: zone), team: "payments")
        let record = TokenRecord(id: "tok-" + person, team: "payments", person: person, role: role, createdAt: start)
        _ = try await store.addToken(NewToken(record: record, hash: TokenSecret.hash(TokenSecret.generate())))
    }
    for (name, kind) in [("ana", Channel.Kind.slack), ("kenji", .webhook), ("team", .webhook)] {
        _ = try await store.addChannel(
            Channel(team: "payments", name: name, kind: kind, url: "http://127.0.0.1:9/\(name)", createdAt: start)
        )
    }
    let loops: [(String, String, String, String, String)] = [
        ("rates", "ana", "Exchange rates feed", "kenji", "2026-11-24T09:00:00Z"),
        ("checkout", "kenji", "Checkout screen", "ben", "2026-11-24T01:00:00Z"),
    ]
    _ = try await store.append(
        loops.map { key, owner, title, affects, at in
            Event(
                id: "e-" + key,
                loop: key,
                at: instant(at),
                by: owner,
                type: .created,
                fields: [
                    "title": .string(title), "doneWhen": "it works", "due": "2027-01-29", "affects": [.string(affects)],
                ]
            )
        },
        team: "payments"
    )
}

private func instant(_ text: String) -> Date { Timestamp.parse(text)! }

private func sqlite() throws -> (SQLiteTeamStore, String) {
    let folder = NSTemporaryDirectory() + "own-digests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return (try SQLiteTeamStore(path: folder + "/server.sqlite"), folder)
}

private func dispatcher(_ store: any TeamStore & DeliveryStore) -> DigestDispatcher {
    DigestDispatcher(store: store, delivery: store, logger: Logger(label: "own.tests.digests"))
}

/// The outbox as `dedupe key → channel` lines, oldest first.
private func outbox(_ store: any DeliveryStore) async throws -> [String] {
    try await store.outbox(team: "payments").map { "\($0.message.dedupeKey) → \($0.message.channel)" }
}

@Suite("The schedule on the server: due sends go into the outbox once, on each person's calendar")
struct DigestDispatcherTests {
    @Test func aWeekOfPassesFillsTheOutboxOnceEach() async throws {
        let (store, folder) = try sqlite()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await setUp(store)
        let server = dispatcher(store)
        let other = dispatcher(store)
        var since = instant("2026-11-24T23:59:00Z")
        // Passes at the moments that matter, Wednesday to Friday, plus a second server at each.
        for at in [
            "2026-11-25T00:00:00Z", "2026-11-25T06:00:00Z", "2026-11-25T08:00:00Z", "2026-11-25T12:00:00Z",
            "2026-11-25T14:00:00Z", "2026-11-25T20:00:00Z", "2026-11-27T00:00:00Z", "2026-11-27T06:00:00Z",
            "2026-11-27T08:00:00Z", "2026-11-27T14:00:00Z", "2026-11-27T16:00:00Z", "2026-11-28T12:00:00Z",
        ] {
            _ = try await server.run(at: instant(at), since: since)
            let second = try await other.run(at: instant(at), since: since)
            #expect(second.enqueued.isEmpty, "the second server at \(at) finds everything already in the outbox")
            since = instant(at)
        }
        // ben has no channel of his own and does not lead: nothing for him. No pass ran on Thursday, so
        // Thursday's sends were skipped. The weekly goes to the team's channel at the end of ana's Friday.
        #expect(
            try await outbox(store) == [
                "digest:payments:kenji:2026-11-25 → kenji",
                "handoff:payments:kenji:2026-11-25 → kenji",
                "digest:payments:ana:2026-11-25 → ana",
                "handoff:payments:ana:2026-11-25 → ana",
                "digest:payments:kenji:2026-11-27 → kenji",
                "handoff:payments:kenji:2026-11-27 → kenji",
                "digest:payments:ana:2026-11-27 → ana",
                "handoff:payments:ana:2026-11-27 → ana",
                "weekly:payments:ana:2026-11-27 → team",
            ]
        )
    }

    @Test func whatEachMessageSays() async throws {
        let (store, folder) = try sqlite()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await setUp(store)
        let server = dispatcher(store)
        _ = try await server.run(at: instant("2026-11-25T00:00:00Z"), since: instant("2026-11-24T23:59:00Z"))
        _ = try await server.run(at: instant("2026-11-25T14:00:00Z"), since: instant("2026-11-25T00:00:00Z"))
        let messages = try await store.outbox(team: "payments")
        let bodies = Dictionary(uniqueKeysWithValues: messages.map { ($0.message.dedupeKey, $0.message.body) })

        // kenji's channel is a generic webhook: plain JSON, his standup and findings.
        let standup = try JSONParser.parse(try #require(bodies["digest:payments:kenji:2026-11-25"]))
        #expect(standup.objectValue?["kind"]?.stringValue == "standup")
        #expect(standup.objectValue?["person"]?.stringValue == "kenji")
        #expect(standup.objectValue?["late"] == .bool(false))
        #expect(standup.objectValue?["standup"]?.objectValue?["today"] != nil)
        #expect(standup.objectValue?["findings"]?.arrayValue != nil)

        // ana's is Slack: Block Kit, with the hand-off note drafted for kenji, naming the loop by key.
        let handoff = try #require(bodies["handoff:payments:ana:2026-11-25"])
        let payload = try JSONParser.parse(handoff)
        #expect(payload.objectValue?["blocks"]?.arrayValue?.isEmpty == false)
        #expect(handoff.contains("Hand-off for kenji on rates Exchange rates feed"), "\(handoff)")
        #expect(handoff.contains("Nov 26 17:00 for kenji"))
        #expect(!handoff.contains("127.0.0.1"), "a message never quotes a channel's URL")
        // Missed standup at 08:00 (the server was down from 00:00 to 14:00) still went, late.
        let late = try #require(bodies["digest:payments:ana:2026-11-25"])
        #expect(
            late.contains("Late: due 09:00 Europe/Berlin; not sent then (no server was running, or the settings"),
            "\(late)"
        )
    }

    @Test func aServerDownOverADayStart() async throws {
        let (store, folder) = try sqlite()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await setUp(store)
        // Down from Tuesday 23:00 to Wednesday 10:30: kenji's Wednesday is over, ana's has begun.
        let outcome = try await dispatcher(store).run(
            at: instant("2026-11-25T10:30:00Z"),
            since: instant("2026-11-24T23:00:00Z")
        )
        #expect(
            outcome.enqueued.map { "\($0.send.slot) late: \($0.send.late)" } == [
                "standup for ana on 2026-11-25 late: true"
            ]
        )
        #expect(outcome.skipped.map(\.slot.description) == ["standup for kenji on 2026-11-25"])
        #expect(try await outbox(store) == ["digest:payments:ana:2026-11-25 → ana"])
    }

    /// A person's channel removed (`own server channel rm`) and set again the same day: what it was
    /// sent stays sent, as when it moves to another URL (today's standup went out a second time).
    @Test func aChannelRemovedAndAddedAgainIsNotSentTodaysStandupAgain() async throws {
        let (store, folder) = try sqlite()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await setUp(store)
        func server() -> DigestDispatcher {
            DigestDispatcher(store: store, delivery: store, skips: store, logger: Logger(label: "own.tests.digests"))
        }
        let since = instant("2026-11-25T07:59:00Z")
        let first = try await server().run(at: instant("2026-11-25T08:00:00Z"), since: since)
        #expect(first.enqueued.map { "\($0.send.slot)" } == ["standup for ana on 2026-11-25"])
        try await store.removeChannel(team: "payments", name: "ana")
        _ = try await store.addChannel(
            Channel(
                team: "payments",
                name: "ana",
                kind: .slack,
                url: "http://127.0.0.1:9/ana-again",
                createdAt: instant("2026-11-25T08:05:00Z")
            )
        )
        let again = try await server().run(at: instant("2026-11-25T08:10:00Z"), since: since)
        #expect(again.enqueued.isEmpty, "\(again.enqueued.map { "\($0.send.slot)" })")
    }

    @Test func aStandupWithNowhereToGoIsNotReportedAsSkipped() async throws {
        let (store, folder) = try sqlite()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await setUp(store)
        // ana, the lead, keeps the team's channel for the weekly but has none of her own: her standup
        // goes nowhere, so a day the server missed did not skip it.
        try await store.removeChannel(team: "payments", name: "ana")
        let outcome = try await dispatcher(store).run(
            at: instant("2026-11-25T23:30:00Z"),
            since: instant("2026-11-24T23:00:00Z")
        )
        #expect(outcome.skipped.map(\.slot.description) == ["standup for kenji on 2026-11-25"])
        #expect(outcome.enqueued.isEmpty)
    }

    @Test func aSkippedSendIsReportedOnceEvenAfterARestart() async throws {
        let (store, folder) = try sqlite()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await setUp(store)
        func server() -> DigestDispatcher {
            DigestDispatcher(store: store, delivery: store, skips: store, logger: Logger(label: "own.tests.digests"))
        }
        // Down from Tuesday 23:00 to Wednesday 10:30: kenji's Wednesday is over; it is skipped, once.
        let first = try await server().run(at: instant("2026-11-25T10:30:00Z"), since: instant("2026-11-24T23:00:00Z"))
        #expect(first.skipped.map(\.slot.description) == ["standup for kenji on 2026-11-25"])
        // A second server at the same instant, and a restart a minute later looking back as far: each
        // finds it recorded, says nothing of it, and sends nothing late.
        let second = try await server().run(at: instant("2026-11-25T10:30:00Z"), since: instant("2026-11-24T23:00:00Z"))
        #expect(second.skipped.isEmpty && second.enqueued.isEmpty)
        let restarted = try await server().run(
            at: instant("2026-11-25T10:31:00Z"),
            since: instant("2026-11-24T23:00:00Z")
        )
        #expect(restarted.skipped.isEmpty)
        #expect(restarted.enqueued.isEmpty)
        #expect(try await store.skippedKeys(team: "payments") == ["digest:payments:kenji:2026-11-25"])
        #expect(try await outbox(store) == ["digest:payments:ana:2026-11-25 → ana"])
    }

    @Test func aHandOffReminderWithNothingToSaySendsNothingAndIsNotMissed() async throws {
        let (store, folder) = try sqlite()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await setUp(store)
        // ana notes progress on Wednesday: the word is given; no reminder.
        _ = try await store.append(
            [
                Event(
                    id: "n1",
                    loop: "rates",
                    at: instant("2026-11-25T09:00:00Z"),
                    by: "ana",
                    type: .noted,
                    fields: [
                        "note": "half done"
                    ]
                )
            ],
            team: "payments"
        )
        let server = dispatcher(store)
        let first = try await server.run(at: instant("2026-11-25T14:00:00Z"), since: instant("2026-11-25T13:59:00Z"))
        let quiet = DigestSlot(kind: .handoff, team: "payments", person: "ana", day: CivilDate(iso: "2026-11-25")!)
        #expect(first.quiet == [quiet])
        #expect(first.enqueued.map(\.send.slot.kind) == [.standup], "ana's standup, late; no reminder")
        let evening = try await server.run(
            at: instant("2026-11-25T16:30:00Z"),
            since: instant("2026-11-25T14:00:00Z"),
            quiet: [quiet]
        )
        #expect(evening.skipped.isEmpty)
        #expect(evening.enqueued.isEmpty)
    }

    @Test func noChannelsNoSends() async throws {
        let (store, folder) = try sqlite()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try await store.addTeam("quiet", at: instant("2026-11-20T00:00:00Z"))
        try await store.setPerson(PersonSettings(name: "ana", zone: "Europe/Berlin"), team: "quiet")
        let outcome = try await dispatcher(store).run(
            at: instant("2026-11-25T08:00:00Z"),
            since: instant("2026-11-25T07:59:00Z")
        )
        #expect(outcome == DigestDispatcher.Outcome())
    }
}

/// Two servers on one PostgreSQL, each with its own pool, pass at the same instant: one message each.
@Suite(
    "The schedule on two servers sharing one PostgreSQL",
    .enabled(
        if: ProcessInfo.processInfo.environment["OWN_TEST_POSTGRES_URL"].map { !$0.isEmpty } ?? false,
        "needs OWN_TEST_POSTGRES_URL (source .ci/postgres.sh)"
    )
)
struct DigestDispatcherPostgresTests {
    /// A shutdown during a pass (`stopping` says so) stops it after the team under way; the next
    /// pass, looking back as far, sends the rest.
    @Test func aPassStoppedByAShutdownEndsAfterTheTeamUnderWay() async throws {
        let (store, folder) = try sqlite()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await setUp(store)
        let start = instant("2026-11-20T00:00:00Z")
        _ = try await store.addTeam("search", at: start)
        try await store.setPerson(PersonSettings(name: "sam", zone: "Europe/Berlin"), team: "search")
        _ = try await store.addChannel(
            Channel(team: "search", name: "sam", kind: .webhook, url: "http://127.0.0.1:9/sam", createdAt: start)
        )
        let since = instant("2026-11-25T07:00:00Z")
        let at = instant("2026-11-25T08:00:00Z")
        let stopped = try await dispatcher(store).run(at: at, since: since, stopping: { true })
        #expect(stopped.enqueued.map(\.channel) == ["ana"])
        #expect(try await store.outbox(team: "search").isEmpty)
        let next = try await dispatcher(store).run(at: at, since: since)
        #expect(
            next.enqueued.map { "\($0.send.slot.dedupeKey) → \($0.channel)" } == ["digest:search:sam:2026-11-25 → sam"]
        )
    }

    @Test func twoServersPassingAtOnceEnqueueEachSendOnce() async throws {
        var configuration = try PostgresTeamStore.Configuration(
            url: try #require(ProcessInfo.processInfo.environment["OWN_TEST_POSTGRES_URL"])
        )
        configuration.schema = "own_digests_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        configuration.maximumConnections = 4
        let logger = Logger(label: "own.tests.digests")
        try await PostgresTeamStore.withStore(configuration, logger: logger) { one in
            try await PostgresTeamStore.withStore(configuration, logger: logger) { two in
                try await setUp(one)
                let since = instant("2026-11-25T07:00:00Z")
                let at = instant("2026-11-25T08:00:00Z")
                async let first = dispatcher(one).run(at: at, since: since)
                async let second = dispatcher(two).run(at: at, since: since)
                let outcomes = try await [first, second]
                #expect(outcomes.map(\.enqueued.count).reduce(0, +) == 1)
                #expect(try await outbox(one) == ["digest:payments:ana:2026-11-25 → ana"])
            }
        }
        let dropped = Process()
        dropped.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        dropped.arguments = [
            "psql", "-q", ProcessInfo.processInfo.environment["OWN_TEST_POSTGRES_URL"] ?? "",
            "-c", "DROP SCHEMA IF EXISTS \(configuration.schema ?? "") CASCADE",
        ]
        try dropped.run()
        dropped.waitUntilExit()
        #expect(dropped.terminationStatus == 0)
    }
}
