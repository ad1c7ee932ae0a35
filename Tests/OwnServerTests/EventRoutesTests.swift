import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OwnCore
import TeamStore
import Testing

@Suite("Push and pull: POST and GET /api/v1/events")
struct EventRoutesTests {
    @Test func aPushIsStoredOnceAndPulledInArrivalOrder() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient { client in
            let body = lines(
                line(.created, id: "e1", ["title": "Charge in euros"]),
                line(.started, id: "e2", at: "2026-11-23T10:00:00Z")
            )
            let first = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("ana"),
                body: body
            )
            #expect(first.status == .ok)
            #expect(first.text == #"{"added":2,"lastSeq":2,"skipped":0}"#)
            let again = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("ana"),
                body: body
            )
            #expect(again.text == #"{"added":0,"lastSeq":2,"skipped":2}"#)

            let page = try await client.execute(
                uri: "/api/v1/events?after=0&limit=1",
                method: .get,
                headers: team.auth("wall")
            )
            #expect(page.headers[HTTPField.Name("Own-Last-Seq")!] == "1")
            #expect(page.headers[HTTPField.Name("Own-More")!] == "true")
            #expect(page.text == line(.created, id: "e1", ["title": "Charge in euros"]) + "\n")
            let rest = try await client.execute(uri: "/api/v1/events?after=1", method: .get, headers: team.auth("wall"))
            #expect(rest.headers[HTTPField.Name("Own-Last-Seq")!] == "2")
            #expect(rest.headers[HTTPField.Name("Own-More")!] == "false")
            #expect(rest.text == line(.started, id: "e2", at: "2026-11-23T10:00:00Z") + "\n")
            // Nothing after the cursor: the cursor again, or the team's last seq when the cursor is past
            // it (a server restored from a backup), not the cursor echoed as if nothing were amiss.
            for (after, last) in [(2, "2"), (100, "2")] {
                let empty = try await client.execute(
                    uri: "/api/v1/events?after=\(after)",
                    method: .get,
                    headers: team.auth("wall")
                )
                #expect(empty.text.isEmpty && empty.headers[HTTPField.Name("Own-Last-Seq")!] == last, "after=\(after)")
            }
            // One range in every refusal of a limit: past the largest page, or past any number.
            for limit in ["0", "99999999999999999999"] {
                let refused = try await client.execute(
                    uri: "/api/v1/events?limit=\(limit)",
                    method: .get,
                    headers: team.auth("wall")
                )
                #expect(refused.status == .badRequest)
                #expect(refused.text.contains("from 1 to 100000"), "limit=\(limit): \(refused.text)")
            }
        }
    }

    @Test func anEventDatedMoreThanTenMinutesAfterTheServersClockIsRefusedAndNothingIsWritten() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient { client in
            // The server's clock reads 2026-11-27T12:00:00Z.
            // (A blank line counts: the event is on the body's line 3.)
            let ahead = lines(
                line(.created, id: "e1", ["title": "Charge in euros"]),
                "",
                line(.started, id: "e2", at: "2099-01-01T00:00:00Z")
            )
            let refused = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("ana"),
                body: ahead
            )
            #expect(refused.status == .badRequest)
            #expect(
                refused.text.contains(
                    #"line 3: \"at\" is 2099-01-01T00:00:00Z, more than 10 minutes after the server's clock (2026-11-27T12:00:00Z)"#
                ),
                "\(refused.text)"
            )
            #expect(refused.text.contains(#""event":"e2""#), "\(refused.text)")
            let page = try await client.execute(uri: "/api/v1/events", method: .get, headers: team.auth("ana"))
            #expect(page.text.isEmpty)
            // An hour ahead: refused too (a teammate could record nothing on the loop before then).
            let hour = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("ana"),
                body: lines(line(.created, id: "e0", at: "2026-11-27T13:00:00Z", ["title": "Early"]))
            )
            #expect(hour.status == .badRequest, "\(hour.text)")
            // Within 10 minutes ahead: a clock a little off, taken.
            let near = lines(
                line(.created, id: "e1", ["title": "Charge in euros"]),
                line(.started, id: "e2", at: "2026-11-27T12:09:00Z")
            )
            let taken = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("ana"),
                body: near
            )
            #expect(taken.status == .ok, "\(taken.text)")
        }
    }

    @Test func aBodyWithWindowsLineEndingsIsReadLineByLine() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient { client in
            let body = ByteBuffer(
                string: line(.created, id: "e1", ["title": "Charge in euros"]) + "\r\n"
                    + line(.started, id: "e2", at: "2026-11-23T10:00:00Z") + "\r\n"
            )
            let response = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("ana"),
                body: body
            )
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.text == #"{"added":2,"lastSeq":2,"skipped":0}"#)
        }
    }

    /// "é" as one character and as "e" with a combining accent: one text to a ledger's fold, two to
    /// SQLite. The server kept two loops of the two forms of a key (in two pushes), and a ledger that
    /// pulled them applied one's events to the other.
    @Test func aKeyOrAnIdInEitherUnicodeFormIsTheSameKeyOrId() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient { client in
            func push(_ line: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/events",
                    method: .post,
                    headers: team.auth("ana"),
                    body: ByteBuffer(string: line + "\n")
                )
            }
            let common = #""at":"2026-11-23T09:00:00Z","by":"ana""#
            let composed = try await push(
                #"{"id":"caf\u00e9","loop":"r\u00e9sum\u00e9",\#(common),"type":"created","title":"One"}"#
            )
            #expect(composed.status == .ok, "\(composed.text)")
            let decomposedKey = try await push(
                #"{"id":"e2","loop":"re\u0301sume\u0301",\#(common),"type":"created","title":"Two"}"#
            )
            #expect(decomposedKey.status == .conflict, "\(decomposedKey.text)")
            #expect(decomposedKey.error?.contains("already has a created event") == true, "\(decomposedKey.text)")
            let decomposedID = try await push(
                #"{"id":"cafe\u0301","loop":"r\u00e9sum\u00e9",\#(common),"type":"noted","note":"x"}"#
            )
            #expect(decomposedID.status == .conflict, "\(decomposedID.text)")
            #expect(decomposedID.error?.contains("already recorded") == true, "\(decomposedID.text)")
            // The loop is found by its key in either form.
            let read = try await client.execute(
                uri: "/api/v1/loops/re%CC%81sume%CC%81",
                method: .get,
                headers: team.auth("ana")
            )
            #expect(read.status == .ok && read.text.contains(#""title":"One""#), "\(read.text)")
        }
        #expect(try await team.store.lastSeq(team: "payments") == 1)
    }

    @Test func anIdWithOtherContentIsAConflictNamingItAndNothingIsWritten() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient { client in
            _ = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("ana"),
                body: lines(line(.created, id: "e1", ["title": "Charge in euros"]))
            )
            let response = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("ana"),
                body: lines(
                    line(.noted, id: "e2", ["note": "new"]),
                    line(.created, id: "e1", ["title": "Charge in dollars"])
                )
            )
            #expect(response.status == .conflict)
            let named = response.error?.hasPrefix("line 2: event id \"e1\" is already recorded")
            #expect(named == true, "\(response.text)")
            // The same id twice in one body, with other content: the body's mistake, named by its lines.
            let twice = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("ana"),
                body: lines(
                    line(.noted, id: "e3", ["note": "a"]),
                    line(.noted, id: "e4", ["note": "x"]),
                    line(.noted, id: "e3", ["note": "b"])
                )
            )
            #expect(twice.status == .badRequest, "\(twice.text)")
            #expect(
                twice.error == "line 3: event id \"e3\" is on line 1 too, with other content; give one of them "
                    + "another id; nothing was written",
                "\(twice.text)"
            )
        }
        #expect(try await team.store.lastSeq(team: "payments") == 1)
    }

    @Test func theServerDecidesWhoActed() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient { client in
            _ = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("lee"),
                body: lines(
                    line(.created, id: "l1", loop: "pay-lee1", by: "lee", ["title": "Lee's own", "stakes": "high"])
                )
            )
            _ = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("ana"),
                body: lines(line(.created, id: "a1", ["title": "Ana's", "stakes": "high"]))
            )
            func push(_ person: String, _ text: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/events",
                    method: .post,
                    headers: team.auth(person),
                    body: lines(text)
                )
            }
            // Written as someone else: refused.
            let forged = try await push("ana", line(.approved, id: "x1", by: "lee"))
            #expect(forged.status == .forbidden)
            #expect(forged.error?.contains("token speaks for ana") == true)
            // Written as someone else, and also at odds with the team's history (a second created, a
            // note on no loop): refused as not theirs (403, pushed again later by a ledger), not as a
            // conflict (409, which a ledger keeps to itself for good).
            for text in [
                line(.created, id: "x6", loop: "pay-lee1", by: "lee", ["title": "Again"]),
                line(.noted, id: "x7", loop: "no-such-loop", by: "lee", ["note": "n"]),
            ] {
                let wrongToken = try await push("ana", text)
                #expect(wrongToken.status == .forbidden, "\(wrongToken.error ?? "")")
                #expect(wrongToken.error?.contains("token speaks for ana") == true)
            }
            // A member approving: refused; only a lead approves.
            #expect(try await push("ana", line(.approved, id: "x2", loop: "pay-lee1")).status == .forbidden)
            // A lead approving their own loop: refused.
            let own = try await push("lee", line(.approved, id: "x3", loop: "pay-lee1", by: "lee"))
            #expect(own.status == .forbidden)
            #expect(own.error?.contains("cannot approve") == true)
            // Another lead approving ana's loop: stored, and the loop is approved by lee.
            #expect(try await push("lee", line(.approved, id: "x4", by: "lee")).status == .ok)
            // raj approving lee's loop: stored.
            #expect(try await push("raj", line(.approved, id: "x5", loop: "pay-lee1", by: "raj")).status == .ok)
            // A second approval, as `own approve` refuses it: the owner was told twice.
            let again = try await push("raj", line(.approved, id: "x5b", by: "raj"))
            #expect(again.status == .conflict)
            #expect(again.error?.contains("pay-b1 was already approved by lee") == true, "\(again.error ?? "")")
            // ana handing off lee's loop, or taking it by an edit of its owner: stored, and where each
            // folds it changes nothing (refused, it stayed in ana's ledger with the rest of its edit).
            func owner() async throws -> String? {
                try await team.store.loop(team: "payments", key: "pay-lee1", asOf: nil)?.owner
            }
            #expect(try await push("ana", line(.handedOff, id: "x6", loop: "pay-lee1", ["to": "raj"])).status == .ok)
            #expect(try await owner() == "lee")
            let taken = try await push(
                "ana",
                line(.edited, id: "x6b", loop: "pay-lee1", ["owner": "ana", "title": "T"])
            )
            #expect(taken.status == .ok)
            #expect(try await owner() == "lee")
            #expect(try await team.store.loop(team: "payments", key: "pay-lee1", asOf: nil)?.title == "T")
            // The server's name is no one's to own or take a loop.
            for (id, text) in [
                ("y1", line(.created, id: "y1", loop: "pay-srv1", ["title": "Srv", "owner": "own-server"])),
                ("y2", line(.handedOff, id: "y2", ["to": "Own-Server"])),
            ] {
                let refused = try await push("ana", text)
                #expect(refused.status == .badRequest, "\(id)")
                #expect(refused.error?.contains("is own-server, the server's name, not a person's") == true, "\(id)")
            }
            // An edit that opens a proposed loop approves it: not by its owner, nor by a member.
            _ = try await push("ana", line(.created, id: "z1", loop: "pay-z1", ["title": "Z", "stakes": "high"]))
            let edits: [(String, EventFields)] = [("z2", ["stakes": "low"]), ("z3", ["autonomy": 5])]
            for (id, fields) in edits {
                let opened = try await push("ana", line(.edited, id: id, loop: "pay-z1", fields))
                #expect(opened.status == .forbidden, "\(id)")
                #expect(opened.error?.contains("pay-z1 awaits approval, and this edit would approve") == true, "\(id)")
            }
            let lowered = try await push("ana", line(.edited, id: "z4", loop: "pay-z1", ["autonomy": 2]))
            #expect(lowered.status == .ok, "an edit that keeps the loop proposed is its owner's to make")
            #expect(
                try await push("raj", line(.edited, id: "z5", loop: "pay-z1", by: "raj", ["autonomy": 5])).status == .ok
            )
            // ana editing its title: stored.
            #expect(try await push("ana", line(.edited, id: "x9", loop: "pay-lee1", ["title": "Lee's"])).status == .ok)
            // lee handing it off: stored.
            #expect(
                try await push("lee", line(.handedOff, id: "x7", loop: "pay-lee1", by: "lee", ["to": "raj"])).status
                    == .ok
            )
            // Handed off and not yet taken up by raj: anyone's to take as their own, but not to give.
            // (Ids after x7's: events of one instant fold in the order of their ids.)
            #expect(try await push("ana", line(.edited, id: "x7a", loop: "pay-lee1", ["owner": "lee"])).status == .ok)
            #expect(try await owner() == "raj")
            #expect(try await push("ana", line(.edited, id: "x7b", loop: "pay-lee1", ["owner": "ana"])).status == .ok)
        }
        let ana = try #require(try await team.store.loop(team: "payments", key: "pay-b1", asOf: nil))
        #expect(ana.approvedBy == "lee")
        #expect(try await team.store.loop(team: "payments", key: "pay-lee1", asOf: nil)?.owner == "ana")
        #expect(try await team.store.lastSeq(team: "payments") == 13)
        #expect(try await team.store.loop(team: "payments", key: "pay-z1", asOf: nil)?.state == .open)
    }

    /// Pushes lines as `person`'s.
    private static func push(
        _ client: any TestClientProtocol,
        _ team: TestTeam,
        as person: String,
        _ text: [String]
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/events",
            method: .post,
            headers: team.auth(person),
            body: ByteBuffer(string: text.joined(separator: "\n"))
        )
    }

    /// An approval is judged where it folds, as every ledger folds it: made offline while the loop
    /// waited, it stands when the owner's start and done reached the server first (refused as "done:
    /// nothing to approve", the team's doctor said the owner worked before approval, for good).
    @Test func anApprovalIsJudgedWhereItFoldsNotOnTheLoopAsItIsNow() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient { client in
            func push(_ person: String, _ text: String...) async throws -> TestResponse {
                try await Self.push(client, team, as: person, text)
            }
            let pushed = try await push(
                "ana",
                line(.created, id: "m1", ["title": "Migrate", "stakes": "high"]),
                line(.started, id: "m2", at: "2026-11-23T09:20:00Z"),
                line(.done, id: "m3", at: "2026-11-23T11:00:00Z", ["outcome": "migrated"])
            )
            #expect(pushed.status == .ok)
            // Where it folds after the done, it is refused as before.
            let late = try await push("raj", line(.approved, id: "m5", at: "2026-11-23T12:00:00Z", by: "raj"))
            #expect(late.status == .conflict)
            #expect(late.error?.contains("pay-b1 is done: there is nothing to approve") == true, "\(late.error ?? "")")
            let approval = try await push("lee", line(.approved, id: "m4", at: "2026-11-23T09:10:00Z", by: "lee"))
            #expect(approval.status == .ok, "\(approval.error ?? "")")
            let loop = try await team.store.loop(team: "payments", key: "pay-b1", asOf: nil)
            #expect(loop?.approvedBy == "lee" && loop?.actedBeforeApprovalAt == nil, "\(String(describing: loop))")
            // Where it folds after the first approval, a second one is refused.
            let second = try await push("raj", line(.approved, id: "m6", at: "2026-11-23T09:15:00Z", by: "raj"))
            #expect(second.status == .conflict)
            #expect(second.error?.contains("pay-b1 was already approved by lee") == true, "\(second.error ?? "")")
        }
    }

    /// What `own undo` would not record, no client writes: a retraction of someone else's event, of a
    /// creation or of a retraction, or of an event someone else built on.
    @Test func aRetractionIsRefusedWhereOwnUndoWouldRefuseIt() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient { client in
            func push(_ person: String, _ text: String...) async throws -> TestResponse {
                try await Self.push(client, team, as: person, text)
            }
            func retract(_ id: String, by person: String, as retraction: String) -> String {
                line(.retracted, id: retraction, at: "2026-11-23T11:00:00Z", by: person, ["retracts": .string(id)])
            }
            #expect(
                try await push(
                    "ana",
                    line(.created, id: "r1", ["title": "Ana's"]),
                    line(.noted, id: "r2", at: "2026-11-23T09:10:00Z", ["note": "first"]),
                    line(.noted, id: "r3", at: "2026-11-23T09:20:00Z", ["note": "second"])
                ).status == .ok
            )
            // raj takes back ana's note: refused, only who recorded it.
            let notTheirs = try await push("raj", retract("r3", by: "raj", as: "x1"))
            #expect(notTheirs.status == .forbidden)
            #expect(
                notTheirs.error?.contains("only who recorded an event takes it back") == true,
                "\(notTheirs.error ?? "")"
            )
            // The creation, and a retraction: refused.
            #expect(try await push("ana", retract("r1", by: "ana", as: "x2")).status == .conflict)
            // Her last note: taken back, and a retry of it stands.
            #expect(try await push("ana", retract("r3", by: "ana", as: "x3")).status == .ok)
            #expect(try await push("ana", retract("r3", by: "ana", as: "x3")).status == .ok)
            #expect(try await push("ana", retract("x3", by: "ana", as: "x4")).status == .conflict)
            // Taken back again under another id: refused, it takes back nothing more.
            let twice = try await push("ana", retract("r3", by: "ana", as: "x3-again"))
            #expect(twice.status == .conflict)
            #expect(twice.error?.contains("noted r3 was taken back already") == true, "\(twice.error ?? "")")
            // raj notes on it; ana's first note is then built upon: refused.
            #expect(
                try await push("raj", line(.noted, id: "r4", at: "2026-11-23T10:00:00Z", by: "raj", ["note": "seen"]))
                    .status == .ok
            )
            let builtUpon = try await push("ana", retract("r2", by: "ana", as: "x5"))
            #expect(builtUpon.status == .conflict)
            #expect(
                builtUpon.error?.contains("raj recorded noted on pay-b1 after noted r2") == true,
                "\(builtUpon.error ?? "")"
            )
            // ana's note at 10:30, and raj's at 11:45 pushed before her undo of it, made offline at 11:00:
            // judged as every ledger folds them (her undo first), it stands.
            #expect(
                try await push("ana", line(.noted, id: "r5", at: "2026-11-23T10:30:00Z", ["note": "third"])).status
                    == .ok
            )
            #expect(
                try await push("raj", line(.noted, id: "r6", at: "2026-11-23T11:45:00Z", by: "raj", ["note": "ok"]))
                    .status == .ok
            )
            #expect(try await push("ana", retract("r5", by: "ana", as: "x6")).status == .ok)
            // A retraction naming no event of its loop (none at all, or another loop's): refused, it
            // would stand in every history taking back nothing.
            for target in ["nothing-of-the-kind", "c-pay-other"] {
                let junk = try await push("ana", retract(target, by: "ana", as: "x-" + target))
                #expect(junk.status == .conflict)
                #expect(junk.error?.contains("which is no event of pay-b1") == true, "\(junk.error ?? "")")
            }
        }
        #expect(try await team.store.lastSeq(team: "payments") == 8)
        let notes = try await team.store.events(team: "payments", ofLoops: ["pay-b1"], since: nil, asOf: nil)
        // Her undo of r3 (11:00) takes nothing back any more: raj's note at 10:00, pushed after it, folds
        // before it and built on r3. Her undo of r5 stands. Every ledger that pulls them folds the same.
        #expect(Event.takenBack(notes) == ["r5"])
    }

    @Test(
        arguments: [
            ("not json", "line 2: not JSON"),
            (
                #"{"id":"e1","loop":"pay-b1","at":"2026-11-23T09:00:00Z","by":"ana","type":"teleported"}"#,
                "unknown type \"teleported\""
            ),
            (#"{"id":"e1","loop":"pay-b1","at":"yesterday","by":"ana","type":"noted"}"#, "\"at\" must be"),
            (#"{"loop":"pay-b1","at":"2026-11-23T09:00:00Z","by":"ana","type":"noted"}"#, "needs an \"id\""),
            (
                #"{"id":"e1","loop":"pay-b1","at":"2026-11-23T09:00:00Z","by":"ana","type":"created"}"#,
                "needs \"title\""
            ),
        ]
    )
    func aBadBodyIsA400NamingTheFaultAndWritesNothing(body: String, fault: String) async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient { client in
            let response = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("ana"),
                body: ByteBuffer(string: line(.created, id: "ok1", ["title": "fine"]) + "\n" + body)
            )
            #expect(response.status == .badRequest)
            #expect(response.error?.contains(fault) == true, "\(response.text)")
        }
        #expect(try await team.store.lastSeq(team: "payments") == 0)
    }

    /// A byte-order mark before the first line (a Windows editor's) is skipped, as `own import` skips it.
    @Test func aByteOrderMarkBeforeTheFirstLineIsSkipped() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient { client in
            let marked = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("ana"),
                body: ByteBuffer(
                    string: "\u{FEFF}" + line(.created, id: "bom1", loop: "pay-bom", ["title": "x"]) + "\n"
                )
            )
            #expect(marked.status == .ok, "\(marked.text)")
        }
    }

    @Test func invalidUTF8AndAnOversizedBodyAreRefused() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient(maxBodyBytes: 4096) { client in
            var bytes = ByteBuffer(
                string: #"{"id":"e1","loop":"pay-b1","at":"2026-11-23T09:00:00Z","by":"ana","type":"created","title":""#
            )
            bytes.writeBytes([0xC3, 0x28])
            bytes.writeString("\"}\n")
            let invalid = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("ana"),
                body: bytes
            )
            #expect(invalid.status == .badRequest)
            #expect(invalid.error == "the body is not valid UTF-8")
            let big = String(repeating: line(.noted, id: "n", ["note": "x"]) + "\n", count: 100)
            let oversized = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("ana"),
                body: ByteBuffer(string: big)
            )
            #expect(oversized.status == .contentTooLarge)
            #expect(oversized.error?.contains("larger than 4096 bytes") == true)
            let empty = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("ana"),
                body: ByteBuffer(string: "\n\n")
            )
            #expect(empty.status == .badRequest)
            #expect(empty.error?.contains("no events") == true)
        }
        // One event longer than the server takes, in a body it takes: refused by its line, nothing stored.
        try await team.withClient { client in
            let long = String(repeating: "a", count: Event.longestPushedLine)
            let body =
                line(.created, id: "c1", loop: "pay-ok", ["title": "Fine"]) + "\n"
                + line(.created, id: "c2", loop: "pay-long", ["title": .string(long)]) + "\n"
            let refused = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: team.auth("ana"),
                body: ByteBuffer(string: body)
            )
            #expect(refused.status == .badRequest)
            #expect(refused.error?.contains("line 2: the event is") == true, "\(refused.error ?? "")")
            #expect(try await team.store.events(team: "payments", after: 0, limit: 10).isEmpty)
            let badCursor = try await client.execute(
                uri: "/api/v1/events?after=x",
                method: .get,
                headers: team.auth("ana")
            )
            #expect(badCursor.status == .badRequest)
            #expect(badCursor.error == "\"after\" must be a whole number")
            let hugeCursor = try await client.execute(
                uri: "/api/v1/events?after=99999999999999999999",
                method: .get,
                headers: team.auth("ana")
            )
            #expect(hugeCursor.status == .badRequest)
            #expect(hugeCursor.error == "\"after\" must be a whole number from 0 to \(Int.max)")
            // A lone sign is no number at all, not one too large.
            let sign = try await client.execute(uri: "/api/v1/events?after=-", method: .get, headers: team.auth("ana"))
            #expect(sign.error == "\"after\" must be a whole number")
            for uri in ["/api/v1/loops?owner=", "/api/v1/loops?owner=,"] {
                let nobody = try await client.execute(uri: uri, method: .get, headers: team.auth("ana"))
                #expect(nobody.status == .badRequest, "\(uri)")
                #expect(nobody.error?.hasPrefix("\"owner\" names nobody") == true, "\(uri)")
            }
            // Two people and an empty name between them: the empty one is said, not "nobody".
            let gap = try await client.execute(
                uri: "/api/v1/loops?owner=ana,,lee",
                method: .get,
                headers: team.auth("ana")
            )
            #expect(gap.status == .badRequest)
            #expect(
                gap.error?.hasPrefix("\"owner\" has an empty name between commas (ana,,lee)") == true,
                "\(gap.error ?? "")"
            )
        }
        #expect(try await team.store.lastSeq(team: "payments") == 0)
    }
}
