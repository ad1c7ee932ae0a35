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

    /// Dated before the event it names (an import, a push), a retraction takes back nothing: the server
    /// refuses it, and a ledger that let it stand showed the loop open while the team's showed it done.
    @Test func aRetractionDatedBeforeItsEventTakesNothingBack() throws {
        let early = retraction(of: "d", at: "2026-11-23T10:30:00Z")
        #expect(early.retractionRefusal(among: [created, started]) == .notEarlier("d"))
        for order in [[created, started, early, done], [created, started, done, early]] {
            let loop = try #require(Loop.fold(order))
            #expect(loop.state == .done, "\(order.map(\.id))")
            #expect(Event.withoutRetracted(order).map(\.id) == ["c", "s", "d"])
            #expect(Event.takenBack(Event.inFoldOrder(order)).isEmpty)
        }
        #expect(Event.voidedRetractions([created, started, early, done])["r-d"]?.contains("folds after") == true)
        // At the same instant the ids order them: one that sorts before the done folds before it.
        let tied = event(.retracted, "2026-11-23T11:00:00Z", id: "a", ["retracts": "d"])
        #expect(try #require(Loop.fold([created, started, done, tied])).state == .done)
        let after = event(.retracted, "2026-11-23T11:00:00Z", id: "e", ["retracts": "d"])
        #expect(try #require(Loop.fold([created, started, done, after])).state == .active)
    }

    @Test func anEventIsTakenBackOnce() throws {
        let again = event(.retracted, "2026-11-23T11:40:00Z", id: "r-d-again", ["retracts": "d"])
        #expect(
            again.retractionRefusal(among: [created, started, done, retraction(of: "d")]) == .alreadyTakenBack(done)
        )
        let loop = try #require(Loop.fold([created, started, done, retraction(of: "d"), again]))
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

/// A retraction takes back only what it could have been recorded for: every ledger and the server
/// fold the same events alike, so one made offline after someone else built on the event leaves
/// nobody believing what the team does not.
@Suite("Retraction: one recorded after someone else built on the event takes nothing back")
struct RetractionValidityTests {
    let created = event(.created, "2026-11-23T09:00:00Z", id: "c", ["title": "Rotate the keys"])
    let handedOff = event(.handedOff, "2026-11-23T10:00:00Z", id: "h", ["to": "lee"])
    let leeStarted = event(.started, "2026-11-23T10:30:00Z", by: "lee", id: "s")
    let taken = event(.retracted, "2026-11-23T11:00:00Z", id: "r", ["retracts": "h"])

    @Test func aHandOffTakenBackAfterItsRecipientStartedStands() throws {
        let loop = try #require(Loop.fold([created, handedOff, leeStarted, taken]))
        #expect(loop.owner == "lee")
        #expect(loop.state == .active)
        #expect(
            taken.retractionRefusal(among: [created, handedOff, leeStarted]) == .builtUpon(handedOff, by: leeStarted)
        )
    }

    @Test func aHandOffTakenBackBeforeItsRecipientStartedIsTakenBack() throws {
        let early = event(.retracted, "2026-11-23T10:15:00Z", id: "r", ["retracts": "h"])
        let loop = try #require(Loop.fold([created, handedOff, early]))
        #expect(loop.owner == "ana")
        #expect(Event.withoutRetracted([created, handedOff, early]).map(\.id) == ["c"])
    }

    /// The server's mark that a change was announced builds on nothing.
    @Test func aReportedMarkDoesNotBuildOnTheChange() throws {
        let risk = event(.risk, "2026-11-23T10:00:00Z", id: "k", ["note": "vendor may slip"])
        let mark = event(.reported, "2026-11-23T10:00:02Z", by: "own-server", id: "m", ["channel": "notice"])
        let takenBack = event(.retracted, "2026-11-23T10:01:00Z", id: "r", ["retracts": "k"])
        #expect(!mark.buildsOn(risk))
        #expect(takenBack.retractionRefusal(among: [created, risk, mark]) == nil)
        #expect(Event.withoutRetracted([created, risk, mark, takenBack]).map(\.id) == ["c", "m"])
    }

    /// Someone else's event is not theirs to take back, in a fold as at the server.
    @Test func aRetractionOfSomeoneElsesEventTakesNothingBack() throws {
        let leesTake = event(.retracted, "2026-11-23T11:00:00Z", by: "lee", id: "r", ["retracts": "h"])
        let loop = try #require(Loop.fold([created, handedOff, leesTake]))
        #expect(loop.owner == "lee")
    }

    /// Only events of the retraction's own loop build on its event: a report folds many loops at once.
    @Test func anotherLoopsEventsBuildOnNothing() {
        let elsewhere = event(.noted, "2026-11-23T10:30:00Z", loop: "L2", by: "lee", id: "n", ["note": "x"])
        #expect(!elsewhere.buildsOn(handedOff))
        #expect(Event.withoutRetracted([created, handedOff, elsewhere, taken]).map(\.id) == ["c", "n"])
    }
}
