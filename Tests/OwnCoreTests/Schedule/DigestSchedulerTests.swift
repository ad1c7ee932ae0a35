import Foundation
import OwnCore
import Testing

@Suite("The digest scheduler: each send at its time on each person's calendar, once")
struct DigestSchedulerTests {
    /// ana (Berlin) leads; ben (New York) and kenji (Tokyo) get their own digests.
    func scheduler(
        _ timeOff: TimeOff...,
        lead: String = "ana",
        people: [String] = ["ana", "ben", "kenji"]
    )
        -> DigestScheduler
    {
        var calendars = teamCalendars()
        calendars.add(timeOff)
        return DigestScheduler(
            team: "payments",
            people: people.map { .init(name: $0, calendar: calendars.calendar(for: $0), isLead: $0 == lead) }
        )
    }

    /// `08:00 standup ana 2026-11-25`, with ` late` when late; the time in UTC.
    func line(_ send: DigestSend) -> String {
        let clock = Timestamp.format(send.at).dropFirst(11).prefix(5)
        return "\(clock) \(send.slot.kind.rawValue) \(send.slot.person) \(send.slot.day)\(send.late ? " late" : "")"
    }

    /// Runs the scheduler once a minute from `start` to `end`, as a server that never stops, sending
    /// whatever is due; returns each send, prefixed with the instant it went out (UTC).
    func everyMinute(_ scheduler: DigestScheduler, from start: String, to end: String) -> [String] {
        var sent = Set<DigestSlot>()
        var log: [String] = []
        var now = instant(start)
        var since = now.addingTimeInterval(-60)
        while now <= instant(end) {
            let plan = scheduler.plan(at: now, since: since, sent: sent)
            for send in plan.due {
                sent.insert(send.slot)
                log.append(String(Timestamp.format(now).prefix(16)) + " " + line(send).dropFirst(6))
            }
            for send in plan.skipped { log.append("skipped " + line(send)) }
            since = now
            now = now.addingTimeInterval(60)
        }
        return log
    }

    @Test func threeZonesAcrossAWeekend() {
        // Thursday to Monday in late November: Tokyo's day is 00:00–08:00 UTC, Berlin's 08:00–16:00 and
        // New York's 14:00–22:00. The weekly goes at the end of ana's Friday; nothing on the weekend. At
        // one instant, standups go before hand-off reminders.
        #expect(
            everyMinute(scheduler(), from: "2026-11-26T00:00:00Z", to: "2026-11-30T09:00:00Z") == [
                "2026-11-26T00:00 standup kenji 2026-11-26",
                "2026-11-26T06:00 handoff kenji 2026-11-26",
                "2026-11-26T08:00 standup ana 2026-11-26",
                "2026-11-26T14:00 standup ben 2026-11-26",
                "2026-11-26T14:00 handoff ana 2026-11-26",
                "2026-11-26T20:00 handoff ben 2026-11-26",
                "2026-11-27T00:00 standup kenji 2026-11-27",
                "2026-11-27T06:00 handoff kenji 2026-11-27",
                "2026-11-27T08:00 standup ana 2026-11-27",
                "2026-11-27T14:00 standup ben 2026-11-27",
                "2026-11-27T14:00 handoff ana 2026-11-27",
                "2026-11-27T16:00 weekly ana 2026-11-27",
                "2026-11-27T20:00 handoff ben 2026-11-27",
                "2026-11-30T00:00 standup kenji 2026-11-30",
                "2026-11-30T06:00 handoff kenji 2026-11-30",
                "2026-11-30T08:00 standup ana 2026-11-30",
            ]
        )
    }

    @Test func daylightSavingChanges() {
        // New York moves on Sunday 2026-03-08: ben's day starts at 14:00 UTC on Friday, 13:00 on Monday.
        let us = everyMinute(scheduler(), from: "2026-03-06T00:00:00Z", to: "2026-03-09T23:59:00Z")
        #expect(
            us.filter { $0.contains("ben") } == [
                "2026-03-06T14:00 standup ben 2026-03-06",
                "2026-03-06T20:00 handoff ben 2026-03-06",
                "2026-03-09T13:00 standup ben 2026-03-09",
                "2026-03-09T19:00 handoff ben 2026-03-09",
            ]
        )
        // Berlin moves on Sunday 2026-03-29; Tokyo never does.
        let europe = everyMinute(scheduler(), from: "2026-03-27T00:00:00Z", to: "2026-03-30T23:59:00Z")
        #expect(
            europe.filter { $0.contains("ana") } == [
                "2026-03-27T08:00 standup ana 2026-03-27",
                "2026-03-27T14:00 handoff ana 2026-03-27",
                "2026-03-27T16:00 weekly ana 2026-03-27",
                "2026-03-30T07:00 standup ana 2026-03-30",
                "2026-03-30T13:00 handoff ana 2026-03-30",
            ]
        )
        #expect(
            europe.filter { $0.contains("standup kenji") } == [
                "2026-03-27T00:00 standup kenji 2026-03-27", "2026-03-30T00:00 standup kenji 2026-03-30",
            ]
        )
    }

    @Test func timeOff() {
        // ana is away Thursday and Friday: nothing for her, and her week ends on Wednesday, so the weekly
        // goes at the end of Wednesday.
        let away = scheduler(daysOff("ana", "2026-11-26", "2026-11-27"))
        let log = everyMinute(away, from: "2026-11-25T00:00:00Z", to: "2026-11-29T00:00:00Z")
        #expect(
            log.filter { $0.contains("ana") } == [
                "2026-11-25T08:00 standup ana 2026-11-25",
                "2026-11-25T14:00 handoff ana 2026-11-25",
                "2026-11-25T16:00 weekly ana 2026-11-25",
            ]
        )
        #expect(log.filter { $0.contains("ben") }.count == 6, "ben's days go on")
        // A lead away all week sends no weekly.
        let allWeek = scheduler(daysOff("ana", "2026-11-23", "2026-11-27"))
        #expect(
            everyMinute(allWeek, from: "2026-11-23T00:00:00Z", to: "2026-11-29T00:00:00Z")
                .filter { $0.contains("ana") }.isEmpty
        )
    }

    /// A time every server was down, what had been sent before, and what the scheduler should say on return.
    struct Outage: Sendable, CustomTestStringConvertible {
        var down: String
        var back: String
        var sent: [String]
        var due: [String]
        var skipped: [String] = []
        var testDescription: String { "down \(down), back \(back)" }
    }

    static let outages = [
        // Down 07:00–10:30 UTC on Wednesday: kenji's day was covered, ana's standup goes late.
        Outage(
            down: "2026-11-25T07:00:00Z",
            back: "2026-11-25T10:30:00Z",
            sent: ["standup kenji 2026-11-25", "handoff kenji 2026-11-25"],
            due: ["08:00 standup ana 2026-11-25 late"]
        ),
        // Down from 05:00: kenji's hand-off reminder fell due and his day ended: skipped.
        Outage(
            down: "2026-11-25T05:00:00Z",
            back: "2026-11-25T10:30:00Z",
            sent: ["standup kenji 2026-11-25"],
            due: ["08:00 standup ana 2026-11-25 late"],
            skipped: ["06:00 handoff kenji 2026-11-25"]
        ),
        // Back within the grace of ten minutes: on time; a minute more is late.
        Outage(
            down: "2026-11-25T07:00:00Z",
            back: "2026-11-25T08:10:00Z",
            sent: ["standup kenji 2026-11-25", "handoff kenji 2026-11-25"],
            due: ["08:00 standup ana 2026-11-25"]
        ),
        Outage(
            down: "2026-11-25T07:59:00Z",
            back: "2026-11-25T08:11:00Z",
            sent: ["standup kenji 2026-11-25", "handoff kenji 2026-11-25"],
            due: ["08:00 standup ana 2026-11-25 late"]
        ),
        // Down over whole day starts, Tuesday 15:00 to Wednesday 17:00: only ben's Wednesday standup can
        // still go, late; Tuesday evening's and Wednesday's sends whose day is over are skipped.
        Outage(
            down: "2026-11-24T15:00:00Z",
            back: "2026-11-25T17:00:00Z",
            sent: ["standup ana 2026-11-24", "handoff ana 2026-11-24", "standup ben 2026-11-24"],
            due: ["14:00 standup ben 2026-11-25 late"],
            skipped: [
                "20:00 handoff ben 2026-11-24", "00:00 standup kenji 2026-11-25", "06:00 handoff kenji 2026-11-25",
                "08:00 standup ana 2026-11-25", "14:00 handoff ana 2026-11-25",
            ]
        ),
        // Down over the end of ana's Friday: the weekly may still go that evening in Berlin, late …
        Outage(
            down: "2026-11-27T15:00:00Z",
            back: "2026-11-27T20:00:00Z",
            sent: ["standup ana 2026-11-27", "handoff ana 2026-11-27", "standup ben 2026-11-27"],
            due: ["16:00 weekly ana 2026-11-27 late", "20:00 handoff ben 2026-11-27"]
        ),
        // … but not after midnight in Berlin.
        Outage(
            down: "2026-11-27T15:00:00Z",
            back: "2026-11-28T00:30:00Z",
            sent: [
                "standup ana 2026-11-27", "handoff ana 2026-11-27", "standup ben 2026-11-27", "handoff ben 2026-11-27",
            ],
            due: [],
            skipped: ["16:00 weekly ana 2026-11-27"]
        ),
    ]

    @Test(arguments: outages)
    func aServerDown(_ outage: Outage) {
        let scheduler = scheduler()
        let sent = Set(
            outage.sent.map { text in
                let parts = text.split(separator: " ")
                return DigestSlot(
                    kind: DigestKind(rawValue: String(parts[0]))!,
                    team: "payments",
                    person: String(parts[1]),
                    day: CivilDate(iso: parts[2])!
                )
            }
        )
        let plan = scheduler.plan(at: instant(outage.back), since: instant(outage.down), sent: sent)
        #expect(plan.due.map(line) == outage.due)
        #expect(plan.skipped.map(line) == outage.skipped)
        // Once sent, a slot is never due again, on this server or another.
        let again = scheduler.plan(
            at: instant(outage.back),
            since: instant(outage.back),
            sent: sent.union(plan.due.map(\.slot))
        )
        #expect(again == DigestPlan())
    }

    @Test func nothingOnADayOff() {
        let scheduler = scheduler()
        let saturday = scheduler.plan(
            at: instant("2026-11-28T12:00:00Z"),
            since: instant("2026-11-28T00:00:00Z"),
            sent: []
        )
        #expect(saturday == DigestPlan())
    }

    @Test func theWeeklyFollowsTheFirstLeadsCalendar() {
        // dana (Jerusalem, Sunday to Thursday) leads: her week ends on Thursday at 15:00 UTC.
        let led = scheduler(lead: "dana", people: ["ana", "dana"])
        #expect(led.weeklyLead?.name == "dana")
        let log = everyMinute(led, from: "2026-11-26T00:00:00Z", to: "2026-11-28T00:00:00Z")
        #expect(log.filter { $0.contains("weekly") } == ["2026-11-26T15:00 weekly dana 2026-11-26"])
        #expect(scheduler(lead: "nobody").weeklyLead == nil)
        #expect(
            everyMinute(scheduler(lead: "nobody"), from: "2026-11-27T00:00:00Z", to: "2026-11-28T00:00:00Z")
                .filter { $0.contains("weekly") }.isEmpty
        )
    }

    /// A lead named after the week's weekly went out (first by name, so the weekly follows them now)
    /// sends no second one that week; the next week's is theirs.
    @Test func aNewLeadSendsNoSecondWeeklyThatWeek() {
        let sentByAna = DigestSlot(kind: .weekly, team: "payments", person: "ana", day: CivilDate(iso: "2026-11-27")!)
        // ben (New York) leads from Friday evening: his Friday ends at 22:00 UTC.
        let led = scheduler(lead: "ben", people: ["ana", "ben"])
        let friday = led.plan(
            at: instant("2026-11-27T22:05:00Z"),
            since: instant("2026-11-27T16:30:00Z"),
            sent: [sentByAna]
        )
        #expect(!friday.due.contains { $0.slot.kind == .weekly }, "\(friday.due.map(line))")
        let without = led.plan(at: instant("2026-11-27T22:05:00Z"), since: instant("2026-11-27T16:30:00Z"), sent: [])
        #expect(without.due.map(line).contains("22:00 weekly ben 2026-11-27"), "\(without.due.map(line))")
        let nextWeek = led.plan(
            at: instant("2026-12-04T22:05:00Z"),
            since: instant("2026-12-04T16:30:00Z"),
            sent: [sentByAna]
        )
        #expect(nextWeek.due.map(line).contains("22:00 weekly ben 2026-12-04"), "\(nextWeek.due.map(line))")
    }

    @Test func eachPersonsPolicyPlacesTheirReminder() throws {
        var policy = Policy.defaults
        policy.handoffBefore = 0.5
        let calendar = try #require(teamCalendars().people["ana"])
        let scheduler = DigestScheduler(
            team: "payments",
            people: [.init(name: "ana", calendar: calendar, policy: policy)]
        )
        let log = everyMinute(scheduler, from: "2026-11-25T00:00:00Z", to: "2026-11-25T23:59:00Z")
        #expect(log == ["2026-11-25T08:00 standup ana 2026-11-25", "2026-11-25T15:30 handoff ana 2026-11-25"])
    }

    @Test func dedupeKeys() {
        let slot = DigestSlot(kind: .standup, team: "payments", person: "ana", day: CivilDate(iso: "2026-11-25")!)
        #expect(slot.dedupeKey == "digest:payments:ana:2026-11-25")
        #expect(DigestSlot(dedupeKey: slot.dedupeKey) == slot)
        var weekly = slot
        weekly.kind = .weekly
        #expect(weekly.dedupeKey == "weekly:payments:ana:2026-11-25")
        #expect(DigestSlot(dedupeKey: weekly.dedupeKey) == weekly)
        let colon = DigestSlot(kind: .handoff, team: "payments", person: "a:b", day: CivilDate(iso: "2026-11-25")!)
        #expect(DigestSlot(dedupeKey: colon.dedupeKey) == colon)
        #expect(DigestSlot(dedupeKey: "digest:payments::2026-11-25") == nil)
        #expect(DigestSlot(dedupeKey: "notice:e1") == nil)
        #expect(DigestSlot(dedupeKey: "digest:payments:ana:monday") == nil)
        #expect(slot.description == "standup for ana on 2026-11-25")
    }

    @Test func aScheduleFarBehindLooksBackAWeekAtMost() {
        // Down for a month: only the last eight days' ends are reported, and today's standup still goes.
        let plan = scheduler().plan(
            at: instant("2026-11-25T08:30:00Z"),
            since: instant("2026-10-20T00:00:00Z"),
            sent: []
        )
        #expect(plan.due.map(line) == ["08:00 standup ana 2026-11-25 late"])
        #expect(plan.skipped.first.map(line) == "08:00 standup ana 2026-11-17")
        #expect(plan.skipped.allSatisfy { $0.until > instant("2026-11-17T08:30:00Z") })
    }
}
