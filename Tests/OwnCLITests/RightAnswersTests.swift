import Foundation
import Testing

@Suite("Right answers: due dates in the past, offsets out of range")
struct RightAnswersTests {
    @Test(arguments: [("2026-11-26", true), ("2026-11-27T15:00:00Z", true), ("2026-11-27", false), ("mon", false)])
    func aDueDateAlreadyPastWarnsOnAddAndDue(due: String, warns: Bool) {
        // OwnBinary's instant: Friday 2026-11-27 16:00 UTC.
        let own = OwnBinary()
        let added = own("add", "Catch up", "--key", "c", "--due", due)
        #expect(added.code == 0, "\(added.stderr)")
        #expect(added.stderr.contains("has already passed") == warns, "\(added.stderr)")
        let moved = own("due", "c", due)
        #expect(moved.code == 0, "\(moved.stderr)")
        #expect(moved.stderr.contains("has already passed") == warns, "\(moved.stderr)")
    }

    @Test(arguments: [
        ("2026-11-27T16:00:00+14:00", 0), ("2026-11-27T16:00:00+15:00", 2), ("2026-11-27T16:00:00-12:00", 0),
    ])
    func anOffsetBeyondAnyZoneIsRefused(now: String, code: Int32) {
        let own = OwnBinary()
        let run = own("list", "--now", now)
        #expect(run.code == code, "\(run.stderr)")
    }
}
