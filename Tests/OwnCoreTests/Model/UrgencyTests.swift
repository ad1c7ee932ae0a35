import OwnCore
import Testing

@Suite("The order of own list: most urgent first")
struct UrgencyTests {
    static let now = Timestamp.parse("2026-06-01T10:00:00Z")!

    static func loop(_ number: Int, due: String?, stakes: Stakes = .medium, blocked: Bool = false) -> Loop {
        var fields: EventFields = ["title": .string("loop \(number)"), "stakes": .string(stakes.rawValue)]
        if let due { fields["due"] = .string(due) }
        var events = [event(.created, "2025-12-0\(number)T09:00:00Z", loop: "L\(number)", fields)]
        if blocked { events.append(event(.blocked, "2026-05-31T09:00:00Z", loop: "L\(number)")) }
        var loop = Loop.fold(events)!
        loop.number = number
        return loop
    }

    /// Overdue loops come first, the longest overdue first whatever their stakes or blocks: a loop five
    /// months late does not sort below one two days late because the newer one has higher stakes.
    @Test func overdueLoopsComeLongestOverdueFirst() {
        let loops = [
            Self.loop(1, due: "2026-05-30", stakes: .medium),
            Self.loop(2, due: "2026-01-01", stakes: .low),
            Self.loop(3, due: "2026-02-01", stakes: .medium, blocked: true),
            Self.loop(4, due: "2026-06-20", stakes: .critical),
            Self.loop(5, due: nil, stakes: .high, blocked: true),
        ]
        let sorted = Loop.byUrgency(loops, now: Self.now, calendars: Calendars())
        #expect(sorted.map(\.number) == [2, 3, 1, 5, 4])
    }
}
