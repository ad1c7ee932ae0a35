import Foundation
import OwnCore
import Testing

@Suite("Standup")
struct StandupTests {
    static let monday = ReportFixture.at("2026-11-30T08:30:00Z")

    /// A blocked loop is under Blockers only: its date passed is said there, in words and JSON.
    @Test func aBlockedLoopPastItsDateSaysSoAmongTheBlockers() throws {
        let events = [
            Event(
                id: "b1",
                loop: "keys",
                at: ReportFixture.at("2026-11-23T09:00:00Z"),
                by: "alice",
                type: .created,
                fields: ["title": "Rotate keys", "due": "2026-11-25"]
            ),
            Event(
                id: "b2",
                loop: "keys",
                at: ReportFixture.at("2026-11-24T10:00:00Z"),
                by: "alice",
                type: .blocked,
                fields: ["reason": "waiting on infra"]
            ),
        ]
        let loop = try #require(Loop.fold(events))
        let now = ReportFixture.at("2026-11-26T09:00:00Z")
        let standup = Standup(owner: "alice", loops: [loop], events: events, calendar: ReportFixture.berlin, now: now)
        let blocker = try #require(standup.blockers.first)
        #expect(blocker.summary?.hasSuffix("; overdue, was due Wed 25 Nov") == true, "\(blocker.summary ?? "")")
        #expect(blocker.json.objectValue?["overdue"] == .bool(true))
        #expect(blocker.json.objectValue?["due"] == "2026-11-25")
    }

    static func standup(now: Date = monday, commits: [ReportCommit] = ReportFixture.commits) -> Standup {
        let story = ReportFixture.story
        let calendar = ReportFixture.berlin
        let since = calendar.workday(before: calendar.day(of: now)).start(in: calendar.zone)
        return Standup(
            owner: "alice",
            loops: story.loops(at: now),
            events: story.events(since: since, now: now),
            commits: commits,
            calendar: calendar,
            now: now
        )
    }

    @Test("On a Monday the window opens at the start of Friday, on the owner's clock")
    func mondayWindow() {
        let standup = Self.standup()
        #expect(standup.previousWorkday == CivilDate(year: 2026, month: 11, day: 27))
        #expect(standup.since == ReportFixture.at("2026-11-26T23:00:00Z"))
    }

    /// Friday off: Monday's standup tells of Thursday, the last day alice worked (the server sends
    /// her no standup on a day off, so Thursday's work would be in none).
    @Test("After time off the window opens at the start of the last day worked")
    func afterTimeOff() {
        var calendar = ReportFixture.berlin
        let friday = CivilDate(year: 2026, month: 11, day: 27)
        calendar.timeOff = [
            TimeOff(id: "off", person: "alice", first: friday, last: friday, backup: nil, recordedAt: Self.monday)
        ]
        let story = ReportFixture.story
        let since = Standup.windowStart(now: Self.monday, calendar: calendar)
        #expect(since == ReportFixture.at("2026-11-25T23:00:00Z"))
        let standup = Standup(
            owner: "alice",
            loops: story.loops(at: Self.monday),
            events: story.events(since: since, now: Self.monday),
            calendar: calendar,
            now: Self.monday
        )
        #expect(standup.previousWorkday == CivilDate(year: 2026, month: 11, day: 26))
        #expect(standup.since == since)
        // Thursday's note is in it now, beside Friday's.
        #expect(
            standup.progress.first { $0.loop == "billing-export" }?.facts["notes"]
                == .array([.string("schema agreed with finance"), .string("CSV writer done")])
        )
        // A day away is no working day a blocker waited, as the doctor counts it: one less than
        // the same standup without the time off.
        let without = Standup(
            owner: "alice",
            loops: story.loops(at: Self.monday),
            events: story.events(since: since, now: Self.monday),
            calendar: ReportFixture.berlin,
            now: Self.monday
        )
        let ages = [standup, without].map { $0.blockers.compactMap { $0.facts["ageWorkingDays"]?.numberValue } }
        #expect(!ages[1].isEmpty && ages[0] == ages[1].map { $0 - 1 }, "\(ages)")
    }

    /// Tuesday off: Monday's Today reaches Wednesday, the next day alice works, so a loop due then
    /// (or Tuesday, while she is away) is said before she goes.
    @Test func todayReachesTheNextDayAtWorkPastTimeOff() {
        let created = Event(
            id: "w1",
            loop: "wed",
            at: ReportFixture.at("2026-11-20T09:00:00Z"),
            by: "alice",
            type: .created,
            fields: ["title": "Due Wednesday", "due": "2026-12-02"]
        )
        let loops = [Loop.fold([created])!]
        var away = ReportFixture.berlin
        let tuesday = CivilDate(year: 2026, month: 12, day: 1)
        away.timeOff = [
            TimeOff(id: "off", person: "alice", first: tuesday, last: tuesday, backup: nil, recordedAt: Self.monday)
        ]
        func today(_ calendar: WorkingCalendar) -> [String] {
            Standup(owner: "alice", loops: loops, events: [], calendar: calendar, now: Self.monday).today.map(\.loop)
        }
        #expect(today(away) == ["wed"])
        #expect(today(ReportFixture.berlin).isEmpty, "due after the next working day, and not started")
    }

    @Test("Friday's work counts on Monday; Thursday's note does not")
    func sections() {
        let standup = Self.standup()
        #expect(standup.done.map(\.loop) == ["login-timeout"])
        #expect(standup.progress.map(\.loop) == ["billing-export", "runbook"])
        #expect(standup.progress[0].facts["notes"] == .array([.string("CSV writer done")]))
        #expect(standup.blockers.map(\.loop) == ["pg-upgrade", "flaky-test"])
        #expect(standup.blockers[0].facts["helpAsked"] == .bool(false))
        #expect(standup.blockers[0].facts["ageWorkingDays"] == .number(2.9))
        #expect(standup.blockers[1].facts["helpAsked"] == .bool(true))
        #expect(standup.changes.map(\.loop) == ["billing-export", "runbook"])
        #expect(standup.otherWork.map(\.subject) == ["Bump linter"])
        #expect(!standup.includedLoops.contains("bobs-loop"))
        #expect(!standup.includedLoops.contains("old-thing"))
    }

    @Test("A loop dropped or reopened in the window moved: the standup says so")
    func droppedAndReopenedLoopsMoved() throws {
        let lines = [
            #"{"id":"g0","loop":"gone","at":"2026-11-20T09:00:00Z","by":"alice","type":"created","title":"Old idea","owner":"alice"}"#,
            #"{"id":"g1","loop":"gone","at":"2026-11-27T10:00:00Z","by":"alice","type":"dropped","reason":"not needed"}"#,
            #"{"id":"a0","loop":"again","at":"2026-11-20T09:00:00Z","by":"alice","type":"created","title":"Fix login","owner":"alice"}"#,
            #"{"id":"a1","loop":"again","at":"2026-11-26T09:00:00Z","by":"alice","type":"done"}"#,
            #"{"id":"a2","loop":"again","at":"2026-11-27T15:00:00Z","by":"alice","type":"reopened","reason":"broke again"}"#,
        ]
        let events = try lines.map { try Event(jsonLine: $0, makeID: { "" }) }
        let loops = try ["gone", "again"].map { key in try #require(Loop.fold(events.filter { $0.loop == key })) }
        let standup = Standup(
            owner: "alice",
            loops: loops,
            events: events,
            calendar: ReportFixture.berlin,
            now: Self.monday
        )
        #expect(standup.progress.map(\.loop) == ["again", "gone"])
        #expect(standup.progress.map(\.summary) == ["open", "dropped"])
        #expect(
            standup.progress.map { $0.facts["notes"] } == [
                .array(["reopened: broke again"]), .array(["dropped: not needed"]),
            ]
        )
        // The weekly lists both among its decisions.
        let weekly = Weekly(
            owner: "alice",
            loops: loops,
            events: events,
            calendar: ReportFixture.berlin,
            now: Self.monday,
            since: ReportFixture.at("2026-11-22T23:00:00Z"),
            until: ReportFixture.at("2026-11-27T23:00:00Z")
        )
        #expect(weekly.decisions.map { $0.facts["decision"]?.stringValue } == ["dropped", "reopened"])
        #expect(weekly.decisions.map(\.summary) == ["dropped: not needed", "reopened: broke again"])
    }

    /// ben worked on the loop, then handed it to kenji: the work is ben's, in his standup and weekly
    /// with the hand-off; kenji's tell only what he did after it came to him.
    @Test("After a hand-off each person's reports tell their own work on the loop")
    func aHandOffSplitsTheWork() throws {
        let lines = [
            #"{"id":"p0","loop":"pdf","at":"2026-11-27T08:00:00Z","by":"ben","type":"created","title":"Invoice PDFs","owner":"ben"}"#,
            #"{"id":"p1","loop":"pdf","at":"2026-11-27T08:05:00Z","by":"ben","type":"started"}"#,
            #"{"id":"p2","loop":"pdf","at":"2026-11-27T09:00:00Z","by":"ben","type":"noted","note":"renderer done"}"#,
            #"{"id":"p3","loop":"pdf","at":"2026-11-27T10:00:00Z","by":"ben","type":"handedOff","to":"kenji"}"#,
            #"{"id":"p4","loop":"pdf","at":"2026-11-27T11:00:00Z","by":"kenji","type":"noted","note":"templates next"}"#,
        ]
        let events = try lines.map { try Event(jsonLine: $0, makeID: { "" }) }
        let loop = try #require(Loop.fold(events))
        #expect(loop.owner == "kenji")
        func standup(_ person: String) -> Standup {
            Standup(owner: person, loops: [loop], events: events, calendar: ReportFixture.berlin, now: Self.monday)
        }
        #expect(
            standup("ben").progress.map { $0.facts["notes"] }
                == [.array(["started", "renderer done", "handed off to kenji"])]
        )
        #expect(standup("kenji").progress.map { $0.facts["notes"] } == [.array(["templates next"])])
        // Ben's line says whose the loop is now: "open" alone read as his loop still going.
        #expect(standup("ben").progress.map(\.summary) == ["kenji's, open"])
        #expect(standup("kenji").progress.map(\.summary) == ["open"])
        func weekly(_ person: String) -> Weekly { Self.weekly(of: person, loop, events) }
        #expect(weekly("ben").progress.map { $0.facts["notes"] } == [.array(["started", "renderer done"])])
        #expect(weekly("ben").decisions.map(\.summary) == ["handed off to kenji"])
        #expect(weekly("kenji").progress.map { $0.facts["notes"] } == [.array(["templates next"])])
        #expect(weekly("kenji").decisions.isEmpty)
    }

    /// `person`'s weekly over the week of Monday 23 November, in Berlin, drafted the Monday after.
    static func weekly(of person: String, _ loop: Loop, _ events: [Event]) -> Weekly {
        Weekly(
            owner: person,
            loops: [loop],
            events: events,
            calendar: ReportFixture.berlin,
            now: monday,
            since: ReportFixture.at("2026-11-22T23:00:00Z"),
            until: ReportFixture.at("2026-11-27T23:00:00Z")
        )
    }

    /// What was decided on a loop before its owner handed it off stays in their week: a lead's
    /// approval and the owner's change to plan went missing, and only the hand-off was left.
    @Test("Decisions on a loop before its hand-off stay in the previous owner's weekly")
    func decisionsBeforeAHandOffStay() throws {
        let lines = [
            #"{"id":"h0","loop":"db","at":"2026-11-27T08:00:00Z","by":"ben","type":"created","title":"DB move","owner":"ben","stakes":"high"}"#,
            #"{"id":"h1","loop":"db","at":"2026-11-27T08:30:00Z","by":"lee","type":"approved"}"#,
            #"{"id":"h2","loop":"db","at":"2026-11-27T09:00:00Z","by":"ben","type":"scopeChanged","note":"also the replicas","told":["lee"]}"#,
            #"{"id":"h3","loop":"db","at":"2026-11-27T10:00:00Z","by":"ben","type":"handedOff","to":"kenji"}"#,
            #"{"id":"h4","loop":"db","at":"2026-11-27T11:00:00Z","by":"kenji","type":"dueChanged","due":"2026-12-20","reason":"later"}"#,
        ]
        let events = try lines.map { try Event(jsonLine: $0, makeID: { "" }) }
        let loop = try #require(Loop.fold(events))
        func weekly(_ person: String) -> Weekly { Self.weekly(of: person, loop, events) }
        #expect(
            weekly("ben").decisions.map { $0.facts["decision"]?.stringValue }
                == ["approved", "scopeChanged", "handedOff"]
        )
        #expect(weekly("ben").decisions.first?.summary == "approved by lee")
        // kenji's week holds his own change to plan; ben's, none made after the loop left him.
        #expect(weekly("kenji").decisions.contains { $0.facts["decision"] == "dueChanged" })
        #expect(!weekly("kenji").decisions.contains { $0.facts["decision"] == "scopeChanged" }, "ben's, before")
        // Nor lee's approval of ben's loop: it was in both weeklies (twice in everyone's).
        #expect(!weekly("kenji").decisions.contains { $0.facts["decision"] == "approved" }, "ben's news, before")
        // The standup alike: ben's change before the hand-off is his to tell, kenji's since is kenji's.
        func standup(_ person: String) -> Standup {
            Standup(
                owner: person,
                loops: [loop],
                events: events,
                commits: [],
                calendar: ReportFixture.berlin,
                now: ReportFixture.at("2026-11-30T08:00:00Z")
            )
        }
        #expect(standup("ben").changes.map { $0.facts["by"] } == ["ben"], "\(standup("ben").changes)")
        #expect(standup("kenji").changes.map { $0.facts["by"] } == ["kenji"], "\(standup("kenji").changes)")
        // What each report showed, its --mark records as told: ben's change on the loop that is kenji's
        // now too, or the doctor went on blaming kenji for a change ben's reports had told.
        #expect(standup("ben").toldChanges == ["db": ["h2"]])
        #expect(standup("kenji").toldChanges == ["db": ["h4"]])
        #expect(weekly("ben").toldChanges == ["db": ["h2"]])
        #expect(weekly("kenji").toldChanges == ["db": ["h4"]])
    }

    /// Today's loops by deadline: a date alone is due at the day's end, after 10:00 that day (as text
    /// "2026-11-27" sorted first). The weekly's next week alike.
    /// Loops with no number (a team server's pages name them by key) are listed as they were created,
    /// not in the order of their keys: the dashboard's "New" came in random keys' order.
    @Test func loopsWithoutNumbersComeAsTheyWereCreated() throws {
        let lines = [
            #"{"id":"z0","loop":"zzz","at":"2026-11-23T09:00:00Z","by":"ana","type":"created","title":"First"}"#,
            #"{"id":"a0","loop":"aaa","at":"2026-11-23T10:00:00Z","by":"ana","type":"created","title":"Second"}"#,
        ]
        let events = try lines.map { try Event(jsonLine: $0, makeID: { "" }) }
        let loops = try ["aaa", "zzz"].map { key in try #require(Loop.fold(events.filter { $0.loop == key })) }
        #expect(loops.allSatisfy { $0.number == 0 })
        let standup = Standup(
            owner: "ana",
            loops: loops,
            events: events,
            calendar: .standard,
            now: ReportFixture.at("2026-11-24T08:00:00Z")
        )
        #expect(standup.opened.map(\.loop) == ["zzz", "aaa"])
    }

    @Test func todayIsOrderedByDeadlineNotByText() throws {
        let lines = [
            #"{"id":"a0","loop":"aaa","at":"2026-11-20T10:00:00Z","by":"ana","type":"created","title":"End of Friday","due":"2026-11-27"}"#,
            #"{"id":"b0","loop":"bbb","at":"2026-11-20T10:00:00Z","by":"ana","type":"created","title":"Friday 10:00","due":"2026-11-27T10:00:00Z"}"#,
        ]
        let events = try lines.map { try Event(jsonLine: $0, makeID: { "" }) }
        let loops = try ["aaa", "bbb"].map { key in try #require(Loop.fold(events.filter { $0.loop == key })) }
        let standup = Standup(
            owner: "ana",
            loops: loops,
            events: events,
            calendar: .standard,
            now: ReportFixture.at("2026-11-27T08:00:00Z")
        )
        #expect(standup.today.map(\.loop) == ["bbb", "aaa"])
        let weekly = Weekly(
            owner: "ana",
            loops: loops,
            events: events,
            calendar: .standard,
            now: ReportFixture.at("2026-11-20T12:00:00Z")
        )
        #expect(weekly.next.map(\.loop) == ["bbb", "aaa"])
    }

    /// Overdue first, the longest overdue first (as `own list` and the weekly), not in number order.
    @Test func todayPutsTheLongestOverdueFirst() throws {
        let lines = [
            #"{"id":"a0","loop":"aaa","at":"2026-11-16T10:00:00Z","by":"ana","type":"created","title":"Nov 25","due":"2026-11-25"}"#,
            #"{"id":"b0","loop":"bbb","at":"2026-11-16T10:00:00Z","by":"ana","type":"created","title":"Nov 20","due":"2026-11-20"}"#,
            #"{"id":"c0","loop":"ccc","at":"2026-11-16T10:00:00Z","by":"ana","type":"created","title":"Nov 30","due":"2026-11-30"}"#,
            #"{"id":"d0","loop":"ddd","at":"2026-11-16T10:00:00Z","by":"ana","type":"created","title":"Nov 26 10:00","due":"2026-11-26T10:00:00Z"}"#,
        ]
        let events = try lines.map { try Event(jsonLine: $0, makeID: { "" }) }
        let loops = try ["aaa", "bbb", "ccc", "ddd"].map { key in
            try #require(Loop.fold(events.filter { $0.loop == key }))
        }
        let standup = Standup(
            owner: "ana",
            loops: loops,
            events: events,
            calendar: .standard,
            now: ReportFixture.at("2026-11-30T09:30:00Z")
        )
        #expect(standup.today.map(\.loop) == ["bbb", "aaa", "ddd", "ccc"])
        #expect(standup.today.map { $0.facts["overdue"]?.boolValue } == [true, true, true, false])
    }

    @Test("New: loops opened since the start of the previous working day, and only the owner's")
    func opened() throws {
        // Tuesday 2026-11-24 morning: the window is Monday, when alice opened the runbook.
        let standup = Self.standup(now: ReportFixture.at("2026-11-24T08:00:00Z"), commits: [])
        #expect(standup.opened.map(\.loop) == ["runbook"])
        let item = try #require(standup.opened.first)
        #expect(item.facts["state"] == "open")
        #expect(item.facts["due"] == "2026-12-01")
        #expect(standup.includedLoops.contains("runbook"))
        #expect(standup.document.sections.map(\.heading).contains("New"))
        // Monday 2026-11-30: nothing was opened on Friday.
        #expect(Self.standup().opened.isEmpty)
    }

    @Test("Today lists the overdue first, then by due date")
    func todayOrder() {
        #expect(Self.standup().today.map(\.loop) == ["quarterly", "runbook", "billing-export"])
    }

    @Test(
        "The previous working day is the owner's, whatever the instant's UTC date",
        arguments: [
            // 23:30 UTC on Sunday is already Monday in Tokyo: the window opens on Friday, Tokyo time.
            ("Asia/Tokyo", "2026-11-29T23:30:00Z", "2026-11-27", "2026-11-26T15:00:00Z"),
            // The same instant is still Sunday in Los Angeles: the last working day before Sunday is Friday.
            ("America/Los_Angeles", "2026-11-29T23:30:00Z", "2026-11-27", "2026-11-27T08:00:00Z"),
            // Tuesday morning in Berlin: Monday.
            ("Europe/Berlin", "2026-12-01T07:00:00Z", "2026-11-30", "2026-11-29T23:00:00Z"),
        ]
    )
    func windowAcrossZones(zone: String, now: String, previous: String, since: String) {
        var calendar = WorkingCalendar.standard
        calendar.zone = TimeZone(identifier: zone)!
        let standup = Standup(owner: "alice", loops: [], events: [], calendar: calendar, now: ReportFixture.at(now))
        #expect(standup.previousWorkday.description == previous)
        #expect(standup.since == ReportFixture.at(since))
    }

    @Test("A loop with commits but no note is progress, with the commit subjects")
    func commitsMakeProgress() {
        let standup = Self.standup()
        let runbook = standup.progress.first { $0.loop == "runbook" }
        #expect(runbook?.details == ["2222222 Add the runbook outline (docs)"])
    }

    @Test("An empty day says so in one line")
    func emptyDay() {
        let standup = Standup(
            owner: "alice",
            loops: [],
            events: [],
            calendar: ReportFixture.berlin,
            now: Self.monday
        )
        let text = Report.standup(standup).rendered(as: .text)
        #expect(text == "Standup: alice\nMon 30 Nov 2026, since Fri 27 Nov\n\n" + standup.document.empty + "\n")
        #expect(standup.document.empty.split(separator: "\n").count == 1)
    }

    @Test("Markdown matches the golden file")
    func markdown() throws {
        try Golden.check(Report.standup(Self.standup()).rendered(as: .md), "standup.md")
    }

    @Test("On the Tuesday, the loop opened on Monday is New, in text, Markdown and JSON")
    func openedGolden() throws {
        let tuesday = Report.standup(Self.standup(now: ReportFixture.at("2026-11-24T08:00:00Z"), commits: []))
        try Golden.check(tuesday.rendered(as: .text), "standup-new.txt")
        try Golden.check(tuesday.rendered(as: .md), "standup-new.md")
        try Golden.check(tuesday.rendered(as: .json), "standup-new.json")
    }

    @Test("Text matches the golden file")
    func text() throws {
        try Golden.check(Report.standup(Self.standup()).rendered(as: .text), "standup.txt")
    }

    @Test("JSON: exactly the six arrays, each element with loop (the key) and title")
    func json() throws {
        let output = Report.standup(Self.standup()).rendered(as: .json)
        let value = try JSONParser.parse(output)
        let object = try #require(value.objectValue)
        #expect(Set(object.keys) == ["owner", "done", "progress", "new", "today", "blockers", "changes", "away"])
        #expect(object["owner"] == "alice", "whose it is, for --owner all")
        for (name, array) in object where name != "owner" {
            for element in try #require(array.arrayValue) {
                #expect(element.objectValue?["loop"]?.stringValue != nil)
                #expect(element.objectValue?["title"]?.stringValue != nil)
            }
        }
        #expect(
            output.hasPrefix(
                "{\"owner\":\"alice\",\"done\":[{\"loop\":\"login-timeout\",\"number\":1,\"title\":\"Fix login timeout\""
            )
        )
        try Golden.check(output, "standup.json")
    }
}
