public import Foundation
public import Logging
public import ServiceLifecycle

/// The deadline scanner as a service of the server: a pass every `interval` (a second) until
/// shutdown, so a monitor past its deadline is marked down within about a second. A pass that fails
/// is logged and the next one tries again; nothing is lost, since the deadline stays in the store.
public struct DeadlineScanService: Service {
    let scanner: DeadlineScanner
    let now: @Sendable () -> Date
    let interval: Duration
    let logger: Logger
    let passes: ServicePasses?

    /// A service running `scanner` by the clock `now`, counting its passes in `passes` when given.
    public init(
        scanner: DeadlineScanner,
        now: @escaping @Sendable () -> Date,
        interval: Duration = .seconds(1),
        logger: Logger,
        passes: ServicePasses? = nil
    ) {
        self.scanner = scanner
        self.now = now
        self.interval = interval
        self.logger = logger
        self.passes = passes
    }

    /// Runs passes until the service group shuts down.
    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                let outcome = try await scanner.scan(at: now())
                for failure in outcome.failed {
                    logger.error("the deadline scan could not mark \(failure)")
                }
                if !outcome.changed.isEmpty {
                    logger.info(
                        "deadline scan marked \(outcome.changed.count) monitor(s), opened \(outcome.opened.count) incident loop(s)"
                    )
                }
                if outcome.failed.isEmpty { passes?.completed(.deadlineScan) }
            } catch is CancellationError {
                return  // SIGTERM or SIGINT stopped it: no failure.
            } catch {
                logger.error("the deadline scan failed: \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
