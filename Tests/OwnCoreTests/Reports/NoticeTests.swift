import Foundation
import OwnCore
import Testing

@Suite("Notice")
struct NoticeTests {
    static let now = ReportFixture.at("2026-11-27T16:10:00Z")

    static func notice(_ key: String = "billing-export", now: Date = now) throws -> Notice {
        let story = ReportFixture.story
        let loop = try #require(story.loops(at: now).first { $0.key == key })
        return try #require(
            Notice(
                loop: loop,
                events: story.events(since: .distantPast, now: now).filter { $0.loop == key },
                calendar: ReportFixture.berlin,
                now: now
            )
        )
    }

    @Test("What changed, what was done, the workaround, the contingency and the new date, to the affected")
    func parts() throws {
        let notice = try Self.notice()
        #expect(notice.to == ["finance", "carol"])
        #expect(notice.changes.map(\.type) == [.dueChanged])
        #expect(notice.actions == ["started", "schema agreed with finance", "CSV writer done"])
        #expect(notice.workaround == "finance can export by hand from the admin page")
        #expect(notice.due == .day(CivilDate(year: 2026, month: 12, day: 1).adding(days: 3)))
        #expect(notice.previousDue == .day(CivilDate(year: 2026, month: 12, day: 1)))
        #expect(
            notice.contingency
                == "If this is not resolved by Thu 3 Dec, the date moves by 3 working days and I will say so that day."
        )
    }

    /// A risk lee recorded on ana's loop is lee's in the notice, in every form (the Slack message
    /// credited ana, the owner, with it).
    @Test func aChangeByATeammateIsCreditedToThem() throws {
        let notice = try Self.notice(
            of: [
                Self.event(
                    "r",
                    1,
                    "2026-12-01T09:00:00Z",
                    .created,
                    ["title": "r", "affects": ["bob"], "stakes": "medium"]
                ),
                Self.event("r", 2, "2026-12-01T10:00:00Z", .risk, ["note": "we will miss the date"], by: "lee"),
            ],
            at: "2026-12-01T11:00:00Z"
        )
        #expect(notice.document.subtitle == "from ana; changes by lee")
        #expect(Report.notice(notice).rendered(as: .slack).contains("changes by lee"))
    }

    /// Event `number` of the loop `key`, by ana unless said.
    static func event(
        _ key: String,
        _ number: Int,
        _ at: String,
        _ type: EventType,
        _ fields: EventFields = [:],
        by: String = "ana"
    )
        -> Event
    {
        Event(id: "\(key)-\(number)", loop: key, at: ReportFixture.at(at), by: by, type: type, fields: fields)
    }

    /// The notice of a loop folded from `events`, at `now`, on Berlin's calendar.
    static func notice(of events: [Event], at now: String) throws -> Notice {
        let loop = try #require(Loop.fold(events))
        return try #require(
            Notice(loop: loop, events: events, calendar: ReportFixture.berlin, now: ReportFixture.at(now))
        )
    }

    /// ana hands her loop to bob, who names himself among those it affects and changes its scope: the
    /// notice is from bob to the others, and its two starts are told apart by the hand-off between them.
    @Test func aNoticeIsNotAddressedToItsSenderAndTellsTheHandOff() throws {
        let events = [
            Self.event("q", 1, "2026-12-01T09:00:00Z", .created, ["title": "q", "affects": ["bob", "lee"]]),
            Self.event("q", 2, "2026-12-01T10:00:00Z", .started, [:]),
            Self.event("q", 3, "2026-12-02T10:00:00Z", .handedOff, ["to": "bob", "note": "you know billing"]),
            Event(id: "q-4", loop: "q", at: ReportFixture.at("2026-12-03T10:00:00Z"), by: "bob", type: .started),
            Event(
                id: "q-5",
                loop: "q",
                at: ReportFixture.at("2026-12-03T11:00:00Z"),
                by: "bob",
                type: .scopeChanged,
                fields: ["note": "adds GBP", "estimateHours": 10]
            ),
        ]
        let notice = try Self.notice(of: events, at: "2026-12-03T12:00:00Z")
        #expect(notice.owner == "bob")
        #expect(notice.to == ["lee"])
        #expect(notice.actions == ["started", "handed off to bob: you know billing", "started"])
        // ana's hand-off of the loop that is bob's (recorded offline, pulled later) changes nothing:
        // the notice does not tell it as done.
        let void = Self.event("q", 6, "2026-12-03T11:30:00Z", .handedOff, ["to": "lee", "note": "yours"])
        let later = try Self.notice(of: events + [void], at: "2026-12-03T12:00:00Z")
        #expect(later.owner == "bob" && later.actions == notice.actions, "\(later.actions)")
    }

    /// The checkpoint is a day the owner works: due Tue 8 Dec, away Thu 3 to Mon 7 Dec, it is Wed 2 Dec,
    /// not the Monday she is away.
    @Test func theCheckpointIsNotInTheOwnersTimeOff() throws {
        let events = [
            Self.event(
                "q",
                1,
                "2026-11-23T09:00:00Z",
                .created,
                ["title": "q", "due": "2026-12-04", "affects": ["lee"]]
            ),
            Self.event("q", 2, "2026-11-24T09:00:00Z", .dueChanged, ["due": "2026-12-08", "reason": "slip"]),
        ]
        let loop = try #require(Loop.fold(events))
        var calendar = ReportFixture.berlin
        let now = ReportFixture.at("2026-11-26T09:00:00Z")
        let atWork = try #require(Notice(loop: loop, events: events, calendar: calendar, now: now))
        #expect(
            atWork.contingency?.hasPrefix("If this is not resolved by Mon 7 Dec,") == true,
            "\(atWork.contingency ?? "")"
        )
        calendar.timeOff = [
            TimeOff(
                id: "t",
                person: "ana",
                first: CivilDate(year: 2026, month: 12, day: 3),
                last: CivilDate(year: 2026, month: 12, day: 7),
                backup: "lee",
                recordedAt: now
            )
        ]
        let away = try #require(Notice(loop: loop, events: events, calendar: calendar, now: now))
        #expect(
            away.contingency?.hasPrefix("If this is not resolved by Wed 2 Dec,") == true,
            "\(away.contingency ?? "")"
        )
    }

    /// A script adds a loop and moves its date at one instant: the date it was created with is still
    /// the one before the change, whatever order the ids (or a store) give the two events.
    @Test("A due change in the second the loop was created keeps the date it replaced")
    func dueChangedInTheSecondOfCreation() throws {
        let created = Self.event("q", 9, "2026-12-04T10:00:00Z", .created, ["title": "q", "due": "2026-12-18"])
        let moved = Self.event("q", 1, "2026-12-04T10:00:00Z", .dueChanged, ["due": "2026-12-22", "reason": "r"])
        let loop = try #require(Loop.fold([created, moved]))
        let notice = try #require(
            Notice(
                loop: loop,
                events: [moved, created],
                calendar: ReportFixture.berlin,
                now: ReportFixture.at("2026-12-04T10:01:00Z")
            )
        )
        #expect(notice.due == .day(CivilDate(year: 2026, month: 12, day: 22)))
        #expect(notice.previousDue == .day(CivilDate(year: 2026, month: 12, day: 18)))
    }

    @Test("A due date cleared before the change is no previous date")
    func clearedDueIsNoPreviousDate() throws {
        let events = [
            Self.event(
                "p",
                0,
                "2026-12-01T09:00:00Z",
                .created,
                ["title": "p", "due": "2026-12-04", "affects": ["lee"]]
            ),
            Self.event("p", 1, "2026-12-01T10:00:00Z", .edited, ["due": .null]),
            Self.event("p", 2, "2026-12-02T10:00:00Z", .dueChanged, ["due": "2026-12-11", "reason": "x"]),
        ]
        let now = ReportFixture.at("2026-12-02T10:05:00Z")
        let loop = try #require(Loop.fold(events))
        let notice = try #require(Notice(loop: loop, events: events, calendar: ReportFixture.berlin, now: now))
        #expect(notice.due == .day(CivilDate(year: 2026, month: 12, day: 11)))
        #expect(notice.previousDue == nil)
        #expect(notice.json.objectValue?["previousDue"] == .null)
    }

    @Test("A loop done since its change says so, and drafts no contingency: nothing is left to slip")
    func aDoneLoopsNoticeSaysItIsDone() throws {
        let events = [
            Self.event(
                "c",
                0,
                "2026-11-16T08:00:00Z",
                .created,
                ["title": "c", "due": "2026-11-20", "affects": ["release"]]
            ),
            Self.event("c", 1, "2026-11-20T09:00:00Z", .dueChanged, ["due": "2026-12-04", "reason": "image delayed"]),
            Self.event("c", 2, "2026-11-27T15:00:00Z", .done, ["verified": true]),
        ]
        let now = ReportFixture.at("2026-11-30T10:00:00Z")
        let loop = try #require(Loop.fold(events))
        let notice = try #require(Notice(loop: loop, events: events, calendar: ReportFixture.berlin, now: now))
        #expect(notice.contingency == nil)
        #expect(notice.ended == "done Fri 27 Nov")
        #expect(!notice.overdue)
        let lead = notice.document.lead
        #expect(lead.contains("Now: done Fri 27 Nov"), "\(lead)")
        #expect(!lead.contains { $0.hasPrefix("New date") }, "\(lead)")
        #expect(notice.json.objectValue?["ended"] == "done Fri 27 Nov")
    }

    @Test("A loop with no change to plan has no notice")
    func none() throws {
        let story = ReportFixture.story
        let loop = try #require(story.loops(at: Self.now).first { $0.key == "pg-upgrade" })
        #expect(Notice(loop: loop, events: [], calendar: ReportFixture.berlin, now: Self.now) == nil)
    }

    @Test("Markdown matches the golden file")
    func markdown() throws {
        try Golden.check(Report.notice(try Self.notice()).rendered(as: .md), "notice.md")
    }

    @Test("JSON names the loop by key and title")
    func json() throws {
        let object = try #require(
            try JSONParser.parse(Report.notice(try Self.notice()).rendered(as: .json)).objectValue
        )
        #expect(object["loop"] == .string("billing-export"))
        #expect(object["title"] == .string("Billing export"))
        #expect(object["to"] == .array([.string("finance"), .string("carol")]))
    }
}

@Suite("Notice on an overdue loop")
struct OverdueNoticeTests {
    /// billing-export's due date moved to Fri 4 Dec; read on Tue 8 Dec it is overdue, on Thu 3 Dec not.
    @Test(arguments: [("2026-12-08T10:00:00Z", true), ("2026-12-03T10:00:00Z", false)])
    func theProposedDateIsNeverInThePast(now: String, overdue: Bool) throws {
        let instant = ReportFixture.at(now)
        let story = ReportFixture.story
        let loop = try #require(story.loops(at: instant).first { $0.key == "billing-export" })
        let notice = try #require(
            Notice(
                loop: loop,
                events: story.events(since: .distantPast, now: instant).filter { $0.loop == "billing-export" },
                calendar: ReportFixture.berlin,
                now: instant
            )
        )
        #expect(notice.overdue == overdue)
        let contingency = notice.contingency ?? ""
        if overdue {
            // Three working days (the last slip) from Tue 8 Dec: Fri 11 Dec.
            #expect(contingency.contains("is overdue: the new date is Fri 11 Dec"), "\(contingency)")
            #expect(Report.notice(notice).rendered(as: .md).contains("Was due: "))
        } else {
            #expect(contingency.hasPrefix("If this is not resolved by"), "\(contingency)")
            #expect(Report.notice(notice).rendered(as: .md).contains("New date: "))
        }
    }
}

@Suite("Notice of a block")
struct BlockNoticeTests {
    let created = event(
        .created,
        "2026-11-23T09:00:00Z",
        id: "c",
        ["title": "Refund webhook", "affects": ["lee"], "due": "2026-11-30"]
    )
    let started = event(.started, "2026-11-23T10:00:00Z", id: "s")
    let blocked = event(.blocked, "2026-11-24T10:00:00Z", id: "b", ["reason": "waiting on the bank's keys"])
    let now = instant("2026-11-24T12:00:00Z")

    func notice(_ events: [Event]) -> Notice? {
        Loop.fold(events).flatMap { Notice(loop: $0, events: events, calendar: .standard, now: now) }
    }

    /// A loop with no change to plan but a block gets a notice, saying what blocks it once, as what changed.
    @Test func aBlockAloneIsWhatChanged() throws {
        let notice = try #require(self.notice([created, started, blocked]))
        #expect(notice.changes.map(\.type) == [.blocked])
        #expect(notice.changes.map(\.note) == ["waiting on the bank's keys"])
        #expect(notice.actions == ["started"])
        #expect(notice.to == ["lee"])
        #expect(notice.document.sections[0].entries.map(\.title) == ["blocked: waiting on the bank's keys"])
    }

    /// A block and a risk since the last notice are both told, in the order they happened.
    @Test func aBlockAndARiskSinceTheLastNoticeAreBothTold() throws {
        let told = event(.reported, "2026-11-23T11:00:00Z", id: "m", ["channel": "notice"])
        let risk = event(.risk, "2026-11-24T11:00:00Z", id: "r", ["note": "the bank may take a week"])
        let notice = try #require(self.notice([created, started, told, blocked, risk]))
        #expect(notice.changes.map(\.id) == ["b", "r"])
    }

    /// A block taken back (`own undo`) is no block: with nothing else on record, no notice.
    @Test func aRetractedBlockIsNoNotice() {
        let retraction = event(.retracted, "2026-11-24T10:05:00Z", id: "x", ["retracts": "b"])
        #expect(notice([created, started, blocked, retraction]) == nil)
    }
}
