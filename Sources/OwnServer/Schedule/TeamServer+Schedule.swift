import Foundation
import Logging
import ServiceLifecycle
import TeamStore

extension TeamServer {
    /// The schedule's background service, when the store keeps an outbox (both engines do).
    static func scheduleServices(
        store: any TeamStore,
        configuration: ServerConfiguration,
        logger: Logger
    ) -> [any Service] {
        guard let delivery = store as? any DeliveryStore else { return [] }
        let dispatcher = DigestDispatcher(store: store, delivery: delivery, logger: logger)
        return [DigestService(dispatcher: dispatcher, now: configuration.now, logger: logger)]
    }
}
