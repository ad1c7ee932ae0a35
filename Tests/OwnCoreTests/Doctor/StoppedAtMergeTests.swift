import Foundation
import OwnCore
import Testing

@Suite("stopped-at-merge: done but not verified in production, or not monitored at high stakes")
struct StoppedAtMergeTests {
    @Test(arguments: [
        (Stakes.routine, false, false, nil as String?),
        (.low, false, false, nil),
        (.medium, false, false, "not verified in production"),
        (.medium, true, false, nil),
        (.high, true, false, "nothing named as monitoring it"),
        (.high, false, true, "not verified in production"),
        (.high, true, true, nil),
        (.critical, false, false, "not verified in production; nothing named as monitoring it"),
    ])
    func whatIsMissing(stakes: Stakes, verified: Bool, monitored: Bool, missing: String?) {
        var done: EventFields = ["verified": .bool(verified)]
        if monitored { done["monitoredBy"] = "checkout error-rate alert" }
        let loop = folded(
            created("2026-11-16T09:00:00Z", ["stakes": .string(stakes.rawValue)]),
            event(.approved, "2026-11-16T09:05:00Z", by: "lee"),
            event(.done, "2026-11-20T10:00:00Z", done)
        )
        let findings = judge(StoppedAtMerge.self, [loop], at: "2026-11-20T10:00:00Z")
        if let missing {
            #expect(findings.first?.message == "done Nov 20 at stakes \(stakes.rawValue): \(missing)")
            #expect(findings.first?.since == instant("2026-11-20T10:00:00Z"))
        } else {
            #expect(findings.isEmpty)
        }
    }

    @Test func liveLoopsAreNotJudged() {
        let loop = folded(created("2026-11-16T09:00:00Z", ["stakes": "critical"]))
        #expect(judge(StoppedAtMerge.self, [loop], at: "2026-11-27T16:00:00Z").isEmpty)
    }
}
