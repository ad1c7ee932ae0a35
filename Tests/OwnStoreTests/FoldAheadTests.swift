import Foundation
import OwnCore
import Testing

@testable import OwnStore

/// The reading thread's share of an import's fold: events come out in the file's order, each
/// `created` with its loop folded from the run it begins, and the source's error after the events
/// read before it.
@Suite("Folding runs of events ahead")
struct FoldAheadTests {
    struct Broken: Error, Equatable {}

    /// Everything `FoldAhead` gives out of `events`, then the error the source throws after them.
    static func drain(_ events: [Event], failing: Bool = false) -> (out: [ImportedEvent], error: (any Error)?) {
        var source = events.enumerated().map { ImportedEvent(event: $1, line: $0 + 1) }.makeIterator()
        var ahead = FoldAhead {
            if let next = source.next() { return next }
            if failing { throw Broken() }
            return nil
        }
        var out: [ImportedEvent] = []
        do {
            while let event = try ahead() { out.append(event) }
        } catch {
            return (out, error)
        }
        return (out, nil)
    }

    static let runs: [Event] = [
        event(.created, "2026-11-23T09:00:00Z", loop: "A", id: "a1", ["title": "A"]),
        event(.started, "2026-11-23T10:00:00Z", loop: "A", id: "a2"),
        event(.noted, "2026-11-23T11:00:00Z", loop: "A", id: "a3", ["note": "x"]),
        // B's run ends at an event no later than the one before it, C's at a retraction.
        event(.created, "2026-11-23T09:00:00Z", loop: "B", id: "b1", ["title": "B"]),
        event(.started, "2026-11-23T12:00:00Z", loop: "B", id: "b2"),
        event(.noted, "2026-11-23T12:00:00Z", loop: "B", id: "b3", ["note": "same instant"]),
        event(.created, "2026-11-23T09:00:00Z", loop: "C", id: "c1", ["title": "C"]),
        event(.retracted, "2026-11-23T10:00:00Z", loop: "C", id: "c2", ["retracts": "c1"]),
        // D's first event is no `created`: nothing is folded ahead.
        event(.noted, "2026-11-23T10:00:00Z", loop: "D", id: "d2", ["note": "early"]),
        event(.created, "2026-11-23T09:00:00Z", loop: "D", id: "d1", ["title": "D"]),
    ]

    @Test func eventsComeOutInTheFilesOrderWithEachRunsLoopOnItsCreatedEvent() throws {
        let (out, error) = Self.drain(Self.runs)
        #expect(error == nil)
        #expect(out.map(\.event.id) == Self.runs.map(\.id))
        #expect(out.map(\.line) == Array(1...Self.runs.count))
        let folded = out.map { $0.folded?.count }
        #expect(folded == [3, nil, nil, 2, nil, nil, 1, nil, nil, 1])
        let a = try #require(out[0].folded?.loop)
        #expect(a == Loop.fold(Self.runs[0...2]))
        #expect(a.state == .active && a.eventCount == 3)
        #expect(out[3].folded?.loop == Loop.fold(Self.runs[3...4]))
    }

    @Test func aRunEndsAtItsLongestAndTheRestIsLeftToTheWriter() throws {
        var events = [event(.created, "2026-11-23T09:00:00Z", loop: "E", id: "e0", ["title": "E"])]
        for index in 1...(FoldAhead.longestRun + 2) {
            let at = Timestamp.format(Timestamp.parse("2026-11-23T10:00:00Z")!.addingTimeInterval(Double(index) * 60))
            events.append(event(.noted, at, loop: "E", id: "e\(index)", ["note": "n"]))
        }
        let (out, _) = Self.drain(events)
        #expect(out.map(\.event.id) == events.map(\.id))
        #expect(out[0].folded?.count == FoldAhead.longestRun)
        #expect(out.dropFirst().allSatisfy { $0.folded == nil })
        #expect(out[0].folded?.loop == Loop.fold(events.prefix(FoldAhead.longestRun)))
    }

    /// The source fails in the middle of a run: what it gave before comes out, then its error.
    @Test func theSourcesErrorComesAfterTheEventsReadBeforeIt() {
        let (out, error) = Self.drain(Array(Self.runs.prefix(2)), failing: true)
        #expect(out.map(\.event.id) == ["a1", "a2"])
        #expect(error as? Broken == Broken())
    }
}
