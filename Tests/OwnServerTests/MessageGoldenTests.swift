import Foundation
import GoldenFiles
import Logging
import OwnCore
import TeamStore
import Testing

@testable import OwnServer

/// Every kind of message the server sends, written for Slack (Block Kit) and for a generic webhook
/// (JSON), compared with the files under `Golden/`; `OWN_UPDATE_GOLDEN=1` rewrites them instead.
///
/// One story on a fresh store, once with every channel Slack and once with every channel a webhook:
/// ana (Berlin, lead), ben (New York) and kenji (Tokyo); ana's loop `rates` affects kenji.
@Suite("Each message kind, in Block Kit and in JSON, as golden files")
struct MessageGoldenTests {
    static let folder = GoldenFile.folder(beside: #filePath)

    static func instant(_ text: String) -> Date { Timestamp.parse(text)! }

    /// The outbox after the story, by message kind (the dedupe key's first part).
    static func story(_ kind: Channel.Kind) async throws -> [String: String] {
        let folder = NSTemporaryDirectory() + "own-golden-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SQLiteTeamStore(path: folder + "/server.sqlite")
        let start = instant("2026-11-20T00:00:00Z")
        _ = try await store.addTeam("payments", at: start)
        for (person, zone, role) in [
            ("ana", "Europe/Berlin", Role.lead), ("ben", "America/New_York", .member), ("kenji", "Asia/Tokyo", .member),
        ] {
            try await store.setPerson(PersonSettings(name: person, zone: zone), team: "payments")
            let record = TokenRecord(
                id: "tok-" + person,
                team: "payments",
                person: person,
                role: role,
                createdAt: start
            )
            _ = try await store.addToken(NewToken(record: record, hash: TokenSecret.hash(TokenSecret.generate())))
        }
        for name in ["ana", "kenji", "team"] {
            _ = try await store.addChannel(
                Channel(
                    team: "payments",
                    name: name,
                    kind: kind,
                    url: "https://hooks.example.com/services/\(name)/secret-token",
                    createdAt: start
                )
            )
        }
        let logger = Logger(label: "own.tests.golden")
        let notifier = Notifier(store: store, delivery: store, inbox: store, logger: logger)
        try await notifier.run(at: start)

        func event(
            _ type: EventType,
            _ id: String,
            _ loop: String,
            _ at: String,
            by: String,
            _ fields: EventFields
        )
            -> Event
        {
            Event(id: id, loop: loop, at: instant(at), by: by, type: type, fields: fields)
        }
        let incident = try MonitorIncident(monitor: "nightly-backup", owner: "ben", stakes: .high, loop: "inc-backup")
        _ = try await store.append(
            [
                event(
                    .created,
                    "e1",
                    "rates",
                    "2026-11-24T09:00:00Z",
                    by: "ana",
                    [
                        "title": "Exchange rates feed", "doneWhen": "rates refresh hourly", "due": "2026-12-04",
                        "affects": ["kenji"], "stakes": "high", "autonomy": 4,
                    ]
                ),
                event(
                    .risk,
                    "e2",
                    "rates",
                    "2026-11-24T10:00:00Z",
                    by: "ana",
                    ["note": "the provider deprecates v1 on Monday", "workaround": "yesterday's rates are cached"]
                ),
                event(
                    .created,
                    "e3",
                    "refunds",
                    "2026-11-24T11:00:00Z",
                    by: "ben",
                    ["title": "Refund retries", "doneWhen": "failed refunds retry", "stakes": "high", "autonomy": 2]
                ),
                incident.created(.failed(exitStatus: 3), at: instant("2026-11-24T12:00:00Z"), id: "e4", by: "ben"),
            ],
            team: "payments"
        )
        try await notifier.run(at: instant("2026-11-24T12:30:00Z"))
        _ = try await store.append(
            [event(.approved, "e5", "refunds", "2026-11-24T13:00:00Z", by: "ana", [:])],
            team: "payments"
        )
        try await notifier.run(at: instant("2026-11-24T13:30:00Z"))
        let dispatcher = DigestDispatcher(store: store, delivery: store, logger: logger)
        // kenji's Wednesday standup, ana's hand-off reminder, and ana's Friday weekly.
        for (at, since) in [
            ("2026-11-25T00:00:30Z", "2026-11-24T23:59:00Z"), ("2026-11-25T14:00:30Z", "2026-11-25T13:59:00Z"),
            ("2026-11-27T16:00:30Z", "2026-11-27T15:59:00Z"),
        ] {
            _ = try await dispatcher.run(at: instant(at), since: instant(since))
        }
        var bodies: [String: String] = [:]
        for message in try await store.outbox(team: "payments") {
            let prefix = String(message.message.dedupeKey.prefix { $0 != ":" })
            bodies[prefix] = bodies[prefix] ?? message.message.body
        }
        return bodies
    }

    /// The golden files' names for the kinds: what the dedupe key calls each.
    static let kinds = [
        "notice": "notice", "alert": "alert", "approval": "approval-request", "approved": "approval-answer",
        "digest": "standup", "weekly": "weekly", "handoff": "timezone-reminder",
    ]

    @Test(arguments: [Channel.Kind.slack, .webhook])
    func everyKindMatchesItsGoldenFile(channel: Channel.Kind) async throws {
        let bodies = try await Self.story(channel)
        #expect(Set(bodies.keys) == Set(Self.kinds.keys))
        for (prefix, name) in Self.kinds.sorted(by: { $0.key < $1.key }) {
            let body = try #require(bodies[prefix], "no \(name) message")
            #expect(!body.contains("secret-token") && !body.contains("hooks.example.com"), "\(name) quotes a URL")
            let pretty = JSONWriter.pretty(try JSONParser.parse(body)) + "\n"
            try GoldenFile.check(
                pretty,
                "\(name).\(channel.rawValue).json",
                in: Self.folder,
                sourceLocation: #_sourceLocation
            )
        }
    }

    /// A webhook's `kind` is the name `/metrics` counts the message under (a hand-off reminder is
    /// `handoff-reminder` in both), and every loop in a message carries its number on the server:
    /// never 0 or null; a finding about no loop has no `number`.
    @Test func webhookKindsAreTheMetricsNamesAndLoopsCarryTheirNumbers() async throws {
        let bodies = try await Self.story(.webhook)
        for (prefix, body) in bodies.sorted(by: { $0.key < $1.key }) {
            let json = try JSONParser.parse(body)
            #expect(
                json.objectValue?["kind"]?.stringValue == MessageMetrics.kind(dedupeKey: prefix + ":x"),
                "\(prefix)"
            )
            var numbered = 0
            func walk(_ value: JSONValue) {
                switch value {
                case .object(let members):
                    if members["loop"]?.stringValue != nil, let number = members["number"] {
                        #expect((number.numberValue ?? 0) > 0, "\(prefix): \(members)")
                        numbered += 1
                    }
                    if members["loop"] == .null { #expect(members["number"] == nil, "\(prefix): \(members)") }
                    members.values.forEach(walk)
                case .array(let items): items.forEach(walk)
                default: break
                }
            }
            walk(json)
            if ["notice", "handoff", "weekly"].contains(prefix) { #expect(numbered > 0, "\(prefix)") }
        }
        #expect(try JSONParser.parse(bodies["handoff"] ?? "").objectValue?["kind"] == "handoff-reminder")
    }

    /// A finding about an owner as a whole names no loop, and so no number.
    @Test func aFindingAboutNoLoopHasNoNumberInTheMessage() throws {
        let finding = Finding(
            rule: .overcommitted,
            owner: "ana",
            severity: .warning,
            since: Self.instant("2026-11-24T09:00:00Z"),
            message: "12 hours of work in 6",
            suggestion: "drop or hand off a loop"
        )
        let members = try #require(DigestMessage.json(finding).objectValue)
        #expect(members["number"] == nil)
        #expect(members["rule"] == "overcommitted" && members["owner"] == "ana")
    }
}
