import Foundation
import OwnCore
import OwnServer
import OwnStore
import TeamStore
import Testing

/// The deadline scanner and the incident loop, at fixed instants: a monitor that misses its deadline
/// goes down and opens one loop for its owner in the team's ledger; more failures are notes on it;
/// a recovery is a note with the run's duration; a loop the owner closed is not written to again.
@Suite("The deadline scanner opens incident loops through the ledger")
struct DeadlineScannerTests {
    static let uuid = "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
    static let t0 = TestTeam.now
    /// Every hour, ten minutes' grace: a ping at t0 is due at t0+1h and late at t0+1h10m.
    static let late = t0.addingTimeInterval(3600 + 600)

    static func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    private static func withMonitor(
        parent: String? = nil,
        _ body: (TestTeam, MonitorDriver, DeadlineScanner) async throws -> Void
    ) async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.addMonitor(
            MonitorRecord(
                uuid: uuid,
                team: "payments",
                name: "Nightly export",
                slug: "nightly-export",
                owner: "ana",
                stakes: .high,
                timeout: 3600,
                cron: nil,
                grace: 600,
                parent: parent,
                createdAt: t0
            )
        )
        try await body(team, MonitorDriver(store: team.store), DeadlineScanner(store: team.store))
    }

    @discardableResult
    private static func ping(
        _ driver: MonitorDriver,
        _ kind: MonitorPing.Kind,
        at: Date,
        rid: String? = nil,
        uuid: String = uuid
    ) async throws -> MonitorDriver.Outcome? {
        let record = MonitorPingRecord(at: at, kind: kind, rid: rid, method: "GET")
        return try await driver.apply(uuid: uuid, ping: record) { _ in .ping(MonitorPing(kind, rid: rid), at: at) }
    }

    private static func incidents(_ team: TestTeam) async throws -> [Loop] {
        try await team.store.loops(team: "payments", query: LoopQuery(kinds: [.incident]), asOf: nil)
    }

    /// A shutdown during a pass (`stopping` says so) stops it after the batch under way; the monitors
    /// left stay due, and the next pass marks them.
    @Test func aPassStoppedByAShutdownEndsAfterItsBatch() async throws {
        try await Self.withMonitor { team, driver, scanner in
            let other = "8d2e3f4a-5b6c-4d7e-9f0a-1b2c3d4e5f6a"
            _ = try await team.store.addMonitor(
                MonitorRecord(
                    uuid: other,
                    team: "payments",
                    name: "Hourly sync",
                    slug: "hourly-sync",
                    owner: "ana",
                    stakes: .high,
                    timeout: 3600,
                    cron: nil,
                    grace: 600,
                    parent: nil,
                    createdAt: Self.t0
                )
            )
            try await Self.ping(driver, .success, at: Self.t0)
            try await Self.ping(driver, .success, at: Self.t0, uuid: other)
            let stopped = try await scanner.scan(at: Self.late, batch: 1, stopping: { true })
            #expect(stopped.changed.count == 1)
            let next = try await scanner.scan(at: Self.late, batch: 1)
            #expect(next.changed.count == 1 && next.changed != stopped.changed)
            #expect(try await Self.incidents(team).count == 2)
        }
    }

    @Test func aMissedDeadlineOpensOneIncidentLoopForTheOwnerAtTheMonitorsStakes() async throws {
        try await Self.withMonitor { team, driver, scanner in
            try await Self.ping(driver, .success, at: Self.t0)
            // A second before the deadline: nothing is due.
            #expect(try await scanner.scan(at: Self.late.addingTimeInterval(-1)) == .init())
            #expect(try await Self.incidents(team).isEmpty)

            let outcome = try await scanner.scan(at: Self.late)
            #expect(outcome.changed == [Self.uuid])
            let monitor = try #require(try await team.store.monitor(uuid: Self.uuid))
            #expect(monitor.state.status == .down)
            #expect(monitor.nextDeadline == nil)
            #expect(outcome.opened == [try #require(monitor.incidentLoop)])

            let loops = try await Self.incidents(team)
            let loop = try #require(loops.first)
            #expect(loops.count == 1)
            #expect(loop.key == monitor.incidentLoop)
            #expect(loop.owner == "ana")
            #expect(loop.stakes == .high)
            #expect(loop.createdBy == MonitorDriver.author)
            #expect(loop.createdAt == Self.late)
            #expect(loop.title == "Nightly export is down: no ping since it was expected at 2026-11-27T13:00:00Z")
            #expect(loop.doneWhen == "Nightly export runs on schedule again and the cause is recorded")
            #expect(loop.tags == ["monitor", "nightly-export"])
            // Live like any loop; at high stakes the default policy wants a lead's approval first.
            #expect(loop.state == .proposed)
            let flips = try await team.store.flips(team: "payments", uuid: Self.uuid, limit: 10)
            #expect(flips.map(\.to) == [.down, .up])

            // The next pass finds nothing due: the monitor is down, with no deadline.
            #expect(try await scanner.scan(at: Self.late.addingTimeInterval(3600)) == .init())
            #expect(try await Self.incidents(team).count == 1)
        }
    }

    /// ana is away from Friday 27 November to Monday 30th with lee as her backup: the incident that
    /// opens on the Friday is lee's, and a note on it says why. Once she is back, the next one is hers.
    @Test func anIncidentOpenedWhileTheOwnerIsAwayIsTheBackups() async throws {
        try await Self.withMonitor { team, driver, scanner in
            let away = TimeOff(
                id: "away-ana",
                person: "ana",
                first: try #require(CivilDate(iso: "2026-11-27")),
                last: try #require(CivilDate(iso: "2026-11-30")),
                backup: "lee",
                recordedAt: Self.t0.addingTimeInterval(-86_400)
            )
            _ = try await team.store.append([away.event], team: "payments")
            try await Self.ping(driver, .success, at: Self.t0)
            let outcome = try await scanner.scan(at: Self.late)
            let key = try #require(outcome.opened.first)
            let loop = try #require(try await team.store.loop(team: "payments", key: key, asOf: nil))
            #expect(loop.owner == "lee")
            #expect(loop.createdBy == MonitorDriver.author)
            #expect(
                loop.notes == [
                    "ana, who owns Nightly export, is away Fri 27 Nov to Mon 30 Nov 2026; lee, their backup, owns this incident"
                ]
            )
            // Written once: the note's id comes from the save, as the created event's does.
            let events = try await team.store.events(team: "payments", ofLoops: [key], since: nil, asOf: nil)
            #expect(events.map(\.type) == [.created, .noted])
            #expect(events.map(\.by) == [MonitorDriver.author, MonitorDriver.author])

            // Back on Tuesday 1 December: lee closes the incident, and the next failure is ana's.
            let done = Event(
                id: "done-by-lee",
                loop: key,
                at: Self.at(86_400 * 4),
                by: "lee",
                type: .done,
                fields: ["outcome": .string("restarted the export")]
            )
            _ = try await team.store.append([done], team: "payments")
            try await Self.ping(driver, .success, at: Self.at(86_400 * 4 + 60))
            let tuesday = try await scanner.scan(at: Self.at(86_400 * 4 + 60 + 3600 + 600))
            let next = try #require(tuesday.opened.first)
            let back = try #require(try await team.store.loop(team: "payments", key: next, asOf: nil))
            #expect(next != key)
            #expect(back.owner == "ana")
            #expect(back.notes.isEmpty)
        }
    }

    /// A backup the team does not count as a person (a typo, a reader, someone whose token was
    /// revoked) would own the incident unseen: the last recorded backup who is a person takes it,
    /// and with none, ana keeps it.
    @Test func anIncidentGoesOnlyToABackupWhoIsAPersonOfTheTeam() async throws {
        func away(_ id: String, backup: String, recorded hoursBefore: Double) throws -> Event {
            TimeOff(
                id: id,
                person: "ana",
                first: try #require(CivilDate(iso: "2026-11-27")),
                last: try #require(CivilDate(iso: "2026-11-30")),
                backup: backup,
                recordedAt: Self.t0.addingTimeInterval(-3600 * hoursBefore)
            ).event
        }
        try await Self.withMonitor { team, driver, scanner in
            _ = try await team.store.append(
                [try away("a-raj", backup: "raj", recorded: 30), try away("a-zed", backup: "zed", recorded: 20)],
                team: "payments"
            )
            _ = try await team.store.append(
                [try away("a-wall", backup: "wall", recorded: 10), try away("a-old", backup: "old", recorded: 5)],
                team: "payments"
            )
            try await Self.ping(driver, .success, at: Self.t0)
            let key = try #require(try await scanner.scan(at: Self.late).opened.first)
            let loop = try #require(try await team.store.loop(team: "payments", key: key, asOf: nil))
            #expect(loop.owner == "raj")
            #expect(loop.notes.first?.hasSuffix("raj, their backup, owns this incident") == true, "\(loop.notes)")
        }
        try await Self.withMonitor { team, driver, scanner in
            _ = try await team.store.append([try away("a-zed", backup: "zed", recorded: 20)], team: "payments")
            try await Self.ping(driver, .success, at: Self.t0)
            let key = try #require(try await scanner.scan(at: Self.late).opened.first)
            let loop = try #require(try await team.store.loop(team: "payments", key: key, asOf: nil))
            #expect(loop.owner == "ana")
            #expect(loop.notes.isEmpty)
        }
    }

    /// The monitor passes from ana to lee while its incident is open: the open loop stays ana's (a
    /// hand-off moves it), its next failure is a note on it, and the next incident is lee's.
    @Test func aNewOwnerGetsTheNextIncidentAndTheOpenOneStaysItsOwners() async throws {
        try await Self.withMonitor { team, driver, scanner in
            try await Self.ping(driver, .success, at: Self.t0)
            let first = try #require(try await scanner.scan(at: Self.late).opened.first)
            var monitor = try #require(try await team.store.monitor(uuid: Self.uuid))
            monitor.owner = "lee"
            #expect(try await team.store.save(monitor, ping: nil, flips: []) != nil)
            try await Self.ping(driver, .fail, at: Self.at(7200))
            let open = try #require(try await team.store.loop(team: "payments", key: first, asOf: nil))
            #expect(open.owner == "ana")
            #expect(open.notes.count == 1 && open.notes[0].contains("failed again"), "\(open.notes)")

            _ = try await team.store.append(
                [Event(id: "close-1", loop: first, at: Self.at(7300), by: "ana", type: .done)],
                team: "payments"
            )
            try await Self.ping(driver, .success, at: Self.at(7400))
            let next = try #require(try await Self.ping(driver, .fail, at: Self.at(7500))?.monitor.incidentLoop)
            #expect(next != first)
            #expect(try await team.store.loop(team: "payments", key: next, asOf: nil)?.owner == "lee")
        }
    }

    @Test func theIncidentEventsArePulledLikeAnyPushedEvent() async throws {
        try await Self.withMonitor { team, driver, scanner in
            try await Self.ping(driver, .success, at: Self.t0)
            _ = try await scanner.scan(at: Self.late)
            let events = try await team.store.events(team: "payments", after: 0, limit: 100)
            #expect(events.count == 1)
            let line = try #require(events.first?.line)
            let event = try Event(jsonLine: line, makeID: { "" })
            #expect(event.type == .created)
            #expect(event.fields["kind"]?.stringValue == "incident")
            #expect(event.fields["owner"]?.stringValue == "ana")
        }
    }

    @Test func moreFailuresAreNotesAndARecoveryNotesTheRunsDuration() async throws {
        try await Self.withMonitor { team, driver, scanner in
            try await Self.ping(driver, .success, at: Self.t0)
            _ = try await scanner.scan(at: Self.late)
            try await Self.ping(driver, .exitStatus(3), at: Self.at(7200))
            try await Self.ping(driver, .start, at: Self.at(9000), rid: "r1")
            let recovered = try #require(try await Self.ping(driver, .success, at: Self.at(9000 + 65), rid: "r1"))
            #expect(recovered.monitor.state.status == .up)

            let loop = try #require(try await Self.incidents(team).first)
            let events = try await team.store.events(team: "payments", ofLoops: [loop.key], since: nil, asOf: nil)
            #expect(
                events.map { $0.fields["note"]?.stringValue } == [
                    nil,
                    "Nightly export failed again: the run failed with exit status 3",
                    "Nightly export is up again after 1h 21m down; the run took 1m 5s",
                ]
            )
            // The owner closes the loop; recovery did not.
            #expect(loop.state.isLive)
            #expect(try await Self.incidents(team).count == 1)
        }
    }

    @Test func aFailurePingTakesTheMonitorDownAndOpensTheLoopWithoutTheScanner() async throws {
        try await Self.withMonitor { team, driver, _ in
            try await Self.ping(driver, .success, at: Self.t0)
            let outcome = try #require(try await Self.ping(driver, .fail, at: Self.at(60)))
            #expect(outcome.monitor.state.status == .down)
            let loop = try #require(try await Self.incidents(team).first)
            #expect(loop.title == "Nightly export is down: the run reported a failure")
            #expect(loop.createdAt == Self.at(60))
        }
    }

    @Test func aLoopTheOwnerClosedIsLeftAloneAndTheNextOutageOpensANewOne() async throws {
        try await Self.withMonitor { team, driver, scanner in
            try await Self.ping(driver, .success, at: Self.t0)
            _ = try await scanner.scan(at: Self.late)
            try await Self.ping(driver, .success, at: Self.at(7200))
            let first = try #require(try await Self.incidents(team).first)
            let done = Event(
                id: "close-1",
                loop: first.key,
                at: Self.at(7300),
                by: "ana",
                type: .done,
                fields: ["outcome": .string("the export's disk was full; added an alert on disk space")]
            )
            _ = try await team.store.append([done], team: "payments")

            // Late again: an hour and ten minutes after the 7200 ping.
            let outcome = try await scanner.scan(at: Self.at(7200 + 4200))
            let second = try #require(outcome.opened.first)
            #expect(second != first.key)
            let loops = try await Self.incidents(team)
            #expect(loops.map(\.key).sorted() == [first.key, second].sorted())
            let firstEvents = try await team.store.events(
                team: "payments",
                ofLoops: [first.key],
                since: nil,
                asOf: nil
            )
            #expect(firstEvents.last?.type == .done)
        }
    }

    /// The owner ends the loop while the job still fails: the next failure is a new incident, where
    /// it was dropped, and the monitor stayed down with no loop anyone owned.
    @Test func aLoopClosedWhileStillDownGivesTheNextFailureANewLoop() async throws {
        try await Self.withMonitor { team, driver, _ in
            try await Self.ping(driver, .success, at: Self.t0)
            try await Self.ping(driver, .fail, at: Self.at(60))
            let first = try #require(try await Self.incidents(team).first)
            let done = Event(
                id: "close-early",
                loop: first.key,
                at: Self.at(120),
                by: "ana",
                type: .done,
                fields: ["outcome": .string("closed early")]
            )
            _ = try await team.store.append([done], team: "payments")

            let outcome = try #require(try await Self.ping(driver, .exitStatus(2), at: Self.at(180)))
            #expect(outcome.monitor.state.status == .down)
            #expect(outcome.monitor.state.incidentOpen)
            let loops = try await Self.incidents(team)
            #expect(loops.count == 2)
            let second = try #require(loops.first { $0.key != first.key })
            #expect(second.createdAt == Self.at(180))
            #expect(outcome.monitor.incidentLoop == second.key)
        }
    }

    /// The owner ends the loop offline while the job is up again; the job fails before the done
    /// reaches the server, which notes the failure on the loop it takes for open. When the done comes,
    /// that outage opens a loop of its own: the monitor was left down with none, its alert lost.
    @Test func anOutageAfterAnOfflineCloseOpensItsOwnLoopWhenTheCloseArrives() async throws {
        try await Self.withMonitor { team, driver, _ in
            try await Self.ping(driver, .success, at: Self.t0)
            try await Self.ping(driver, .fail, at: Self.at(60))
            try await Self.ping(driver, .success, at: Self.at(90))
            let first = try #require(try await Self.incidents(team).first)
            try await Self.ping(driver, .fail, at: Self.at(150))
            let done = Event(id: "closed-offline", loop: first.key, at: Self.at(100), by: "ana", type: .done)
            _ = try await team.store.append([done], team: "payments")
            await driver.incidentLoopsChanged(by: [done], team: "payments", now: Self.at(200))

            let monitor = try #require(try await team.store.monitor(uuid: Self.uuid))
            #expect(monitor.state.status == .down && monitor.state.incidentOpen)
            let loops = try await Self.incidents(team)
            #expect(loops.count == 2)
            let second = try #require(loops.first { $0.key != first.key })
            #expect(monitor.incidentLoop == second.key)
            #expect(second.createdAt == Self.at(150) && second.owner == "ana")
            #expect(
                second.title == "Nightly export is down: its last incident loop was closed before it went down at "
                    + Timestamp.format(Self.at(150))
            )
            // A failure after it is a note on the new loop.
            let outcome = try #require(try await Self.ping(driver, .fail, at: Self.at(210)))
            #expect(outcome.monitor.incidentLoop == second.key)
            #expect(try await Self.incidents(team).count == 2)
        }
    }

    /// Reopened, an ended incident loop is its monitor's open incident again: the next failure is a
    /// note on it, where a second loop was opened beside it, and the monitor's `loop` was null.
    @Test func aReopenedIncidentLoopTakesTheNextFailure() async throws {
        try await Self.withMonitor { team, driver, _ in
            try await Self.ping(driver, .success, at: Self.t0)
            try await Self.ping(driver, .fail, at: Self.at(60))
            let first = try #require(try await Self.incidents(team).first)
            for (id, type, at) in [("close-early", EventType.done, 120.0), ("not-fixed", .reopened, 150)] {
                let event = Event(id: id, loop: first.key, at: Self.at(at), by: "ana", type: type)
                _ = try await team.store.append([event], team: "payments")
                await driver.incidentLoopsChanged(by: [event], team: "payments", now: Self.at(at))
            }
            let reopened = try #require(try await team.store.monitor(uuid: Self.uuid))
            #expect(reopened.incidentLoop == first.key && reopened.state.incidentOpen)

            let outcome = try #require(try await Self.ping(driver, .exitStatus(2), at: Self.at(180)))
            #expect(outcome.monitor.incidentLoop == first.key)
            #expect(try await Self.incidents(team).map(\.key) == [first.key])
            let events = try await team.store.events(team: "payments", ofLoops: [first.key], since: nil, asOf: nil)
            #expect(events.last?.type == .noted, "\(events.map(\.type))")
        }
    }

    /// An undone done reopens the incident loop as a reopen does, and an undone reopen ends it: the
    /// monitor opened a second loop beside the one its owner had taken back the ending of.
    @Test func anUndoneEndingReopensTheIncidentAndAnUndoneReopenEndsIt() async throws {
        try await Self.withMonitor { team, driver, _ in
            try await Self.ping(driver, .success, at: Self.t0)
            try await Self.ping(driver, .fail, at: Self.at(60))
            let first = try #require(try await Self.incidents(team).first)
            func record(
                _ id: String,
                _ type: EventType,
                at minutes: Double,
                _ fields: EventFields = [:]
            ) async throws {
                let event = Event(id: id, loop: first.key, at: Self.at(minutes), by: "ana", type: type, fields: fields)
                _ = try await team.store.append([event], team: "payments")
                await driver.incidentLoopsChanged(by: [event], team: "payments", now: Self.at(minutes))
            }
            try await record("close-early", .done, at: 120)
            #expect(try await team.store.monitor(uuid: Self.uuid)?.state.incidentOpen == false)
            try await record("undo-done", .retracted, at: 130, ["retracts": "close-early"])
            let reopened = try #require(try await team.store.monitor(uuid: Self.uuid))
            #expect(reopened.incidentLoop == first.key && reopened.state.incidentOpen)
            let outcome = try #require(try await Self.ping(driver, .exitStatus(2), at: Self.at(140)))
            #expect(outcome.monitor.incidentLoop == first.key)
            #expect(try await Self.incidents(team).map(\.key) == [first.key])
            // Ended again, reopened, and the reopen undone: ended, with no loop.
            try await record("close-again", .done, at: 150)
            try await record("not-fixed", .reopened, at: 160)
            #expect(try await team.store.monitor(uuid: Self.uuid)?.state.incidentOpen == true)
            try await record("undo-reopen", .retracted, at: 170, ["retracts": "not-fixed"])
            let ended = try #require(try await team.store.monitor(uuid: Self.uuid))
            #expect(!ended.state.incidentOpen && ended.incidentLoop == nil, "\(String(describing: ended.incidentLoop))")
        }
    }

    @Test func aPausedMonitorIsNeverMarked() async throws {
        try await Self.withMonitor { team, driver, scanner in
            try await Self.ping(driver, .success, at: Self.t0)
            _ = try await driver.apply(uuid: Self.uuid) { _ in .pause(at: Self.at(60)) }
            #expect(try await scanner.scan(at: Self.late.addingTimeInterval(86_400)) == .init())
            #expect(try await team.store.monitor(uuid: Self.uuid)?.state.status == .paused)
        }
    }

    /// The parent of the tests' child monitor (`addParent`).
    static let parent = "0a0b0c0d-0e0f-4a1b-8c2d-3e4f5a6b7c8d"

    /// Adds the parent: hourly, lee's, with `grace` seconds of grace.
    private static func addParent(to team: TestTeam, grace: TimeInterval) async throws {
        _ = try await team.store.addMonitor(
            MonitorRecord(
                uuid: parent,
                team: "payments",
                name: "DB primary",
                slug: "db-primary",
                owner: "lee",
                stakes: .critical,
                timeout: 3600,
                cron: nil,
                grace: grace,
                createdAt: t0
            )
        )
    }

    /// The parent check added, both pinged at t0, and scanned when both are late: the parent at
    /// t0+1h1m, the child at t0+1h10m.
    private static func bothLate(_ team: TestTeam, _ driver: MonitorDriver, _ scanner: DeadlineScanner) async throws {
        try await addParent(to: team, grace: 60)
        try await ping(driver, .success, at: t0, uuid: parent)
        try await ping(driver, .success, at: t0)
        _ = try await scanner.scan(at: late)
    }

    @Test func whileTheParentIsDownTheChildsIncidentIsHeld() async throws {
        let parent = Self.parent
        try await Self.withMonitor(parent: parent) { team, driver, scanner in
            try await Self.bothLate(team, driver, scanner)
            #expect(try await Self.incidents(team).map(\.owner) == ["lee"])
            #expect(try await team.store.monitor(uuid: Self.uuid)?.state.status == .down)
            // The parent comes back; the child is still down, so its incident opens now.
            try await Self.ping(driver, .success, at: Self.at(5000), uuid: parent)
            #expect(try await Self.incidents(team).map(\.owner).sorted() == ["ana", "lee"])
            // The uuids are the ping URLs' secrets: no event, id or line, names one.
            let lines = try await team.store.events(team: "payments", after: 0, limit: 1000).map(\.line)
            #expect(!lines.isEmpty)
            for uuid in [Self.uuid, parent] {
                #expect(!lines.contains { $0.lowercased().contains(uuid.lowercased()) }, "\(uuid)")
            }
        }
    }

    /// Pings of two monitors saved together: one whose note the store refuses (dated before its
    /// incident) fails alone, and the other's ping is stored and answered.
    @Test func oneMonitorsRefusedEventsFailOnlyItsOwnPing() async throws {
        try await Self.withMonitor { team, driver, scanner in
            try await Self.bothLate(team, driver, scanner)
            #expect(try await Self.incidents(team).count == 2)
            let before = MonitorPingRecord(at: Self.t0, kind: .fail, rid: nil, method: "GET")
            let after = MonitorPingRecord(at: Self.at(5000), kind: .success, rid: nil, method: "GET")
            let results = await driver.apply([
                MonitorDriver.Request(uuid: Self.uuid, ping: before) { _ in .ping(MonitorPing(.fail), at: Self.t0) },
                MonitorDriver.Request(uuid: Self.parent, ping: after) { _ in
                    .ping(MonitorPing(.success), at: Self.at(5000))
                },
            ])
            #expect((try? results[0].get()) == nil, "dated before its incident: refused")
            #expect((try? results[1].get()) != nil, "\(results[1])")
            #expect(try await team.store.monitor(uuid: Self.parent)?.state.status == .up)
        }
    }

    /// A down parent paused (a planned outage silenced) still holds its child's incident; resumed and
    /// pinged, it is back, and the child's incident opens.
    @Test func pausingADownParentKeepsTheChildHeld() async throws {
        let parent = Self.parent
        try await Self.withMonitor(parent: parent) { team, driver, scanner in
            try await Self.bothLate(team, driver, scanner)
            #expect(try await Self.incidents(team).map(\.owner) == ["lee"])
            _ = try await driver.apply(uuid: parent) { _ in .pause(at: Self.at(5000)) }
            #expect(try await Self.incidents(team).map(\.owner) == ["lee"], "held while the parent is paused")
            _ = try await driver.apply(uuid: parent) { _ in .resume(at: Self.at(5100)) }
            try await Self.ping(driver, .success, at: Self.at(5200), uuid: parent)
            #expect(try await Self.incidents(team).map(\.owner).sorted() == ["ana", "lee"])
        }
    }

    /// A job that pings its child check and then the parent gives the child the earlier deadline: it
    /// waits a pass while the parent is due within a second, and in one pass the parent is judged
    /// first. Judged first, the child alerted a moment before its parent went down and held it.
    @Test func aChildDueJustBeforeItsParentIsHeldForIt() async throws {
        let parent = Self.parent
        try await Self.withMonitor(parent: parent) { team, driver, scanner in
            try await Self.addParent(to: team, grace: 600)
            try await Self.ping(driver, .success, at: Self.t0)
            try await Self.ping(driver, .success, at: Self.at(0.5), uuid: parent)
            // The child is late at t0+1h10m, its parent half a second later.
            let waited = try await scanner.scan(at: Self.late.addingTimeInterval(0.2))
            #expect(waited.changed.isEmpty)
            #expect(try await team.store.monitor(uuid: Self.uuid)?.state.status == .up)
            _ = try await scanner.scan(at: Self.late.addingTimeInterval(1))
            #expect(try await Self.incidents(team).map(\.owner) == ["lee"])
            #expect(try await team.store.monitor(uuid: Self.uuid)?.state.status == .down)
        }
    }

    @Test func parentsAreJudgedBeforeTheirChildrenInOnePass() {
        func record(_ uuid: String, parent: String?) -> MonitorRecord {
            MonitorRecord(
                uuid: uuid,
                team: "t",
                name: uuid,
                slug: uuid,
                owner: "ana",
                stakes: .low,
                timeout: 60,
                cron: nil,
                grace: 60,
                parent: parent,
                createdAt: Self.t0
            )
        }
        let due = [
            record("c", parent: "b"), record("x", parent: "elsewhere"), record("b", parent: "a"),
            record("a", parent: nil),
        ]
        #expect(DeadlineScanner.parentsFirst(due).map(\.uuid) == ["x", "a", "b", "c"])
    }

    /// The window a crash could fall into is closed: the monitor's `down` and its incident loop's
    /// `created` event are one transaction. Here the event cannot be written (its id is taken), so
    /// the monitor is not saved down either; the next pass, once the version moved on, opens it
    /// (as of the deadline it missed).
    @Test func aMonitorIsNeverSavedDownWithoutItsIncidentLoop() async throws {
        try await Self.withMonitor { team, driver, scanner in
            try await Self.ping(driver, .success, at: Self.t0)
            let before = try #require(try await team.store.monitor(uuid: Self.uuid))
            // The tick saves version 3 with a status change (action 0) and the created event (action 1).
            let taken = Event(
                id: MonitorDriver.eventID(uuid: Self.uuid, version: before.version + 1, index: 1),
                loop: "blocker",
                at: Self.t0,
                by: "ana",
                type: .created,
                fields: ["title": .string("holds the id the incident needs")]
            )
            _ = try await team.store.append([taken], team: "payments")

            let failed = try await scanner.scan(at: Self.late)
            #expect(failed.changed.isEmpty)
            #expect(failed.failed.count == 1)
            #expect(try await team.store.monitor(uuid: Self.uuid) == before)
            #expect(try await team.store.flips(team: "payments", uuid: Self.uuid, limit: 10).map(\.to) == [.up])
            #expect(try await Self.incidents(team).isEmpty)

            // Another writer moves the version on (a settings change); the next pass marks it down.
            _ = try #require(try await team.store.save(before, ping: nil, flips: []))
            let next = try await scanner.scan(at: Self.late.addingTimeInterval(1))
            #expect(next.changed == [Self.uuid])
            let monitor = try #require(try await team.store.monitor(uuid: Self.uuid))
            #expect(monitor.state.status == .down)
            let loop = try #require(try await Self.incidents(team).first)
            #expect(loop.key == monitor.incidentLoop)
            #expect(loop.createdAt == Self.late)
        }
    }

    /// Two scanners over two connections to one store, at once: each outage opens one loop.
    @Test func twoScannersAtOnceOpenOneLoopPerOutage() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let count = 40
        var uuids: [String] = []
        for index in 0..<count {
            let uuid = UUID().uuidString.lowercased()
            uuids.append(uuid)
            _ = try await team.store.addMonitor(
                MonitorRecord(
                    uuid: uuid,
                    team: "payments",
                    name: "Job \(index)",
                    slug: "job-\(index)",
                    owner: "ana",
                    stakes: .medium,
                    timeout: 3600,
                    cron: nil,
                    grace: 600,
                    createdAt: Self.t0
                )
            )
            try await Self.ping(MonitorDriver(store: team.store), .success, at: Self.t0, uuid: uuid)
        }
        let other = try SQLiteTeamStore(path: team.folder + "/server.sqlite")
        let first = DeadlineScanner(store: team.store)
        let second = DeadlineScanner(store: other)
        async let a = first.scan(at: Self.late)
        async let b = second.scan(at: Self.late)
        let (outcomeA, outcomeB) = try await (a, b)
        #expect(outcomeA.changed.count + outcomeB.changed.count == count)
        #expect(Set(outcomeA.changed).isDisjoint(with: outcomeB.changed))
        let loops = try await Self.incidents(team)
        #expect(loops.count == count)
        #expect(Set(loops.map(\.key)).count == count)
        for uuid in uuids {
            #expect(try await team.store.monitor(uuid: uuid)?.state.status == .down)
        }
    }
}
