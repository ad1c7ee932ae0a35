import Foundation
import OwnCore
import OwnStore
import Testing

/// `own remote` and `own sync` against a real `own-server` on loopback.
@Suite("Sync with the team server", .serialized)
struct SyncTests {
    /// `own list --all --json` without the loop numbers, which are local to each ledger (keys are global).
    static func loops(_ own: OwnBinary) throws -> [JSONValue] {
        let run = own("list", "--all", "--json")
        #expect(run.code == 0, "\(run.stderr)")
        let value = try JSONParser.parse(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        return (value.arrayValue ?? []).map { loop in
            var members = loop.objectValue ?? [:]
            members["number"] = nil
            return .object(members)
        }.sorted { JSONWriter.string($0) < JSONWriter.string($1) }
    }

    /// A person of the server's team with a ledger of their own, its remote set to the server.
    static func member(_ person: String, of server: LiveServer, role: String = "member") throws -> OwnBinary {
        let own = OwnBinary(user: person)
        let set = own("remote", server.url, "--token-file", server.tokenFile(person: person, role: role))
        try #require(set.code == 0, "\(set.stderr)")
        return own
    }

    /// The same server again, at its new port: each ledger's remote (the configuration, and the
    /// cursors beside the ledger) is moved to it as it is.
    static func move(_ ledgers: [OwnBinary], to server: LiveServer) throws {
        for own in ledgers {
            let found = FileManager.default.enumerator(atPath: own.folder)?.compactMap { $0 as? String } ?? []
            for name in found where name.hasSuffix(".toml") || name.hasSuffix(".remote") {
                let path = own.folder + "/" + name
                let text = try String(contentsOfFile: path, encoding: .utf8)
                try text.replacingOccurrences(
                    of: #"127\.0\.0\.1:\d+"#,
                    with: "127.0.0.1:\(server.port)",
                    options: .regularExpression
                )
                .write(toFile: path, atomically: true, encoding: .utf8)
            }
        }
    }

    @Test func oneSyncAtATimeOnALedger() throws {
        let own = OwnBinary()
        #expect(own("add", "Charge in euros").code == 0)
        // Another sync holds the ledger's lock (this test, as that sync would).
        let real = URL(fileURLWithPath: own.ledger).resolvingSymlinksInPath().path
        let descriptor = open(real + ".sync-lock", O_RDWR | O_CREAT, 0o600)
        try #require(descriptor >= 0 && flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        let busy = own("sync")
        // Busy is no usage error: exit 1, for a script to retry.
        #expect(busy.code == 1)
        #expect(
            busy.stderr == "own: another own sync is running on this ledger; run it again once that one is done\n",
            "\(busy.stderr)"
        )
        // The same ledger through a symbolic link is the same ledger.
        let link = own.folder + "/link.sqlite"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: own.ledger)
        let linked = own.run(["sync"], environment: ["OWN_DB": link])
        #expect(linked.stderr.contains("another own sync is running"), "\(linked.stderr)")
        // Once it is done, this one runs (and here finds no remote set).
        close(descriptor)
        let free = own("sync")
        #expect(free.stderr.contains("no remote for this ledger"), "\(free.stderr)")
    }

    static func events(_ own: OwnBinary) -> [String] {
        own("export").stdout.split(separator: "\n").map(String.init).sorted()
    }

    @Test(arguments: [true, false])
    func twoLedgersWorkingOfflineConvergeWhateverOrderTheySyncIn(anaFirst: Bool) throws {
        let server = try LiveServer()
        let ana = try Self.member("ana", of: server)
        let lee = try Self.member("lee", of: server, role: "lead")

        // Given a loop of ana's that both ledgers hold,
        let added = ana(
            "add",
            "Charge in euros",
            "--stakes",
            "high",
            "--due",
            "2026-12-04",
            "--now",
            "2026-11-23T09:00:00Z"
        )
        #expect(added.code == 0, "\(added.stderr)")
        #expect(ana("sync").code == 0)
        let first = lee("sync")
        #expect(first.stdout.contains("pulled 1 (1 new here)"), "\(first.stdout)\(first.stderr)")
        let key = try #require(try Self.loops(lee).first?.objectValue?["key"]?.stringValue)

        // when each works offline on it, lee's approval written before ana's later events,
        #expect(lee("approve", "1", "--now", "2026-11-23T10:00:00Z").code == 0)
        #expect(lee("add", "Rotate the bank keys", "--now", "2026-11-23T10:30:00Z").code == 0)
        #expect(ana("note", "1", "draft ready", "--now", "2026-11-23T11:00:00Z").code == 0)
        #expect(ana("block", "1", "waiting on the bank", "--now", "2026-11-23T12:00:00Z").code == 0)

        // and they sync, one order or the other, then the first again,
        let order = anaFirst ? [ana, lee, ana] : [lee, ana, lee]
        for own in order {
            let run = own("sync")
            #expect(run.code == 0, "\(run.stderr)")
        }

        // then both ledgers hold the same events and show the same loops.
        #expect(Self.events(ana) == Self.events(lee))
        #expect(Self.events(ana).count == 5)
        let anaLoops = try Self.loops(ana)
        #expect(anaLoops == (try Self.loops(lee)))
        let charge = try #require(anaLoops.first { $0.objectValue?["key"]?.stringValue == key }?.objectValue)
        #expect(charge["state"] == "blocked")
        #expect(anaLoops.count == 2)
        #expect(server.stop() == 0)
    }

    @Test func eventsAtTheSameInstantFoldInTheOrderTheyWereRecordedOnEveryLedgerAndTheServer() throws {
        let server = try LiveServer()
        let ana = OwnBinary(user: "ana")
        let lee = try Self.member("lee", of: server)
        let anaToken = server.tokenFile(person: "ana", role: "member")
        #expect(ana("remote", server.url, "--token-file", anaToken).code == 0)
        // Given a script of ana's and a note of lee's, every event at one instant (one `--now`),
        let now = "2026-11-23T09:00:00Z"
        #expect(ana("add", "Hotfix the checkout", "--key", "hotfix", "--now", now).code == 0)
        #expect(ana("start", "hotfix", "--now", now).code == 0)
        #expect(ana("sync").code == 0)
        #expect(lee("sync").code == 0)
        #expect(lee("note", "hotfix", "checked on staging", "--now", now).code == 0)
        for step in [["block", "hotfix", "waiting on the bank"], ["unblock", "hotfix"], ["done", "hotfix"]] {
            let run = ana.run(step + ["--now", now])
            #expect(run.code == 0, "\(step): \(run.stderr)")
        }
        // when both sync, lee last,
        for own in [ana, lee, ana] { #expect(own("sync").code == 0) }

        // then both ledgers hold the same events and fold them the same way: done, as ana's script
        // ended, not blocked or active as another order of the same instant would say;
        #expect(Self.events(ana) == Self.events(lee))
        #expect(Self.events(ana).count == 6)
        let loops = try Self.loops(ana)
        #expect(loops == (try Self.loops(lee)))
        #expect(loops.first?.objectValue?["state"] == "done")
        // and so does the server.
        let shown = try ServerReportsTests.get(server, "/api/v1/loops/hotfix", tokenFile: anaToken)
        #expect(try JSONParser.parse(shown.body).objectValue?["loop"]?.objectValue?["state"] == "done", "\(shown.body)")
        #expect(server.stop() == 0)
    }

    /// ana's loop `key` handed to `to` on the 24th, and synced by her and by `people`: where the take
    /// races start. Returns her ledger, her token and theirs.
    static func handedOff(
        _ key: String,
        to: String,
        server: LiveServer,
        people: [String]
    ) throws -> (ana: OwnBinary, token: String, people: [OwnBinary]) {
        let ana = OwnBinary(user: "ana")
        let token = server.tokenFile(person: "ana", role: "member")
        #expect(ana("remote", server.url, "--token-file", token).code == 0)
        let others = try people.map { try member($0, of: server) }
        #expect(ana("add", "Rotate ledger keys", "--key", key, "--now", "2026-11-24T09:00:00Z").code == 0)
        #expect(ana("handoff", key, "--to", to, "--now", "2026-11-24T09:05:00Z").code == 0)
        for own in [ana] + others { #expect(own("sync").code == 0) }
        return (ana, token, others)
    }

    /// Syncs `ledgers` in that order, each without a refusal, then expects every one of them and the
    /// server to show `owner` as the owner of `key`.
    static func syncAndExpect(
        owner: String,
        of key: String,
        _ ledgers: [OwnBinary],
        _ server: LiveServer,
        token: String
    )
        throws
    {
        for own in ledgers {
            let run = own("sync")
            #expect(run.code == 0, "\(run.stderr)")
        }
        for own in ledgers {
            let shown = try JSONParser.parse(own("show", key, "--json").stdout)
            #expect(shown.objectValue?["loop"]?.objectValue?["owner"] == .string(owner), "\(own.folder)")
        }
        let shown = try ServerReportsTests.get(server, "/api/v1/loops/" + key, tokenFile: token)
        #expect(
            try JSONParser.parse(shown.body).objectValue?["loop"]?.objectValue?["owner"] == .string(owner),
            "\(shown.body)"
        )
    }

    /// ben takes up a hand-off offline; dee takes it an hour later, offline too, and syncs first (the
    /// server, not yet holding ben's start, takes her edit): where it folds, after ben's start, her
    /// take changes nothing, on every ledger and the server alike.
    @Test func aTakeOfAHandOffAlreadyTakenUpChangesNothingWhoeverSyncsFirst() throws {
        let server = try LiveServer()
        let (ana, token, people) = try Self.handedOff("rotate-keys", to: "ben", server: server, people: ["ben", "dee"])
        let (ben, dee) = (people[0], people[1])
        #expect(ben("start", "rotate-keys", "--now", "2026-11-25T10:00:00Z").code == 0)
        #expect(dee("edit", "rotate-keys", "--owner", "dee", "--now", "2026-11-25T11:00:00Z").code == 0)
        try Self.syncAndExpect(owner: "ben", of: "rotate-keys", [dee, ben, dee, ana], server, token: token)
        #expect(server.stop() == 0)
    }

    /// ben and cy each take one hand-off to their team offline, ben first; cy syncs first. The server
    /// stores both, and where they fold ben's stands and cy's changes nothing: every ledger, cy's too,
    /// and the server say so, and cy's history says why.
    @Test func twoTakesOfOneHandOffMadeOfflineLeaveItTheFirstOnes() throws {
        let server = try LiveServer()
        let (ana, token, people) = try Self.handedOff("payouts", to: "payments", server: server, people: ["ben", "cy"])
        let (ben, cy) = (people[0], people[1])
        #expect(ben("edit", "payouts", "--owner", "ben", "--now", "2026-11-25T10:00:00Z").code == 0)
        #expect(cy("edit", "payouts", "--owner", "cy", "--now", "2026-11-25T10:05:00Z").code == 0)
        #expect(cy("sync").stderr.isEmpty)
        #expect(ben("sync").code == 0)
        // cy's sync that pulls ben's earlier take says her own changes nothing now, once.
        let pulled = cy("sync")
        #expect(
            pulled.stderr
                == "own: warning: your change of owner of payouts changes nothing now: ben had taken it up already "
                + "(pulled now) and stays ben's; see `own show payouts`\n",
            "\(pulled.stderr)"
        )
        try Self.syncAndExpect(owner: "ben", of: "payouts", [cy, ana], server, token: token)
        #expect(cy("sync").stderr.isEmpty)
        let history = cy("show", "payouts").stdout
        #expect(history.contains("cy  edited: owner cy (changes nothing: ben had taken it up already)"), "\(history)")
        // The server's JSON of the loop says so too, as `own show --json` does, for the same events.
        let served = try JSONParser.parse(
            ServerReportsTests.get(server, "/api/v1/loops/payouts", tokenFile: token).body
        )
        let shown = try JSONParser.parse(cy("show", "payouts", "--json").stdout)
        let said = shown.objectValue?["changesNothing"]
        #expect(said?.objectValue?.values.first == "ben had taken it up already", "\(shown)")
        #expect(served.objectValue?["changesNothing"] == said, "\(served)")
        #expect(served.objectValue?["events"] == shown.objectValue?["events"])
        #expect(server.stop() == 0)
    }

    /// A ledger holding a name with blanks around it, from before `own import` refused one, keeps
    /// syncing: the server takes the event as it is (refused, it stopped every sync of that ledger).
    @Test func anEventWithAPaddedNameFromBeforeStillSyncs() throws {
        let server = try LiveServer()
        let ana = try Self.member("ana", of: server)
        #expect(ana("add", "Old", "--key", "old", "--now", "2026-11-23T08:00:00Z").code == 0)
        let line =
            #"{"id":"pad-1","loop":"old","at":"2026-11-23T09:00:00Z","by":"ana","type":"risk","note":"x","told":[" lee "]}"#
        let ledger = try SQLiteLedger(path: ana.folder + "/ledger.sqlite")
        _ = try ledger.importEvents([ImportedEvent(event: try Event(jsonLine: line, makeID: { "" }), line: 1)])
        let run = ana("sync")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("pushed 2 events (2 new to the server)"), "\(run.stdout)")
        #expect(ana("sync").code == 0)
        #expect(server.stop() == 0)
    }

    @Test func anEventTheServerRefusesIsNamedAndTheRestStillSyncs() throws {
        let server = try LiveServer()
        let ana = try Self.member("ana", of: server)
        let lee = try Self.member("lee", of: server)
        // Given lee's loop that needs approval, which ana's ledger holds too,
        #expect(
            lee("add", "Charge in euros", "--key", "euros", "--stakes", "high", "--now", "2026-11-23T08:00:00Z").code
                == 0
        )
        #expect(lee("sync").code == 0)
        #expect(ana("sync").code == 0)
        // and ana's approval of it (the server refuses it: only a lead approves) between two loops of hers,
        #expect(ana("add", "Rotate the keys", "--key", "keys", "--now", "2026-11-23T09:00:00Z").code == 0)
        let approved = ana("approve", "euros", "--now", "2026-11-23T10:00:00Z")
        #expect(approved.code == 0, "\(approved.stderr)")
        // (the ledger knows no roles: it says the server takes an approval from a lead only, and the way back)
        #expect(approved.stderr.contains("takes an approval only from a lead"), "\(approved.stderr)")
        #expect(approved.stderr.contains("`own undo` takes it back here"), "\(approved.stderr)")
        #expect(ana("add", "Refunds", "--key", "refunds", "--now", "2026-11-23T11:00:00Z").code == 0)
        let exported = ana("export").stdout.split(separator: "\n").compactMap {
            (try? JSONParser.parse(String($0)))?.objectValue
        }
        let id = try #require(exported.first { $0["type"] == "approved" }?["id"]?.stringValue)

        // when she syncs, the sync says which event was refused, why and what to do, and fails,
        // (with --json, the summary for a script, the refused event in it by id),
        let run = ana("sync", "--json")
        #expect(run.code == 1)
        let summary = try #require(try JSONParser.parse(run.stdout).objectValue, "\(run.stdout)")
        #expect(run.stdout.hasPrefix(#"{"pushed":2,"newToServer":2,"pulled":2,"newHere":0,"stayed":0,"notYet":[],"#))
        let refused = summary["refused"]?.arrayValue?.compactMap(\.objectValue) ?? []
        #expect(refused.map { $0["id"] } == [.string(id)])
        #expect(refused.first?["reason"]?.stringValue?.hasPrefix("only a lead can approve") == true, "\(run.stdout)")
        #expect(
            run.stderr.hasPrefix("own: the server refused approved on euros at 2026-11-23T10:00:00Z (id \(id)): "),
            "\(run.stderr)"
        )
        // (the event named, not its place in the push the server numbered: no "line 2:")
        #expect(run.stderr.contains("(id \(id)): only a lead can approve"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "one line: \(run.stderr)")

        // but the rest reached the team,
        let pulled = lee("sync")
        #expect(pulled.stdout.contains("pulled 2 (2 new here)"), "\(pulled.stdout)\(pulled.stderr)")
        // and what lee pulled is not pushed back as his,
        #expect(lee("sync").stdout == "pushed 0 events (0 new to the server), pulled 0 (0 new here)\n")
        #expect(lee("show", "refunds").code == 0)
        #expect(lee("list", "--state", "proposed").stdout.contains("Charge in euros"))
        // and the next sync is not stuck on it: the refused event is not pushed again,
        let again = ana("sync")
        #expect(again.code == 0, "\(again.stderr)")
        #expect(again.stdout == "pushed 0 events (0 new to the server), pulled 0 (0 new here)\n")
        // and her ledger says, where it shows the approval, that the team does not have it.
        let shown = ana("show", "euros")
        #expect(
            shown.stdout.contains("approved (only in this ledger: the team server refused it: only a lead can approve"),
            "\(shown.stdout)"
        )
        let json = try JSONParser.parse(ana("show", "euros", "--json").stdout).objectValue
        #expect(json?["refusedByServer"]?.objectValue?[id]?.stringValue?.hasPrefix("only a lead can approve") == true)
        #expect(lee("show", "euros", "--json").stdout.contains("refusedByServer") == false)
        // Her undo of it stays here with it, said once, and the sync succeeds: the team never had it;
        // her ledger agrees with the team's again (the loop waits for a lead's approval).
        #expect(ana("undo", "euros", "--yes", "--now", "2026-11-23T10:30:00Z").code == 0)
        #expect(ana("list", "--owner", "all", "--state", "proposed").stdout.contains("Charge in euros"))
        let undone = ana("sync", "--json")
        #expect(undone.code == 0, "\(undone.stderr)")
        #expect(
            undone.stdout.hasPrefix(#"{"pushed":0,"newToServer":0,"pulled":0,"newHere":0,"stayed":1,"#),
            "\(undone.stdout)"
        )
        #expect(
            undone.stderr
                == "own: 1 undo of an event the server refused stayed here with it: the team never had what it takes back\n",
            "\(undone.stderr)"
        )
        #expect(ana("sync").stderr.isEmpty)
        #expect(server.stop() == 0)
    }

    /// Ana's undo on her loop whose created the server refuses (lee's loop has the key there) stays
    /// here with the loop, said so: not refused for a reason of its own, judged against lee's loop.
    @Test func anUndoOnALoopWhoseCreatedWasRefusedIsHeldBackWithIt() throws {
        let server = try LiveServer()
        let ana = try Self.member("ana", of: server)
        let lee = try Self.member("lee", of: server)
        #expect(ana("add", "Cache fix (ana)", "--key", "cache", "--now", "2026-11-27T12:00:00Z").code == 0)
        #expect(ana("note", "cache", "ana's note", "--now", "2026-11-27T12:01:00Z").code == 0)
        #expect(lee("add", "Cache fix (lee)", "--key", "cache", "--now", "2026-11-27T12:02:00Z").code == 0)
        #expect(lee("sync").code == 0)
        #expect(ana("undo", "--yes", "--now", "2026-11-27T12:04:00Z").code == 0)
        let run = ana("sync", "--json")
        #expect(run.code == 1)
        let refused = try #require(try JSONParser.parse(run.stdout).objectValue?["refused"]?.arrayValue)
        let reasons = refused.compactMap { $0.objectValue?["reason"]?.stringValue }
        #expect(reasons.count == 3, "\(run.stdout)")
        #expect(reasons.filter { $0.contains("already has a created event (by lee)") }.count == 1, "\(reasons)")
        #expect(reasons.filter { $0 == "its loop's created was refused" }.count == 2, "\(reasons)")
        #expect(!run.stderr.contains("refused your undo"), "\(run.stderr)")
        #expect(server.stop() == 0)
    }

    /// Ana takes back her hand-off offline after lee, its new owner, started the loop: the server
    /// refuses her undo, and her ledger, once lee's start is here, folds it as taking nothing back:
    /// every ledger and the server agree that lee owns it.
    @Test func anUndoSomeoneBuiltOnFirstTakesNothingBackAnywhere() throws {
        let server = try LiveServer()
        let ana = try Self.member("ana", of: server)
        let lee = try Self.member("lee", of: server)
        #expect(ana("add", "Rotate the keys", "--key", "keys", "--now", "2026-11-23T09:00:00Z").code == 0)
        #expect(ana("handoff", "keys", "--to", "lee", "--note", "yours", "--now", "2026-11-23T09:10:00Z").code == 0)
        #expect(ana("sync").code == 0)
        #expect(lee("sync").code == 0)
        #expect(lee("start", "keys", "--now", "2026-11-23T09:20:00Z").code == 0)
        #expect(lee("sync").code == 0)
        let undone = ana("undo", "--yes", "--now", "2026-11-23T09:30:00Z")
        #expect(undone.code == 0, "\(undone.stderr)")
        #expect(ana("show", "keys", "--json", "--now", "2026-11-23T09:30:00Z").stdout.contains(#""owner":"ana""#))

        let run = ana("sync", "--now", "2026-11-23T09:31:00Z")
        #expect(run.code == 1)
        #expect(run.stderr.contains("own: the server refused your undo, retracted on keys"), "\(run.stderr)")
        #expect(run.stderr.contains("lee recorded started on keys after handed off"), "\(run.stderr)")
        #expect(run.stderr.contains("with their event here, it takes nothing back there either"), "\(run.stderr)")
        for own in [ana, lee] {
            let shown = own("show", "keys", "--json", "--now", "2026-11-23T09:31:00Z").stdout
            #expect(shown.contains(#""owner":"lee""#), "\(shown)")
            #expect(shown.contains(#""state":"active""#), "\(shown)")
            #expect(shown.contains(#""delegatedBy":"ana""#), "\(shown)")
        }
        let history = ana("show", "keys", "--now", "2026-11-23T09:31:00Z").stdout
        #expect(history.contains("(takes back nothing: lee recorded started after it first)"), "\(history)")
        // It says what it meant to take back, not that it took it back.
        #expect(history.contains("retracted: meant to take back the handedOff of"), "\(history)")
        #expect(!history.contains("retracted: takes back the handedOff"), "\(history)")
        #expect(server.stop() == 0)
    }

    /// ana's loop `keys`, added at 09:00 and done at 09:10, synced to the server and to lee's ledger.
    static func doneKeysInBothLedgers() throws -> (LiveServer, OwnBinary, OwnBinary) {
        let server = try LiveServer()
        let ana = try Self.member("ana", of: server)
        let lee = try Self.member("lee", of: server)
        #expect(ana("add", "Rotate the keys", "--key", "keys", "--now", "2026-11-23T09:00:00Z").code == 0)
        #expect(ana("done", "keys", "--now", "2026-11-23T09:10:00Z").code == 0)
        #expect(ana("sync").code == 0)
        #expect(lee("sync").code == 0)
        return (server, ana, lee)
    }

    /// Ana takes back her done offline at 09:30; lee notes on the loop at 09:40 and pushes first. The
    /// server judges her undo as every ledger folds it (before lee's note), so it stands there too:
    /// the loop is open again for the server, ana and lee alike, instead of for ana alone.
    @Test func anUndoDatedBeforeSomeonesEventPushedFirstStandsEverywhere() throws {
        let (server, ana, lee) = try Self.doneKeysInBothLedgers()
        #expect(ana("undo", "--yes", "--now", "2026-11-23T09:30:00Z").code == 0)
        #expect(lee("note", "keys", "checked the new keys", "--now", "2026-11-23T09:40:00Z").code == 0)
        #expect(lee("sync").code == 0)
        let run = ana("sync", "--now", "2026-11-23T09:45:00Z")
        #expect(run.code == 0 && run.stderr.isEmpty, "\(run.stderr)")
        #expect(lee("sync").code == 0)
        for own in [ana, lee] {
            let shown = own("show", "keys", "--json", "--now", "2026-11-23T09:45:00Z").stdout
            #expect(shown.contains(#""state":"open""#), "\(shown)")
        }
        #expect(server.stop() == 0)
    }

    /// An undo the server took, then an event someone recorded before it on what it took back: the
    /// pull that brings that event says the undo takes back nothing now, once.
    @Test func anUndoVoidedByAnEarlierEventPulledLaterIsSaid() throws {
        let (server, ana, lee) = try Self.doneKeysInBothLedgers()
        #expect(lee("note", "keys", "checked the new keys", "--now", "2026-11-23T09:15:00Z").code == 0)
        #expect(ana("undo", "--yes", "--now", "2026-11-23T09:20:00Z").code == 0)
        let undone = ana("sync")
        #expect(undone.code == 0 && undone.stderr.isEmpty, "\(undone.stderr)")
        #expect(lee("sync").code == 0)
        let run = ana("sync")
        #expect(run.code == 0)
        #expect(
            run.stderr
                == "own: warning: your undo of the done on keys takes back nothing now: lee recorded noted on it "
                + "before your undo (pulled now), building on it; record the correction instead\n",
            "\(run.stderr)"
        )
        #expect(ana("show", "keys", "--json").stdout.contains(#""state":"done""#))
        #expect(ana("sync").stderr.isEmpty, "said once")
        #expect(server.stop() == 0)
    }

    /// An event written as someone else (`--as`, an import of their export, a pull) is theirs to push:
    /// sync leaves it here and says so, and the rest syncs.
    @Test func anEventRecordedAsSomeoneElseStaysHereWithANote() throws {
        let server = try LiveServer()
        let ana = try Self.member("ana", of: server)
        let lee = try Self.member("lee", of: server)
        #expect(ana("add", "Rotate the keys", "--key", "keys", "--now", "2026-11-23T09:00:00Z").code == 0)
        #expect(
            ana("add", "Charge in euros", "--key", "euros", "--as", "lee", "--now", "2026-11-23T10:00:00Z").code == 0
        )
        #expect(ana("add", "Refunds", "--key", "refunds", "--now", "2026-11-23T11:00:00Z").code == 0)

        let run = ana("sync")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout == "pushed 2 events (2 new to the server), pulled 2 (0 new here)\n", "\(run.stdout)")
        #expect(run.stderr.contains("1 event recorded as others (lee: 1) stayed here"), "\(run.stderr)")
        #expect(lee("sync").stdout.contains("pulled 2 (2 new here)"))
        #expect(lee("show", "euros").code != 0)
        #expect(server.stop() == 0)
    }

    /// Lee notes a loop from ana's export before ana has pushed it: the note waits for the loop's
    /// created, said as not pushed yet, and goes with lee's first sync after ana's. It was refused for
    /// good, and never reached the team (as after a server restored before its creator synced again).
    @Test func anEventOnALoopTheServerHasNoCreatedOfYetWaitsForItsCreator() throws {
        let server = try LiveServer()
        let ana = try Self.member("ana", of: server)
        let lee = try Self.member("lee", of: server)
        #expect(ana("add", "Rotate the keys", "--key", "keys", "--now", "2026-11-23T09:00:00Z").code == 0)
        #expect(lee("import", lee.file("ana.jsonl", ana("export").stdout)).code == 0)
        #expect(lee("note", "keys", "the HSM is back", "--now", "2026-11-23T10:00:00Z").code == 0)
        var run = lee("sync")
        #expect(run.code == 1, "not pushed yet, as an event dated ahead: \(run.stderr)")
        #expect(
            run.stderr.contains(#"was not pushed yet: the server holds no created event for loop "keys" yet"#),
            "\(run.stderr)"
        )
        #expect(ana("sync").code == 0)
        run = lee("sync")
        #expect(
            run.code == 0 && run.stdout.hasPrefix("pushed 1 event (1 new to the server)"),
            "\(run.stdout)\(run.stderr)"
        )
        #expect(!run.stderr.contains("not pushed yet"), "\(run.stderr)")
        #expect(ana("sync").code == 0)
        #expect(Self.events(ana) == Self.events(lee))
        #expect(Self.events(ana).count == 2)
        #expect(server.stop() == 0)
    }

    /// A name with blanks around it on an imported line is the person without them, on every ledger
    /// and the server: ben's sync pushes ben's " ben " event (it stayed here, "recorded as others").
    @Test func anImportedEventByAPaddedNameIsPushedByThatPerson() throws {
        let server = try LiveServer()
        let ben = try Self.member("ben", of: server)
        #expect(ben("add", "Rotate the keys", "--key", "keys", "--now", "2026-11-23T09:00:00Z").code == 0)
        let line =
            #"{"id":"benimp1","loop":"keys","at":"2026-11-23T10:00:00Z","by":" ben ","type":"noted","note":"imported"}"#
        #expect(ben("import", ben.file("padded.jsonl", line + "\n")).code == 0)
        let run = ben("sync")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("pushed 2 events (2 new to the server)"), "\(run.stdout)")
        #expect(!run.stderr.contains("recorded as others"), "\(run.stderr)")
        let lee = try Self.member("lee", of: server)
        #expect(lee("sync").code == 0)
        #expect(lee("show", "keys").stdout.contains("imported"))
        #expect(server.stop() == 0)
    }

    /// One person in two Unicode forms is one person: José's token names him composed, his OWN_USER
    /// has "e" and a combining accent. His loop is his under the composed name on his ledger, on the
    /// server (`?owner=`) and on a teammate's ledger; the server stored and folded the name as typed.
    @Test func aNameTypedDecomposedIsThePersonTheTokenNames() throws {
        let server = try LiveServer()
        let composed = "jos\u{E9}"
        let jose = OwnBinary(user: "jose\u{301}")
        let token = server.tokenFile(person: composed, role: "member")
        #expect(jose("remote", server.url, "--token-file", token).code == 0)
        #expect(jose("add", "Rotate the keys", "--key", "keys", "--now", "2026-11-23T09:00:00Z").code == 0)
        #expect(jose("list", "--owner", composed).stdout.contains("Rotate the keys"))
        let run = jose("sync")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("pushed 1 event (1 new to the server)"), "\(run.stdout)")
        let connection = try LoopbackConnection(port: server.port)
        let secret = try String(contentsOfFile: token, encoding: .utf8).trimming(.spacesAndNewlines)
        try connection.send(
            "GET /api/v1/loops?owner=jos%C3%A9 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(secret)\r\n"
                + "Connection: close\r\n\r\n"
        )
        #expect(connection.read().contains("Rotate the keys"), "the server has it under the composed name")
        let lee = try Self.member("lee", of: server)
        #expect(lee("sync").code == 0)
        #expect(lee("list", "--owner", composed).stdout.contains("Rotate the keys"))
        #expect(server.stop() == 0)
    }

    /// A reader's token reads the team: its own events are refused as a whole (a 403 naming no
    /// event), and the pull runs all the same; they stay in its ledger for a later sync.
    @Test func aReadersSyncPullsTheTeamEvenWithEventsOfItsOwn() throws {
        let server = try LiveServer()
        let ana = try Self.member("ana", of: server)
        let rob = try Self.member("rob", of: server, role: "reader")
        #expect(ana("add", "Rotate the keys", "--key", "keys", "--now", "2026-11-23T09:00:00Z").code == 0)
        #expect(ana("sync").code == 0)
        #expect(rob("add", "Rob's own", "--key", "robs", "--now", "2026-11-23T10:00:00Z").code == 0)
        let run = rob("sync")
        #expect(run.code == 1, "\(run.stderr)")
        #expect(run.stdout == "pushed 0 events (0 new to the server), pulled 1 (1 new here)\n", "\(run.stdout)")
        #expect(run.stderr.contains("a reader token cannot write events"), "\(run.stderr)")
        #expect(run.stderr.contains("the team's events were pulled all the same"), "\(run.stderr)")
        #expect(rob("show", "keys").code == 0, "the team's loop was pulled")
        #expect(rob("show", "robs").code == 0, "its own stays")
        // A later sync tries again, and pulls on.
        #expect(ana("note", "keys", "rotated the first", "--now", "2026-11-23T11:00:00Z").code == 0)
        #expect(ana("sync").code == 0)
        let again = rob("sync")
        #expect(again.code == 1)
        #expect(rob("show", "keys").stdout.contains("rotated the first"))
        // The team's events it pulled are not called others' events that stayed here.
        #expect(!again.stderr.contains("recorded as others"), "\(again.stderr)")
        #expect(server.stop() == 0)
    }

    /// A token of another person (a user name from git that is not the token's) is a setting to fix:
    /// the push stops with the reason, nothing is given up on, and a sync with the right token pushes
    /// every event.
    @Test func anotherPersonsTokenStrandsNothing() throws {
        let server = try LiveServer()
        let ana = try Self.member("ana", of: server)
        let benToken = server.tokenFile(person: "ben", role: "member")
        #expect(ana("remote", server.url, "--token-file", benToken).code == 0)
        #expect(ana("add", "Stranded?", "--key", "strand", "--now", "2026-11-23T09:00:00Z").code == 0)
        let wrong = ana("sync")
        #expect(wrong.code == 1)
        #expect(wrong.stderr.hasPrefix("own: nothing was pushed or pulled"), "\(wrong.stderr)")
        #expect(wrong.stderr.contains("point this ledger at your own token"), "\(wrong.stderr)")
        // Either the token or the name is wrong: both fixes are named.
        #expect(
            wrong.stderr.contains(
                #"this ledger records you as ana, and the token is ben's: if you are ben, set user = "ben" in the "#
                    + "configuration (or OWN_USER) and sync again"
            ),
            "\(wrong.stderr)"
        )
        #expect(wrong.stdout.isEmpty, "\(wrong.stdout)")

        #expect(ana("note", "strand", "still here", "--now", "2026-11-23T10:00:00Z").code == 0)
        #expect(ana("remote", server.url, "--token-file", server.tokenFile(person: "ana", role: "member")).code == 0)
        // As a sync before this fix left it: the loop given up on, the cursor past its created.
        let statePath = ana.ledger + ".remote"
        var state = try #require(try JSONParser.parse(String(contentsOfFile: statePath, encoding: .utf8)).objectValue)
        state["pushed"] = .number(1)
        state["refusedCreated"] = .object(["strand": .string(#"line 1: "by" is ana, but the token speaks for ben"#)])
        try JSONWriter.string(.object(state)).write(toFile: statePath, atomically: true, encoding: .utf8)
        let right = ana("sync")
        #expect(right.code == 0, "\(right.stderr)")
        #expect(right.stdout.hasPrefix("pushed 2 events (2 new to the server)"), "\(right.stdout)")
        let lee = try Self.member("lee", of: server, role: "lead")
        #expect(lee("sync").code == 0)
        #expect(lee("show", "strand").stdout.contains("still here"))
        #expect(server.stop() == 0)
    }

    /// A sync as someone else (`--as`, OWN_USER) than the token's person is refused before anything
    /// moves: it took this ledger's own events for another person's, moved its cursor past them, and
    /// no later sync pushed them.
    @Test func aSyncAsSomeoneElseThanTheTokensPersonMovesNothing() throws {
        let server = try LiveServer()
        let ana = try Self.member("ana", of: server)
        #expect(ana("add", "Charge in euros", "--key", "euros", "--now", "2026-11-23T09:00:00Z").code == 0)
        let other = ana("sync", "--as", "kenji")
        #expect(other.code == 1)
        #expect(other.stderr.contains("this ledger records you as kenji, and the token is ana's"), "\(other.stderr)")
        let own = ana("sync")
        #expect(own.code == 0, "\(own.stderr)")
        #expect(own.stdout.hasPrefix("pushed 1 event (1 new to the server)"), "\(own.stdout)")
        #expect(server.stop() == 0)
    }

    /// A server not reached, or one that does not accept the token, ends the sync at its push with
    /// the reason said once: the pull would fail alike, and its error said the same again.
    @Test func aServerNotReachedOrATokenRefusedIsSaidOnce() throws {
        let server = try LiveServer()
        let ana = try Self.member("ana", of: server)
        #expect(ana("add", "Rotate the keys", "--key", "keys", "--now", "2026-11-23T09:00:00Z").code == 0)
        let wrong = ana.file("wrong.token", "not-a-token\n")
        chmod(wrong, 0o600)
        #expect(ana("remote", server.url, "--token-file", wrong).code == 0)
        let refused = ana("sync")
        #expect(refused.code == 1)
        #expect(refused.stdout.isEmpty, "\(refused.stdout)")
        #expect(refused.stderr.components(separatedBy: "answered HTTP 401").count == 2, "\(refused.stderr)")
        // And what to do about it, once: the server's words say it, and the file is named.
        #expect(
            refused.stderr.contains("ask a lead for a new one (the token in \(wrong))"),
            "\(refused.stderr)"
        )
        #expect(refused.stderr.components(separatedBy: "ask a lead").count == 2, "\(refused.stderr)")
        #expect(server.stop() == 0)
        // Nothing listens on the stopped server's port.
        let unreached = ana("sync")
        #expect(unreached.code == 1)
        #expect(unreached.stdout.isEmpty, "\(unreached.stdout)")
        #expect(
            unreached.stderr.components(separatedBy: "cannot reach the team server").count == 2,
            "\(unreached.stderr)"
        )
        #expect(
            unreached.stderr.contains("check that it runs there, at the address `own remote` shows"),
            "\(unreached.stderr)"
        )
        // For a script, one object says the sync failed and how far it got (it printed nothing).
        let failed = ana("sync", "--json")
        #expect(failed.code == 1)
        #expect(failed.stdout == #"{"failed":true,"newToServer":0,"pulled":0,"newHere":0}"# + "\n", "\(failed.stdout)")
    }

    /// A remote with a path after the server's address is answered by no route of the server: said
    /// as no answer of the team server's, with what to check. A token file that is missing or empty
    /// is refused when the remote is set, with why.
    @Test func aRemoteThatIsNotTheServersAddressSaysWhatToCheck() throws {
        let server = try LiveServer()
        let ana = try Self.member("ana", of: server)
        let token = server.tokenFile(person: "ana", role: "member")
        #expect(ana("remote", server.url + "/api/v1", "--token-file", token).code == 0)
        let run = ana("sync")
        #expect(run.code != 0)
        #expect(
            run.stderr.contains(
                "answered HTTP 404: no route has the path /api/v1/api/v1/inbox; GET /openapi.json lists the "
                    + "server's routes"
            ),
            "\(run.stderr)"
        )
        // Pointed at the server's dashboard: a web page, not the API's answer.
        #expect(ana("remote", server.url + "/teams", "--token-file", token).code == 0)
        let page = ana("sync")
        #expect(page.code != 0)
        #expect(
            page.stderr.contains(
                "(that is not the team server's answer: check the address `own remote` shows, with no path after it)"
            ),
            "\(page.stderr)"
        )
        let missing = ana("remote", server.url, "--token-file", ana.folder + "/nothing.token")
        #expect(missing.code == 2)
        #expect(missing.stderr.contains("cannot read the token file \(ana.folder)/nothing.token (no such file)"))
        let empty = ana.file("empty.token", "\n")
        chmod(empty, 0o600)
        let blank = ana("remote", server.url, "--token-file", empty)
        #expect(blank.code == 2)
        #expect(blank.stderr.contains("the token file \(empty) holds no token"), "\(blank.stderr)")
        #expect(server.stop() == 0)
    }

    /// A team that moves to a new server: each ledger pointed at it pushes its person's events and
    /// pulls the rest. Pushed whole, a teammate's loop was refused and its key held back, and the
    /// ledger never pulled that loop again.
    @Test func ledgersPointedAtANewServerPushTheirOwnAndPullTheirTeammates() throws {
        let old = try LiveServer()
        let ana = try Self.member("ana", of: old)
        let lee = try Self.member("lee", of: old)
        #expect(ana("add", "Charge in euros", "--key", "euros", "--now", "2026-11-23T09:00:00Z").code == 0)
        #expect(lee("add", "Rotate the keys", "--key", "keys", "--now", "2026-11-23T10:00:00Z").code == 0)
        for own in [ana, lee, ana] { #expect(own("sync").code == 0) }
        #expect(old.stop() == 0)

        let new = try LiveServer()
        for (own, person) in [(ana, "ana"), (lee, "lee")] {
            #expect(own("remote", new.url, "--token-file", new.tokenFile(person: person, role: "member")).code == 0)
        }
        // Lee works on his loop before the move reaches him.
        #expect(lee("start", "keys", "--now", "2026-11-23T11:00:00Z").code == 0)
        for own in [ana, lee, ana] {
            let run = own("sync")
            #expect(run.code == 0, "\(run.stderr)")
            #expect(!run.stderr.contains("not pulled"), "\(run.stderr)")
        }
        #expect(Self.events(ana) == Self.events(lee))
        #expect(Self.events(ana).count == 3)
        #expect(try Self.loops(ana) == (try Self.loops(lee)))
        #expect(new.stop() == 0)
    }

    /// A ledger restored from an older copy, its `.remote` left as it was: the sync sees it lacks
    /// what it synced and starts over, so what it records now is pushed and what it lost is pulled
    /// back (its cursors pointed past both: "pushed 0", exit 0, for good).
    @Test func aLedgerRestoredFromAnOlderCopySyncsFromTheStart() throws {
        let server = try LiveServer()
        let ana = try Self.member("ana", of: server)
        let lee = try Self.member("lee", of: server)
        #expect(ana("add", "Charge in euros", "--key", "euros", "--now", "2026-11-23T09:00:00Z").code == 0)
        #expect(ana("sync").code == 0)
        let files = FileManager.default
        for suffix in ["", "-wal"] where files.fileExists(atPath: ana.ledger + suffix) {
            try files.copyItem(atPath: ana.ledger + suffix, toPath: ana.ledger + ".backup" + suffix)
        }
        #expect(ana("add", "Lost here", "--key", "lost", "--now", "2026-11-23T10:00:00Z").code == 0)
        #expect(lee("add", "Rotate the keys", "--key", "keys", "--now", "2026-11-23T10:30:00Z").code == 0)
        #expect(lee("sync").code == 0)
        #expect(ana("sync").code == 0)
        // Restored: the ledger lost its loop and lee's; the `.remote` beside it is the newer one.
        for suffix in ["", "-wal", "-shm"] { try? files.removeItem(atPath: ana.ledger + suffix) }
        for suffix in ["", "-wal"] where files.fileExists(atPath: ana.ledger + ".backup" + suffix) {
            try files.copyItem(atPath: ana.ledger + ".backup" + suffix, toPath: ana.ledger + suffix)
        }
        #expect(ana("add", "After the restore", "--key", "after", "--now", "2026-11-23T11:00:00Z").code == 0)
        let run = ana("sync")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stderr.contains("this ledger no longer holds the events it last synced"), "\(run.stderr)")
        #expect(!ana("sync").stderr.contains("no longer holds"), "once, not at every sync")
        #expect(lee("sync").code == 0)
        #expect(Self.events(ana).count == 4)
        #expect(Self.events(ana) == Self.events(lee))
        #expect(server.stop() == 0)
    }

    /// A server restored from a backup, then written to, holds another history than the one the
    /// ledgers synced with: each ledger notices, pushes its own events again and pulls the team's
    /// again, so nothing written since the backup is lost, here or on the server.
    @Test func aServerRestoredFromABackupGetsBackWhatItLostAndNothingIsMissed() throws {
        let first = try LiveServer()
        let ana = try Self.member("ana", of: first)
        let lee = try Self.member("lee", of: first)
        #expect(ana("add", "Charge in euros", "--key", "euros", "--now", "2026-11-23T09:00:00Z").code == 0)
        for own in [ana, lee] { #expect(own("sync").code == 0) }
        #expect(first.stop() == 0)
        let files = FileManager.default
        for suffix in ["", "-wal"] where files.fileExists(atPath: first.store + suffix) {
            try files.copyItem(atPath: first.store + suffix, toPath: first.store + ".backup" + suffix)
        }
        let second = try LiveServer(reusing: first)
        try Self.move([ana, lee], to: second)
        #expect(lee("add", "Rotate the keys", "--key", "keys", "--now", "2026-11-23T10:00:00Z").code == 0)
        for own in [lee, ana] { #expect(own("sync").code == 0) }
        #expect(Self.events(ana).count == 2)
        #expect(second.stop() == 0)

        // Restored from the backup: the server lost lee's loop. Ana writes before lee syncs again.
        for suffix in ["", "-wal", "-shm"] { try? files.removeItem(atPath: first.store + suffix) }
        for suffix in ["", "-wal"] where files.fileExists(atPath: first.store + ".backup" + suffix) {
            try files.copyItem(atPath: first.store + ".backup" + suffix, toPath: first.store + suffix)
        }
        let restored = try LiveServer(reusing: first)
        try Self.move([ana, lee], to: restored)
        #expect(ana("note", "euros", "rates from the new provider", "--now", "2026-11-23T11:00:00Z").code == 0)
        for own in [ana, lee, ana] {
            let run = own("sync")
            #expect(run.code == 0, "\(run.stderr)")
            #expect(!run.stderr.contains("not pulled"), "\(run.stderr)")
        }
        #expect(lee("sync").stderr.contains("restored from a backup") == false, "once, not at every sync")
        #expect(Self.events(ana).count == 3)
        #expect(Self.events(ana) == Self.events(lee))
        #expect(restored.stop() == 0)
    }

    /// A restore the cursor cannot see: the event last pulled comes back to its place (its author
    /// pushed it again), while this ledger's own event since the backup is gone. The event it pushed
    /// last, pushed again, tells: the server adds it, so the sync starts over, and nothing is lost.
    @Test func aRestoreRefilledToTheCursorIsSeenByTheEventPushedLast() throws {
        let first = try LiveServer()
        let (ana, ben, lee) = (
            try Self.member("ana", of: first), try Self.member("ben", of: first), try Self.member("lee", of: first)
        )
        #expect(ana("add", "Deploy", "--key", "deploy", "--now", "2026-11-23T09:00:00Z").code == 0)
        for own in [ana, ben, lee] { #expect(own("sync").code == 0) }
        #expect(first.stop() == 0)
        let files = FileManager.default
        for suffix in ["", "-wal"] where files.fileExists(atPath: first.store + suffix) {
            try files.copyItem(atPath: first.store + suffix, toPath: first.store + ".backup" + suffix)
        }
        let second = try LiveServer(reusing: first)
        try Self.move([ana, ben, lee], to: second)
        #expect(ben("note", "deploy", "X from ben", "--now", "2026-11-23T10:00:00Z").code == 0)
        #expect(ben("sync").code == 0)
        #expect(ana("note", "deploy", "A from ana", "--now", "2026-11-23T10:05:00Z").code == 0)
        #expect(ana("sync").code == 0)
        #expect(ben("sync").code == 0)
        #expect(second.stop() == 0)

        for suffix in ["", "-wal", "-shm"] { try? files.removeItem(atPath: first.store + suffix) }
        for suffix in ["", "-wal"] where files.fileExists(atPath: first.store + ".backup" + suffix) {
            try files.copyItem(atPath: first.store + ".backup" + suffix, toPath: first.store + suffix)
        }
        let restored = try LiveServer(reusing: first)
        try Self.move([ana, ben, lee], to: restored)
        #expect(lee("note", "deploy", "L from lee", "--now", "2026-11-23T10:10:00Z").code == 0)
        #expect(lee("sync").code == 0)
        #expect(ana("sync").stderr.contains("restored from a backup"))
        let run = ben("sync")
        #expect(run.code == 0 && run.stderr.contains("restored from a backup"), "\(run.stderr)")
        #expect(lee("sync").code == 0)
        #expect(Self.events(ben).count == 4, "\(Self.events(ben))")
        #expect(Self.events(ben) == Self.events(lee))
        #expect(restored.stop() == 0)
    }

    /// Two people give a loop the same key offline. The server keeps the first `created` and refuses
    /// the second, which its author is told of; each pull leaves the other's out with a warning. Every
    /// sync after that succeeds, the whole team's.
    @Test func theSameKeyMadeOfflineTwiceStopsNobodysSync() throws {
        let server = try LiveServer()
        let dan = try Self.member("dan", of: server)
        let eve = OwnBinary(user: "eve")
        let eveToken = server.tokenFile(person: "eve", role: "member")
        #expect(eve("remote", server.url, "--token-file", eveToken).code == 0)
        #expect(dan("add", "Release 1.4", "--key", "release-1.4").code == 0)
        #expect(eve("add", "Release 1.4 notes", "--key", "release-1.4").code == 0)
        #expect(eve("note", "release-1.4", "eve's draft").code == 0)
        #expect(eve("add", "Changelog", "--key", "changelog").code == 0)
        #expect(dan("sync").code == 0)

        let clash = eve("sync")
        #expect(clash.code == 1)
        #expect(clash.stdout == "pushed 1 event (1 new to the server), pulled 2 (0 new here)\n", "\(clash.stdout)")
        #expect(clash.stderr.contains(#"loop "release-1.4" already has a created event (by dan)"#), "\(clash.stderr)")
        // The server wrote nothing of the batch it refused; sync pushed the rest: not both said.
        #expect(!clash.stderr.contains("nothing was written"), "\(clash.stderr)")
        #expect(
            clash.stderr.contains("was not pushed: the server refused its loop's created"),
            "her note stays hers: \(clash.stderr)"
        )
        #expect(clash.stderr.contains("the team's loop release-1.4 was not pulled"), "\(clash.stderr)")

        let again = dan("sync")
        #expect(again.code == 0, "\(again.stderr)")
        #expect(again.stdout.contains("pulled 1 (1 new here)"), "eve's changelog: \(again.stdout)")
        let danShows = dan("show", "release-1.4", "--json").stdout
        #expect(danShows.contains("\"title\":\"Release 1.4\"") && !danShows.contains("eve's draft"), "\(danShows)")
        let settled = eve("sync")
        #expect(settled.code == 0, "\(settled.stderr)")
        #expect(settled.stderr.isEmpty, "\(settled.stderr)")
        // What she adds to her loop later stays hers too, in every sync after the collision, even
        // after she sets the same remote again.
        #expect(eve("remote", server.url + "/", "--token-file", eveToken).code == 0)
        #expect(eve("note", "release-1.4", "eve's second draft").code == 0)
        let later = eve("sync")
        #expect(later.code == 1)
        #expect(later.stderr.contains("was not pushed: the server refused its loop's created"), "\(later.stderr)")
        #expect(!dan("show", "release-1.4", "--json").stdout.contains("second draft"))
        #expect(dan("sync").code == 0)
        #expect(!dan("show", "release-1.4", "--json").stdout.contains("second draft"))
        // and what the team adds to its loop of that key stays out of hers.
        #expect(dan("note", "release-1.4", "dan's checklist").code == 0)
        #expect(dan("sync").code == 0)
        let apart = eve("sync")
        #expect(apart.stderr.contains("the team's loop release-1.4 was not pulled"), "\(apart.stderr)")
        #expect(!eve("show", "release-1.4", "--json").stdout.contains("checklist"))
        #expect(eve("show", "release-1.4", "--json").stdout.contains("\"title\":\"Release 1.4 notes\""))
        #expect(server.stop() == 0)
    }

    /// A second ledger of ana's holds, under the id of one of her events on the server, an event of
    /// other content (imported from an edited export). Its pull leaves the server's copy out with a
    /// warning and goes on, every page after it too; the push of its own copy is refused and said.
    @Test func anEventIDTheServerHoldsOtherwiseNeverStopsAPull() throws {
        let server = try LiveServer()
        let ana = try Self.member("ana", of: server)
        #expect(ana("add", "Rotate the keys", "--key", "keys", "--now", "2026-11-23T09:00:00Z").code == 0)
        #expect(ana("sync").code == 0)
        let exported = ana("export").stdout
        #expect(exported.contains("Rotate the keys"))
        let laptop = OwnBinary(user: "ana")
        let tokenFile = laptop.folder + "/token"
        #expect(FileManager.default.createFile(atPath: tokenFile, contents: nil))
        try String(contentsOfFile: server.tokenFile(person: "ana", role: "member"), encoding: .utf8)
            .write(toFile: tokenFile, atomically: true, encoding: .utf8)
        #expect(laptop("remote", server.url, "--token-file", tokenFile).code == 0)
        #expect(
            laptop("import", "-", stdin: exported.replacingOccurrences(of: "Rotate the keys", with: "Rotate the certs"))
                .code == 0
        )
        let lee = try Self.member("lee", of: server)
        #expect(lee("add", "Write the runbook", "--key", "runbook", "--now", "2026-11-23T10:00:00Z").code == 0)
        #expect(lee("sync").code == 0)

        let run = laptop("sync")
        #expect(run.code == 1, "its own copy is refused: \(run.stderr)")
        #expect(
            run.stderr.contains("the team's created on keys by ana")
                && run.stderr.contains("was not pulled: this ledger holds another event with that id"),
            "\(run.stderr)"
        )
        #expect(run.stderr.contains("already recorded with different content"), "the push's refusal: \(run.stderr)")
        #expect(laptop("show", "runbook").code == 0, "the rest of the page came in")
        #expect(laptop("show", "keys", "--json").stdout.contains("Rotate the certs"), "it keeps its own")
        #expect(lee("note", "runbook", "first draft", "--now", "2026-11-23T11:00:00Z").code == 0)
        #expect(lee("sync").code == 0)
        let again = laptop("sync")
        #expect(!again.stderr.contains("was not pulled"), "the cursor moved past it: \(again.stderr)")
        #expect(laptop("show", "runbook", "--json").stdout.contains("first draft"), "\(again.stderr)")
        #expect(server.stop() == 0)
    }

    /// A push the server finds too large (its --max-body-bytes) goes again in halves; an event too
    /// large alone is named and stays here, and the rest is pushed.
    @Test func aPushTooLargeForTheServerGoesInHalves() throws {
        let server = try LiveServer(arguments: ["--max-body-bytes", "4096"])
        let ana = try Self.member("ana", of: server)
        let lines = (1...40).map { index in
            #"{"id":"c\#(index)","loop":"k\#(index)","at":"2026-11-23T09:00:00Z","by":"ana","type":"created","#
                + #""title":"Loop number \#(index), with a title long enough to count"}"#
        }
        #expect(ana("import", "-", stdin: lines.joined(separator: "\n") + "\n").code == 0)
        #expect(ana("note", "k1", String(repeating: "long ", count: 1000), "--now", "2026-11-23T10:00:00Z").code == 0)
        let run = ana("sync")
        #expect(run.code == 1)
        #expect(run.stdout == "pushed 40 events (40 new to the server), pulled 40 (0 new here)\n", "\(run.stdout)")
        #expect(
            run.stderr.contains("the server refused noted on k1 at 2026-11-23T10:00:00Z")
                && run.stderr.contains("it is larger than the server takes in one request (its --max-body-bytes)"),
            "\(run.stderr)"
        )
        let lee = try Self.member("lee", of: server)
        #expect(lee("sync").stdout.contains("pulled 40 (40 new here)"))
        #expect(ana("sync").code == 0, "the event too large is not sent again")
        #expect(server.stop() == 0)
    }

    /// After a restore the sync starts over, and an event the server refused for good earlier is not
    /// sent again: it stayed here, and is counted so, not as pushed.
    @Test func aRestoredServersSyncCountsAnEventRefusedEarlierAsStayed() throws {
        let first = try LiveServer(arguments: ["--max-body-bytes", "4096"])
        let ana = try Self.member("ana", of: first)
        #expect(first.stop() == 0)
        let files = FileManager.default
        for suffix in ["", "-wal"] where files.fileExists(atPath: first.store + suffix) {
            try files.copyItem(atPath: first.store + suffix, toPath: first.store + ".backup" + suffix)
        }
        let second = try LiveServer(arguments: ["--max-body-bytes", "4096"], reusing: first)
        try Self.move([ana], to: second)
        #expect(ana("add", "Charge in euros", "--key", "euros", "--now", "2026-11-23T09:00:00Z").code == 0)
        #expect(
            ana("note", "euros", String(repeating: "long ", count: 1000), "--now", "2026-11-23T10:00:00Z").code == 0
        )
        #expect(ana("note", "euros", "short", "--now", "2026-11-23T11:00:00Z").code == 0)
        #expect(ana("sync").code == 1, "the long note is refused")
        #expect(second.stop() == 0)
        for suffix in ["", "-wal", "-shm"] { try? files.removeItem(atPath: first.store + suffix) }
        for suffix in ["", "-wal"] where files.fileExists(atPath: first.store + ".backup" + suffix) {
            try files.copyItem(atPath: first.store + ".backup" + suffix, toPath: first.store + suffix)
        }
        let restored = try LiveServer(arguments: ["--max-body-bytes", "4096"], reusing: first)
        try Self.move([ana], to: restored)
        let run = ana("sync", "--json")
        #expect(run.code == 0, "\(run.stderr)")
        let summary = try JSONParser.parse(run.stdout).objectValue ?? [:]
        #expect(summary["pushed"] == 2 && summary["newToServer"] == 2 && summary["stayed"] == 1, "\(run.stdout)")
        #expect(run.stderr.contains("1 event the server refused in an earlier sync stayed here"), "\(run.stderr)")
        #expect(restored.stop() == 0)
    }

    /// A ledger that could not push its own loop (a reader's) pulls the team's loop of the same key:
    /// it is left out whole, once, and its key held back; the rest of the team's events come in.
    @Test func theTeamsLoopOfAKeyThisLedgerHasIsLeftOutWholeAndThePullGoesOn() throws {
        let server = try LiveServer()
        let ben = try Self.member("ben", of: server)
        let jo = try Self.member("jo", of: server, role: "reader")
        #expect(ben("add", "Collect the invoices", "--key", "coll", "--now", "2026-11-23T09:00:00Z").code == 0)
        for hour in 10...14 {
            #expect(ben("note", "coll", "batch \(hour)", "--now", "2026-11-23T\(hour):00:00Z").code == 0)
        }
        #expect(ben("add", "Rotate the keys", "--key", "keys", "--now", "2026-11-23T15:00:00Z").code == 0)
        #expect(ben("sync").code == 0)
        #expect(jo("add", "Jo's collection", "--key", "coll", "--now", "2026-11-23T12:30:00Z").code == 0)
        let run = jo("sync")
        #expect(run.code == 1, "a reader's push is refused: \(run.stderr)")
        #expect(run.stdout == "pushed 0 events (0 new to the server), pulled 7 (1 new here)\n", "\(run.stdout)")
        #expect(run.stderr.contains("the team's loop coll was not pulled: your own loop has that key"), "\(run.stderr)")
        #expect(!run.stderr.contains("nothing was"), "\(run.stderr)")
        let coll = jo("show", "coll", "--json").stdout
        #expect(coll.contains("\"title\":\"Jo's collection\"") && !coll.contains("batch"), "\(coll)")
        #expect(jo("show", "keys").code == 0)
        #expect(ben("note", "coll", "batch 16", "--now", "2026-11-23T16:00:00Z").code == 0)
        #expect(ben("sync").code == 0)
        // The same remote set again keeps all the sync knows of it (what it pulled, what it holds back).
        #expect(jo("remote", server.url, "--token-file", server.tokenFile(person: "jo", role: "reader")).code == 0)
        let again = jo("sync")
        #expect(again.stdout.contains("pulled 1 (0 new here)"), "\(again.stdout)")
        #expect(!again.stderr.contains("recorded as others"), "the team's events it pulled: \(again.stderr)")
        #expect(!jo("show", "coll", "--json").stdout.contains("batch"))
        #expect(server.stop() == 0)
    }

    /// An event dated ahead of the server's clock (a laptop's clock that runs fast) is not refused for
    /// good: it waits in the ledger, with its loop's other events when it is the loop's created, and
    /// each sync pushes it again; once the server's clock has reached it, the team has it. Nothing
    /// else waits for it, and no key is held back from pulls.
    @Test func anEventDatedAheadOfTheServersClockIsPushedOnceTheClockReachesIt() throws {
        // The server's clock starts at `now` (its `OWN_NOW`) and runs on: the same instants on every run.
        let now = try #require(Timestamp.parse("2026-11-27T12:00:00Z"))
        let server = try LiveServer(clock: Timestamp.format(now))
        let ana = try Self.member("ana", of: server)
        let lee = try Self.member("lee", of: server)
        let today = Timestamp.format(now.addingTimeInterval(-3_600))
        let ahead = Timestamp.format(now.addingTimeInterval(86_400 - 3_600))
        let aheadNote = Timestamp.format(now.addingTimeInterval(86_400 - 1_800))
        // A clock that runs fast (OWN_NOW sets the clock): `--now` a day ahead of it is refused.
        func at(_ instant: String, _ arguments: String...) -> Run {
            ana.run(arguments, environment: ["OWN_NOW": instant])
        }
        #expect(at(today, "add", "Rotate the keys", "--key", "keys").code == 0)
        #expect(at(today, "add", "From a fast clock", "--key", "fast", "--now", ahead).code == 2)
        #expect(at(ahead, "add", "From a fast clock", "--key", "fast").code == 0)
        #expect(at(aheadNote, "note", "fast", "still ahead").code == 0)
        #expect(at(today, "note", "keys", "on time").code == 0)
        let run = ana("sync")
        #expect(run.code == 1)
        #expect(run.stdout.hasPrefix("pushed 2 events (2 new to the server)"), "\(run.stdout)")
        #expect(
            run.stderr.contains("created on fast at \(ahead)") && run.stderr.contains("noted on fast at \(aheadNote)")
                && run.stderr.contains("was not pushed yet: \"at\" is \(ahead), more than 10 minutes after")
                && run.stderr.contains("its loop's created waits until the server's clock reaches its date")
                && run.stderr.contains("Each sync pushes it again until the server takes it")
                && !run.stderr.contains("not pushed again"),
            "\(run.stderr)"
        )
        let state = try String(contentsOfFile: ana.ledger + ".remote", encoding: .utf8)
        #expect(state.contains(#""heldBack":[]"#) && state.contains(#""later":[1,2]"#), "\(state)")
        // Pushed again, still ahead: it waits on, and what came after it goes.
        #expect(at(today, "note", "keys", "later that hour").code == 0)
        let again = ana("sync")
        #expect(again.code == 1 && again.stdout.hasPrefix("pushed 1 event (1 new"), "\(again.stdout)")
        #expect(again.stderr.contains("created on fast at \(ahead) (id"), "\(again.stderr)")
        #expect(server.stop() == 0)

        // A day later by the server's clock: the server takes them, and the team sees the loop.
        let later = try LiveServer(reusing: server, clock: Timestamp.format(now.addingTimeInterval(86_400)))
        try Self.move([ana, lee], to: later)
        let taken = ana("sync")
        #expect(taken.code == 0, "\(taken.stderr)")
        #expect(taken.stdout.hasPrefix("pushed 2 events (2 new to the server)"), "\(taken.stdout)")
        #expect(try String(contentsOfFile: ana.ledger + ".remote", encoding: .utf8).contains(#""later":[]"#))
        #expect(lee("sync").code == 0)
        let seen = lee("show", "fast", "--json", "--now", Timestamp.format(now.addingTimeInterval(86_400)))
        #expect(seen.code == 0 && seen.stdout.contains("still ahead"), "\(seen.stdout) \(seen.stderr)")
        #expect(later.stop() == 0)
    }

    /// A store written by a server before these checks may hold events no ledger imports (a note on a
    /// loop with no created, a second created): a pull leaves each out with a warning and imports the
    /// rest, once; the next pull is clean.
    @Test func aPullLeavesOutWhatAnOlderServerTookAndImportsTheRest() throws {
        let server = try LiveServer()
        let ana = try Self.member("ana", of: server)
        let lee = try Self.member("lee", of: server)
        #expect(ana("add", "Rotate the keys", "--key", "keys", "--now", "2026-11-23T09:00:00Z").code == 0)
        #expect(ana("sync").code == 0)
        let orphan = #"{"id":"o1","loop":"ghost","at":"2026-11-23T10:00:00Z","by":"ana","type":"noted","note":"x"}"#
        let second =
            #"{"id":"o2","loop":"keys","at":"2026-11-23T11:00:00Z","by":"ana","type":"created","title":"Again"}"#
        // And one this version's checks would refuse (an edit's verified is true or false): pulled all
        // the same, as the server holds it.
        let loose =
            #"{"id":"o3","loop":"keys","at":"2026-11-23T11:30:00Z","by":"ana","type":"edited","verified":"yes"}"#
        var sql = ""
        for (id, loop, line) in [("o1", "ghost", orphan), ("o2", "keys", second), ("o3", "keys", loose)] {
            sql +=
                "INSERT INTO events (team, seq, id, loop, at, line) SELECT 'payments', last_seq + 1, '\(id)', "
                + "'\(loop)', 0, '\(line)' FROM teams WHERE name = 'payments'; "
                + "UPDATE teams SET last_seq = last_seq + 1 WHERE name = 'payments'; "
        }
        let written = lee.run([server.store, sql], executable: "/usr/bin/sqlite3")
        try #require(written.code == 0, "\(written.stderr)")
        #expect(ana("add", "Refunds", "--key", "refunds", "--now", "2026-11-23T12:00:00Z").code == 0)
        #expect(ana("sync").code == 0)

        let pulled = lee("sync")
        #expect(pulled.code == 0, "\(pulled.stderr)")
        #expect(pulled.stdout == "pushed 0 events (0 new to the server), pulled 5 (3 new here)\n", "\(pulled.stdout)")
        let warnings = pulled.stderr.split(separator: "\n")
        #expect(warnings.count == 2, "\(pulled.stderr)")
        #expect(warnings.contains { $0.contains("noted on ghost by ana (id o1) was not pulled") })
        #expect(warnings.contains { $0.contains("created on keys by ana (id o2) was not pulled") })
        #expect(lee("show", "refunds").code == 0 && lee("show", "keys").code == 0)
        let again = lee("sync")
        #expect(again.code == 0 && again.stderr.isEmpty, "\(again.stderr)")
        #expect(server.stop() == 0)
    }

    /// An import keeps a file's lines as they are, in its order; the server keeps its own form of
    /// each. A pull of them back is the same events, and a note before its created in the file is
    /// no orphan to the server.
    @Test func importedLinesInAnyFormAndOrderSyncAndPullBack() throws {
        let server = try LiveServer()
        let dan = try Self.member("dan", of: server)
        let file = dan.file(
            "loose.jsonl",
            #"{"type": "noted", "id": "d-2", "loop": "loose", "at": "2026-11-21T09:00:00Z", "by": "dan", "note": "x"}"#
                + "\n"
                + #"{"id": "d-1", "loop": "loose", "at": "2026-11-21T08:00:00Z", "by": "dan", "type": "created", "title": "Loose"}"#
                + "\n"
        )
        #expect(dan("import", file).code == 0)
        let first = dan("sync")
        #expect(first.code == 0, "\(first.stderr)")
        #expect(first.stdout == "pushed 2 events (2 new to the server), pulled 2 (0 new here)\n", "\(first.stdout)")
        let again = dan("sync")
        #expect(again.code == 0 && again.stderr.isEmpty, "\(again.stderr)")
        #expect(server.stop() == 0)
    }

    @Test func ownRemoteWritesTheRemoteTableAndSyncReadsItFromTheConfiguration() throws {
        let server = try LiveServer()
        let ana = OwnBinary(user: "ana")
        let lee = OwnBinary(user: "lee")
        try FileManager.default.createDirectory(atPath: ana.folder + "/config/own", withIntermediateDirectories: true)
        let config = ana.file("config/own/config.toml", "# ana's settings\nuser = \"ana\"\n")
        let token = server.tokenFile(person: "ana", role: "member")

        // `own remote` keeps the file's lines and adds the table,
        let set = ana("remote", server.url, "--token-file", token)
        #expect(set.code == 0, "\(set.stderr)")
        let written = try String(contentsOfFile: config, encoding: .utf8)
        #expect(
            written
                == "# ana's settings\nuser = \"ana\"\n\n[remote]\nurl = \"\(server.url)\"\ntoken-file = \"\(token)\"\n"
        )
        // and setting it again replaces the table rather than adding another.
        #expect(ana("remote", server.url + "/", "--token-file", token).code == 0)
        #expect(try String(contentsOfFile: config, encoding: .utf8) == written)
        #expect(ana("remote").stdout.hasPrefix(server.url + " (token in \(token)"))
        #expect(ana("add", "Charge in euros", "--key", "euros").code == 0)
        #expect(ana("sync").code == 0)

        // A [remote] written by hand is enough: lee never ran `own remote`.
        try FileManager.default.createDirectory(atPath: lee.folder + "/config/own", withIntermediateDirectories: true)
        let leeToken = server.tokenFile(person: "lee", role: "member")
        _ = lee.file("config/own/config.toml", "[remote]\nurl = \"\(server.url)\"\ntoken-file = \"\(leeToken)\"\n")
        let pulled = lee("sync")
        #expect(pulled.code == 0, "\(pulled.stderr)")
        #expect(pulled.stdout.contains("pulled 1 (1 new here)"), "\(pulled.stdout)")
        // A [remote] that is not one is refused by every command, naming it.
        _ = lee.file("config/own/config.toml", "[remote]\nurl = \"ftp://x\"\n")
        let bad = lee("list")
        #expect(bad.code == 2)
        #expect(bad.stderr.contains("remote must be a table with url"), "\(bad.stderr)")
        #expect(server.stop() == 0)
    }

    /// An https:// remote for a server that speaks plain HTTP is said so: there is no certificate.
    @Test func anHTTPSRemoteForAPlainServerIsSaidSo() throws {
        let server = try LiveServer()
        let ana = try Self.member("ana", of: server)
        let secure = server.url.replacingOccurrences(of: "http://", with: "https://")
        #expect(ana("remote", secure, "--token-file", server.tokenFile(person: "ana", role: "member")).code == 0)
        let run = ana("sync")
        #expect(run.code == 1)
        #expect(run.stderr.contains("does not speak TLS: give its address as http://"), "\(run.stderr)")
        #expect(!run.stderr.contains("certificate"), "\(run.stderr)")
        #expect(server.stop() == 0)
    }

    /// A token file gone or emptied since `own remote` says which, and what to do.
    @Test func aTokenFileGoneOrEmptySaysWhichAndWhatToDo() throws {
        let ana = OwnBinary(user: "ana")
        let token = ana.file("token", "abc\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        #expect(ana("remote", "http://127.0.0.1:9", "--token-file", token).code == 0)
        try FileManager.default.removeItem(atPath: token)
        var run = ana("sync")
        #expect(run.code != 0)
        #expect(run.stderr.contains("cannot read a token from \(token) (no such file): put the token"), "\(run.stderr)")
        FileManager.default.createFile(atPath: token, contents: Data("  \n".utf8))
        run = ana("sync")
        #expect(run.stderr.contains("(it holds no token)"), "\(run.stderr)")
    }

    @Test func syncWithoutARemoteSaysHowToSetOne() {
        let ana = OwnBinary(user: "ana")
        let run = ana("sync")
        #expect(run.code == 2)
        #expect(
            run.stderr
                == "own: no remote for this ledger; set one with `own remote URL --token-file FILE` (or [remote] in the configuration)\n"
        )
        for bad in ["0", "inf", "nan", "9223372037"] {
            let run = ana("sync", "--timeout", bad)
            #expect(run.code != 0)
            #expect(
                run.stderr.contains("--timeout must be more than 0 seconds, and at most 86400"),
                "\(bad): \(run.stderr)"
            )
        }
    }
}
