public import Foundation

/// The ledger events of a monitor's incident loop, built from the status machine's actions: the
/// loop is an ordinary one (kind `incident`, owned, at the monitor's stakes), so it syncs, shows in
/// `own list` and is judged by the doctor like any other.
public struct MonitorIncident: Sendable, Hashable {
    /// The monitor's name, as people know the job.
    public let monitor: String
    /// Who owns the monitor, and so the incident.
    public let owner: String
    /// The monitor's stakes, given to the loop.
    public let stakes: Stakes
    /// The incident loop's key, chosen by the driver.
    public let loop: String

    /// An incident for a monitor; a monitor with no owner has no one to answer, so it is refused.
    public init(monitor: String, owner: String, stakes: Stakes, loop: String) throws(CoreError) {
        guard !owner.trimming(.spaces).isEmpty else {
            throw .invalidSchedule("the monitor \(TextEscaping.quoted(monitor)) has no owner; give it one with --owner")
        }
        self.monitor = monitor
        self.owner = owner
        self.stakes = stakes
        self.loop = loop
    }

    /// What the loop must reach to be done.
    public var doneWhen: String { "\(monitor) runs on schedule again and the cause is recorded" }

    /// The `created` event that opens the loop, for the failure that took the monitor down.
    public func created(_ failure: MonitorFailure, at: Date, id: String, by: String) -> Event {
        Event(
            id: id,
            loop: loop,
            at: at,
            by: by,
            type: .created,
            fields: [
                "title": .string("\(monitor) is down: \(Self.describe(failure))"),
                "owner": .string(owner),
                "stakes": .string(stakes.rawValue),
                "kind": .string(Kind.incident.rawValue),
                "doneWhen": .string(doneWhen),
                "origin": .string("monitor \(monitor)"),
            ]
        )
    }

    /// The event an action asks for: the created event, or a note on the open loop; nil for a
    /// status change, which is the notifier's, not the ledger's.
    public func event(for action: MonitorAction, id: String, by: String) -> Event? {
        switch action {
        case .openIncident(let failure, let at):
            return created(failure, at: at, id: id, by: by)
        case .noteFailure(let failure, let at):
            return note("\(monitor) failed again: \(Self.describe(failure))", status: "failing", at: at, id: id, by: by)
        case .noteRecovery(let run, let downFor, let at):
            var text = "\(monitor) is up again"
            if let downFor {
                text += " after \(Self.duration(downFor)) down"
            }
            if let run {
                text += "; the run took \(Self.duration(run))"
            }
            return note(text, status: "up", at: at, id: id, by: by)
        case .statusChanged:
            return nil
        }
    }

    /// A note on the incident loop, with what it says of the monitor as a field of its own
    /// (`monitorStatus`): an alert read it from the words, and a monitor named "… is up again" sent
    /// each failure as a recovery.
    private func note(_ text: String, status: String, at: Date, id: String, by: String) -> Event {
        Event(
            id: id,
            loop: loop,
            at: at,
            by: by,
            type: .noted,
            fields: ["note": .string(text), "monitorStatus": .string(status)]
        )
    }

    /// A failure in words, for titles, notes and alerts.
    public static func describe(_ failure: MonitorFailure) -> String {
        switch failure {
        case .late(let expected):
            "no ping since it was expected at \(Timestamp.format(expected))"
        case .failed(let exitStatus?):
            "the run failed with exit status \(exitStatus)"
        case .failed(nil):
            "the run reported a failure"
        case .tooShort(let taken, let minimum):
            "the run took \(Self.duration(taken)), less than the minimum \(Self.duration(minimum))"
        case .tooLong(let started, let maximum):
            "the run started at \(Timestamp.format(started)) has not finished within \(Self.duration(maximum))"
        case .downAfterClose(let since):
            "its last incident loop was closed before it went down at \(Timestamp.format(since))"
        }
    }

    /// A duration in words, in its two largest units: `45s`, `1m 13s`, `12m`, `1h 5m`, `2d 3h`.
    public static func duration(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds.rounded()))
        let days = total / 86_400
        let hours = total % 86_400 / 3600
        let minutes = total % 3600 / 60
        let rest = total % 60
        if days > 0 {
            return hours > 0 ? "\(days)d \(hours)h" : "\(days)d"
        }
        if hours > 0 {
            return minutes > 0 ? "\(hours)h \(minutes)m" : "\(hours)h"
        }
        if minutes > 0 {
            return rest > 0 ? "\(minutes)m \(rest)s" : "\(minutes)m"
        }
        return "\(total)s"
    }
}
