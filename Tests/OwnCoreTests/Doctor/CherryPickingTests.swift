import Foundation
import OwnCore
import Testing

@Suite("cherry-picking: under boring-share of an owner's recent done loops are boring kinds")
struct CherryPickingTests {
    /// Done loops for `owner`, one per kind, done on consecutive days back from 2026-11-27.
    func done(_ kinds: [Kind], owner: String = "eve", from day: Int = 27) -> [Loop] {
        kinds.enumerated().map { offset, kind in
            let key = "\(owner)-\(day)-\(offset)"
            let at = String(format: "2026-11-%02dT10:00:00Z", day - offset)
            return folded(
                created("2026-09-01T09:00:00Z", loop: key, by: owner, ["kind": .string(kind.rawValue)]),
                event(.done, at, loop: key, by: owner)
            )
        }
    }

    let now = "2026-11-27T16:00:00Z"

    @Test func fewerThanTwentyPercentBoringFires() throws {
        let loops = done([.feature, .feature, .bug, .feature, .incident])
        let finding = try #require(judge(CherryPicking.self, loops, at: now).first)
        #expect(finding.loop == nil)
        #expect(finding.owner == "eve")
        #expect(finding.severity == .info)
        #expect(finding.since == instant("2026-10-30T16:00:00Z"))
        #expect(finding.message == "0 of 5 loops done in 4 weeks were boring kinds (0 %; at least 20 %)")
    }

    /// The window as it was set, and one loop as one: "0 of 1 loops done in 1 weeks", "in 1.43 weeks".
    @Test(arguments: [(7.0, "0 of 1 loop done in 1 week"), (10.0, "0 of 1 loop done in 10 days")])
    func theWindowIsSaidAsItWasSet(days: Double, said: String) throws {
        var policy = Policy.defaults
        policy.boringWindowDays = days
        policy.boringMinimum = 1
        let finding = try #require(judge(CherryPicking.self, done([.feature]), at: now, policy: policy).first)
        #expect(finding.message.hasPrefix(said + " were boring kinds"), "\(finding.message)")
    }

    @Test(arguments: [Kind.test, .docs, .debt, .monitoring, .oncall])
    func exactlyTwentyPercentIsEnough(boring: Kind) {
        #expect(judge(CherryPicking.self, done([.feature, .feature, .bug, .feature, boring]), at: now).isEmpty)
    }

    @Test func oneInTenIsNot() {
        let loops = done([.feature, .feature, .bug, .feature, .feature, .feature, .review, .feature, .help, .test])
        #expect(judge(CherryPicking.self, loops, at: now).first?.message.hasPrefix("1 of 10") == true)
    }

    @Test func fewerThanFiveDoneIsTooFewToJudge() {
        #expect(judge(CherryPicking.self, done([.feature, .feature, .feature, .feature]), at: now).isEmpty)
    }

    @Test func onlyTheLastFourWeeksCount() {
        // Five features, the oldest done 2026-10-30 10:00, before the window opens at 16:00 that day.
        let loops =
            done([.feature, .feature, .feature, .feature], from: 26)
            + done([.feature], from: 30).map { loop in
                var old = loop
                old.doneAt = instant("2026-10-30T10:00:00Z")
                return old
            }
        #expect(judge(CherryPicking.self, loops, at: now).isEmpty)
        #expect(judge(CherryPicking.self, loops, at: "2026-11-27T09:00:00Z").count == 1)
    }

    @Test func eachOwnerIsJudgedAlone() {
        let loops = done([.feature, .feature, .feature, .feature, .feature]) + done([.test, .docs], owner: "ben")
        #expect(judge(CherryPicking.self, loops, at: now).map(\.owner) == ["eve"])
    }
}
