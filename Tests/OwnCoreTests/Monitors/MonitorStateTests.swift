import Foundation
import OwnCore
import Testing

/// The status machine at fixed instants: each case feeds inputs and checks the actions each one
/// asks for, then the stored and shown status.
@Suite("Monitor status machine")
struct MonitorStateTests {
    static let t0 = instant("2026-11-30T10:00:00Z")
    /// `minutes` after t0.
    static func t(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    /// Every hour, 10 minutes of grace (so the maximum runtime is 10 minutes too).
    static let hourly = try! MonitorSchedule(period: .every(3600), grace: 600)

    static func up(_ schedule: MonitorSchedule = hourly) -> MonitorState {
        var state = MonitorState()
        _ = state.apply(.ping(MonitorPing(.success), at: t(0)), schedule: schedule)
        return state
    }

    struct Step: Sendable, CustomTestStringConvertible {
        var input: MonitorInput
        var actions: [MonitorAction]
        var testDescription: String { "\(input)" }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var schedule: MonitorSchedule = hourly
        var start = MonitorState()
        var steps: [Step]
        var stored: MonitorStatus
        /// The status shown at `shownAt`.
        var shown: (at: Date, status: MonitorStatus)? = nil
        var testDescription: String { name }
    }

    static func step(_ input: MonitorInput, _ actions: MonitorAction...) -> Step {
        Step(input: input, actions: actions)
    }
    static func ping(_ kind: MonitorPing.Kind, _ minute: Double, rid: String? = nil) -> MonitorInput {
        .ping(MonitorPing(kind, rid: rid), at: t(minute))
    }
    static func changed(
        _ from: MonitorStatus,
        _ to: MonitorStatus,
        _ minute: Double,
        held: Bool = false
    )
        -> MonitorAction
    {
        .statusChanged(from: from, to: to, at: t(minute), held: held)
    }

    static let cases: [Case] = [
        Case(
            name: "new → up on the first success",
            steps: [step(ping(.success, 0), changed(.new, .up, 0))],
            stored: .up,
            shown: (t(59), .up)
        ),
        Case(
            name: "a new monitor never goes down before its first ping",
            steps: [step(.tick(at: t(100_000)))],
            stored: .new,
            shown: (t(100_000), .new)
        ),
        Case(
            name: "up: before the expected ping nothing happens; within grace it shows grace",
            start: up(),
            steps: [step(.tick(at: t(59))), step(.tick(at: t(65)))],
            stored: .up,
            shown: (t(65), .grace)
        ),
        Case(
            name: "up → down when the grace time has passed: an incident opens at the deadline",
            start: up(),
            steps: [step(.tick(at: t(75)), changed(.up, .down, 70), .openIncident(.late(expected: t(60)), at: t(70)))],
            stored: .down,
            shown: (t(75), .down)
        ),
        Case(
            name: "exactly at the deadline it is down",
            start: up(),
            steps: [step(.tick(at: t(70)), changed(.up, .down, 70), .openIncident(.late(expected: t(60)), at: t(70)))],
            stored: .down
        ),
        Case(
            name: "down → up on a success: the open incident gets a recovery note with the downtime",
            start: up(),
            steps: [
                step(.tick(at: t(70)), changed(.up, .down, 70), .openIncident(.late(expected: t(60)), at: t(70))),
                step(
                    ping(.success, 100),
                    changed(.down, .up, 100),
                    .noteRecovery(runDuration: nil, downFor: 1800, at: t(100))
                ),
            ],
            stored: .up
        ),
        Case(
            name: "a fail ping takes it down at once (tolerance 1)",
            start: up(),
            steps: [step(ping(.fail, 5), changed(.up, .down, 5), .openIncident(.failed(exitStatus: nil), at: t(5)))],
            stored: .down
        ),
        Case(
            name: "a non-zero exit status is a failure; 0 is a success",
            steps: [
                step(ping(.exitStatus(0), 1), changed(.new, .up, 1)),
                step(ping(.exitStatus(3), 2), changed(.up, .down, 2), .openIncident(.failed(exitStatus: 3), at: t(2))),
            ],
            stored: .down
        ),
        Case(
            name: "more failures while down become notes on the open incident",
            start: up(),
            steps: [
                step(ping(.fail, 5), changed(.up, .down, 5), .openIncident(.failed(exitStatus: nil), at: t(5))),
                step(ping(.exitStatus(2), 65), .noteFailure(.failed(exitStatus: 2), at: t(65))),
            ],
            stored: .down
        ),
        Case(
            name: "down again while the incident is still open: a note, not a second loop",
            start: up(),
            steps: [
                step(ping(.fail, 5), changed(.up, .down, 5), .openIncident(.failed(exitStatus: nil), at: t(5))),
                step(ping(.success, 6), changed(.down, .up, 6), .noteRecovery(runDuration: nil, downFor: 60, at: t(6))),
                step(ping(.fail, 7), changed(.up, .down, 7), .noteFailure(.failed(exitStatus: nil), at: t(7))),
            ],
            stored: .down
        ),
        Case(
            name: "paused while down, or resumed: the first success is the open incident's recovery, once",
            start: up(),
            steps: [
                step(ping(.fail, 5), changed(.up, .down, 5), .openIncident(.failed(exitStatus: nil), at: t(5))),
                step(.pause(at: t(6)), changed(.down, .paused, 6)),
                step(.resume(at: t(7)), changed(.paused, .new, 7)),
                step(ping(.success, 8), changed(.new, .up, 8), .noteRecovery(runDuration: nil, downFor: 180, at: t(8))),
                step(.pause(at: t(9)), changed(.up, .paused, 9)),
                step(ping(.success, 10), changed(.paused, .up, 10)),
            ],
            stored: .up
        ),
        Case(
            name: "once the owner closed the incident, the next down opens a new one",
            start: up(),
            steps: [
                step(ping(.fail, 5), changed(.up, .down, 5), .openIncident(.failed(exitStatus: nil), at: t(5))),
                step(ping(.success, 6), changed(.down, .up, 6), .noteRecovery(runDuration: nil, downFor: 60, at: t(6))),
                step(.incidentClosed(endedAt: t(6))),
                step(ping(.fail, 7), changed(.up, .down, 7), .openIncident(.failed(exitStatus: nil), at: t(7))),
            ],
            stored: .down
        ),
        Case(
            name: "ended offline while up, and down again before the close came: that outage opens a loop",
            start: up(),
            steps: [
                step(ping(.fail, 5), changed(.up, .down, 5), .openIncident(.failed(exitStatus: nil), at: t(5))),
                step(ping(.success, 6), changed(.down, .up, 6), .noteRecovery(runDuration: nil, downFor: 60, at: t(6))),
                // Told before the close reaches the server: a note on the loop it still takes for open.
                step(ping(.fail, 8), changed(.up, .down, 8), .noteFailure(.failed(exitStatus: nil), at: t(8))),
                step(.incidentClosed(endedAt: t(7)), .openIncident(.downAfterClose(since: t(8)), at: t(8))),
                step(ping(.fail, 9), .noteFailure(.failed(exitStatus: nil), at: t(9))),
            ],
            stored: .down
        ),
        Case(
            name: "the owner closed the incident while it was still down: the next failure opens a new one",
            start: up(),
            steps: [
                step(ping(.fail, 5), changed(.up, .down, 5), .openIncident(.failed(exitStatus: nil), at: t(5))),
                step(.incidentClosed(endedAt: t(5))),
                step(ping(.exitStatus(2), 6), .openIncident(.failed(exitStatus: 2), at: t(6))),
                step(ping(.fail, 7), .noteFailure(.failed(exitStatus: nil), at: t(7))),
            ],
            stored: .down
        ),
        Case(
            name: "failure tolerance 3: two failures keep it up, the third takes it down",
            schedule: try! MonitorSchedule(period: .every(3600), grace: 600, failureTolerance: 3),
            steps: [
                step(ping(.fail, 1), changed(.new, .up, 1)),
                step(ping(.fail, 2)),
                step(ping(.fail, 3), changed(.up, .down, 3), .openIncident(.failed(exitStatus: nil), at: t(3))),
            ],
            stored: .down
        ),
        Case(
            name: "down for a missed ping, a failure within the tolerance is a note on the incident, not nothing",
            schedule: try! MonitorSchedule(period: .every(3600), grace: 600, failureTolerance: 2),
            start: up(try! MonitorSchedule(period: .every(3600), grace: 600, failureTolerance: 2)),
            steps: [
                step(.tick(at: t(75)), changed(.up, .down, 70), .openIncident(.late(expected: t(60)), at: t(70))),
                step(ping(.fail, 80), .noteFailure(.failed(exitStatus: nil), at: t(80))),
                step(.incidentClosed(endedAt: t(80))),
                step(ping(.exitStatus(3), 90), .openIncident(.failed(exitStatus: 3), at: t(90))),
            ],
            stored: .down
        ),
        Case(
            name: "a run started while down is timed: past its maximum runtime, a note on the incident, once",
            schedule: try! MonitorSchedule(period: .every(3600), grace: 600, maxRuntime: 300),
            start: up(try! MonitorSchedule(period: .every(3600), grace: 600, maxRuntime: 300)),
            steps: [
                step(.tick(at: t(75)), changed(.up, .down, 70), .openIncident(.late(expected: t(60)), at: t(70))),
                step(ping(.start, 80, rid: "a")), step(.tick(at: t(84))),
                step(.tick(at: t(86)), .noteFailure(.tooLong(started: t(80), maximum: 300), at: t(85))),
                step(.tick(at: t(200))),
            ],
            stored: .down,
            shown: (t(200), .down)
        ),
        Case(
            name: "failure tolerance 3: a success resets the count",
            schedule: try! MonitorSchedule(period: .every(3600), grace: 600, failureTolerance: 3),
            steps: [
                step(ping(.fail, 1), changed(.new, .up, 1)), step(ping(.fail, 2)), step(ping(.success, 3)),
                step(ping(.fail, 4)), step(ping(.fail, 5)),
            ],
            stored: .up
        ),
        Case(
            name: "start shows started; the finish with the same rid ends the run",
            start: up(),
            steps: [step(ping(.start, 60, rid: "a")), step(ping(.success, 64, rid: "a"))],
            stored: .up,
            shown: (t(64), .up)
        ),
        Case(
            name: "a run in progress shows started, and is down once past the maximum runtime",
            start: up(),
            steps: [step(ping(.start, 60, rid: "a"))],
            stored: .up,
            shown: (t(65), .started)
        ),
        Case(
            name: "a started run that does not finish within the maximum runtime (default: grace) goes down",
            start: up(),
            steps: [
                step(ping(.start, 30)),
                step(
                    .tick(at: t(41)),
                    changed(.up, .down, 40),
                    .openIncident(.tooLong(started: t(30), maximum: 600), at: t(40))
                ),
            ],
            stored: .down,
            shown: (t(41), .down)
        ),
        Case(
            name: "a finish with another rid does not end the run",
            start: up(),
            steps: [
                step(ping(.start, 30, rid: "a")), step(ping(.success, 32, rid: "b")),
                step(
                    .tick(at: t(40)),
                    changed(.up, .down, 40),
                    .openIncident(.tooLong(started: t(30), maximum: 600), at: t(40))
                ),
            ],
            stored: .down
        ),
        Case(
            name: "a run shorter than the minimum runtime is a failure",
            schedule: try! MonitorSchedule(period: .every(3600), grace: 600, minRuntime: 120),
            start: up(),
            steps: [
                step(ping(.start, 30, rid: "r")),
                step(
                    ping(.success, 31, rid: "r"),
                    changed(.up, .down, 31),
                    .openIncident(.tooShort(duration: 60, minimum: 120), at: t(31))
                ),
            ],
            stored: .down
        ),
        Case(
            name: "recovery after a long run notes the run's duration",
            schedule: try! MonitorSchedule(period: .every(3600), grace: 600, maxRuntime: 300),
            start: up(),
            steps: [
                step(ping(.start, 30, rid: "r")),
                step(
                    .tick(at: t(36)),
                    changed(.up, .down, 35),
                    .openIncident(.tooLong(started: t(30), maximum: 300), at: t(35))
                ),
                step(
                    ping(.success, 38, rid: "r"),
                    changed(.down, .up, 38),
                    .noteRecovery(runDuration: 480, downFor: 180, at: t(38))
                ),
            ],
            stored: .up
        ),
        Case(
            name: "down for an overdue run, another run's finish is up again, and the overdue run is said no more",
            schedule: try! MonitorSchedule(period: .every(3600), grace: 600, maxRuntime: 300),
            start: up(),
            steps: [
                step(ping(.start, 30, rid: "r")),
                step(
                    .tick(at: t(40)),
                    changed(.up, .down, 35),
                    .openIncident(.tooLong(started: t(30), maximum: 300), at: t(35))
                ),
                step(
                    ping(.success, 45, rid: "other"),
                    changed(.down, .up, 45),
                    .noteRecovery(runDuration: nil, downFor: 600, at: t(45))
                ),
                // Not a second "failed again", dated before the recovery, at the next scan.
                step(.tick(at: t(46))),
            ],
            stored: .up
        ),
        Case(
            name: "a log ping changes nothing",
            start: up(),
            steps: [step(ping(.log, 5))],
            stored: .up,
            shown: (t(65), .grace)
        ),
        Case(
            name: "paused: no deadlines; a ping makes it up again",
            start: up(),
            steps: [
                step(.pause(at: t(1)), changed(.up, .paused, 1)), step(.tick(at: t(10_000))),
                step(ping(.success, 10_001), changed(.paused, .up, 10_001)),
            ],
            stored: .up
        ),
        Case(
            name: "resume: new again, waiting for a first ping",
            start: up(),
            steps: [
                step(.pause(at: t(1)), changed(.up, .paused, 1)), step(.resume(at: t(2)), changed(.paused, .new, 2)),
                step(.tick(at: t(10_000))),
            ],
            stored: .new,
            shown: (t(10_000), .new)
        ),
        Case(
            name: "parent down: the child's alert is held, and its incident opens when the parent is back",
            start: up(),
            steps: [
                step(.parent(down: true, at: t(50))),
                step(.tick(at: t(70)), changed(.up, .down, 70, held: true)),
                step(.parent(down: false, at: t(80)), .openIncident(.late(expected: t(60)), at: t(80))),
            ],
            stored: .down
        ),
        Case(
            name: "parent down: a child that recovers before the parent is back opens no incident",
            start: up(),
            steps: [
                step(.parent(down: true, at: t(50))),
                step(.tick(at: t(70)), changed(.up, .down, 70, held: true)),
                step(ping(.success, 75), changed(.down, .up, 75)),
                step(.parent(down: false, at: t(80))),
            ],
            stored: .up
        ),
    ]

    @Test("Transitions", arguments: cases)
    func transitions(_ item: Case) {
        var state = item.start
        for step in item.steps {
            #expect(state.apply(step.input, schedule: item.schedule) == step.actions, "\(step.input)")
        }
        #expect(state.status == item.stored)
        if let shown = item.shown {
            #expect(state.status(at: shown.at, schedule: item.schedule) == shown.status)
        }
    }

    @Test("The next check is the late deadline, or with a run in progress the end of its maximum runtime")
    func nextCheck() throws {
        var state = Self.up()
        #expect(state.nextCheck(schedule: Self.hourly) == Self.t(70))
        _ = state.apply(Self.ping(.start, 50), schedule: Self.hourly)
        #expect(state.nextCheck(schedule: Self.hourly) == Self.t(60))
        _ = state.apply(.pause(at: Self.t(51)), schedule: Self.hourly)
        #expect(state.nextCheck(schedule: Self.hourly) == nil)
        #expect(MonitorState().nextCheck(schedule: Self.hourly) == nil)
        // Started on time, running past the grace but within its maximum runtime: started, not late.
        let long = try MonitorSchedule(period: .every(3600), grace: 600, maxRuntime: 3600)
        var running = Self.up(long)
        _ = running.apply(Self.ping(.start, 58), schedule: long)
        #expect(running.nextCheck(schedule: long) == Self.t(118))
        #expect(running.apply(.tick(at: Self.t(75)), schedule: long).isEmpty)
        #expect(running.status(at: Self.t(75), schedule: long) == .started)
    }

    @Test("Cron schedule: expected at the next run in the monitor's zone, then the grace time")
    func cronDeadline() throws {
        let berlin = try MonitorSchedule(period: MonitorSchedule.cron("0 2 * * *", zone: "Europe/Berlin"), grace: 1800)
        var state = MonitorState()
        // 2026-03-28 02:01 CET; the next run is 02:00 on the 29th, a spring-forward night: 03:00 CEST.
        _ = state.apply(.ping(MonitorPing(.success), at: instant("2026-03-28T01:01:00Z")), schedule: berlin)
        #expect(state.nextCheck(schedule: berlin) == instant("2026-03-29T01:30:00Z"))
        #expect(state.status(at: instant("2026-03-29T01:10:00Z"), schedule: berlin) == .grace)
        #expect(state.status(at: instant("2026-03-29T00:59:00Z"), schedule: berlin) == .up)
        let actions = state.apply(.tick(at: instant("2026-03-29T01:30:00Z")), schedule: berlin)
        #expect(
            actions.contains(
                .openIncident(.late(expected: instant("2026-03-29T01:00:00Z")), at: instant("2026-03-29T01:30:00Z"))
            )
        )
    }

    static func make(_ word: String) throws -> MonitorSchedule {
        switch word {
        case "grace": try MonitorSchedule(period: .every(3600), grace: 59)
        case "period": try MonitorSchedule(period: .every(31_536_001), grace: 600)
        case "minimum": try MonitorSchedule(period: .every(3600), grace: 600, minRuntime: 600)
        case "tolerance": try MonitorSchedule(period: .every(3600), grace: 600, failureTolerance: 0)
        case "zone": try MonitorSchedule(period: MonitorSchedule.cron("0 2 * * *", zone: "Mars/Base"), grace: 600)
        default: try MonitorSchedule(period: MonitorSchedule.cron("0 2 * *", zone: "UTC"), grace: 600)
        }
    }

    @Test(
        "Schedules out of range are refused with a message naming what is wrong",
        arguments: ["grace", "period", "minimum", "tolerance", "zone", "cron"]
    )
    func refused(_ word: String) {
        #expect {
            _ = try Self.make(word)
        } throws: { error in
            "\(error)".contains(word)
        }
    }

    @Test("A minimum runtime not under the maximum is said with both, in the same units")
    func minimumAgainstMaximum() {
        #expect {
            _ = try MonitorSchedule(period: .every(3600), grace: 600, minRuntime: 600)
        } throws: { error in
            "\(error)".contains(
                "the minimum runtime 10m must be at least 0 and shorter than the maximum runtime 10m "
                    + "(the grace time, as none was given)"
            )
        }
        #expect {
            _ = try MonitorSchedule(period: .every(3600), grace: 600, maxRuntime: 5400, minRuntime: 7200)
        } throws: { error in
            "\(error)".hasSuffix("the minimum runtime 2h must be at least 0 and shorter than the maximum runtime 1h30m")
        }
    }

    @Test("A schedule at the edges of healthchecks' ranges is accepted")
    func edges() throws {
        let schedule = try MonitorSchedule(period: .every(60), grace: 31_536_000, maxRuntime: 60, minRuntime: 59)
        #expect(schedule.maxRuntime == 60)
        #expect(try MonitorSchedule(period: .every(60), grace: 120).maxRuntime == 120)
    }
}
