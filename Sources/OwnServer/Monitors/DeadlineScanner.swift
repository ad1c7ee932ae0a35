public import Foundation
import OwnCore
import ServiceLifecycle
public import TeamStore

/// Marks monitors whose deadline has passed: reads the monitors due from the store's deadline index
/// (so a pass costs in proportion to the monitors due, not to the monitors kept) and gives each the
/// clock's tick through the `MonitorDriver`, which marks it down and opens its incident loop.
///
/// Any number of servers may scan one store at once: each monitor's change is claimed by
/// compare-and-set, so one outage opens one incident loop.
public struct DeadlineScanner: Sendable {
    let store: any TeamStore & MonitorStore
    let driver: MonitorDriver

    /// The most monitors one read of the index brings; a pass reads again until none is due.
    public static let batch = 500

    /// How soon a parent's deadline makes its child wait for the next pass (the service's interval).
    public static let parentSlack: TimeInterval = 1

    /// A scanner over a store that keeps both the ledger and the monitors.
    public init(store: any TeamStore & MonitorStore) {
        self.store = store
        driver = MonitorDriver(store: store)
    }

    /// What one pass did.
    public struct Outcome: Sendable, Equatable {
        /// The uuids of the monitors this pass changed (another server may have changed the rest).
        public var changed: [String] = []
        /// The incident loops this pass opened.
        public var opened: [String] = []
        /// The monitors that could not be marked this pass, with why; the next pass tries again.
        public var failed: [String] = []

        /// Nothing done.
        public init() {}
    }

    /// One pass at `now`: every monitor whose deadline is at or before it gets a tick at `now`.
    /// Between batches it asks `stopping` (by default: is the server shutting down?); what is left
    /// stays due in the store for the next pass.
    public func scan(
        at now: Date,
        batch: Int = Self.batch,
        stopping: (@Sendable () -> Bool)? = nil
    ) async throws -> Outcome {
        let stopping = stopping ?? { Task.isCancelled || Task.isShuttingDownGracefully }
        var outcome = Outcome()
        var seen = Set<String>()
        while true {
            let due = try await store.dueMonitors(at: now, limit: batch).filter { !seen.contains($0.uuid) }
            if due.isEmpty { break }
            for monitor in Self.parentsFirst(due) {
                seen.insert(monitor.uuid)
                if try await waitsForParent(monitor, due: due, at: now) { continue }
                let result: MonitorDriver.Outcome?
                do {
                    result = try await driver.apply(uuid: monitor.uuid) { current in
                        // Another server, or a ping, may have moved the deadline on since the read.
                        guard let deadline = current.nextDeadline, deadline <= now else { return nil }
                        return .tick(at: now)
                    }
                } catch {
                    outcome.failed.append("\(monitor.team)/\(monitor.slug): \(error)")
                    continue
                }
                guard let result else { continue }
                outcome.changed.append(monitor.uuid)
                outcome.opened += result.events.filter { $0.type == .created }.map(\.loop)
            }
            if stopping() { break }
        }
        return outcome
    }

    /// The monitors due, each parent before its children: a job that pings its child check and then
    /// the parent gives the child the earlier deadline, and judged first, the child alerted before its
    /// parent went down and held it.
    public static func parentsFirst(_ due: [MonitorRecord]) -> [MonitorRecord] {
        let byID = Dictionary(due.map { ($0.uuid, $0) }, uniquingKeysWith: { first, _ in first })
        func depth(_ monitor: MonitorRecord) -> Int {
            var (depth, current) = (0, monitor)
            // At most as deep as the monitors due: a ring (which the API refuses) ends there.
            while let parent = current.parent.flatMap({ byID[$0] }), depth < due.count {
                (depth, current) = (depth + 1, parent)
            }
            return depth
        }
        let depths = due.map(depth)
        return due.indices.sorted { (depths[$0], $0) < (depths[$1], $1) }.map { due[$0] }
    }

    /// Whether a child due now waits for the next pass: its parent is not down yet but due within
    /// `parentSlack` (and not in this pass's monitors, which judge it first). Judged now, the child
    /// would alert a moment before its parent went down and held it.
    private func waitsForParent(_ monitor: MonitorRecord, due: [MonitorRecord], at now: Date) async throws -> Bool {
        guard let uuid = monitor.parent, !due.contains(where: { $0.uuid == uuid }),
            let parent = try await store.monitor(uuid: uuid), parent.state.status != .down,
            let deadline = parent.nextDeadline
        else { return false }
        return deadline <= now.addingTimeInterval(Self.parentSlack)
    }
}
