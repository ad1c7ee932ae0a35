import Foundation
import OwnCore
import Testing

@Suite("invisible-work: done at autonomy 4 or below, not reported within report-within")
struct InvisibleWorkTests {
    func done(_ fields: EventFields = [:], at time: String = "2026-11-16T10:00:00Z", _ more: Event...) -> Loop {
        folded(
            [created("2026-11-09T09:00:00Z", fields), event(.done, time, ["outcome": "checkout 2x faster"])] + more
        )
    }

    @Test func firesAfterFiveWorkingDaysWithoutAReport() throws {
        let loop = done()
        #expect(judge(InvisibleWork.self, [loop], at: "2026-11-23T10:00:00Z").isEmpty)
        let finding = try #require(judge(InvisibleWork.self, [loop], at: "2026-11-23T10:01:00Z").first)
        #expect(finding.since == instant("2026-11-16T10:00:00Z"))
        #expect(finding.severity == .info)
        #expect(
            finding.suggestion
                == "Add to your next update: \"Done: L1 Loop L1 — checkout 2x faster.\" "
                + "(`own weekly --since 2026-11-16 --mark` includes it and marks it reported)"
        )
    }

    @Test func aWeekendDoesNotCount() {
        // Done Friday 10:00; five working days later is the next Friday 10:00.
        let loop = done(at: "2026-11-20T10:00:00Z")
        #expect(judge(InvisibleWork.self, [loop], at: "2026-11-27T10:00:00Z").isEmpty)
        #expect(judge(InvisibleWork.self, [loop], at: "2026-11-27T10:01:00Z").count == 1)
    }

    @Test func countedOnTheOwnersClocks() {
        // Done Friday 2026-11-20 16:00 in Tokyo (07:00 UTC). At 08:30 UTC a week later (17:30 in Tokyo),
        // Tokyo has seen 1 h + 4 × 8 h + 8 h = 41 h; UTC clocks saw 8 h + 4 × 8 h = 40 h, exactly five days.
        let loop = done(at: "2026-11-20T07:00:00Z")
        #expect(judge(InvisibleWork.self, [loop], at: "2026-11-27T08:30:00Z", calendars: inTokyo()).count == 1)
        #expect(judge(InvisibleWork.self, [loop], at: "2026-11-27T08:30:00Z").isEmpty)
    }

    @Test func aReportAfterDoneClearsIt() {
        let reported = done([:], event(.reported, "2026-11-27T09:00:00Z", ["channel": "weekly"]))
        let before = folded(
            created("2026-11-09T09:00:00Z"),
            event(.reported, "2026-11-12T09:00:00Z", ["channel": "standup"]),
            event(.done, "2026-11-16T10:00:00Z")
        )
        #expect(judge(InvisibleWork.self, [reported], at: "2026-11-27T16:00:00Z").isEmpty)
        #expect(judge(InvisibleWork.self, [before], at: "2026-11-27T16:00:00Z").count == 1)
    }

    @Test(arguments: [
        (Stakes.routine, nil as Int?, false), (.low, nil, true), (.high, nil, true), (.routine, 4, true),
        (.medium, 5, false),
    ])
    func onlyAtAutonomyFourOrBelow(stakes: Stakes, autonomy: Int?, fires: Bool) {
        var fields: EventFields = ["stakes": .string(stakes.rawValue)]
        if let autonomy { fields["autonomy"] = .number(Double(autonomy)) }
        #expect(judge(InvisibleWork.self, [done(fields)], at: "2026-11-27T16:00:00Z").count == (fires ? 1 : 0))
    }
}
