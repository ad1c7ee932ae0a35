import Foundation
import OwnCore
import Testing

@Suite("own away: time off on the calendar, uncovered-while-away, reports, interchange")
struct AwayCommandTests {
    /// Ana owns #1, due during her time off, and #2, active at high stakes; #3 is low stakes and not due then.
    static func ledger() -> OwnBinary {
        let own = OwnBinary(now: "2026-12-16T10:00:00Z")
        own.succeeds(
            "add",
            "Renew TLS cert",
            "--due",
            "2026-12-28",
            "--done-when",
            "new cert live",
            "--now",
            "2026-12-01T09:00:00Z"
        )
        own.succeeds(
            "add",
            "Migrate billing",
            "--stakes",
            "high",
            "--due",
            "2027-03-01",
            "--done-when",
            "on the new schema",
            "--now",
            "2026-12-01T09:00:00Z"
        )
        own.succeeds("approve", "2", "--by", "lee", "--now", "2026-12-01T09:05:00Z")
        own.succeeds("start", "2", "--now", "2026-12-10T09:00:00Z")
        own.succeeds(
            "add",
            "Tidy the wiki",
            "--stakes",
            "low",
            "--due",
            "2027-02-01",
            "--done-when",
            "tidy",
            "--now",
            "2026-12-01T09:00:00Z"
        )
        return own
    }

    func uncovered(_ own: OwnBinary, at now: String) throws -> [Int] {
        let run = own("doctor", "--json", "--now", now)
        let findings = try #require(try JSONParser.parse(run.stdout).arrayValue, "\(run.stderr)")
        return findings.compactMap(\.objectValue)
            .filter { $0["rule"]?.stringValue == "uncovered-while-away" }
            .compactMap { $0["number"]?.numberValue.map { Int($0) } }
    }

    @Test func awayWithoutBackupFindsWhatNeedsSomeone() throws {
        let own = Self.ledger()
        let run = own("away", "2026-12-21..2027-01-04", "--now", "2026-12-01T10:00:00Z")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("ana: Away Mon 21 Dec 2026 to Mon 4 Jan 2027 (no backup named).\n"))
        #expect(own("list").stdout.split(separator: "\n").count == 4, "time off is no loop")

        #expect(try uncovered(own, at: "2026-12-11T16:59:00Z") == [], "more than five working days before")
        #expect(try uncovered(own, at: "2026-12-14T09:00:00Z") == [1, 2], "five working days before")
        let text = own("doctor", "--now", "2026-12-16T12:00:00Z").stdout
        #expect(text.contains("due Dec 28, while ana is away Dec 21 to Jan 4; no hand-off, no backup"))
        #expect(text.contains("Hand-off for #1 Renew TLS cert while I am away Dec 21 to Jan 4: not started."))

        own.succeeds(
            "handoff",
            "1",
            "--to",
            "lee",
            "--note",
            "cert renewal steps in the runbook",
            "--now",
            "2026-12-17T10:00:00Z"
        )
        #expect(try uncovered(own, at: "2026-12-17T11:00:00Z") == [2])
        // The draft's other way, run as it says: the same days with a backup replace the time off.
        let draft = own("doctor", "--now", "2026-12-17T11:00:00Z").stdout
        #expect(draft.contains("or own away 2026-12-21..2027-01-04 --backup <person>)"), "\(draft)")
        let covered = own("away", "2026-12-21..2027-01-04", "--backup", "lee", "--now", "2026-12-17T11:05:00Z")
        #expect(covered.stdout.contains("(replaces the time off recorded for those days)"), "\(covered.stdout)")
        #expect(try uncovered(own, at: "2026-12-17T11:10:00Z") == [])
        #expect(own("away", "--list", "--now", "2026-12-17T11:10:00Z").stdout.split(separator: "\n").count == 1)
        let uncover = own("away", "--cancel", "2026-12-21", "--now", "2026-12-17T11:15:00Z")
        #expect(uncover.code == 0, "\(uncover.stderr)")
        own.succeeds("away", "2026-12-21..2027-01-04", "--now", "2026-12-17T11:20:00Z")

        #expect(
            own("standup", "--now", "2026-12-17T11:00:00Z").stdout.contains(
                "Away Mon 21 Dec 2026 to Mon 4 Jan 2027 (no backup named).\n"
            )
        )
        #expect(
            own("weekly", "--now", "2026-12-17T11:00:00Z").stdout.contains("Away Mon 21 Dec 2026 to Mon 4 Jan 2027")
        )
        #expect(!own("weekly", "--now", "2026-12-04T11:00:00Z").stdout.contains("Away"), "more than a week ahead")
        // Drafted on Monday for the week to Friday: Wednesday and Thursday off are ahead, as the
        // standup says the same minute (they were left out for being over by Friday).
        own.succeeds("away", "2027-01-13..2027-01-14", "--now", "2026-12-17T11:00:00Z")
        let week = own("weekly", "--until", "fri", "--now", "2027-01-11T10:00:00Z").stdout
        #expect(week.contains("Away Wed 13 Jan to Thu 14 Jan 2027"), "\(week)")
        #expect(!own("weekly", "--until", "fri", "--now", "2027-01-18T10:00:00Z").stdout.contains("13 Jan"))
    }

    /// Time off recorded on Dec 15 is not there at a --now before it: not in the doctor, the weekly or
    /// `away --list` (the team server's `?at=` left it out, and the two disagreed).
    @Test func timeOffRecordedAfterTheInstantIsNotSeenThere() throws {
        let own = Self.ledger()
        own.succeeds("away", "2026-12-21..2027-01-04", "--now", "2026-12-15T10:00:00Z")
        own.succeeds("decline", "Run the offsite", "--reason", "no time", "--now", "2026-12-15T10:05:00Z")
        #expect(try uncovered(own, at: "2026-12-14T12:00:00Z") == [])
        #expect(try uncovered(own, at: "2026-12-15T12:00:00Z") == [1, 2])
        #expect(!own("weekly", "--now", "2026-12-14T12:00:00Z").stdout.contains("Away"))
        #expect(!own("weekly", "--now", "2026-12-14T12:00:00Z").stdout.contains("offsite"))
        #expect(own("weekly", "--now", "2026-12-17T12:00:00Z").stdout.contains("Run the offsite"))
        #expect(own("away", "--list", "--now", "2026-12-14T12:00:00Z").stdout.contains("no time off ahead for ana"))
        #expect(!own("decline", "--list", "--now", "2026-12-14T12:00:00Z").stdout.contains("offsite"))
    }

    /// Time off inside other time off is said when recorded, and cancelled first (the last recorded),
    /// with a word that the day is still away.
    @Test func overlappingTimeOffIsSaidAndTheLastRecordedIsCancelledFirst() throws {
        let own = Self.ledger()
        own.succeeds("away", "2026-12-21..2027-01-04", "--backup", "lee", "--now", "2026-12-01T10:00:00Z")
        let inner = own("away", "2026-12-22..2026-12-23", "--backup", "bob", "--now", "2026-12-01T10:05:00Z")
        #expect(inner.code == 0)
        #expect(
            inner.stderr.contains("it overlaps ana's time off 2026-12-21..2027-01-04 (backup: lee)"),
            "\(inner.stderr)"
        )
        let cancelled = own("away", "--cancel", "2026-12-22", "--now", "2026-12-01T10:10:00Z")
        #expect(cancelled.stdout.contains("cancelled: ana away Tue 22 Dec to Wed 23 Dec 2026"), "\(cancelled.stdout)")
        #expect(
            cancelled.stderr.contains("2026-12-22 is still away: ana's time off 2026-12-21..2027-01-04 holds it too")
        )
        let left = own("away", "--list", "--now", "2026-12-01T10:15:00Z").stdout
        #expect(left == "ana: Away Mon 21 Dec 2026 to Mon 4 Jan 2027 (backup: lee).\n", "\(left)")
    }

    @Test func aBackupCoversAndTimeOffIsNotGoingDark() throws {
        let own = Self.ledger()
        own.succeeds("note", "2", "schema drafted", "--now", "2026-12-18T16:00:00Z")
        own.succeeds("note", "1", "cert ordered", "--now", "2026-12-18T16:00:00Z")
        own.succeeds("note", "3", "headings agreed", "--now", "2026-12-18T16:00:00Z")
        let dark = own("doctor", "--json", "--now", "2027-01-05T12:00:00Z").stdout
        #expect(dark.contains("going-dark"), "without time off, two weeks of silence is dark")

        #expect(own("away", "2026-12-21..2027-01-04", "--backup", "lee").code == 0)
        #expect(try uncovered(own, at: "2026-12-18T16:30:00Z") == [])
        let back = own("doctor", "--json", "--now", "2027-01-05T12:00:00Z").stdout
        #expect(!back.contains("going-dark"), "days away count no working time: \(back)")
    }

    /// A backup or an --owner nobody is or was (a typo) is said: it covered the time off, and the
    /// doctor fell silent without a word. Someone the ledger knows (lee approved #2) is not.
    @Test func aBackupOrOwnerNobodyKnowsIsWarnedOf() {
        let own = Self.ledger()
        let typo = own("away", "2026-12-21..2027-01-04", "--backup", "leee")
        #expect(typo.code == 0)
        #expect(typo.stderr.contains("no loop in this ledger is or was leee's"), "\(typo.stderr)")
        let known = own("away", "2026-12-21..2027-01-04", "--backup", "lee")
        #expect(known.code == 0 && !known.stderr.contains("no loop in this ledger"), "\(known.stderr)")
        let owner = own("away", "2027-02-01", "--owner", "zedd")
        #expect(owner.stderr.contains("no loop in this ledger is or was zedd's"), "\(owner.stderr)")
        let declined = own("decline", "Run the offsite", "--owner", "zedd2")
        #expect(declined.code == 0 && declined.stderr.contains("is or was zedd2's"), "\(declined.stderr)")
    }

    /// Time off already over (a year mistyped) is kept, and said, with how to take it back: no listing
    /// or report would ever show it.
    @Test func timeOffAlreadyOverIsSaid() {
        let own = Self.ledger()
        let past = own("away", "2025-12-21..2025-12-23")
        #expect(past.code == 0)
        #expect(
            past.stderr.contains("this time off is already over (2025-12-23 is before today, 2026-12-16)"),
            "\(past.stderr)"
        )
        #expect(!past.stdout.contains("hand off what needs someone"), "\(past.stdout)")
        #expect(own("away", "--cancel", "2025-12-21").code == 0)
        #expect(!own("away", "2026-12-21..2026-12-23").stderr.contains("already over"))
    }

    /// Time off is over at the end of its last day on its person's calendar, in every listing.
    @Test func everyonesListingJudgesEachPersonOnTheirOwnCalendar() {
        let own = OwnBinary(now: "2026-12-01T00:00:00Z")
        let config = own.file("config.toml", "[people.ana]\ntz = \"America/Los_Angeles\"\n")
        own.succeeds("away", "2026-12-31", "--backup", "lee", "--config", config)
        // Dec 31, 19:00 in Los Angeles: still away.
        let now = "2027-01-01T03:00:00Z"
        let mine = own("away", "--list", "--now", now, "--config", config).stdout
        #expect(mine.hasPrefix("ana: Away Thu 31 Dec 2026"), "\(mine)")
        let all = own("away", "--list", "--owner", "all", "--now", now, "--config", config).stdout
        #expect(all.hasPrefix("ana: Away Thu 31 Dec 2026"), "\(all)")
        let later = own("away", "--list", "--owner", "all", "--now", "2027-01-01T09:00:00Z", "--config", config).stdout
        #expect(later == "no time off ahead\n", "\(later)")
    }

    @Test func listCancelAndRoundTrip() {
        let own = Self.ledger()
        own.succeeds("away", "2026-12-21..2027-01-04")
        own.succeeds("away", "2026-12-24", "--owner", "bo", "--backup", "ana")
        #expect(own("away", "--list").stdout == "ana: Away Mon 21 Dec 2026 to Mon 4 Jan 2027 (no backup named).\n")
        #expect(
            own("away", "--list", "--owner", "all").stdout
                == "ana: Away Mon 21 Dec 2026 to Mon 4 Jan 2027 (no backup named).\nbo: Away Thu 24 Dec 2026 (backup: ana).\n"
        )
        // Everyone has one spelling, `--owner all`, in every command.
        #expect(own("away", "--list", "--everyone").code == 2)
        #expect(own("ics", "--everyone").code == 2)
        let exported = own("export").stdout
        #expect(
            exported.contains(
                #""loop":"@away","at":"2026-12-16T10:00:00Z","by":"ana","type":"away","from":"2026-12-21","person":"ana","until":"2027-01-04"}"#
            )
        )

        var run = own("away", "--cancel", "2026-12-25")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(own("away", "--list").stdout == "no time off ahead for ana\n")

        let other = OwnBinary(now: "2026-12-16T10:00:00Z")
        let all = own("export").stdout
        run = other("import", other.file("in.jsonl", all))
        #expect(run.code == 0, "\(run.stderr)")
        #expect(other("export").stdout == all)
        #expect(other("away", "--list", "--owner", "all").stdout == "bo: Away Thu 24 Dec 2026 (backup: ana).\n")
        #expect(other("list").stdout == own("list").stdout, "same loops, same numbers")
    }

    @Test func listTakesFormatMdAndJson() throws {
        let own = Self.ledger()
        own.succeeds("away", "2026-12-21..2027-01-04")
        own.succeeds("away", "2026-12-24", "--owner", "bo", "--backup", "ana")
        #expect(
            own("away", "--list", "--owner", "all", "--format", "md").stdout
                == "## Time off ahead\n\n- ana: Away Mon 21 Dec 2026 to Mon 4 Jan 2027 (no backup named).\n"
                + "- bo: Away Thu 24 Dec 2026 (backup: ana).\n"
        )
        let json = own("away", "--list", "--owner", "all", "--format", "json").stdout
        #expect(own("away", "--list", "--owner", "all", "--json").stdout == json)
        let items = try #require(try JSONParser.parse(json).arrayValue)
        #expect(items.count == 2)
        let bo = try #require(items.last?.objectValue)
        #expect(bo["person"] == .string("bo") && bo["backup"] == .string("ana"))
        #expect(bo["from"] == .string("2026-12-24") && bo["until"] == .string("2026-12-24"))
        #expect(items.first?.objectValue?["backup"] == .null)
        #expect(own("away", "--list", "--owner", "lee", "--json").stdout == "[]\n")
        let misplaced = own("away", "2026-12-28", "--json")
        #expect(misplaced.code == 2)
        #expect(misplaced.stderr.contains("--format and --json go with --list"), "\(misplaced.stderr)")
    }

    @Test(arguments: [
        (
            ["away", "2027-01-04..2026-12-21"],
            "own: \"2027-01-04..2026-12-21\": the first day away is after the last\n"
        ),
        (
            ["away", "next week"],
            "own: \"next week\" is not days away: write a date, or FIRST..LAST, like 2026-12-21..2027-01-04\n"
        ),
        (["away", "2026-02-30"], "own: \"2026-02-30\" is not a date: no such day\n"),
        (["away", "2026-12-21..2026-12-32"], "own: \"2026-12-32\" is not a date: no such day\n"),
        (["away", "--cancel", "2026-12-25"], "own: ana has no time off on 2026-12-25; `own away --list` shows it\n"),
        (["away", "2026-12-21", "--backup", "ana"], "own: ana cannot be their own backup\n"),
        (
            ["away", "2026-12-22", "--list"],
            "own: give one of the days away (FIRST..LAST), --list or --cancel DAY, not more; see `own away --help`\n"
        ),
        (
            ["decline", "--list", "--reason", "busy"],
            "own: --reason and --told go with what you decline, not with --list; see `own decline --help`\n"
        ),
        (
            ["decline", "--list", "--told", "lee"],
            "own: --reason and --told go with what you decline, not with --list; see `own decline --help`\n"
        ),
    ])
    func badInput(arguments: [String], message: String) {
        let run = OwnBinary().run(arguments)
        #expect(run.code == 2)
        #expect(run.stderr == message)
    }

    /// Time off already over needs no one to cover it; and undo, which does not call time off off,
    /// says what does when time off is all there is to take back.
    @Test func pastTimeOffAsksForNoBackupAndUndoPointsToCancel() {
        let own = OwnBinary(now: "2026-12-14T10:00:00Z")
        let past = own("away", "2026-12-01..2026-12-03")
        #expect(past.stdout == "ana: Away Tue 1 Dec to Thu 3 Dec 2026 (no backup named).\n", "\(past.stdout)")
        let ahead = own("away", "2026-12-21")
        #expect(ahead.stdout.contains("hand off what needs someone while you are away"), "\(ahead.stdout)")
        // Someone else's time off, recorded for them, is theirs in the words too.
        let bobs = own("away", "2026-12-22", "--owner", "bob")
        #expect(bobs.stdout.contains("hand off what needs someone while bob is away"), "\(bobs.stdout)")
        own.succeeds("away", "--cancel", "2026-12-22", "--owner", "bob")
        let undo = own("undo", "--yes")
        #expect(undo.code == 2)
        #expect(undo.stderr.hasPrefix("own: your last event records time off; `own away --cancel DAY` calls it off"))
    }

    @Test func importChecksTimeOffFields() {
        let own = OwnBinary()
        let run = own(
            "import",
            "-",
            stdin:
                #"{"id":"a","loop":"@away","at":"2026-12-01T10:00:00Z","by":"ana","type":"away","person":"ana","from":"soon","until":"2026-12-24"}"#
        )
        #expect(run.code == 2)
        #expect(run.stderr.contains("\"from\" must be a date (YYYY-MM-DD)"))
    }
}
