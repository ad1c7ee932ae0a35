import Foundation
import OwnCore
import Testing

@Suite("The doctor judges each person by their own policy")
struct DoctorPoliciesTests {
    /// Two loops silent since Monday 23 Nov 10:00 at medium stakes (3 working days allowed), judged
    /// Wednesday 25 Nov 12:00 (2.3 working days): ana, allowed 1, is dark; bob, on the defaults, is not.
    @Test func theWholeTeamsFindingsAreEachPersonsPutTogether() throws {
        let loops = [
            folded(created("2026-11-23T10:00:00Z", loop: "A", by: "ana", ["stakes": "medium"])),
            folded(created("2026-11-23T10:00:00Z", loop: "B", by: "bob", ["stakes": "medium"])),
        ]
        var strict = Policy.defaults
        try strict.apply(["dark-after.medium": .number(1)], source: "test")
        let doctor = Doctor(policies: ["ana": strict])
        let now = instant("2026-11-25T12:00:00Z")
        func dark(_ owner: String?) -> [String] {
            doctor.findings(in: loops, now: now, owner: owner).filter { $0.rule == .goingDark }.compactMap(\.loop)
        }
        #expect(dark("ana") == ["A"])
        #expect(dark("bob") == [])
        #expect(dark(nil) == ["A"])
        #expect(Doctor().findings(in: loops, now: now).filter { $0.rule == .goingDark }.isEmpty)
    }
}
