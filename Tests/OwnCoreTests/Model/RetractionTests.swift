import Foundation
import OwnCore
import Testing

@Suite("Retraction: a `retracted` event takes back an earlier one, and every fold skips both")
struct RetractionTests {
    let created = event(.created, "2026-11-23T09:00:00Z", id: "c", ["title": "Fix the flaky deploy"])
    let started = event(.started, "2026-11-23T10:00:00Z", id: "s")
    let done = event(.done, "2026-11-23T11:00:00Z", id: "d", ["outcome": "green"])

    func retraction(of id: String, at: String = "2026-11-23T11:30:00Z") -> Event {
        event(.retracted, at, id: "r-\(id)", ["retracts": .string(id)])
    }

    @Test func aRetractedDoneLeavesTheLoopActiveAsBefore() throws {
        let loop = try #require(Loop.fold([created, started, done, retraction(of: "d")]))
        #expect(loop.state == .active)
        #expect(loop.doneAt == nil)
        #expect(loop.outcome == nil)
        // The retraction itself still counts as the loop's last event, so reads as of an instant
        // between the two see the done.
        #expect(loop.lastEventAt == instant("2026-11-23T11:30:00Z"))
        #expect(loop.eventCount == 3, "the done it takes back no longer shapes the loop")
        let before = try #require(Loop.fold([created, started, done, retraction(of: "d")], asOf: done.at))
        #expect(before.state == .done)
    }

    @Test func aRetractionThatArrivesBeforeItsEventStillTakesItBack() throws {
        let loop = try #require(Loop.fold([created, retraction(of: "d"), started, done]))
        #expect(loop.state == .active)
    }

    @Test func aCreationOrARetractionCannotBeTakenBack() throws {
        let keptCreation = try #require(Loop.fold([created, retraction(of: "c")]))
        #expect(keptCreation.title == "Fix the flaky deploy")
        #expect(keptCreation.state == .open)
        let noRedo = try #require(
            Loop.fold([created, started, done, retraction(of: "d"), retraction(of: "r-d", at: "2026-11-23T12:00:00Z")])
        )
        #expect(noRedo.state == .active)
    }

    @Test func withoutRetractedDropsTheEventAndTheRetractionAndKeepsTheOrder() {
        let events = [created, started, done, retraction(of: "s")]
        #expect(Event.withoutRetracted(events).map(\.id) == ["c", "d"])
        #expect(Event.withoutRetracted(events, keepingRetractions: true).map(\.id) == ["c", "d", "r-s"])
        #expect(Event.withoutRetracted([created, started]).map(\.id) == ["c", "s"])
    }

    @Test func onlyARetractionNeedsTheLoopFoldedAgain() {
        #expect(EventType.allCases.filter(\.needsRefold) == [.retracted])
        #expect(!EventType.retracted.isCommunication)
    }

    @Test func aRetractionMustNameTheEvent() throws {
        let line = #"{"id":"r","loop":"L1","at":"2026-11-23T11:30:00Z","by":"ana","type":"retracted","retracts":"d"}"#
        let read = try Event(jsonLine: line, makeID: { "" })
        #expect(read.retractedID == "d")
        #expect(throws: CoreError.self) {
            try Event(
                jsonLine: #"{"id":"r","loop":"L1","at":"2026-11-23T11:30:00Z","by":"ana","type":"retracted"}"#,
                makeID: { "" }
            )
        }
    }
}
