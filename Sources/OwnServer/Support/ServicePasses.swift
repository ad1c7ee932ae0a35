public import Prometheus

/// Counts the background services' passes for `/metrics`: `own_service_passes_total`, by `service`.
/// A pass counts once it has ended without error; a failed pass is logged and not counted, so a
/// count that stops rising means the service is stuck or failing. Each count starts at 0 when the
/// server starts, and rises on the server that made the pass.
public struct ServicePasses: Sendable {
    /// A background service of the server.
    public enum Service: String, Sendable {
        /// The notifier's pass over the events that arrived.
        case notifier
        /// The sender's pass over the outbox (every batch due, until one comes short).
        case sender
        /// The schedule's pass, at the start of each minute.
        case digest
        /// The deadline scanner's pass over the monitors due.
        case deadlineScan = "deadline_scan"
    }

    let registry: PrometheusCollectorRegistry

    /// Counts in `registry`, showing each of `services` at 0 until its first pass.
    public init(registry: PrometheusCollectorRegistry, services: [Service]) {
        self.registry = registry
        for service in services { _ = counter(service) }
    }

    /// One pass of `service` ended without error.
    func completed(_ service: Service) {
        counter(service).increment()
    }

    private func counter(_ service: Service) -> Counter {
        registry.makeCounter(name: "own_service_passes_total", labels: [("service", service.rawValue)])
    }
}
