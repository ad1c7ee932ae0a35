import Foundation
import OwnCore
import Testing

@Suite("One fold order, and ids that sort in the order they were made")
struct FoldOrderTests {
    static let instant = Date(timeIntervalSince1970: 1_795_000_000)

    static func event(_ id: String, _ type: EventType, at offset: TimeInterval = 0) -> Event {
        let fields: EventFields = type == .created ? ["title": "Hotfix"] : [:]
        return Event(
            id: id,
            loop: "hotfix",
            at: instant.addingTimeInterval(offset),
            by: "ana",
            type: type,
            fields: fields
        )
    }

    @Test func byInstantThenCreatedFirstThenByID() {
        let created = Self.event("z", .created)
        let started = Self.event("a", .started)
        let done = Self.event("b", .done)
        let earlier = Self.event("y", .noted, at: -1)
        let folded = Event.inFoldOrder([done, started, created, earlier])
        #expect(folded.map(\.id) == ["y", "z", "a", "b"])
        // Whatever order they arrive in, the same loop.
        #expect(
            Loop.fold(Event.inFoldOrder([created, started, done]))
                == Loop.fold(Event.inFoldOrder([done, created, started]))
        )
        #expect(Loop.fold(Event.inFoldOrder([done, started, created]))?.state == .done)
    }

    @Test func idsMadeOneAfterAnotherSortInThatOrderEvenWithinAMillisecond() {
        var maker = EventID()
        // The same instant, and random bits that would sort the other way: still in order.
        let ids = (0..<1000).map { UInt64(1000 - $0) }.map { maker.next(recordedAt: Self.instant, random: $0) }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        let later = maker.next(recordedAt: Self.instant.addingTimeInterval(0.001), random: 0)
        #expect(later > ids.last!)
    }

    @Test func anIDIsAVersion7UUIDWhoseFirstDigitsAreTheMilliseconds() throws {
        var maker = EventID()
        let id = maker.next(recordedAt: Self.instant, random: 0x0123_4567_89AB_CDEF)
        #expect(id.count == 36)
        #expect(UUID(uuidString: id) != nil)
        let digits = id.replacingOccurrences(of: "-", with: "")
        #expect(UInt64(digits.prefix(12), radix: 16) == 1_795_000_000_000)
        #expect(digits.dropFirst(12).first == "7")
        // Later instants, from a fresh maker too, sort after.
        var other = EventID()
        #expect(other.next(recordedAt: Self.instant.addingTimeInterval(1), random: 0) > id)
    }
}
