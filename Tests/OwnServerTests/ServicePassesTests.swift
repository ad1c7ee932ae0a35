import Prometheus
import Testing

@testable import OwnServer

/// `/metrics` shows each background service's passes from 0, and each pass counts once, under the
/// service's own name.
@Suite("Service passes")
struct ServicePassesTests {
    @Test func eachServiceShowsZeroUntilItsFirstPassThenCountsEachPass() {
        let registry = PrometheusCollectorRegistry()
        let passes = ServicePasses(registry: registry, services: [.notifier, .sender, .deadlineScan])
        #expect(ServicePassCounts.parse(registry.emitToString()) == ["notifier": 0, "sender": 0, "deadline_scan": 0])
        passes.completed(.notifier)
        passes.completed(.notifier)
        passes.completed(.deadlineScan)
        #expect(ServicePassCounts.parse(registry.emitToString()) == ["notifier": 2, "sender": 0, "deadline_scan": 1])
        let digest = ServicePasses(registry: registry, services: [.digest])
        digest.completed(.digest)
        #expect(ServicePassCounts.parse(registry.emitToString())["digest"] == 1)
        #expect(ServicePassCounts.parse(registry.emitToString())["notifier"] == 2, "one count per service and server")
    }
}
