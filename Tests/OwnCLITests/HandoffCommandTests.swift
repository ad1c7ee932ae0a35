import Foundation
import OwnCore
import Testing

@Suite("Hand-offs that transfer: the recipient owns the loop, the delegator follows it up")
struct HandoffCommandTests {
    /// A done or dropped loop keeps its owner, by an edit as by a hand-off: given away, its delivery
    /// went into the new owner's brag and readiness.
    @Test func anEndedLoopKeepsItsOwner() {
        let own = OwnBinary()
        own.succeeds("add", "Ship the exporter", "--now", "2026-11-23T09:00:00Z")
        own.succeeds("done", "1", "--outcome", "shipped", "--now", "2026-11-23T10:00:00Z")
        for command in [["edit", "1", "--owner", "bob"], ["edit", "1", "--owner", "bob", "--title", "Exporter"]] {
            let run = own.run(command + ["--now", "2026-11-24T09:00:00Z"])
            #expect(run.code == 2)
            #expect(
                run.stderr
                    == "own: #1 is done: it stays ana's, who ended it; `own reopen 1 REASON` first to give it to someone else\n",
                "\(run.stderr)"
            )
        }
        #expect(own("brag", "--since", "2026-11-23", "--now", "2026-11-25T09:00:00Z").stdout.contains("shipped"))
        // Its other fields still change; reopened, it may go to someone else.
        own.succeeds("edit", "1", "--title", "Ship the CSV exporter", "--now", "2026-11-24T09:00:00Z")
        own.succeeds("reopen", "1", "bob takes the next version", "--now", "2026-11-24T10:00:00Z")
        own.succeeds("edit", "1", "--owner", "bob", "--now", "2026-11-24T10:05:00Z")
        #expect(own("list", "--as", "bob").stdout.contains("Ship the CSV exporter"))
    }

    /// A hand-off opens the loop for its new owner: a block it was in is lifted, and said so.
    @Test func handingOffABlockedLoopSaysItsBlockIsLifted() {
        let own = OwnBinary()
        own.succeeds("add", "Build the runner image", "--now", "2026-11-23T09:00:00Z")
        own.succeeds("start", "1", "--now", "2026-11-23T09:10:00Z")
        own.succeeds("block", "1", "waiting on infra", "--now", "2026-11-23T09:20:00Z")
        let run = own("handoff", "1", "--to", "bob", "--now", "2026-11-23T10:00:00Z")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "  its block on \"waiting on infra\" is lifted: bob blocks it again (`own block 1 REASON`) if it still waits\n"
            ),
            "\(run.stdout)"
        )
        // An open loop handed off says nothing of a block.
        own.succeeds("add", "Write the runbook", "--now", "2026-11-23T11:00:00Z")
        #expect(!own("handoff", "2", "--to", "bob", "--now", "2026-11-23T11:10:00Z").stdout.contains("block"))
    }

    @Test func theRecipientOwnsItAndTheDelegatorSeesItAsDelegated() throws {
        let own = OwnBinary()
        own.succeeds(
            "add",
            "Rotate the API keys",
            "--due",
            "2026-12-04",
            "--done-when",
            "old keys revoked",
            "--now",
            "2026-11-23T09:00:00Z"
        )
        own.succeeds("start", "1", "--now", "2026-11-23T09:30:00Z")
        var run = own("handoff", "1", "--to", "bob", "--note", "his service now", "--now", "2026-11-23T10:00:00Z")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("#1 handed off to bob: Rotate the API keys"))
        #expect(run.stdout.contains("bob owns it now (open)"))
        // Bob sees it in his list and can start it.
        #expect(own("list", "--as", "bob").stdout.contains("Rotate the API keys"))
        #expect(own("list").stdout.hasPrefix("no open loops for ana"))
        // An empty list names whose it is: the owner asked for, not the one asking.
        #expect(own("list", "--owner", "carol").stdout == "no open loops for carol\n")
        #expect(own("list", "--owner", "all", "--state", "blocked").stdout == "no loops match\n")
        run = own("list", "--delegated", "--json")
        let delegated = try #require(try JSONParser.parse(run.stdout).arrayValue)
        #expect(delegated.count == 1)
        #expect(delegated.first?.objectValue?["owner"] == "bob")
        #expect(delegated.first?.objectValue?["delegatedBy"] == "ana")
        #expect(own("list", "--delegated").stdout.contains("bob"))
        #expect(own("list", "--delegated", "--as", "bob").stdout == "no loops handed off by bob match\n")
        // Everyone's hand-offs, a lead's view: carol's too, and no loop that was never handed off.
        own.succeeds("add", "Carol's report", "--as", "carol", "--now", "2026-11-23T10:10:00Z")
        own.succeeds("add", "Kept", "--as", "carol", "--now", "2026-11-23T10:12:00Z")
        own.succeeds("handoff", "2", "--to", "dan", "--as", "carol", "--now", "2026-11-23T10:20:00Z")
        let everyone = try #require(
            try JSONParser.parse(own("list", "--delegated", "--owner", "all", "--json").stdout).arrayValue
        )
        #expect(everyone.compactMap { $0.objectValue?["delegatedBy"]?.stringValue }.sorted() == ["ana", "carol"])
        // --all is everyone's loops with no --owner, hand-offs too (it widened the states only).
        let all = try #require(try JSONParser.parse(own("list", "--delegated", "--all", "--json").stdout).arrayValue)
        #expect(all.compactMap { $0.objectValue?["delegatedBy"]?.stringValue }.sorted() == ["ana", "carol"])
        // Who waits on whom: the table shows who handed each loop off beside its owner.
        let table = own("list", "--delegated", "--owner", "all").stdout.split(separator: "\n").map {
            $0.split(separator: " ").map(String.init)
        }
        #expect(table.first == ["#", "state", "stakes", "due", "from", "owner", "title"], "\(table)")
        #expect(
            table.dropFirst().map { [$0[4], $0[5]] }.sorted { $0[0] < $1[0] } == [["ana", "bob"], ["carol", "dan"]]
        )
        #expect(own("list", "--delegated", "--owner", "all", "--format", "md").stdout.contains("| from | owner |"))
        #expect(
            own("list", "--delegated", "--owner", "all", "--state", "done").stdout
                == "no loops handed off by anyone match\n"
        )
        // Bob's standup lists it as new to him, handed over by ana, not as a loop he opened.
        run = own("standup", "--as", "bob", "--now", "2026-11-24T09:00:00Z")
        #expect(run.stdout.contains("handed over by ana Mon 23 Nov, open"), "\(run.stdout)")
        #expect(!run.stdout.contains("opened"), "\(run.stdout)")
        let new = try JSONParser.parse(own("standup", "--as", "bob", "--json", "--now", "2026-11-24T09:00:00Z").stdout)
            .objectValue?["new"]?.arrayValue?.first?.objectValue
        #expect(new?["handedOverBy"] == "ana")
        #expect(new?["handedOverAt"] == "2026-11-23T10:00:00Z")
        run = own("show", "1")
        #expect(run.stdout.contains("owner:        bob"), "\(run.stdout)")
        #expect(run.stdout.contains("delegated by: ana"))
        #expect(run.stdout.contains("ana  started"), "the history is kept")
        #expect(own("start", "1", "--as", "bob", "--now", "2026-11-23T11:00:00Z").code == 0)
        #expect(own("show", "1", "--json").stdout.contains(#""state":"active""#))
    }

    /// The delegator's notice of a loop handed off is theirs and says where it went, with no
    /// contingency: it drafted a promise in the new owner's voice ("from bob", "…I will say so").
    /// The new owner's notice is an ordinary one.
    /// A hand-off stays in its delegator's standup and weekly when its new owner hands the loop on:
    /// the reports read it by who handed it off last, and "Nothing to report" took its place.
    @Test func aHandOffStaysInTheDelegatorsReportsWhenTheLoopIsHandedOn() {
        let own = OwnBinary(now: "2026-11-16T09:00:00Z")
        own.succeeds("add", "Chain", "--done-when", "x", "--due", "2026-12-20")
        own.succeeds("handoff", "1", "--to", "bob", "--note", "n", "--now", "2026-11-23T10:00:00Z")
        own.succeeds("handoff", "1", "--to", "carol", "--note", "m", "--as", "bob", "--now", "2026-11-24T09:00:00Z")
        let standup = own("standup", "--now", "2026-11-24T09:30:00Z")
        #expect(standup.stdout.contains("Chain - carol's, open"), "\(standup.stdout)")
        #expect(standup.stdout.contains("handed off to bob: n"), "\(standup.stdout)")
        let weekly = own("weekly", "--now", "2026-11-27T16:00:00Z")
        #expect(weekly.stdout.contains("Chain"), "\(weekly.stdout)")
        #expect(!weekly.stdout.contains("Nothing to report"), "\(weekly.stdout)")
        // Bob's hand-off is his: in his standup, not in dan's, who handed nothing off.
        #expect(
            own("standup", "--as", "bob", "--now", "2026-11-24T09:30:00Z").stdout.contains("handed off to carol: m")
        )
        #expect(!own("standup", "--as", "dan", "--now", "2026-11-24T09:30:00Z").stdout.contains("Chain"))
    }

    @Test func theDelegatorsNoticeSaysWhereTheLoopWent() throws {
        let own = OwnBinary(now: "2026-11-25T09:00:00Z")
        own.succeeds(
            "add",
            "Ship n1",
            "--key",
            "n1",
            "--due",
            "2026-12-10",
            "--affects",
            "release-team",
            "--now",
            "2026-11-20T09:00:00Z"
        )
        own.succeeds("scope", "n1", "bigger", "--now", "2026-11-23T09:00:00Z")
        own.succeeds("handoff", "n1", "--to", "bob", "--now", "2026-11-24T09:00:00Z")
        let notice = own("notice", "n1")
        #expect(notice.code == 0, "\(notice.stderr)")
        #expect(notice.stdout.contains("from ana\n"), "\(notice.stdout)")
        #expect(notice.stdout.contains("handed off to bob Tue 24 Nov"), "\(notice.stdout)")
        let json = try #require(try JSONParser.parse(own("notice", "n1", "--json").stdout).objectValue)
        #expect(json["contingency"] == .null && json["owner"] == "ana", "\(json)")
        let bobs = try #require(try JSONParser.parse(own("notice", "n1", "--json", "--as", "bob").stdout).objectValue)
        #expect(bobs["owner"] == "bob" && bobs["ended"] == .null && bobs["contingency"] != .null, "\(bobs)")
    }

    @Test func handingOffToYourselfToNobodyOrToTheOwnerIsRefused() {
        let own = OwnBinary()
        own.succeeds("add", "Rotate the API keys")
        var run = own("handoff", "1", "--to", "ana")
        #expect(run.code == 2)
        #expect(run.stderr == "own: you cannot hand a loop to yourself; name who takes it over with --to NAME\n")
        run = own("handoff", "1", "--to", "Ana")
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("own: Ana is you (ana) but for the case of its letters"), "\(run.stderr)")
        for nobody in ["", "  ", "none", "nobody", "all", "All"] {
            run = own("handoff", "1", "--to", nobody)
            #expect(run.code == 2, "--to \"\(nobody)\"")
        }
        #expect(own("handoff", "1", "--to", "all").stderr.contains("needs one person"))
        own.succeeds("handoff", "1", "--to", "bob")
        // Taken up by bob (a note of his), it is his alone.
        own.succeeds("note", "1", "on it", "--as", "bob")
        // Only the owner hands a loop off: handed off by someone else, the follow-up went to the
        // previous owner, who had handed nothing off.
        run = own("handoff", "1", "--to", "kim", "--as", "lee")
        #expect(run.code == 2)
        #expect(
            run.stderr == "own: #1 is bob's: only its owner hands it off; ask bob to hand it off\n",
            "\(run.stderr)"
        )
        // Nor by an edit of its owner, which is a hand-off without its follow-up.
        run = own("edit", "1", "--owner", "lee", "--as", "lee")
        #expect(run.code == 2)
        #expect(
            run.stderr
                == "own: #1 is bob's: only its owner gives it another owner; ask bob to (`own handoff 1 --to lee`)\n",
            "\(run.stderr)"
        )
        #expect(own("export").stdout.split(separator: "\n").count == 3)
        // Its owner may move it by an edit; ana, who handed it to bob, still follows it (her
        // --delegated list shows it), and the note says so.
        run = own("edit", "1", "--owner", "kim", "--as", "bob")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stderr.contains("kim owns #1 now, by an edit; ana, who handed it off, still follows it up"))
        #expect(own("list", "--delegated").stdout.contains("kim"))
        // A loop nobody handed off, moved by an edit: nobody follows it up, and the note says what would have.
        own.succeeds("add", "Renew the certificate")
        run = own("edit", "2", "--owner", "kim")
        #expect(run.stderr.contains("kim owns #2 now, by an edit: nobody follows it up; `own handoff 2 --to kim`"))
    }

    @Test func aHandOffNobodyTookUpIsAnyonesToTakeAsTheirOwn() throws {
        // Handed to a team, whose name records no event: one of its people takes it, then hands it on.
        let own = OwnBinary()
        own.succeeds("add", "Payments API", "--key", "papi")
        own.succeeds("handoff", "papi", "--to", "payments")
        var run = own("handoff", "papi", "--to", "kim", "--as", "lee")
        #expect(run.code == 2)
        #expect(
            run.stderr
                == "own: #1 is payments's: only its owner hands it off; ask payments to hand it off, "
                + "or take it yourself first (`own edit 1 --owner lee`)\n",
            "\(run.stderr)"
        )
        // Not theirs to hand on, to themselves or anyone: said before "yourself".
        run = own("handoff", "papi", "--to", "lee", "--as", "lee")
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("own: #1 is payments's: only its owner hands it off"), "\(run.stderr)")
        // Nobody but the taker is given it by someone else's edit.
        run = own("edit", "papi", "--owner", "kim", "--as", "lee")
        #expect(run.code == 2)
        #expect(run.stderr.contains("only its owner gives it another owner"), "\(run.stderr)")
        // Started by one of them, it is still the team's, and the start says how to take it.
        run = own("start", "papi", "--as", "kim")
        #expect(run.code == 0)
        #expect(
            run.stderr.contains(
                "#1 is still payments's, handed off and not taken up: `own edit 1 --owner kim` makes it yours"
            ),
            "\(run.stderr)"
        )
        run = own("edit", "papi", "--owner", "lee", "--as", "lee")
        #expect(run.code == 0)
        #expect(
            run.stderr.contains(
                "you own #1 now: its hand-off to payments had not been taken up; ana, who handed it off, still follows it up"
            ),
            "\(run.stderr)"
        )
        var loop = try shown(own, "papi")
        #expect(loop["owner"]?.stringValue == "lee")
        #expect(loop["delegatedBy"]?.stringValue == "ana")
        // Taken up: the delegator's doctor has nothing to follow up, days later.
        #expect(!own("doctor", "--now", "2026-12-20T12:00:00Z").stdout.contains("unaccepted-handoff"))
        // Lee's now, and no longer anyone's to take.
        run = own("edit", "papi", "--owner", "kim", "--as", "kim")
        #expect(run.code == 2)
        own.succeeds("handoff", "papi", "--to", "kim", "--as", "lee")
        loop = try shown(own, "papi")
        #expect(loop["owner"]?.stringValue == "kim")
        #expect(loop["delegatedBy"]?.stringValue == "lee")
    }

    /// Taken back by whoever handed it off before anyone took it up: theirs again, delegated to no one.
    @Test func aHandOffNobodyTookUpIsTakenBackByItsDelegator() throws {
        let own = OwnBinary()
        own.succeeds("add", "Rotate the API keys", "--key", "keys")
        own.succeeds("handoff", "keys", "--to", "bob")
        let run = own("edit", "keys", "--owner", "ana")
        #expect(run.code == 0)
        #expect(run.stderr == "own: you own #1 again: its hand-off to bob had not been taken up\n", "\(run.stderr)")
        #expect(try shown(own, "keys")["delegatedBy"] == .null)
        #expect(
            own("list", "--delegated").stdout.contains("no loops handed off"),
            "\(own("list", "--delegated").stdout)"
        )
    }

    /// The ledger as an older `own` left it: its projection rewritten by `sql`, and its schema from
    /// before the migration numbered `migration` (which then runs again when a command opens it).
    static func rewind(_ own: OwnBinary, _ sql: String, before migration: Int) throws {
        let sqlite = own.run(
            [
                own.ledger,
                "\(sql); PRAGMA user_version = \(migration - 1); "
                    + "DELETE FROM grdb_migrations WHERE identifier LIKE 'v\(migration):%';",
            ],
            executable: "/usr/bin/sqlite3"
        )
        try #require(sqlite.code == 0, "\(sqlite.stderr)")
    }

    /// The loop `own show KEY --json` shows.
    func shown(_ own: OwnBinary, _ key: String) throws -> [String: JSONValue] {
        try #require(try JSONParser.parse(own("show", key, "--json").stdout).objectValue?["loop"]?.objectValue)
    }

    @Test func theDoctorAsksTheDelegatorToFollowUpAnUnacceptedHandOff() throws {
        let own = OwnBinary()
        own.succeeds(
            "add",
            "Rotate the API keys",
            "--due",
            "2026-12-04",
            "--done-when",
            "old keys revoked",
            "--now",
            "2026-11-23T09:00:00Z"
        )
        own.succeeds("handoff", "1", "--to", "bob", "--now", "2026-11-23T10:00:00Z")
        var run = own("doctor", "--owner", "ana", "--json", "--now", "2026-11-24T09:59:00Z")
        #expect(run.stdout == "[]\n", "\(run.stdout)")
        run = own("doctor", "--owner", "ana", "--json", "--now", "2026-11-24T10:01:00Z")
        let findings = try #require(try JSONParser.parse(run.stdout).arrayValue)
        #expect(findings.count == 1)
        let finding = try #require(findings.first?.objectValue)
        #expect(finding["rule"] == "unaccepted-handoff")
        #expect(finding["owner"] == "ana")
        // To bob, whose ledger numbers its loops itself: by key, and a command that starts this loop there.
        let key = try #require(finding["loop"]?.stringValue)
        let suggestion = finding["suggestion"]?.stringValue ?? ""
        #expect(suggestion.hasPrefix("Hi bob, I handed you \(key) Rotate the API keys"), "\(suggestion)")
        #expect(
            suggestion.contains(
                "Can you take it (`own start \(key)`)? If someone else should, they make it theirs with "
                    + "`own edit \(key) --owner NAME`; if it is not yours at all, tell me"
            ),
            "\(suggestion)"
        )
        // Bob takes it up: nothing left to follow up.
        own.succeeds("note", "1", "reading the runbook", "--as", "bob", "--now", "2026-11-24T11:00:00Z")
        #expect(own("doctor", "--owner", "ana", "--json", "--now", "2026-11-24T12:00:00Z").stdout == "[]\n")
        // The policy sets the wait.
        #expect(own("doctor", "--explain", "unaccepted-handoff").stdout.contains("accept-within"))
    }

    /// A handed-off loop someone other than its new owner blocked is not taken up: the delegator's
    /// own doctor names it, as everyone's does (it read only proposed and open ones).
    @Test func aHandOffBlockedByAnotherIsStillTheDelegatorsToFollowUp() throws {
        let own = OwnBinary()
        own.succeeds("add", "Rotate the API keys", "--done-when", "old keys revoked", "--now", "2026-03-02T09:00:00Z")
        own.succeeds("handoff", "1", "--to", "bob", "--now", "2026-03-02T10:00:00Z")
        own.succeeds("block", "1", "waiting on the vendor", "--now", "2026-03-02T10:30:00Z")
        let mine = own("doctor", "--owner", "ana", "--json", "--now", "2026-03-03T10:01:00Z").stdout
        #expect(mine.contains(#""rule":"unaccepted-handoff""#), "\(mine)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func aStartTheNewOwnerUndidLeavesTheHandOffUnaccepted() throws {
        let own = OwnBinary()
        own.succeeds("add", "Rotate the API keys", "--done-when", "old keys revoked", "--now", "2026-12-01T09:00:00Z")
        own.succeeds("handoff", "1", "--to", "bob", "--now", "2026-12-01T10:00:00Z")
        own.succeeds("start", "1", "--as", "bob", "--now", "2026-12-01T10:30:00Z")
        own.succeeds("undo", "--yes", "--as", "bob", "--now", "2026-12-01T10:31:00Z")
        func followUps() -> String { own("doctor", "--owner", "ana", "--json", "--now", "2026-12-04T10:00:00Z").stdout }
        #expect(followUps().contains(#""rule":"unaccepted-handoff""#), "\(followUps())")
        // A ledger an older own left: its projection took the undo for bob's taking it up, and
        // opening it folds its handed-off loops again.
        try Self.rewind(
            own,
            "UPDATE loops SET body = replace(body, '\"handedOffAt\"', '\"acceptedAt\":1796121060,\"handedOffAt\"')",
            before: 7
        )
        let stale = own.run([own.ledger, "SELECT body FROM loops"], executable: "/usr/bin/sqlite3").stdout
        #expect(stale.contains("acceptedAt"), "\(stale)")
        #expect(followUps().contains(#""rule":"unaccepted-handoff""#), "\(followUps())")
        let mended = own.run([own.ledger, "SELECT body FROM loops"], executable: "/usr/bin/sqlite3").stdout
        #expect(!mended.contains("acceptedAt"), "\(mended)")
    }

    /// lee's take of bob's hand-off after bob took it up (recorded offline, imported here) moved the
    /// loop to lee in a ledger before v9: opened now, the loop is folded again, and stays bob's.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func aTakeAfterTheHandOffWasTakenUpIsFoldedAgainWhenOpened() throws {
        let own = OwnBinary()
        own.succeeds("add", "Rotate the API keys", "--key", "keys", "--now", "2026-11-23T09:00:00Z")
        own.succeeds("handoff", "keys", "--to", "bob", "--now", "2026-11-23T10:00:00Z")
        own.succeeds("note", "keys", "on it", "--as", "bob", "--now", "2026-11-23T11:00:00Z")
        let take = #"{"id":"t1","loop":"keys","at":"2026-11-23T12:00:00Z","by":"lee","type":"edited","owner":"lee"}"#
        own.succeeds("import", own.file("take.jsonl", take + "\n"))
        #expect(try shown(own, "keys")["owner"] == "bob")
        // As an older own left it: lee's, and the schema one version back.
        try Self.rewind(
            own,
            "UPDATE loops SET owner = 'lee', body = replace(body, '\"owner\":\"bob\"', '\"owner\":\"lee\"')",
            before: 9
        )
        #expect(try shown(own, "keys")["owner"] == "bob")
        #expect(own("list", "--as", "bob").stdout.contains("Rotate the API keys"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func aLedgerFromBeforeTransfersIsFoldedAgainWhenOpened() throws {
        let own = OwnBinary()
        own.succeeds("add", "Rotate the API keys")
        own.succeeds("handoff", "1", "--to", "bob")
        // As an older own left it: the projection says handed-off, and the schema is one version back.
        let sqlite = own.run(
            [
                own.ledger,
                "UPDATE loops SET state = 'handed-off', owner = 'ana', body = replace(replace(body, '\"state\":\"open\"', "
                    + "'\"state\":\"handed-off\"'), '\"owner\":\"bob\"', '\"owner\":\"ana\"'); PRAGMA user_version = 3; "
                    + "DELETE FROM grdb_migrations WHERE identifier LIKE 'v4%';",
            ],
            executable: "/usr/bin/sqlite3"
        )
        try #require(sqlite.code == 0, "\(sqlite.stderr)")
        #expect(own("show", "1", "--json").stdout.contains(#""owner":"bob""#))
        #expect(own("list", "--as", "bob").stdout.contains("Rotate the API keys"))
    }

    /// A loop that became someone's by an edit of its owner is new in their reports from then: the
    /// take of a hand-off to a team (dated by the hand-off, it was missed), and a loop given by an
    /// edit (it read "opened", on the day someone else opened it, or not at all).
    @Test func aLoopGivenByAnEditIsNewForItsOwnerFromThen() throws {
        let own = OwnBinary()
        own.succeeds("add", "Team handoff", "--done-when", "x", "--now", "2026-11-30T09:00:00Z")
        own.succeeds("handoff", "1", "--to", "data-team", "their service", "--now", "2026-11-30T10:00:00Z")
        own.succeeds("edit", "1", "--owner", "lee", "--as", "lee", "--now", "2026-12-01T11:30:00Z")
        let lee = own("standup", "--as", "lee", "--now", "2026-12-02T12:00:00Z").stdout
        #expect(lee.contains("Team handoff - from data-team Tue 1 Dec, open"), "\(lee)")
        // Its JSON says the same: taken from the team, not handed over to lee by ana.
        // Everyone's weekly keeps whoever handed a loop off in the week, their only one or not.
        let solo = OwnBinary()
        solo.succeeds("add", "Only loop", "--done-when", "x", "--as", "kay", "--now", "2026-11-30T09:00:00Z")
        solo.succeeds("handoff", "1", "--to", "lee", "yours", "--as", "kay", "--now", "2026-11-30T10:00:00Z")
        let everyone = solo("weekly", "--owner", "all", "--json", "--now", "2026-12-02T12:00:00Z").stdout
        let owners = (try JSONParser.parse(everyone).arrayValue ?? []).compactMap {
            $0.objectValue?["owner"]?.stringValue
        }
        #expect(owners == ["kay", "lee"], "\(everyone)")
        let leeJSON = own("standup", "--as", "lee", "--now", "2026-12-02T12:00:00Z", "--json").stdout
        #expect(leeJSON.contains(#""ownedFrom":"data-team""#) && !leeJSON.contains("handedOverBy"), "\(leeJSON)")
        own.succeeds("add", "Reassigned", "--done-when", "x", "--now", "2026-11-20T09:00:00Z")
        own.succeeds("edit", "2", "--owner", "carol", "--now", "2026-12-01T09:30:00Z")
        let carol = own("standup", "--as", "carol", "--now", "2026-12-02T12:00:00Z", "--json").stdout
        #expect(
            carol.contains(#""ownedFrom":"ana""#) && carol.contains(#""ownedSince":"2026-12-01T09:30:00Z""#),
            "\(carol)"
        )
        // A hand-off reads as one still.
        own.succeeds("add", "Handed", "--done-when", "x", "--now", "2026-12-01T09:00:00Z")
        own.succeeds("handoff", "3", "--to", "bob", "yours", "--now", "2026-12-01T10:00:00Z")
        let bob = own("standup", "--as", "bob", "--now", "2026-12-02T12:00:00Z").stdout
        #expect(bob.contains("Handed - handed over by ana Tue 1 Dec"), "\(bob)")
        // Taken from the team in the second it was handed to it: the take, from the team (it read as
        // handed over by ana, who never handed it to sam).
        own.succeeds("add", "Same second", "--done-when", "x", "--now", "2026-12-01T09:00:00Z")
        own.succeeds("handoff", "4", "--to", "data-team", "theirs", "--now", "2026-12-01T10:00:00Z")
        own.succeeds("edit", "4", "--owner", "sam", "--as", "sam", "--now", "2026-12-01T10:00:00Z")
        let sam = own("standup", "--as", "sam", "--now", "2026-12-02T12:00:00Z").stdout
        #expect(sam.contains("Same second - from data-team Tue 1 Dec"), "\(sam)")
    }
}
