import Foundation
import NIOCore
import OwnPost

extension DeliverySender {
    /// The transport the server delivers with: one POST through `WebhookPoster` (the same poster as
    /// `own --post`), one try per attempt, since the outbox keeps its own retries. Its errors name
    /// the host only, never the URL's path, which holds a Slack webhook's secret. Each post carries
    /// the message's dedupe key as `Idempotency-Key`, the same on every try.
    public static func webhook(timeoutSeconds: Double = 10) -> Transport {
        let poster = WebhookPoster(timeoutSeconds: timeoutSeconds, tries: 1)
        return { body, url, key in
            do throws(PostError) {
                try await poster.post(body, to: url, idempotencyKey: headerValue(key))
                return Outcome(status: 200, error: nil)
            } catch {
                switch error {
                case .badAddress:
                    return Outcome(status: nil, error: "the channel's URL is not an http:// or https:// URL")
                case .timedOut(let host):
                    return Outcome(status: nil, error: "\(host) did not answer within \(Int(timeoutSeconds)) s")
                case .refused(let host, let status, _):
                    return Outcome(status: status, error: "\(host) answered HTTP \(status)")
                case .unreachable(let host, let reason):
                    return Outcome(status: nil, error: "cannot reach \(host): \(reason)")
                case .untrusted(let host, let reason):
                    return Outcome(status: nil, error: "the TLS connection to \(host) failed: \(reason)")
                case .noAnswer(let host, let reason):
                    return Outcome(status: nil, error: "\(host) closed the connection without an answer: \(reason)")
                }
            }
        }
    }

    /// A key as a header's value: bytes outside printable ASCII (a person's name may have them) and
    /// `%` are percent-encoded, so the header is plain ASCII and the key reads back unchanged.
    static func headerValue(_ key: String) -> String {
        key.addingPercentEncoding(withAllowedCharacters: headerCharacters) ?? key
    }

    private static let headerCharacters = CharacterSet(charactersIn: "!"..."~").subtracting(["%"])
}
