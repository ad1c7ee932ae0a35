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
            for monitor in due {
                seen.insert(monitor.uuid)
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
}
