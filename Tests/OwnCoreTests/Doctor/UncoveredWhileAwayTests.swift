import Foundation
import OwnCore
import Testing

@Suite("uncovered-while-away and time off on the calendar")
struct UncoveredWhileAwayTests {
    /// Ana is away Monday 2026-12-21 to Monday 2027-01-04, recorded on 2026-12-01.
    func away(backup: String? = nil, person: String = "ana") -> TimeOff {
        TimeOff(
            id: "off1",
            person: person,
            first: CivilDate(iso: "2026-12-21")!,
            last: CivilDate(iso: "2027-01-04")!,
            backup: backup,
            recordedAt: instant("2026-12-01T10:00:00Z")
        )
    }

    func calendars(_ timeOff: TimeOff...) -> Calendars {
        var calendars = Calendars()
        calendars.add(timeOff)
        return calendars
    }

    func loop(_ key: String, due: String = "2027-06-30", stakes: Stakes = .medium, started: Bool = false) -> Loop {
        var events = [
            created("2026-12-01T09:00:00Z", loop: key, ["due": .string(due), "stakes": .string(stakes.rawValue)])
        ]
        if started { events.append(event(.started, "2026-12-01T09:30:00Z", loop: key)) }
        return folded(events)
    }

    @Test(arguments: [
        // Five working days before Monday 09:00 is the Monday before at 09:00, which in working time is
        // the Friday before it at 17:00 (no working time passes over the weekend); a minute earlier is
        // too early (docs/seed.md).
        ("2026-12-11T16:59:00Z", false),
        ("2026-12-11T17:00:00Z", true),
        ("2026-12-13T12:00:00Z", true),
        ("2026-12-14T09:00:00Z", true),
        ("2026-12-23T12:00:00Z", true),
        ("2027-01-04T16:00:00Z", true),
        ("2027-01-05T09:00:00Z", false),
    ])
    func theWarningWindow(now: String, fires: Bool) {
        let findings = judge(
            UncoveredWhileAway.self,
            [loop("L1", due: "2026-12-28")],
            at: now,
            calendars: calendars(away())
        )
        #expect(findings.count == (fires ? 1 : 0))
        if fires {
            #expect(findings.first?.message == "due Dec 28, while ana is away Dec 21 to Jan 4; no hand-off, no backup")
            #expect(
                findings.first?.suggestion.hasPrefix(
                    "Hand-off for L1 Loop L1 while I am away Dec 21 to Jan 4: not started."
                ) == true
            )
            #expect(findings.first?.since == instant("2026-12-01T10:00:00Z"))
        }
    }

    @Test(arguments: [
        ("2026-12-20", false, Stakes.medium, false),
        ("2026-12-21", false, .medium, true),
        ("2027-01-04", false, .medium, true),
        ("2027-01-05", false, .medium, false),
        ("2027-06-30", true, .medium, true),
        ("2027-06-30", true, .low, false),
        ("2027-06-30", false, .critical, false),
    ])
    func whichLoopsNeedSomeone(due: String, started: Bool, stakes: Stakes, fires: Bool) {
        let loops = [loop("L1", due: due, stakes: stakes, started: started)]
        let findings = judge(UncoveredWhileAway.self, loops, at: "2026-12-16T10:00:00Z", calendars: calendars(away()))
        #expect(findings.count == (fires ? 1 : 0))
    }

    /// Half a year or more away names the years ("Dec 14 to Dec 14" read as one day); the holidays
    /// across a new year do not need them.
    @Test func aYearAwayNamesTheYears() {
        func span(_ first: String, _ last: String) -> String {
            UncoveredWhileAway.span(
                TimeOff(
                    id: "y",
                    person: "ana",
                    first: CivilDate(iso: first)!,
                    last: CivilDate(iso: last)!,
                    backup: nil,
                    recordedAt: instant("2026-12-01T10:00:00Z")
                )
            )
        }
        #expect(span("2026-12-14", "2027-12-14") == "Dec 14 2026 to Dec 14 2027")
        #expect(span("2026-12-14", "2027-06-16") == "Dec 14 2026 to Jun 16 2027")
        #expect(span("2026-12-14", "2027-06-13") == "Dec 14 to Jun 13")
        #expect(span("2026-12-21", "2027-01-04") == "Dec 21 to Jan 4")
    }

    @Test func aBackupOrAHandOffCoversIt() {
        let due = loop("L1", due: "2026-12-22")
        #expect(
            judge(UncoveredWhileAway.self, [due], at: "2026-12-16T10:00:00Z", calendars: calendars(away(backup: "lee")))
                .isEmpty
        )
        var handed = due
        handed.apply(event(.handedOff, "2026-12-16T09:00:00Z", ["to": "lee"]))
        #expect(
            judge(UncoveredWhileAway.self, [handed], at: "2026-12-16T10:00:00Z", calendars: calendars(away())).isEmpty
        )
        let others = calendars(away(person: "bo"))
        #expect(judge(UncoveredWhileAway.self, [due], at: "2026-12-16T10:00:00Z", calendars: others).isEmpty)
    }

    /// Time off may overlap: a day off within a fortnight lee covers is covered, as the team server
    /// hands an incident that day to lee; a day outside it is not, and is said as one day. Naming
    /// oneself as backup (an imported line; `own away` refuses it) covers nothing.
    @Test func aDayIsCoveredByAnyTimeOffThatNamesABackupForIt() {
        func day(_ date: String) -> TimeOff {
            TimeOff(
                id: "day-" + date,
                person: "ana",
                first: CivilDate(iso: date)!,
                last: CivilDate(iso: date)!,
                backup: nil,
                recordedAt: instant("2026-12-02T10:00:00Z")
            )
        }
        let covered = calendars(away(backup: "lee"), day("2026-12-24"))
        let dueThen = loop("L1", due: "2026-12-24")
        let busy = loop("L2", stakes: .high, started: true)
        #expect(
            judge(UncoveredWhileAway.self, [dueThen, busy], at: "2026-12-16T10:00:00Z", calendars: covered).isEmpty
        )
        let after = calendars(away(backup: "lee"), day("2027-01-05"))
        let dueAfter = loop("L3", due: "2027-01-05")
        let findings = judge(UncoveredWhileAway.self, [dueAfter, busy], at: "2026-12-30T10:00:00Z", calendars: after)
        #expect(findings.map(\.loop) == ["L3", "L2"], "\(findings.map(\.message))")
        #expect(findings.first?.message == "due Jan 5, while ana is away Jan 5; no hand-off, no backup")
        #expect(findings.first?.suggestion.hasPrefix("Hand-off for L3 Loop L3 while I am away Jan 5:") == true)
        let oneself = calendars(away(backup: "ana"))
        #expect(judge(UncoveredWhileAway.self, [dueThen], at: "2026-12-16T10:00:00Z", calendars: oneself).count == 1)
    }
    /// A backup away that day too answers for nobody, as the team server then opens an incident with
    /// its owner: the day is uncovered, and the finding says why.
    @Test func aBackupAwayTooCoversNothing() {
        let leeAway = TimeOff(
            id: "off-lee",
            person: "lee",
            first: CivilDate(iso: "2026-12-24")!,
            last: CivilDate(iso: "2026-12-24")!,
            backup: nil,
            recordedAt: instant("2026-12-02T10:00:00Z")
        )
        let both = calendars(away(backup: "lee"), leeAway)
        let dueThen = loop("L1", due: "2026-12-24")
        let dueBefore = loop("L2", due: "2026-12-23")
        let findings = judge(
            UncoveredWhileAway.self,
            [dueThen, dueBefore],
            at: "2026-12-16T10:00:00Z",
            calendars: both
        )
        #expect(findings.map(\.loop) == ["L1"])
        #expect(
            findings.first?.message
                == "due Dec 24, while ana is away Dec 21 to Jan 4; no hand-off, and lee, the backup, is away then too"
        )
        let busy = loop("L3", stakes: .high, started: true)
        #expect(judge(UncoveredWhileAway.self, [busy], at: "2026-12-16T10:00:00Z", calendars: both).count == 1)
        // Active and due on a day lee covers: still some day nobody covers (it was passed over, where
        // the same loop due later was not).
        let busyDueCovered = loop("L4", due: "2026-12-22", stakes: .medium, started: true)
        let found = judge(UncoveredWhileAway.self, [busyDueCovered], at: "2026-12-16T10:00:00Z", calendars: both)
        #expect(
            found.first?.message
                == "active at stakes medium, while ana is away Dec 21 to Jan 4; no hand-off, and lee, the backup, is "
                + "away then too",
            "\(found)"
        )
        #expect(
            judge(
                UncoveredWhileAway.self,
                [busy],
                at: "2026-12-16T10:00:00Z",
                calendars: calendars(away(backup: "lee"))
            )
            .isEmpty
        )
    }

    @Test func daysAwayCountNoWorkingTime() {
        var calendar = WorkingCalendar.standard
        let week = calendar.workingDays(from: instant("2026-12-18T17:00:00Z"), to: instant("2027-01-05T17:00:00Z"))
        #expect(week == 12)
        calendar.timeOff = [away()]
        #expect(calendar.workingDays(from: instant("2026-12-18T17:00:00Z"), to: instant("2027-01-05T17:00:00Z")) == 1)
        #expect(calendar.workingDays(from: instant("2026-12-22T10:00:00Z"), to: instant("2026-12-23T10:00:00Z")) == 0)
        calendar.timeOff = [away(), away()]
        #expect(
            calendar.workingDays(from: instant("2026-12-18T17:00:00Z"), to: instant("2027-01-05T17:00:00Z")) == 1,
            "overlapping time off counts once"
        )

        // Silent from Friday 18 Dec 17:00: at high stakes (2 working days) not dark on Jan 5 at 17:00 (1 day).
        let silent = folded(created("2026-12-18T17:00:00Z", ["stakes": "high"]))
        #expect(judge(GoingDark.self, [silent], at: "2027-01-05T17:00:00Z", calendars: calendars(away())).isEmpty)
        #expect(judge(GoingDark.self, [silent], at: "2027-01-05T17:00:00Z").count == 1)
    }

    @Test func foldingAwayAndCancelled() {
        let events = [
            away().event,
            Event(
                id: "off2",
                loop: TimeOff.ledgerKey,
                at: instant("2026-12-02T10:00:00Z"),
                by: "bo",
                type: .away,
                fields: ["person": "bo", "from": "2026-12-24", "until": "2026-12-24", "backup": "ana"]
            ),
            Event(
                id: "c1",
                loop: TimeOff.ledgerKey,
                at: instant("2026-12-03T10:00:00Z"),
                by: "ana",
                type: .awayCancelled,
                fields: ["cancels": "off1"]
            ),
        ]
        let timeOff = TimeOff.fold(events)
        #expect(timeOff.map(\.person) == ["bo"])
        #expect(timeOff.first?.sentence == "Away Thu 24 Dec 2026 (backup: ana).")
        #expect(TimeOff.fold(events.prefix(1)) == [away()])
        #expect(away().sentence == "Away Mon 21 Dec 2026 to Mon 4 Jan 2027 (no backup named).")
    }

    @Test func policyKey() throws {
        #expect(Policy.defaults.awayWarnBefore == 5)
        let policy = try Policy(["away-warn-before": .text("2d")], source: "test")
        #expect(policy.awayWarnBefore == 2)
        #expect(
            judge(
                UncoveredWhileAway.self,
                [loop("L1", due: "2026-12-22")],
                at: "2026-12-16T10:00:00Z",
                calendars: calendars(away()),
                policy: policy
            ).isEmpty
        )
    }
}
