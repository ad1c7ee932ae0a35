import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle
import TeamStore

extension TeamServer {
    /// The monitors' routes (pings, the Management API), when the store keeps monitors (both
    /// engines do).
    static func addMonitorRoutes(
        to router: Router<ServerContext>,
        store: any TeamStore,
        configuration: ServerConfiguration
    ) {
        guard let monitors = store as? any TeamStore & MonitorStore else { return }
        PingRoutes(store: monitors, configuration: configuration).add(to: router)
        CheckRoutes(store: monitors, configuration: configuration).add(to: router)
    }

    /// The deadline scanner's background service, when the store keeps monitors, counting its passes
    /// in `registry`.
    static func monitorServices(
        store: any TeamStore,
        configuration: ServerConfiguration,
        registry: PrometheusCollectorRegistry,
        logger: Logger
    ) -> [any Service] {
        guard let monitors = store as? any TeamStore & MonitorStore else { return [] }
        return [
            DeadlineScanService(
                scanner: DeadlineScanner(store: monitors),
                now: configuration.now,
                logger: logger,
                passes: ServicePasses(registry: registry, services: [.deadlineScan])
            )
        ]
    }
}
