import Foundation
import OwnCore
import Testing

@Suite("unexamined: high stakes or above, started without the three questions answered")
struct UnexaminedTests {
    func started(_ fields: EventFields) -> Loop {
        folded(
            created("2026-11-23T09:00:00Z", fields),
            event(.approved, "2026-11-23T09:05:00Z", by: "lee"),
            event(.started, "2026-11-23T10:00:00Z")
        )
    }

    @Test func noAnswersFires() throws {
        let finding = try #require(
            judge(Unexamined.self, [started(["stakes": "high"])], at: "2026-11-23T10:00:00Z").first
        )
        #expect(finding.since == instant("2026-11-23T10:00:00Z"))
        #expect(finding.message == "stakes high, started Nov 23 without answers to --ux, --touches, --if-it-fails")
        #expect(finding.suggestion.contains("What happens if it fails"))
    }

    @Test func oneMissingAnswerIsNamed() {
        let loop = started(["stakes": "critical", "ux": "checkout pauses 2 s", "touches": "orders table"])
        let finding = judge(Unexamined.self, [loop], at: "2026-11-23T10:00:00Z").first
        #expect(finding?.message == "stakes critical, started Nov 23 without answers to --if-it-fails")
        #expect(finding?.severity == .critical)
    }

    @Test func allThreeAnsweredIsFine() {
        let loop = started([
            "stakes": "high", "ux": "none visible", "touches": "orders table", "ifItFails": "roll back",
        ])
        #expect(judge(Unexamined.self, [loop], at: "2026-11-23T10:00:00Z").isEmpty)
    }

    @Test(arguments: [Stakes.routine, .low, .medium])
    func lowerStakesAreNotJudged(stakes: Stakes) {
        #expect(
            judge(Unexamined.self, [started(["stakes": .string(stakes.rawValue)])], at: "2026-11-23T10:00:00Z").isEmpty
        )
    }

    @Test func notStartedIsNotJudged() {
        let loop = folded(created("2026-11-23T09:00:00Z", ["stakes": "high"]))
        #expect(judge(Unexamined.self, [loop], at: "2026-11-27T16:00:00Z").isEmpty)
    }

    @Test func answeringAfterTheStartIsStillAFinding() {
        let loop = folded(
            created("2026-11-23T09:00:00Z", ["stakes": "high"]),
            event(.started, "2026-11-23T10:00:00Z"),
            event(.edited, "2026-11-23T11:00:00Z", ["ux": "none", "touches": "orders", "ifItFails": "roll back"])
        )
        let finding = judge(Unexamined.self, [loop], at: "2026-11-23T12:00:00Z").first
        #expect(finding?.message == "stakes high, started Nov 23 without the three questions answered (answered since)")
    }
}
