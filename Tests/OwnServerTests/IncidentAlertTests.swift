import Foundation
import OwnCore
import Testing

@testable import OwnServer

@Suite("What an alert on an incident loop says")
struct IncidentAlertTests {
    static let loop: Loop = {
        let created = Event(
            id: "c1",
            loop: "inc-backup",
            at: Timestamp.parse("2026-11-23T09:00:00Z")!,
            by: "own-server",
            type: .created,
            fields: [
                "title": "backup is down: no ping", "owner": "ana", "kind": "incident", "origin": "monitor backup",
            ]
        )
        return Loop.fold([created])!
    }()

    static func ending(_ type: EventType, _ fields: EventFields) -> Event {
        Event(
            id: "e1",
            loop: "inc-backup",
            at: Timestamp.parse("2026-11-23T10:00:00Z")!,
            by: "ana",
            type: type,
            fields: fields
        )
    }

    /// A done says its outcome and a drop its reason: why nobody needs to look any more.
    @Test func anEndedIncidentSaysWhy() throws {
        let done = try #require(Notifier.alert(Self.ending(.done, ["outcome": "disk replaced"]), loop: Self.loop))
        #expect(done.status == "resolved" && done.what == "inc-backup is done: disk replaced")
        let dropped = try #require(Notifier.alert(Self.ending(.dropped, ["reason": "job retired"]), loop: Self.loop))
        #expect(dropped.status == "resolved" && dropped.what == "inc-backup is dropped: job retired")
        #expect(dropped.monitor == "backup")
    }

    /// A reopen is a person's word on the loop, not the monitor's status: it said `down` of a monitor
    /// that was up.
    @Test func aReopenedIncidentSaysReopenedAndWhy() throws {
        let reopened = try #require(Notifier.alert(Self.ending(.reopened, ["reason": "still flaky"]), loop: Self.loop))
        #expect(reopened.status == "reopened" && reopened.what == "inc-backup reopened: still flaky")
    }

    /// Found by an audit: what a note tells of the monitor is the server's field, not its words. A
    /// monitor named "… is up again" sent each failure as a recovery, and a person's note saying
    /// "failed again" was posted as a failure.
    @Test func aNotesStatusIsTheServersFieldNotItsWords() throws {
        let incident = try MonitorIncident(
            monitor: "Site is up again probe",
            owner: "ana",
            stakes: .high,
            loop: "inc-backup"
        )
        let failing = try #require(
            incident.event(
                for: .noteFailure(.failed(exitStatus: nil), at: Timestamp.parse("2026-11-23T11:00:00Z")!),
                id: "n1",
                by: "own-server"
            )
        )
        #expect(try #require(Notifier.alert(failing, loop: Self.loop)).status == "failing")
        let up = try #require(
            incident.event(
                for: .noteRecovery(runDuration: nil, downFor: 60, at: Timestamp.parse("2026-11-23T11:00:00Z")!),
                id: "n2",
                by: "own-server"
            )
        )
        #expect(try #require(Notifier.alert(up, loop: Self.loop)).status == "up")
        let person = Self.ending(.noted, ["note": "the export failed again on the replica"])
        #expect(try #require(Notifier.alert(person, loop: Self.loop)).status == "note")
        // A note the server wrote before notes said it, by its words.
        var older = up
        older.fields["monitorStatus"] = nil
        older.fields["note"] = "backup is up again after 1m down"
        #expect(try #require(Notifier.alert(older, loop: Self.loop)).status == "up")
    }
}
