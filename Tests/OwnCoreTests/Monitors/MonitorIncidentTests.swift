import Foundation
import OwnCore
import Testing

@Suite("Monitor incident loop")
struct MonitorIncidentTests {
    static let incident = try! MonitorIncident(monitor: "nightly-export", owner: "kenji", stakes: .high, loop: "inc-1")
    static let at = instant("2026-11-30T02:30:00Z")

    @Test("Going down opens an incident loop owned by the monitor's owner, at its stakes")
    func created() throws {
        let event = try #require(
            Self.incident.event(
                for: .openIncident(.late(expected: instant("2026-11-30T02:00:00Z")), at: Self.at),
                id: "e1",
                by: "own"
            )
        )
        #expect(event.type == .created)
        #expect(event.loop == "inc-1")
        #expect(event.at == Self.at)
        #expect(event.string("owner") == "kenji")
        #expect(event.string("stakes") == "high")
        #expect(event.string("kind") == "incident")
        #expect(event.string("doneWhen") == "nightly-export runs on schedule again and the cause is recorded")
        #expect(
            event.string("title") == "nightly-export is down: no ping since it was expected at 2026-11-30T02:00:00Z"
        )
        var loop = Loop(created: event)
        loop.apply(event)
        #expect(loop.kind == .incident && loop.owner == "kenji" && loop.stakes == .high)
    }

    @Test("Failures while open and the recovery become notes; a status change is not a ledger event")
    func notes() throws {
        let failure = try #require(
            Self.incident.event(for: .noteFailure(.failed(exitStatus: 3), at: Self.at), id: "e2", by: "own")
        )
        #expect(failure.type == .noted)
        #expect(failure.string("note") == "nightly-export failed again: the run failed with exit status 3")
        let recovery = try #require(
            Self.incident.event(for: .noteRecovery(runDuration: 3900, downFor: 7200, at: Self.at), id: "e3", by: "own")
        )
        #expect(recovery.string("note") == "nightly-export is up again after 2h down; the run took 1h 5m")
        #expect(
            Self.incident.event(
                for: .statusChanged(from: .up, to: .down, at: Self.at, held: false),
                id: "e4",
                by: "own"
            )
                == nil
        )
    }

    @Test("A monitor with no owner is refused")
    func noOwner() {
        #expect(throws: CoreError.self) { try MonitorIncident(monitor: "x", owner: " ", stakes: .low, loop: "i") }
    }

    @Test(
        "Durations in words",
        arguments: [(45.0, "45s"), (73, "1m 13s"), (720, "12m"), (3600, "1h"), (3900, "1h 5m"), (183_600, "2d 3h")]
    )
    func durations(seconds: Double, words: String) {
        #expect(MonitorIncident.duration(seconds) == words)
    }
}
