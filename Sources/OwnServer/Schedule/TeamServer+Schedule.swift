import Foundation
import Logging
import Prometheus
import ServiceLifecycle
import TeamStore

extension TeamServer {
    /// The background services, when the store keeps an outbox (both engines do): the schedule's
    /// pass each minute, and every few seconds the notifier's pass over new events and the sender
    /// delivering the outbox over HTTP, counting what it sends and their passes in `registry`.
    static func scheduleServices(
        store: any TeamStore,
        configuration: ServerConfiguration,
        registry: PrometheusCollectorRegistry,
        logger: Logger
    ) -> [any Service] {
        guard let delivery = store as? any DeliveryStore else { return [] }
        let dispatcher = DigestDispatcher(
            store: store,
            delivery: delivery,
            skips: store as? any InboxStore,
            logger: logger
        )
        let sender = DeliverySender(
            store: delivery,
            transport: DeliverySender.webhook(),
            now: configuration.now,
            claimer:
                "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))",
            metrics: registry,
            logger: logger
        )
        let passes = ServicePasses(registry: registry, services: [.notifier, .sender, .digest])
        return [
            DigestService(dispatcher: dispatcher, now: configuration.now, logger: logger, passes: passes),
            DeliveryService(
                notifier: (store as? any InboxStore).map {
                    Notifier(store: store, delivery: delivery, inbox: $0, logger: logger)
                },
                sender: sender,
                now: configuration.now,
                interval: configuration.deliveryInterval,
                logger: logger,
                passes: passes
            ),
        ]
    }
}
