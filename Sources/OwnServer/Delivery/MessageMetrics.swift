import OwnCore
import Prometheus

/// Counts the outbox's deliveries for `/metrics`, by the message's kind (from its dedupe key):
/// `own_messages_sent_total` (a POST got a 2xx), `own_messages_retried_total` (a POST failed and
/// another try is set) and `own_messages_failed_total` (a POST failed and no try is left: the
/// message is given up). Each attempt counts once, on the server that made it.
struct MessageMetrics: Sendable {
    let registry: PrometheusCollectorRegistry

    /// What an attempt came to.
    enum Result: String {
        case sent, retried, failed
    }

    func count(_ result: Result, dedupeKey: String) {
        registry.makeCounter(
            name: "own_messages_\(result.rawValue)_total",
            labels: [("kind", Self.kind(dedupeKey: dedupeKey))]
        ).increment()
    }

    /// The kind of message a dedupe key names: `notice`, `alert`, `approval-request`, `approval-answer`,
    /// `standup`, `handoff-reminder`, `weekly`; `other` for a key of no known kind.
    /// A scheduled message's kind is the one its JSON says (`DigestKind.messageKind`).
    static func kind(dedupeKey: String) -> String {
        let prefix = dedupeKey.prefix { $0 != ":" }
        if let scheduled = DigestKind.allCases.first(where: { $0.keyPrefix == prefix }) {
            return scheduled.messageKind
        }
        return switch prefix {
        case "notice": "notice"
        case "alert": "alert"
        case "approval": "approval-request"
        case "approved": "approval-answer"
        default: "other"
        }
    }
}
