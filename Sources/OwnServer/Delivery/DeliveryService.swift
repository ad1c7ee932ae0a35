public import Foundation
public import Logging
public import ServiceLifecycle

/// The notifier and the sender as a service of the server: every `interval` seconds until shutdown,
/// the notifier reads the events that arrived and enqueues what people must hear, then the sender
/// delivers what is due, batch after batch while batches come full. A pass that fails is logged
/// and the next one tries again; what was claimed and not recorded is claimable again when its
/// lease runs out.
public struct DeliveryService: Service {
    let notifier: Notifier?
    let sender: DeliverySender
    let now: @Sendable () -> Date
    let interval: TimeInterval
    let logger: Logger
    let passes: ServicePasses?

    /// A service running `notifier` (when given) and `sender` every `interval` seconds, counting
    /// each one's passes in `passes` when given.
    public init(
        notifier: Notifier?,
        sender: DeliverySender,
        now: @escaping @Sendable () -> Date,
        interval: TimeInterval = 2,
        logger: Logger,
        passes: ServicePasses? = nil
    ) {
        self.notifier = notifier
        self.sender = sender
        self.now = now
        self.interval = interval
        self.logger = logger
        self.passes = passes
    }

    /// Runs passes until the service group shuts down (SIGTERM or SIGINT): the pass under way stops
    /// after the notifier's batch or the sender's post it is on, and no other starts.
    public func run() async throws {
        await runPasses()
        // The posts under way end too: each channel's stops after the post it is on.
        await sender.finish()
    }

    private func runPasses() async {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                if let notifier {
                    try await notifier.run(at: now())
                    passes?.completed(.notifier)
                }
            } catch is CancellationError {
                return  // SIGTERM or SIGINT stopped it: no failure.
            } catch {
                logger.error("the notifier's pass failed: \(error)")
            }
            do {
                // A full batch claimed: more may be waiting, so the next claim is made at once. The
                // posts go on meanwhile, each channel's in turn, none waiting for a slow one.
                while try await sender.startDue().claimed >= sender.batch, !Task.isShuttingDownGracefully {}
                passes?.completed(.sender)
            } catch is CancellationError {
                return
            } catch {
                logger.error("a delivery pass failed: \(error)")
            }
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: .seconds(interval))
            }
        }
    }
}
