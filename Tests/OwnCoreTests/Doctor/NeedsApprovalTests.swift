import Foundation
import OwnCore
import Testing

@Suite("needs-approval: work at autonomy 3 or below before someone else approved it")
struct NeedsApprovalTests {
    func loop(_ fields: EventFields = ["stakes": "high"], _ more: Event...) -> Loop {
        folded([created("2026-11-23T09:00:00Z", fields)] + more)
    }

    @Test(arguments: [EventType.started, .done])
    func workBeforeApprovalFires(type: EventType) throws {
        let finding = try #require(
            judge(
                NeedsApproval.self,
                [loop(["stakes": "high"], event(type, "2026-11-23T10:00:00Z"))],
                at: "2026-11-23T10:01:00Z"
            )
            .first
        )
        #expect(finding.since == instant("2026-11-23T10:00:00Z"))
        #expect(finding.message == "work recorded Nov 23 before approval (autonomy 3)")
        #expect(finding.suggestion.hasPrefix("Approval request for L1 Loop L1 (stakes high): I recommend"))
        #expect(finding.suggestion.hasSuffix("OK to go ahead?"))
    }

    @Test func approvalBySomeoneElseFirstIsFine() {
        let approved = loop(
            ["stakes": "high"],
            event(.approved, "2026-11-23T09:30:00Z", by: "lee"),
            event(.started, "2026-11-23T10:00:00Z")
        )
        #expect(judge(NeedsApproval.self, [approved], at: "2026-11-27T16:00:00Z").isEmpty)
    }

    @Test func theOwnerCannotApproveTheirOwnLoop() {
        let selfApproved = loop(
            ["stakes": "high"],
            event(.approved, "2026-11-23T09:30:00Z"),
            event(.started, "2026-11-23T10:00:00Z")
        )
        #expect(judge(NeedsApproval.self, [selfApproved], at: "2026-11-27T16:00:00Z").count == 1)
    }

    @Test func aLateApprovalIsNamedButDoesNotClearIt() {
        let late = loop(
            ["stakes": "critical"],
            event(.started, "2026-11-23T10:00:00Z"),
            event(.approved, "2026-11-24T10:00:00Z", by: "lee")
        )
        let finding = judge(NeedsApproval.self, [late], at: "2026-11-27T16:00:00Z").first
        #expect(finding?.message == "work recorded Nov 23 before approval (autonomy 3); approved by lee Nov 24")
        #expect(finding?.severity == .critical)
        #expect(finding?.suggestion.hasPrefix("Next time at autonomy 3") == true)
    }

    @Test(
        arguments: [
            (["stakes": "medium"], false), (["stakes": "medium", "autonomy": 3], true),
            (["stakes": "high", "autonomy": 4], false), (["stakes": "routine", "autonomy": 2], true),
        ] as [(EventFields, Bool)]
    )
    func onlyAtAutonomyThreeOrBelow(fields: EventFields, fires: Bool) {
        let started = loop(fields, event(.started, "2026-11-23T10:00:00Z"))
        #expect(judge(NeedsApproval.self, [started], at: "2026-11-27T16:00:00Z").count == (fires ? 1 : 0))
    }

    /// A note on a loop nobody started is word on it (what going-dark asks of a waiting loop's owner),
    /// not progress: it was held against the owner for good. On a started loop a note is progress.
    @Test func aNoteBeforeAnyStartIsWordAndAfterOneProgress() {
        let word = loop(["stakes": "high"], event(.noted, "2026-11-23T10:00:00Z"))
        #expect(judge(NeedsApproval.self, [word], at: "2026-11-27T16:00:00Z").isEmpty)
        // Stakes raised on a loop already going: it waits for approval now, and a note is work on it.
        let raised = loop(
            ["stakes": "medium"],
            event(.started, "2026-11-23T10:00:00Z"),
            event(.edited, "2026-11-23T11:00:00Z", ["stakes": "high"]),
            event(.noted, "2026-11-23T12:00:00Z")
        )
        let finding = judge(NeedsApproval.self, [raised], at: "2026-11-27T16:00:00Z").first
        #expect(finding?.since == instant("2026-11-23T12:00:00Z"), "\(String(describing: finding))")
    }

    @Test func notStartedIsNotAProblem() {
        #expect(judge(NeedsApproval.self, [loop()], at: "2026-11-27T16:00:00Z").isEmpty)
    }
}
