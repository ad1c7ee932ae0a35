import Foundation
import OwnCore
import Testing

@Suite("timezone-handoff: a word before the owner leaves, for whoever starts work before they are back")
struct TimezoneHandoffTests {
    /// A loop owned by `owner`, affecting `affects`, created the day before at `created`.
    func loop(
        _ owner: String,
        affects: [String],
        created at: String = "2026-11-24T00:00:00Z",
        stakes: Stakes = .medium
    ) -> Loop {
        folded(
            created(
                at,
                by: owner,
                ["affects": .array(affects.map(JSONValue.string)), "stakes": .string(stakes.rawValue)]
            )
        )
    }

    @Test(arguments: [
        // ana works 08:00–16:00 UTC in November; with handoff-before at 2 working hours, the window is 14:00–16:00.
        ("2026-11-25T13:59:00Z", false),
        ("2026-11-25T14:00:00Z", true),
        ("2026-11-25T15:59:00Z", true),
        ("2026-11-25T16:00:00Z", false),
        ("2026-11-28T15:00:00Z", false),
    ])
    func theWindowBeforeTheOwnersDayEnds(now: String, fires: Bool) throws {
        let findings = judge(
            TimezoneHandoff.self,
            [loop("ana", affects: ["kenji"])],
            at: now,
            calendars: teamCalendars()
        )
        #expect(findings.count == (fires ? 1 : 0))
        if fires {
            let finding = try #require(findings.first)
            #expect(
                finding.message
                    == "kenji starts Nov 26 09:00 Asia/Tokyo, before ana is back Nov 26 09:00 Europe/Berlin; no update today"
            )
            #expect(finding.since == instant("2026-11-25T14:00:00Z"))
            #expect(finding.severity == .warning)
            #expect(finding.rule == .timezoneHandoff)
        }
    }

    @Test(arguments: [
        // Eastward hand-offs wait overnight; a colleague already at work when the owner leaves does not.
        ("ana", "kenji", "2026-11-25T15:00:00Z", true),
        ("ana", "dana", "2026-11-25T15:00:00Z", true),
        ("ana", "ben", "2026-11-25T15:00:00Z", false),
        ("ben", "ana", "2026-11-25T21:00:00Z", true),
        ("ben", "kenji", "2026-11-25T21:00:00Z", true),
        ("kenji", "ben", "2026-11-25T07:00:00Z", true),
        // ana starts at 08:00 UTC, the minute kenji leaves: she starts her day without him.
        ("kenji", "ana", "2026-11-25T07:00:00Z", true),
        ("dana", "ben", "2026-11-25T14:00:00Z", false),
        ("ana", "ana", "2026-11-25T15:00:00Z", false),
    ])
    func whoStartsBeforeTheOwnerIsBack(owner: String, affected: String, now: String, fires: Bool) {
        let findings = judge(
            TimezoneHandoff.self,
            [loop(owner, affects: [affected])],
            at: now,
            calendars: teamCalendars()
        )
        #expect(findings.count == (fires ? 1 : 0), "\(owner) → \(affected)")
    }

    /// lon works mornings in London (09:00–13:00) and leaves while ber is at work in Berlin: ber starts
    /// tomorrow an hour before lon is back, and was told a morning was waiting for them. kenji, not at
    /// work then, waits; so does ber when lon is away all of ber's next day.
    @Test func aColleagueAtWorkWhenTheOwnerLeavesWaitsForNoMorning() throws {
        var calendars = teamCalendars()
        calendars.people["lon"] = try WorkingCalendar(tz: "Europe/London", workdays: "Mon-Fri", hours: "09:00-13:00")
        calendars.people["ber"] = try WorkingCalendar(tz: "Europe/Berlin", workdays: "Mon-Fri", hours: "09:00-17:00")
        let messages = { (calendars: Calendars) in
            judge(
                TimezoneHandoff.self,
                [self.loop("lon", affects: ["ber", "kenji"])],
                at: "2026-12-02T12:00:00Z",
                calendars: calendars
            )
            .map(\.message)
        }
        #expect(
            messages(calendars) == [
                "kenji starts Dec 3 09:00 Asia/Tokyo, before lon is back Dec 3 09:00 Europe/London; no update today"
            ]
        )
        calendars.add([daysOff("lon", "2026-12-03", "2026-12-03")])
        #expect(
            messages(calendars) == [
                "ber starts Dec 3 09:00 Europe/Berlin and kenji starts Dec 3 09:00 Asia/Tokyo, before lon is back Dec 4 09:00 Europe/London; no update today"
            ]
        )
    }

    @Test func anUpdateFromTheOwnerTodayIsTheWord() {
        let calendars = teamCalendars()
        let now = "2026-11-25T15:00:00Z"
        var noted = loop("ana", affects: ["kenji"])
        noted.apply(event(.noted, "2026-11-25T09:00:00Z", by: "ana", ["note": "halfway"]))
        #expect(judge(TimezoneHandoff.self, [noted], at: now, calendars: calendars).isEmpty)

        // 23:30 UTC on Tuesday is already Wednesday 00:30 in Berlin: today, on ana's clock.
        var early = loop("ana", affects: ["kenji"])
        early.apply(event(.noted, "2026-11-24T23:30:00Z", by: "ana", ["note": "early"]))
        #expect(judge(TimezoneHandoff.self, [early], at: now, calendars: calendars).isEmpty)

        var yesterday = loop("ana", affects: ["kenji"])
        yesterday.apply(event(.noted, "2026-11-24T15:00:00Z", by: "ana", ["note": "yesterday"]))
        #expect(judge(TimezoneHandoff.self, [yesterday], at: now, calendars: calendars).count == 1)

        var someoneElse = loop("ana", affects: ["kenji"])
        someoneElse.apply(event(.noted, "2026-11-25T09:00:00Z", by: "kenji", ["note": "any news?"]))
        #expect(judge(TimezoneHandoff.self, [someoneElse], at: now, calendars: calendars).count == 1)
    }

    @Test func acrossTheWeekend() throws {
        let calendars = teamCalendars()
        let friday = judge(
            TimezoneHandoff.self,
            [loop("ana", affects: ["kenji"])],
            at: "2026-11-27T15:00:00Z",
            calendars: calendars
        )
        #expect(
            try #require(friday.first).message
                == "kenji starts Nov 30 09:00 Asia/Tokyo, before ana is back Nov 30 09:00 Europe/Berlin; no update today"
        )
        // dana works Sunday to Thursday: she starts on Sunday, a day before kenji is back.
        let sunday = judge(
            TimezoneHandoff.self,
            [loop("kenji", affects: ["dana"])],
            at: "2026-11-27T07:00:00Z",
            calendars: calendars
        )
        #expect(
            try #require(sunday.first).message
                == "dana starts Nov 29 09:00 Asia/Jerusalem, before kenji is back Nov 30 09:00 Asia/Tokyo; no update today"
        )
        // dana's Thursday ends her week; ana's Friday starts before dana's Sunday.
        let thursday = judge(
            TimezoneHandoff.self,
            [loop("dana", affects: ["ana"])],
            at: "2026-11-26T14:00:00Z",
            calendars: calendars
        )
        #expect(
            try #require(thursday.first).message
                == "ana starts Nov 27 09:00 Europe/Berlin, before dana is back Nov 29 09:00 Asia/Jerusalem; no update today"
        )
        let saturday = judge(
            TimezoneHandoff.self,
            [loop("ana", affects: ["kenji"])],
            at: "2026-11-28T15:00:00Z",
            calendars: calendars
        )
        #expect(saturday.isEmpty)
    }

    @Test(arguments: [
        // New York moves to summer time on Sunday 2026-03-08: ben's window is 20:00–22:00 UTC on the
        // Friday before and 19:00–21:00 UTC on the Monday after.
        ("ben", "2026-03-06T19:30:00Z", false),
        ("ben", "2026-03-09T19:30:00Z", true),
        ("ben", "2026-03-06T21:30:00Z", true),
        ("ben", "2026-03-09T21:30:00Z", false),
        // Berlin moves on Sunday 2026-03-29: ana's window is 14:00–16:00 UTC before, 13:00–15:00 after.
        ("ana", "2026-03-27T13:30:00Z", false),
        ("ana", "2026-03-30T13:30:00Z", true),
        ("ana", "2026-03-27T15:30:00Z", true),
        ("ana", "2026-03-30T15:30:00Z", false),
    ])
    func daylightSavingMovesTheWindow(owner: String, now: String, fires: Bool) {
        let loop = loop(owner, affects: ["kenji"], created: "2026-03-01T00:00:00Z")
        let findings = judge(TimezoneHandoff.self, [loop], at: now, calendars: teamCalendars())
        #expect(findings.count == (fires ? 1 : 0), "\(owner) at \(now)")
    }

    @Test func theNoteSaysWhenTheOwnerIsBackOnTheirClock() throws {
        // Friday 2026-03-27: New York is on summer time already, Berlin not yet; by Monday both are.
        let findings = judge(
            TimezoneHandoff.self,
            [loop("ben", affects: ["ana"], created: "2026-03-26T00:00:00Z")],
            at: "2026-03-27T20:30:00Z",
            calendars: teamCalendars()
        )
        let finding = try #require(findings.first)
        #expect(
            finding.message
                == "ana starts Mar 30 09:00 Europe/Berlin, before ben is back Mar 30 09:00 America/New_York; no update today"
        )
        #expect(finding.suggestion.contains("I am back Mar 30 09:00 America/New_York (Mar 30 15:00 for ana)."))
    }

    @Test func timeOff() throws {
        // ana is away Thursday and Friday: ben, in New York, now starts twice before she is back.
        let away = judge(
            TimezoneHandoff.self,
            [loop("ana", affects: ["ben"])],
            at: "2026-11-25T15:00:00Z",
            calendars: teamCalendars(daysOff("ana", "2026-11-26", "2026-11-27"))
        )
        #expect(
            try #require(away.first).message
                == "ben starts Nov 26 09:00 America/New_York, before ana is back Nov 30 09:00 Europe/Berlin; no update today"
        )
        // kenji is away Thursday and Friday: he will not wait on ana's loop.
        let kenjiAway = judge(
            TimezoneHandoff.self,
            [loop("ana", affects: ["kenji"])],
            at: "2026-11-25T15:00:00Z",
            calendars: teamCalendars(daysOff("kenji", "2026-11-26", "2026-11-27"))
        )
        #expect(kenjiAway.isEmpty)
        // ana is away today: she is not leaving at the end of a working day.
        let anaAway = judge(
            TimezoneHandoff.self,
            [loop("ana", affects: ["kenji"])],
            at: "2026-11-25T15:00:00Z",
            calendars: teamCalendars(daysOff("ana", "2026-11-25", "2026-11-25"))
        )
        #expect(anaAway.isEmpty)
    }

    @Test func theDraftedNote() throws {
        var blocked = loop("ana", affects: ["kenji", "ana", "kenji", "ben"])
        blocked.apply(event(.blocked, "2026-11-24T10:00:00Z", by: "ana", ["reason": "vendor keys"]))
        let finding = try #require(
            judge(TimezoneHandoff.self, [blocked], at: "2026-11-25T15:00:00Z", calendars: teamCalendars()).first
        )
        #expect(
            finding.suggestion
                == "Hand-off for kenji on L1 Loop L1: blocked on vendor keys. Where it stands: <what is done, what is "
                + "next>. Done when: it works. Due Jun 30. Meanwhile you can: <what you can do without me>. I am back "
                + "Nov 26 09:00 Europe/Berlin (Nov 26 17:00 for kenji). (own note L1 \"…\" records it)"
        )
    }

    @Test func whichLoops() throws {
        let calendars = teamCalendars()
        let now = "2026-11-25T15:00:00Z"
        var done = loop("ana", affects: ["kenji"])
        done.apply(event(.done, "2026-11-24T12:00:00Z", by: "ana"))
        #expect(judge(TimezoneHandoff.self, [done], at: now, calendars: calendars).isEmpty)
        #expect(judge(TimezoneHandoff.self, [loop("ana", affects: [])], at: now, calendars: calendars).isEmpty)
        let critical = judge(
            TimezoneHandoff.self,
            [loop("ana", affects: ["kenji"], stakes: .critical)],
            at: now,
            calendars: calendars
        )
        #expect(try #require(critical.first).severity == .critical)
        // A name the configuration does not know works on the team's calendar (UTC, 09:00–17:00 here).
        let team = judge(
            TimezoneHandoff.self,
            [loop("kenji", affects: ["payments"])],
            at: "2026-11-25T07:00:00Z",
            calendars: calendars
        )
        #expect(
            try #require(team.first).message
                == "payments starts Nov 25 09:00 UTC, before kenji is back Nov 26 09:00 Asia/Tokyo; no update today"
        )
    }

    @Test func policyKey() throws {
        #expect(Policy.defaults.handoffBefore == 2)
        let policy = try Policy(["handoff-before": .text("1h")], source: "test")
        #expect(policy.handoffBefore == 1)
        let loops = [loop("ana", affects: ["kenji"])]
        let calendars = teamCalendars()
        #expect(
            judge(TimezoneHandoff.self, loops, at: "2026-11-25T14:30:00Z", calendars: calendars, policy: policy).isEmpty
        )
        #expect(
            judge(TimezoneHandoff.self, loops, at: "2026-11-25T15:00:00Z", calendars: calendars, policy: policy).count
                == 1
        )
        #expect(RuleName.timezoneHandoff.thresholds(in: policy).map(\.value) == ["1 working hour"])
    }
}
