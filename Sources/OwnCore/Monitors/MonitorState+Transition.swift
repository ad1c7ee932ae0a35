public import Foundation

extension MonitorState {
    /// Applies one input under a schedule, and returns what the driver must do, in order.
    ///
    /// healthchecks' rules: a success (or exit status 0) makes the monitor up; a start records a
    /// run without changing the status; a log changes nothing; a finish whose `rid` matches the
    /// start's gives the run's duration and ends the run. own's additions: a failure, or a run
    /// shorter than the minimum runtime, counts toward the failure tolerance and the monitor goes
    /// down when the count reaches it; a run past the maximum runtime goes down at once, as does a
    /// missed deadline. While the parent is down, the child's alerts are held and its incident is
    /// opened only if it is still down when the parent comes back.
    public mutating func apply(_ input: MonitorInput, schedule: MonitorSchedule) -> [MonitorAction] {
        switch input {
        case .ping(let ping, let at):
            return receive(ping, at: at, schedule: schedule)
        case .tick(let at):
            guard let due = deadline(schedule: schedule), at >= due.at else { return [] }
            // A run timed out while down is over: said once, not at every scan.
            if status == .down {
                lastStart = nil
                lastStartRid = nil
            }
            return goDown(due.failure, at: due.at)
        case .pause(let at):
            lastStart = nil
            lastStartRid = nil
            return change(to: .paused, at: at)
        case .resume(let at):
            guard status == .paused else { return [] }
            lastPing = nil
            lastStart = nil
            lastStartRid = nil
            consecutiveFailures = 0
            return change(to: .new, at: at)
        case .parent(let down, let at):
            parentDown = down
            guard !down, let held = heldFailure else { return [] }
            heldFailure = nil
            guard status == .down else { return [] }
            return incident(for: held, at: at)
        case .incidentClosed(let endedAt):
            incidentOpen = false
            // Down since after the loop ended: a new outage, which the loop's close (recorded offline,
            // pushed later) never saw. It was a note on that loop; it is a loop of its own.
            guard status == .down, let downSince, downSince > endedAt else { return [] }
            return goDown(.downAfterClose(since: downSince), at: downSince)
        case .incidentReopened:
            incidentOpen = true
            return []
        }
    }

    private mutating func receive(_ ping: MonitorPing, at: Date, schedule: MonitorSchedule) -> [MonitorAction] {
        let failed: Bool
        var exitStatus: Int?
        switch ping.kind {
        case .log:
            return []
        case .start:
            lastStart = at
            lastStartRid = ping.rid
            return []
        case .success:
            failed = false
        case .fail:
            failed = true
        case .exitStatus(let code):
            failed = code != 0
            exitStatus = code
        }
        lastPing = at
        lastDuration = nil
        if let start = lastStart, ping.rid == lastStartRid {
            lastDuration = at.timeIntervalSince(start)
            lastStart = nil
            lastStartRid = nil
        } else if status == .down, let start = lastStart, at >= start.addingTimeInterval(schedule.maxRuntime) {
            // Another run's finish leaves that run going, but one past its maximum runtime was said
            // (the monitor is down): kept, the next scan said it again, dated before this ping.
            lastStart = nil
            lastStartRid = nil
        }
        var failure: MonitorFailure?
        if failed {
            failure = .failed(exitStatus: exitStatus)
        } else if let duration = lastDuration, duration < schedule.minRuntime {
            failure = .tooShort(duration: duration, minimum: schedule.minRuntime)
        }
        guard let failure else {
            consecutiveFailures = 0
            return recover(at: at)
        }
        consecutiveFailures += 1
        if consecutiveFailures >= schedule.failureTolerance {
            return goDown(failure, at: at)
        }
        // Tolerated: the job ran, so the monitor counts as up until the tolerance runs out. Down already
        // (a missed ping), it is not up again: the failure is one more, a note on its incident.
        return status == .down ? goDown(failure, at: at) : change(to: .up, at: at)
    }

    private mutating func recover(at: Date) -> [MonitorAction] {
        guard status != .up else { return [] }
        // Down since then, whatever came between: paused, or resumed (new) with the loop still open,
        // the first success is its recovery, and the loop hears of it.
        let downFor = downSince.map { at.timeIntervalSince($0) }
        var actions = change(to: .up, at: at)
        downSince = nil
        heldFailure = nil
        if downFor != nil && incidentOpen {
            actions.append(.noteRecovery(runDuration: lastDuration, downFor: downFor, at: at))
        }
        return actions
    }

    private mutating func goDown(_ failure: MonitorFailure, at: Date) -> [MonitorAction] {
        if status == .down {
            // Down with no loop open: held for the parent, or its owner ended the loop while the job
            // still failed. A failure then is a new incident, not one nobody hears of.
            if !incidentOpen, parentDown {
                heldFailure = heldFailure ?? failure
                return []
            }
            return incident(for: failure, at: at)
        }
        downSince = at
        var actions = change(to: .down, at: at)
        if parentDown {
            heldFailure = failure
        } else {
            actions += incident(for: failure, at: at)
        }
        return actions
    }

    private mutating func incident(for failure: MonitorFailure, at: Date) -> [MonitorAction] {
        if incidentOpen {
            return [.noteFailure(failure, at: at)]
        }
        incidentOpen = true
        return [.openIncident(failure, at: at)]
    }

    private mutating func change(to new: MonitorStatus, at: Date) -> [MonitorAction] {
        let old = status
        guard old != new else { return [] }
        status = new
        return [.statusChanged(from: old, to: new, at: at, held: new == .down && parentDown)]
    }
}
