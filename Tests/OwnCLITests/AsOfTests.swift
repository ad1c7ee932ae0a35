import Foundation
import OwnCore
import Testing

@Suite("Reads at --now T see only the events at or before T")
struct AsOfTests {
    /// `--now "$WHEN"` with WHEN unset is a mistake to say, not the clock; `OWN_NOW=` set empty is
    /// the clock, as an unset variable.
    @Test func anEmptyNowIsRefusedAndAnEmptyOwnNowIsTheClock() {
        let own = OwnBinary()
        let empty = own("list", "--now", "")
        #expect(empty.code == 2)
        #expect(
            empty.stderr
                == "own: --now is empty: give an instant like 2026-11-27T10:00:00Z or a date, or leave it out\n"
        )
        let bad = own("list", "--now", "soon")
        #expect(bad.code == 2)
        #expect(
            bad.stderr.contains(
                #"--now "soon" is not an ISO-8601 date-time (2026-11-27T16:00:00Z, or 2026-11-27T16:00 in your zone)"#
            ),
            "\(bad.stderr)"
        )
        let unset = own("list", environment: ["OWN_NOW": ""])
        #expect(unset.code == 0, "\(unset.stderr)")
    }

    /// A date-time with no offset is on the actor's clock, as `--due` reads one: `--now` and `OWN_NOW`.
    @Test func aNowWithNoOffsetIsInTheActorsZone() throws {
        let own = OwnBinary(user: "ana")
        try FileManager.default.createDirectory(atPath: own.folder + "/config/own", withIntermediateDirectories: true)
        _ = own.file("config/own/config.toml", "[people.ana]\ntz = \"Asia/Tokyo\"\n")
        #expect(own("add", "Rotate the keys", "--key", "keys", "--now", "2026-12-01T09:00").code == 0)
        #expect(own("note", "keys", "half done", environment: ["OWN_NOW": "2026-12-01T10:30"]).code == 0)
        let exported = own("export").stdout
        #expect(exported.contains(#""at":"2026-12-01T00:00:00Z","#), "\(exported)")
        #expect(exported.contains(#""at":"2026-12-01T01:30:00Z","#), "\(exported)")
    }

    /// The issue's reproduction: a loop blocked on Nov 18 and unblocked on Nov 24, read on Nov 19.
    @Test func aLoopBlockedThenUnblockedLaterIsBlockedAtAnInstantBetween() throws {
        let own = OwnBinary(now: "2026-11-16T09:00:00Z")
        #expect(own("add", "Ship the export", "--key", "exp", "--due", "2026-11-27").code == 0)
        #expect(own("start", "exp").code == 0)
        #expect(
            own("block", "exp", "waiting on the API review", environment: ["OWN_NOW": "2026-11-18T10:00:00Z"]).code == 0
        )
        #expect(own("unblock", "exp", environment: ["OWN_NOW": "2026-11-24T10:00:00Z"]).code == 0)
        #expect(own("add", "Later work", "--key", "later", environment: ["OWN_NOW": "2026-11-24T11:00:00Z"]).code == 0)

        let before = ["OWN_NOW": "2026-11-19T09:30:00Z"]
        let standup = own("standup", "--json", environment: before)
        #expect(standup.code == 0, "\(standup.stderr)")
        let report = try #require(try JSONParser.parse(standup.stdout).objectValue)
        let blockers = report["blockers"]?.arrayValue ?? []
        #expect(blockers.count == 1, "blocked on the 19th: \(standup.stdout)")
        #expect(blockers.first?.objectValue?["loop"] == "exp")

        let list = own("list", "--all", "--json", environment: before)
        let loops = try #require(try JSONParser.parse(list.stdout).arrayValue).compactMap(\.objectValue)
        #expect(loops.map { $0["key"]?.stringValue } == ["exp"], "the loop added on the 24th is not there yet")
        #expect(loops.first?["state"] == "blocked")

        let show = own("show", "exp", environment: before)
        #expect(show.stdout.contains("blocked"))
        #expect(!show.stdout.contains("unblocked"), "the unblock on the 24th is not shown on the 19th")
        #expect(own("show", "later", environment: before).code == 2, "a loop created later does not exist yet")

        // After the unblock the same reads show it active again.
        let after = own("list", "--all", "--json", environment: ["OWN_NOW": "2026-11-24T12:00:00Z"])
        let now = try #require(try JSONParser.parse(after.stdout).arrayValue).compactMap(\.objectValue)
        #expect(now.map { $0["state"]?.stringValue } == ["active", "open"])
        let late = own("standup", "--json", environment: ["OWN_NOW": "2026-11-24T12:00:00Z"])
        #expect(try JSONParser.parse(late.stdout).objectValue?["blockers"]?.arrayValue?.isEmpty == true)
    }

    /// The "done when" check: on a generated team ledger, every read at T gives the same output
    /// whether the ledger holds only the events at or before T or also the weeks after it.
    @Test(arguments: ["2026-11-09T11:17:00Z", "2026-11-13T16:59:00Z", "2026-11-19T09:30:00Z", "2026-11-24T14:05:00Z"])
    func everyReadAtAnInstantIsTheSameOnTheLedgerCutThere(instant: String) throws {
        try Self.readsAreTheSameCut(TeamLedger.events(seed: 7), at: instant, people: TeamLedger.people)
    }

    /// The same check on a ledger this suite did not write: the benchmarks' generator (fifty kinds
    /// of history, every event type), small, cut at two instants inside its last weeks.
    @Test func aLedgerFromAnotherGeneratorReadsTheSameCutAtAnInstant() throws {
        let own = OwnBinary()
        let script = SourceFiles.root.appendingPathComponent("Benchmarks/generate_ledger.py").path
        let generated = own.shell(
            "python3 '\(script)' --loops 240 --events 2400 --owners 4 --seed 11 --end 2026-11-27T16:00:00Z"
        )
        #expect(generated.code == 0, "\(generated.stderr)")
        let events = try generated.stdout.split(separator: "\n").map { try Event(jsonLine: String($0), makeID: { "" }) }
        #expect(events.count > 2_000)
        let people = Set(events.map(\.by)).sorted()
        for instant in ["2026-11-20T10:00:00Z", "2026-11-26T15:30:00Z"] {
            try Self.readsAreTheSameCut(events, at: instant, people: people)
        }
    }

    /// Imports the whole ledger into one `own` and the events at or before `instant` into another,
    /// then compares every read at the instant, byte for byte.
    static func readsAreTheSameCut(_ events: [Event], at instant: String, people: [String]) throws {
        let cutAt = try #require(Timestamp.parse(instant))
        let full = OwnBinary(now: instant)
        let cut = OwnBinary(now: instant)
        let all = full.file("all.jsonl", events.map(\.jsonLine).joined(separator: "\n") + "\n")
        let kept = events.filter { $0.at <= cutAt }
        #expect(kept.count > 20 && kept.count < events.count, "the instant falls inside the ledger's history")
        let part = cut.file("cut.jsonl", kept.map(\.jsonLine).joined(separator: "\n") + "\n")
        for (own, file) in [(full, all), (cut, part)] {
            let imported = own("import", file)
            #expect(imported.code == 0, "\(imported.stderr)")
        }

        var reads: [[String]] = [["doctor", "--json"], ["list", "--all", "--json"], ["ics", "--owner", "all"]]
        for person in people {
            reads.append(["doctor", "--json", "--owner", person])
            reads.append(["standup", "--json", "--owner", person])
            reads.append(["weekly", "--json", "--owner", person])
            reads.append(["brag", "--json", "--owner", person, "--since", "2026-11-01"])
        }
        let loopsAtT = Dictionary(grouping: kept, by: \.loop)
        for key in loopsAtT.keys.sorted().prefix(40) {
            reads.append(["show", key, "--json"])
            reads.append(["show", key])
            if loopsAtT[key]!.contains(where: \.type.isPlanChange) { reads.append(["notice", key, "--json"]) }
        }
        var findings = 0
        for read in reads {
            let expected = cut.run(read)
            let got = full.run(read)
            #expect(got.code == expected.code, "\(read.joined(separator: " ")): \(got.stderr) / \(expected.stderr)")
            #expect(got.stdout == expected.stdout, "own \(read.joined(separator: " ")) at \(instant)")
            if read == ["doctor", "--json"] { findings = (try? JSONParser.parse(got.stdout).arrayValue?.count) ?? 0 }
        }
        #expect(findings > 0, "the doctor has something to say at \(instant), so the comparison means something")
    }
}

/// A made-up team's ledger: four people, four weeks of loops moving through every kind of event,
/// from a seeded generator so every run sees the same history.
enum TeamLedger {
    static let people = ["ana", "ben", "cy", "dee"]

    static func events(seed: UInt64) -> [Event] {
        var random = Generator(state: seed)
        var events: [Event] = []
        let start = Timestamp.parse("2026-11-02T08:00:00Z")!
        let stakes = ["low", "medium", "high"]
        let kinds = ["feature", "bug", "debt", "oncall"]
        for index in 0..<28 {
            let owner = people[index % people.count]
            let key = "t\(index)"
            var at = start.addingTimeInterval(Double(index) * 80_000 + Double(random.next(3600)))
            func add(_ type: EventType, by: String = owner, _ fields: EventFields = [:]) {
                events.append(
                    Event(id: "\(key)-\(events.count)", loop: key, at: at, by: by, type: type, fields: fields)
                )
                // The next event comes a few working hours to two days later.
                at = at.addingTimeInterval(Double(3 * 3600 + random.next(40 * 3600)))
            }
            let dueDay = CivilDate(iso: "2026-11-02")!.adding(days: index + 3 + random.next(10))
            var fields: EventFields = [
                "title": .string("Loop \(index)"), "owner": .string(owner),
                "stakes": .string(stakes[random.next(stakes.count)]), "kind": .string(kinds[random.next(kinds.count)]),
                "estimateHours": .number(Double(4 + random.next(30))), "due": .string(dueDay.description),
            ]
            if random.next(3) == 0 { fields["affects"] = .array([.string("support")]) }
            add(.created, fields)
            if random.next(2) == 0 { add(.approved, by: "lee") }
            add(.started)
            for _ in 0..<(1 + random.next(5)) {
                switch random.next(8) {
                case 0: add(.noted, ["note": .string("progress")])
                case 1:
                    add(.blocked, ["reason": .string("waiting on review")])
                    if random.next(2) == 0 { add(.helpAsked, ["from": .string("platform")]) }
                    if random.next(3) > 0 { add(.unblocked) }
                case 2: add(.risk, ["note": .string("the vendor may be late")])
                case 3:
                    var change: EventFields = ["estimateHours": .number(Double(10 + random.next(40)))]
                    if random.next(2) == 0 { change["told"] = .array([.string("support")]) }
                    add(.scopeChanged, change)
                case 4: add(.dueChanged, ["due": .string(dueDay.adding(days: 2 + random.next(6)).description)])
                case 5: add(.reported, ["channel": .string(["standup", "notice", "weekly"][random.next(3)])])
                case 6: add(.staged, ["stage": .string("review")])
                default: add(.noted, ["note": .string("more progress")])
                }
            }
            switch random.next(4) {
            case 0: add(.done, ["outcome": .string("shipped"), "verified": .bool(random.next(2) == 0)])
            case 1: add(.dropped, ["reason": .string("no longer needed")])
            default: break
            }
        }
        return events.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
    }

    /// A small linear congruential generator: the same numbers for the same seed, everywhere.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }
}

extension AsOfTests {
    /// A ledger with loop thu1 of project alpha, due Thursday 2026-10-29, started on the Monday.
    static func startedDueThursday() -> OwnBinary {
        let own = OwnBinary()
        own.succeeds(
            "add",
            "Due Thursday",
            "--done-when",
            "x",
            "--due",
            "2026-10-29",
            "--project",
            "alpha",
            "--key",
            "thu1",
            "--now",
            "2026-10-26T08:00:00Z"
        )
        own.succeeds("start", "thu1", "--now", "2026-10-26T08:05:00Z")
        return own
    }

    /// A weekly ending later this week is judged now: on Wednesday, a loop due Thursday is not yet
    /// overdue (the doctor finds nothing slipping), in a person's weekly and a project update alike.
    @Test func aWeeklyEndingLaterThisWeekIsJudgedNow() {
        let own = Self.startedDueThursday()
        for extra in [[], ["--project", "alpha"]] {
            let run = own.run(["weekly", "--until", "fri", "--now", "2026-10-28T12:00:00Z"] + extra)
            #expect(run.code == 0, "\(run.stderr)")
            #expect(
                !run.stdout.contains("overdue, was due") && !run.stdout.contains("off track"),
                "\(extra): \(run.stdout)"
            )
        }
    }

    /// A weekday as a window's start is the last one (`--since mon` on a Wednesday is this Monday);
    /// it was next Monday, refused as after now. As its end, the next one still (`--until fri`).
    @Test func aWeekdayAsAWindowsStartIsTheLastOne() {
        let own = Self.startedDueThursday()
        let weekly = own.run(["weekly", "--since", "mon", "--until", "fri", "--now", "2026-10-28T12:00:00Z"])
        #expect(weekly.code == 0 && weekly.stdout.contains("Mon 26 Oct"), "\(weekly.stderr)\(weekly.stdout)")
        let brag = own.run(["brag", "--since", "mon", "--now", "2026-10-28T12:00:00Z"])
        #expect(brag.code == 0, "\(brag.stderr)")
    }

    /// An --until instant is in the window ("included"), as a day's end is not: a loop done at it is done there.
    @Test func anUntilInstantIsInTheWindow() {
        let own = Self.startedDueThursday()
        own.succeeds("done", "thu1", "--outcome", "shipped", "--now", "2026-10-28T15:00:00Z")
        let run = own(
            "weekly",
            "--since",
            "2026-10-26",
            "--until",
            "2026-10-28T15:00:00Z",
            "--now",
            "2026-11-03T12:00:00Z"
        )
        #expect(run.stdout.contains("shipped") && !run.stdout.contains("overdue, was due"), "\(run.stdout)")
    }

    /// An event at the midnight after --until is the next week's: the loop done then is still in
    /// progress in this one, and overdue.
    @Test func anEventAtTheMidnightAfterAWeeklyIsTheNextWeeks() {
        let own = Self.startedDueThursday()
        own.succeeds("done", "thu1", "--outcome", "shipped", "--now", "2026-10-31T00:00:00Z")
        for extra in [[], ["--project", "alpha"]] {
            let run = own.run(
                ["weekly", "--since", "2026-10-26", "--until", "2026-10-30", "--now", "2026-11-03T12:00:00Z"] + extra
            )
            #expect(run.stdout.contains("overdue, was due"), "\(extra): \(run.stdout)")
        }
    }

    /// `--now DATE` is the start of that day where you are: read as UTC midnight, it was still the
    /// day before in Los Angeles, and `--due today` wrote yesterday.
    @Test func aDateAloneIsTheStartOfThatDayInYourZone() throws {
        let own = OwnBinary()
        let config = own.file("config.toml", "[people.pat]\ntz = \"America/Los_Angeles\"\n")
        own.succeeds("add", "x", "--as", "pat", "--config", config, "--now", "2026-12-01", "--due", "today")
        let created = try #require(JSONParser.parse(String(own("export").stdout.split(separator: "\n")[0])).objectValue)
        #expect(created["at"] == "2026-12-01T08:00:00Z", "\(created)")
        #expect(created["due"] == "2026-12-01", "\(created)")
        // A date-time keeps its own offset.
        own.succeeds("add", "y", "--as", "pat", "--config", config, "--now", "2026-12-01T00:00:00Z", "--due", "today")
        #expect(own("export").stdout.contains(#""due":"2026-11-30""#))
    }

    /// `--due-before DAY` is before that day starts where you are, the zone `own list` shows due dates
    /// in: a loop due at 23:00 UTC on 30 Nov is due on 1 Dec in Auckland, listed so, and not before it.
    @Test func dueBeforeADayIsReadInYourZone() throws {
        let own = OwnBinary(now: "2026-11-21T00:00:00Z")
        let config = own.file("config.toml", "[people.ana]\ntz = \"Pacific/Auckland\"\n")
        own.succeeds("add", "At eleven UTC", "--due", "2026-11-30T23:00:00Z", "--config", config)
        own.succeeds("add", "Day thirty", "--due", "2026-11-30", "--config", config)
        own.succeeds("add", "Day one", "--due", "2026-12-01", "--config", config)
        let before = own("list", "--due-before", "2026-12-01", "--json", "--config", config)
        let titles = (try JSONParser.parse(before.stdout).arrayValue ?? []).compactMap {
            $0.objectValue?["title"]?.stringValue
        }
        #expect(titles == ["Day thirty"], "\(before.stdout)")
        let listed = own("list", "--config", config).stdout
        #expect(listed.contains("2026-12-01 12:00  At eleven UTC"), "\(listed)")
        // Read in UTC (no zone configured), the 23:00 loop is due on 30 Nov, before 1 Dec.
        #expect(own("list", "--due-before", "2026-12-01").stdout.contains("2026-11-30 23:00  At eleven UTC"))
    }

    /// A teammate's due instant is listed on the reader's clock, as `--due-before` reads it, whatever
    /// the owner's zone: a filter "before 27 Mar" never lists a row due 27 Mar, nor leaves out one due
    /// 26 Mar. Whether a day's due has passed is the owner's, the warning too.
    @Test func aTeammatesDueInstantIsListedAndFilteredOnTheReadersClock() throws {
        let own = OwnBinary(now: "2026-03-20T08:00:00Z")
        let config = own.file(
            "config.toml",
            "user = \"ana\"\n[people.ana]\ntz = \"Europe/Berlin\"\n[people.kai]\ntz = \"Pacific/Kiritimati\"\n"
                + "[people.sam]\ntz = \"Pacific/Pago_Pago\"\n"
        )
        // 00:30 on the 27th for kai is 11:30 on the 26th in Berlin; 23:30 on the 26th for sam, 11:30 on the 27th.
        own.succeeds("add", "kai's", "--as", "kai", "--due", "2026-03-27T00:30", "--config", config)
        own.succeeds("add", "sam's", "--as", "sam", "--due", "2026-03-26T23:30", "--config", config)
        let listed = own("list", "--owner", "all", "--config", config).stdout
        #expect(listed.contains("2026-03-26 11:30  kai    kai's"), "\(listed)")
        #expect(listed.contains("2026-03-27 11:30  sam    sam's"), "\(listed)")
        let before = own("list", "--owner", "all", "--due-before", "2026-03-27", "--config", config).stdout
        #expect(before.contains("kai's") && !before.contains("sam's"), "\(before)")
        // Fri 23:30 in Berlin is Sat 12:30 for kai: a loop of kai's due today (ana's Friday) is overdue at once.
        let late = own(
            "add",
            "for kai",
            "--owner",
            "kai",
            "--due",
            "today",
            "--now",
            "2026-03-27T22:30:00Z",
            "--config",
            config
        )
        #expect(late.stderr.contains("the due date 2026-03-27 has already passed"), "\(late.stderr)")
        // And one of ana's due yesterday for kai (still the 27th for ana) is not.
        let early = own(
            "add",
            "for ana",
            "--as",
            "kai",
            "--owner",
            "ana",
            "--due",
            "yesterday",
            "--now",
            "2026-03-27T22:30:00Z",
            "--config",
            config
        )
        #expect(early.code == 0 && !early.stderr.contains("already passed"), "\(early.stderr)")
    }
}
