public import Foundation
public import Logging
public import OwnCore
public import ServiceLifecycle

/// The scheduler as a service of the server: a dispatcher pass at the start of every minute until
/// shutdown. A pass that fails is logged and the next minute tries again; the outbox keeps what was
/// put in it.
public struct DigestService: Service {
    let dispatcher: DigestDispatcher
    let now: @Sendable () -> Date
    let logger: Logger
    let passes: ServicePasses?

    /// A service running `dispatcher` by the clock `now`, counting its passes in `passes` when given.
    public init(
        dispatcher: DigestDispatcher,
        now: @escaping @Sendable () -> Date,
        logger: Logger,
        passes: ServicePasses? = nil
    ) {
        self.dispatcher = dispatcher
        self.now = now
        self.logger = logger
        self.passes = passes
    }

    /// Runs passes until the service group shuts down; a pass under way stops after the team it is
    /// on. The first looks a day back, so sends missed while every server was down go out late (the
    /// same working day) or are logged as skipped.
    public func run() async throws {
        var since = now().addingTimeInterval(-86_400)
        var quiet = Set<DigestSlot>()
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let at = now()
            do {
                let outcome = try await dispatcher.run(at: at, since: since, quiet: quiet)
                quiet.formUnion(outcome.quiet)
                // Only today's and yesterday's reminders can still matter.
                quiet = quiet.filter { at.timeIntervalSince($0.day.start(in: .gmt)) < 3 * 86_400 }
                since = at
                passes?.completed(.digest)
            } catch is CancellationError {
                return  // SIGTERM or SIGINT stopped it: no failure.
            } catch {
                logger.error("the digest schedule failed this minute: \(error)")
            }
            let next = (at.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: .seconds(max(1, next - now().timeIntervalSince1970)))
            }
        }
    }
}
