import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import OwnCore
import OwnServer
import Synchronization
import TeamStore
import Testing

@Suite("The inbox API: each person's notices, hand-offs and approvals, with read marks")
struct InboxRoutesTests {
    /// A person's unread items, as the API shows them.
    static func unread(_ team: TestTeam, _ person: String) async throws -> [[String: JSONValue]] {
        let items = Mutex<[[String: JSONValue]]>([])
        let auth = team.auth(person)
        try await team.withClient { client in
            let reply = try await client.execute(uri: "/api/v1/inbox?unread=true", method: .get, headers: auth)
            let all = try JSONParser.parse(reply.text).objectValue?["items"]?.arrayValue ?? []
            items.withLock { $0 = all.compactMap(\.objectValue) }
        }
        return items.withLock { $0 }
    }

    /// Events pushed to the team's `payments` a minute apart (from ten hours before `TestTeam.now`),
    /// each read by the notifier at once, as a server does.
    final class Pushes {
        let team: TestTeam
        let notifier: Notifier
        private var minute = 0

        init(_ team: TestTeam) {
            self.team = team
            notifier = Notifier(store: team.store, delivery: team.store, inbox: team.store, logger: Logger(label: "t"))
        }

        func callAsFunction(
            _ type: EventType,
            _ id: String,
            _ loop: String,
            by: String,
            _ fields: EventFields = [:]
        ) async throws {
            minute += 1
            let at = TestTeam.now.addingTimeInterval(Double(minute - 600) * 60)
            let event = Event(id: id, loop: loop, at: at, by: by, type: type, fields: fields)
            _ = try await team.store.append([event], team: "payments")
            try await notifier.run(at: TestTeam.now)
        }
    }

    /// A proposed loop of ana's (lee and raj are asked), a risk on a loop that affects lee, and a
    /// hand-off to lee, as the notifier files them.
    static func filled() async throws -> TestTeam {
        let team = try await TestTeam.make()
        let notifier = Notifier(store: team.store, delivery: team.store, inbox: team.store, logger: Logger(label: "t"))
        try await notifier.run(at: TestTeam.now)
        func event(
            _ type: EventType,
            _ id: String,
            _ loop: String,
            _ at: String,
            _ fields: EventFields
        )
            -> Event
        {
            Event(id: id, loop: loop, at: Timestamp.parse(at)!, by: "ana", type: type, fields: fields)
        }
        _ = try await team.store.append(
            [
                event(.created, "c1", "pay-ask", "2026-11-23T09:00:00Z", ["title": "Ask", "autonomy": 2]),
                event(.created, "c2", "pay-risk", "2026-11-23T09:00:00Z", ["title": "Risky", "affects": ["lee"]]),
                event(.risk, "r2", "pay-risk", "2026-11-23T10:00:00Z", ["note": "vendor late"]),
                event(.created, "c3", "pay-give", "2026-11-23T09:00:00Z", ["title": "Give", "stakes": "low"]),
                event(.handedOff, "h3", "pay-give", "2026-11-23T11:00:00Z", ["to": "lee"]),
            ],
            team: "payments"
        )
        try await notifier.run(at: TestTeam.now)
        return team
    }

    @Test func aPersonReadsTheirOwnInboxAndMarksItemsRead() async throws {
        let team = try await Self.filled()
        defer { team.discard() }
        try await team.withClient { client in
            let lee = try await client.execute(uri: "/api/v1/inbox", method: .get, headers: team.auth("lee"))
            #expect(lee.status == .ok)
            let body = try JSONParser.parse(lee.text).objectValue ?? [:]
            #expect(body["person"] == "lee")
            let items = body["items"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(Set(items.compactMap { $0["kind"]?.stringValue }) == ["approval-request", "notice", "handoff"])
            #expect(Set(items.compactMap { $0["loop"]?.stringValue }) == ["pay-ask", "pay-risk", "pay-give"])
            #expect(items.allSatisfy { $0["readAt"] == .null })

            // ana's inbox holds none of lee's; raj is asked too.
            let ana = try await client.execute(uri: "/api/v1/inbox", method: .get, headers: team.auth("ana"))
            #expect(try JSONParser.parse(ana.text).objectValue?["items"]?.arrayValue?.isEmpty == true)
            let raj = try await client.execute(uri: "/api/v1/inbox", method: .get, headers: team.auth("raj"))
            #expect(try JSONParser.parse(raj.text).objectValue?["items"]?.arrayValue?.count == 1)

            // ana cannot mark lee's items; lee marks one, then the rest.
            let ids = items.compactMap { $0["id"]?.numberValue }.map { Int($0) }
            let stranger = try await client.execute(
                uri: "/api/v1/inbox/read",
                method: .post,
                headers: team.auth("ana"),
                body: ByteBuffer(string: #"{"ids": [\#(ids[0])]}"#)
            )
            #expect(stranger.text == #"{"marked":0}"#)
            let one = try await client.execute(
                uri: "/api/v1/inbox/read",
                method: .post,
                headers: team.auth("lee"),
                body: ByteBuffer(string: #"{"ids": [\#(ids[0])]}"#)
            )
            #expect(one.text == #"{"marked":1}"#)
            let unread = try await client.execute(
                uri: "/api/v1/inbox?unread=true",
                method: .get,
                headers: team.auth("lee")
            )
            #expect(try JSONParser.parse(unread.text).objectValue?["items"]?.arrayValue?.count == 2)
            let all = try await client.execute(
                uri: "/api/v1/inbox/read",
                method: .post,
                headers: team.auth("lee"),
                body: ByteBuffer(string: #"{"all": true}"#)
            )
            #expect(all.text == #"{"marked":2}"#)
            let none = try await client.execute(
                uri: "/api/v1/inbox?unread=true",
                method: .get,
                headers: team.auth("lee")
            )
            #expect(try JSONParser.parse(none.text).objectValue?["items"]?.arrayValue?.isEmpty == true)
        }
    }

    /// ana makes a loop for raj that waits for approval: the leads are asked by ana, who asked, for
    /// raj's loop (raj did nothing).
    @Test func anApprovalRequestIsFromWhoeverMadeTheLoopWait() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let notifier = Notifier(store: team.store, delivery: team.store, inbox: team.store, logger: Logger(label: "t"))
        try await notifier.run(at: TestTeam.now)
        _ = try await team.store.append(
            [
                Event(
                    id: "c1",
                    loop: "pay-raj",
                    at: Timestamp.parse("2026-11-23T09:00:00Z")!,
                    by: "ana",
                    type: .created,
                    fields: ["title": "For raj", "owner": "raj", "autonomy": 2]
                )
            ],
            team: "payments"
        )
        try await notifier.run(at: TestTeam.now)
        try await team.withClient { client in
            let lee = try await client.execute(uri: "/api/v1/inbox", method: .get, headers: team.auth("lee"))
            let items = try JSONParser.parse(lee.text).objectValue?["items"]?.arrayValue?.compactMap(\.objectValue)
            let item = try #require(items?.first)
            #expect(item["kind"] == "approval-request")
            #expect(item["from"] == "ana")
            #expect(item["text"] == "pay-raj For raj: ana asks for your approval of raj's loop", "\(item)")
        }
        // Approved by another lead: the request asks nothing of lee any more, and leaves his inbox.
        _ = try await team.store.append(
            [
                Event(
                    id: "a1",
                    loop: "pay-raj",
                    at: Timestamp.parse("2026-11-23T10:00:00Z")!,
                    by: "ana",
                    type: .approved
                )
            ],
            team: "payments"
        )
        try await team.withClient { client in
            let lee = try await client.execute(uri: "/api/v1/inbox", method: .get, headers: team.auth("lee"))
            let items = try JSONParser.parse(lee.text).objectValue?["items"]?.arrayValue ?? []
            #expect(items.isEmpty, "\(lee.text)")
        }
    }

    /// ana starts a loop that waits for approval before the notifier reads it (offline work, one
    /// sync): it is active, and waits all the same. The leads are asked, and the request stands
    /// until someone approves it or it ends.
    @Test func aLoopStartedBeforeApprovalStillAsksTheLeads() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let notifier = Notifier(store: team.store, delivery: team.store, inbox: team.store, logger: Logger(label: "t"))
        try await notifier.run(at: TestTeam.now)
        func event(_ type: EventType, _ id: String, _ at: String, _ fields: EventFields = [:]) -> Event {
            Event(id: id, loop: "pay-vault", at: Timestamp.parse(at)!, by: "ana", type: type, fields: fields)
        }
        _ = try await team.store.append(
            [
                event(.created, "c1", "2026-11-23T09:00:00Z", ["title": "Deploy vault", "autonomy": 2]),
                event(.started, "s1", "2026-11-23T09:05:00Z"),
            ],
            team: "payments"
        )
        try await notifier.run(at: TestTeam.now)
        func kinds() async throws -> [String] {
            let kinds = Mutex<[String]>([])
            try await team.withClient { client in
                let lee = try await client.execute(uri: "/api/v1/inbox", method: .get, headers: team.auth("lee"))
                let items = try JSONParser.parse(lee.text).objectValue?["items"]?.arrayValue ?? []
                kinds.withLock { $0 = items.compactMap { $0.objectValue?["kind"]?.stringValue } }
            }
            return kinds.withLock { $0 }
        }
        #expect(try await kinds() == ["approval-request"])
        _ = try await team.store.append(
            [event(.noted, "n1", "2026-11-23T10:00:00Z", ["note": "half"])],
            team: "payments"
        )
        #expect(try await kinds() == ["approval-request"], "still waiting: nobody approved it")
        _ = try await team.store.append(
            [event(.done, "d1", "2026-11-23T11:00:00Z", ["outcome": "ok"])],
            team: "payments"
        )
        #expect(try await kinds() == [], "ended: nothing to approve")
    }

    /// Events pushed later, dated earlier, change what an item told of: ana's hand-off to lee, dated
    /// before lee's approval, makes it his own (it counts for nothing, and he is asked no more); raj's
    /// drop, followed in the fold by ana's later done, ended nothing that stands.
    @Test func anItemWhoseEventALaterPushMadeVoidLeavesTheInbox() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let notifier = Notifier(store: team.store, delivery: team.store, inbox: team.store, logger: Logger(label: "t"))
        try await notifier.run(at: TestTeam.now)
        func event(
            _ type: EventType,
            _ id: String,
            _ at: String,
            by: String = "ana",
            loop: String = "pay-vault",
            _ fields: EventFields = [:]
        ) -> Event {
            Event(id: id, loop: loop, at: Timestamp.parse(at)!, by: by, type: type, fields: fields)
        }
        func kinds(_ person: String) async throws -> [String] {
            let kinds = Mutex<[String]>([])
            try await team.withClient { client in
                let read = try await client.execute(uri: "/api/v1/inbox", method: .get, headers: team.auth(person))
                let items = try JSONParser.parse(read.text).objectValue?["items"]?.arrayValue ?? []
                kinds.withLock { $0 = items.compactMap { $0.objectValue?["kind"]?.stringValue } }
            }
            return kinds.withLock { $0 }
        }
        _ = try await team.store.append(
            [
                event(.created, "c1", "2026-11-23T09:00:00Z", ["title": "Deploy vault", "autonomy": 2]),
                event(.created, "c2", "2026-11-23T09:00:00Z", loop: "pay-old", ["title": "Old job"]),
            ],
            team: "payments"
        )
        try await notifier.run(at: TestTeam.now)
        #expect(try await kinds("lee") == ["approval-request"])
        _ = try await team.store.append(
            [
                event(.approved, "a1", "2026-11-23T10:00:00Z", by: "lee"),
                event(.dropped, "x1", "2026-11-23T10:00:00Z", by: "raj", loop: "pay-old", ["reason": "duplicate"]),
            ],
            team: "payments"
        )
        try await notifier.run(at: TestTeam.now)
        #expect(Set(try await kinds("ana")) == ["approval-answer", "changed"])
        _ = try await team.store.append(
            [
                event(.handedOff, "h1", "2026-11-23T09:30:00Z", ["to": "lee"]),
                event(.done, "d1", "2026-11-23T10:30:00Z", loop: "pay-old", ["outcome": "shipped"]),
            ],
            team: "payments"
        )
        try await notifier.run(at: TestTeam.now)
        #expect(try await kinds("ana") == [])
        #expect(!(try await kinds("lee")).contains("approval-request"))
        // Done, reopened, then dropped: each ending stood in its time, and both stay news.
        _ = try await team.store.append(
            [
                event(.created, "c3", "2026-11-23T09:00:00Z", loop: "pay-new", ["title": "New job"]),
                event(.done, "d3", "2026-11-23T10:00:00Z", by: "raj", loop: "pay-new", ["outcome": "ok"]),
                event(.reopened, "o3", "2026-11-23T10:10:00Z", loop: "pay-new", ["reason": "not ok"]),
                event(.dropped, "x3", "2026-11-23T10:20:00Z", by: "raj", loop: "pay-new", ["reason": "moot"]),
            ],
            team: "payments"
        )
        try await notifier.run(at: TestTeam.now)
        #expect(try await kinds("ana") == ["changed", "changed"])
    }

    /// ana takes back her hand-off and lee's risk notice's change (`own undo`): neither is news for
    /// lee any more, and his inbox no longer holds them; the approval request stands.
    @Test func anItemWhoseEventWasTakenBackLeavesTheInbox() async throws {
        let team = try await Self.filled()
        defer { team.discard() }
        _ = try await team.store.append(
            [
                Event(
                    id: "x3",
                    loop: "pay-give",
                    at: Timestamp.parse("2026-11-23T11:05:00Z")!,
                    by: "ana",
                    type: .retracted,
                    fields: ["retracts": "h3"]
                ),
                Event(
                    id: "x2",
                    loop: "pay-risk",
                    at: Timestamp.parse("2026-11-23T10:05:00Z")!,
                    by: "ana",
                    type: .retracted,
                    fields: ["retracts": "r2"]
                ),
            ],
            team: "payments"
        )
        try await team.withClient { client in
            let lee = try await client.execute(uri: "/api/v1/inbox", method: .get, headers: team.auth("lee"))
            let items = try JSONParser.parse(lee.text).objectValue?["items"]?.arrayValue?.compactMap(\.objectValue)
            #expect(items?.compactMap { $0["kind"]?.stringValue } == ["approval-request"], "\(lee.text)")
            // A limit counts the items that stand: the two newest, taken back, do not use it up.
            for uri in ["/api/v1/inbox?limit=1", "/api/v1/inbox?unread=true&limit=1"] {
                let one = try await client.execute(uri: uri, method: .get, headers: team.auth("lee"))
                let kinds = try JSONParser.parse(one.text).objectValue?["items"]?.arrayValue?.compactMap {
                    $0.objectValue?["kind"]?.stringValue
                }
                #expect(kinds == ["approval-request"], "\(uri): \(one.text)")
            }
            // A mark counts what the inbox shows: an id of an item taken back marks nothing, and all
            // marks the one item that stands.
            let stored = try await team.store.inbox(team: "payments", person: "lee", unreadOnly: true, limit: 10)
            let hidden = try #require(stored.first { $0.loop == "pay-give" }?.id)
            for (body, marked) in [(#"{"ids": [\#(hidden)]}"#, 0), (#"{"all": true}"#, 1), (#"{"all": true}"#, 0)] {
                let mark = try await client.execute(
                    uri: "/api/v1/inbox/read",
                    method: .post,
                    headers: team.auth("lee"),
                    body: ByteBuffer(string: body)
                )
                #expect(mark.text == #"{"marked":\#(marked)}"#, "\(body): \(mark.text)")
            }
        }
    }

    /// ana's edit giving the loop to raj, recorded offline before her hand-off to lee and pushed after
    /// it: where it folds, the hand-off is no longer hers to make and changes nothing, so it is no news
    /// for lee either.
    @Test func aHandOffThatChangesNothingWhereItFoldsLeavesTheInbox() async throws {
        let team = try await Self.filled()
        defer { team.discard() }
        let given = Event(
            id: "o3",
            loop: "pay-give",
            at: Timestamp.parse("2026-11-23T10:30:00Z")!,
            by: "ana",
            type: .edited,
            fields: ["owner": "raj"]
        )
        _ = try await team.store.append([given], team: "payments")
        #expect(try await team.store.loop(team: "payments", key: "pay-give", asOf: nil)?.owner == "raj")
        try await team.withClient { client in
            let lee = try await client.execute(uri: "/api/v1/inbox", method: .get, headers: team.auth("lee"))
            let items = try JSONParser.parse(lee.text).objectValue?["items"]?.arrayValue?.compactMap(\.objectValue)
            #expect(
                Set(items?.compactMap { $0["kind"]?.stringValue } ?? []) == ["approval-request", "notice"],
                "\(lee.text)"
            )
        }
    }

    @Test(arguments: [
        ("/api/v1/inbox?unread=maybe", ""), ("/api/v1/inbox?limit=0", ""), ("/api/v1/inbox/read", "[1]"),
        ("/api/v1/inbox/read", #"{"ids": [1.5]}"#), ("/api/v1/inbox/read", #"{"ids": [1], "all": true}"#),
        ("/api/v1/inbox/read", #"{"all": false}"#), ("/api/v1/inbox/read", "not json"),
        ("/api/v1/inbox/read", #"{"all": true, "also": 1}"#),
    ])
    func badInputIsAOneLine400(path: String, body: String) async throws {
        let team = try await Self.filled()
        defer { team.discard() }
        try await team.withClient { client in
            let response = try await client.execute(
                uri: path,
                method: body.isEmpty ? .get : .post,
                headers: team.auth("lee"),
                body: ByteBuffer(string: body)
            )
            #expect(response.status == .badRequest)
            #expect(response.error != nil && !response.text.contains("\n"), "\(response.text)")
        }
        #expect(try await team.store.inbox(team: "payments", person: "lee", unreadOnly: true, limit: 10).count == 3)
    }

    /// The server's body limit holds for marks too (they had a limit of their own, 1 MiB, whatever it said).
    @Test func aMarkLargerThanTheServersBodyLimitIsRefused() async throws {
        let team = try await Self.filled()
        defer { team.discard() }
        try await team.withClient(maxBodyBytes: 2048) { client in
            let body = #"{"ids": ["# + String(repeating: " ", count: 3000) + "1]}"
            let response = try await client.execute(
                uri: "/api/v1/inbox/read",
                method: .post,
                headers: team.auth("lee"),
                body: ByteBuffer(string: body)
            )
            #expect(response.status == .contentTooLarge, "\(response.text)")
        }
        #expect(try await team.store.inbox(team: "payments", person: "lee", unreadOnly: true, limit: 10).count == 3)
    }

    /// Found by audits of the team's flows: a lead who handed on a loop already waiting is asked for
    /// its approval again (he may be the only other lead); a lead who made a loop wait for someone else
    /// is not asked once its owner records something on it (the last author was taken for the asker);
    /// and marking everything read marks what the inbox shows only: a request hidden meanwhile (its
    /// loop approved) comes back unread when the approval is undone, not read and never shown.
    @Test func theRequestsOfAWaitingLoopGoToTheRightLeadsAndReadAllMarksWhatIsShown() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let push = Pushes(team)
        try await push.notifier.run(at: TestTeam.now)
        func shown(_ person: String, _ loop: String) async throws -> [String] {
            try await Self.unread(team, person).filter { $0["loop"]?.stringValue == loop }.compactMap {
                $0["kind"]?.stringValue
            }
        }
        try await push(.created, "c1", "pay-on", by: "ana", ["title": "Handed on", "autonomy": 2])
        #expect(try await shown("lee", "pay-on") == ["approval-request"])
        try await push(.handedOff, "h1", "pay-on", by: "ana", ["to": "lee"])
        #expect(try await shown("lee", "pay-on") == ["handoff"])
        try await push(.handedOff, "h2", "pay-on", by: "lee", ["to": "ana"])
        #expect(try await shown("lee", "pay-on") == ["approval-request"], "lee handed it back: it waits still")
        #expect(try await shown("raj", "pay-on") == ["approval-request"])

        try await push(.created, "c2", "pay-for", by: "lee", ["title": "For ana", "owner": "ana", "autonomy": 2])
        try await push(.noted, "n2", "pay-for", by: "ana", ["note": "reading the spec"])
        #expect(try await shown("lee", "pay-for") == [], "lee made it wait")
        let asked = try await team.store.inbox(team: "payments", person: "raj", unreadOnly: true, limit: 10)
        #expect(
            asked.first { $0.loop == "pay-for" }?.text == "pay-for For ana: lee asks for your approval of ana's loop"
        )

        try await push(.approved, "a2", "pay-for", by: "raj")
        #expect(try await shown("raj", "pay-for") == [])
        try await team.withClient { client in
            let all = try await client.execute(
                uri: "/api/v1/inbox/read",
                method: .post,
                headers: team.auth("raj"),
                body: ByteBuffer(string: #"{"all": true}"#)
            )
            #expect(all.text == #"{"marked":1}"#, "pay-on's request only")
        }
        try await push(.retracted, "u2", "pay-for", by: "raj", ["retracts": "a2"])
        #expect(try await shown("raj", "pay-for") == ["approval-request"])

        // raj read pay-on's request (above); lee approves it and takes the approval back: it waits
        // again, and that is a new request, unread (the first, read, kept it from every lead's inbox).
        #expect(try await shown("raj", "pay-on") == [])
        try await push(.approved, "a3", "pay-on", by: "lee")
        try await push(.retracted, "u3", "pay-on", by: "lee", ["retracts": "a3"])
        #expect(try await shown("raj", "pay-on") == ["approval-request"])
        // lee's first request, never read, stands no more: the new one is shown, once.
        #expect(try await shown("lee", "pay-on") == ["approval-request"])
        let items = try await team.store.inbox(team: "payments", person: "lee", unreadOnly: true, limit: 10)
        let requests = items.filter { $0.loop == "pay-on" && $0.kind == .approvalRequest }
        #expect(requests.map(\.key) == ["approval:pay-on~u3", "approval:pay-on"])
    }

    /// Found by a second audit: a hand-off item stands by the last hand-off only (handed to lee, back,
    /// and to lee again, the first came back beside the second); an approval request leaves the
    /// inbox of a lead whose lead token is revoked (their approval would be refused).
    @Test func aHandOffThatCameBackAndARevokedLeadsRequestLeaveTheInbox() async throws {
        var team = try await TestTeam.make()
        defer { team.discard() }
        let push = Pushes(team)
        func shown(_ person: String, _ kind: String) async throws -> [String] {
            try await Self.unread(team, person).filter { $0["kind"]?.stringValue == kind }.compactMap {
                $0["text"]?.stringValue
            }
        }
        try await push(.created, "c1", "pay-back", by: "ana", ["title": "Back and forth", "stakes": "low"])
        try await push(.handedOff, "h1", "pay-back", by: "ana", ["to": "lee", "note": "first"])
        try await push(.handedOff, "h2", "pay-back", by: "lee", ["to": "ana"])
        try await push(.handedOff, "h3", "pay-back", by: "ana", ["to": "lee", "note": "again"])
        #expect(try await shown("lee", "handoff") == ["pay-back Back and forth: handed off to you by ana: again"])

        try await push(.created, "c2", "pay-wait", by: "ana", ["title": "Waits", "autonomy": 2])
        #expect(try await shown("raj", "approval-request").count == 1)
        try await team.addToken(id: "tok-raj-m", person: "raj", role: .member)
        _ = try await team.store.revokeToken(id: "tok-raj", at: TestTeam.now)
        #expect(try await shown("raj", "approval-request") == [], "raj is no lead now")
        #expect(try await shown("lee", "approval-request").count == 1)
    }

    /// A lead given a lead token while a loop waits is asked too (`own server token add --role lead`),
    /// in their inbox only, for the loops that wait now: not for an approved one, nor for their own.
    @Test func aLeadAddedWhileALoopWaitsIsAskedForItsApproval() async throws {
        let team = try await Self.filled()
        defer { team.discard() }
        func event(_ type: EventType, _ id: String, _ loop: String, by: String, _ fields: EventFields) -> Event {
            Event(id: id, loop: loop, at: Timestamp.parse("2026-11-24T09:00:00Z")!, by: by, type: type, fields: fields)
        }
        _ = try await team.store.append(
            [
                event(.created, "c4", "pay-kim", by: "kim", ["title": "Kim's own", "autonomy": 2]),
                // Made to wait by kim, and handed on: kim asked for it, and is not asked again.
                event(.created, "c6", "pay-gave", by: "kim", ["title": "Kim's, given", "autonomy": 2]),
                event(.handedOff, "h6", "pay-gave", by: "kim", ["to": "ana"]),
                event(.created, "c5", "pay-done", by: "ana", ["title": "Approved", "autonomy": 2]),
                event(.approved, "a5", "pay-done", by: "lee", [:]),
            ],
            team: "payments"
        )
        let run = try ServerProcess.run(
            [
                "token", "add", "--team", "payments", "--person", "kim", "--role", "lead", "--db",
                team.folder + "/server.sqlite",
            ]
        )
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "own: kim's inbox now asks for the approval of 1 loop waiting for one: pay-ask\n")
        let items = try await team.store.inbox(team: "payments", person: "kim", unreadOnly: false, limit: 10)
        #expect(items.map(\.loop) == ["pay-ask"])
        #expect(items.first?.kind == .approvalRequest)
        #expect(items.first?.text == "pay-ask Ask: ana asks for your approval")
        #expect(items.first?.from == "ana")
        // Asked already: a second lead token adds nothing, and says nothing.
        let again = try ServerProcess.run(
            [
                "token", "add", "--team", "payments", "--person", "kim", "--role", "lead", "--db",
                team.folder + "/server.sqlite",
            ]
        )
        #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")
        // A member token asks nothing of its person.
        let member = try ServerProcess.run(
            [
                "token", "add", "--team", "payments", "--person", "zoe", "--role", "member", "--db",
                team.folder + "/server.sqlite",
            ]
        )
        #expect(member.status == 0 && member.stderr.isEmpty, "\(member.stderr)")
        #expect(try await team.store.inbox(team: "payments", person: "zoe", unreadOnly: false, limit: 10).isEmpty)
    }

    /// A hand-off item stands while the loop is where it was handed: lee hands pay-give on to raj, and
    /// "handed off to you" leaves lee's inbox (it stayed, unread, for good).
    @Test func aHandOffItemLeavesTheInboxWhenTheLoopMovesOn() async throws {
        let team = try await Self.filled()
        defer { team.discard() }
        let on = Event(
            id: "h4",
            loop: "pay-give",
            at: Timestamp.parse("2026-11-23T12:00:00Z")!,
            by: "lee",
            type: .handedOff,
            fields: ["to": "raj"]
        )
        _ = try await team.store.append([on], team: "payments")
        try await team.withClient { client in
            let lee = try await client.execute(uri: "/api/v1/inbox", method: .get, headers: team.auth("lee"))
            let kinds = try JSONParser.parse(lee.text).objectValue?["items"]?.arrayValue?.compactMap {
                $0.objectValue?["kind"]?.stringValue
            }
            #expect(kinds?.contains("handoff") == false, "\(lee.text)")
        }
    }
}
