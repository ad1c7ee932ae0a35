import Foundation
import NIOHTTP1
import OwnServer
import Testing

/// The server's transport: one POST through own-post's poster, its outcome for the outbox, and
/// errors that name the host but never the URL's path (a Slack URL's secret).
@Suite("The webhook transport")
struct WebhookTransportTests {
    @Test func aDeliveredPostAndARefusedOneSayWhatHappenedWithoutTheSecret() async throws {
        let ok = try await WebhookListener.start()
        let failing = try await WebhookListener.start(status: .internalServerError)
        // A guard against a hang, not a measure: the listeners answer at once, and on a busy machine
        // a short limit could fail a delivery that was only slow.
        let transport = DeliverySender.webhook(timeoutSeconds: 60)

        let delivered = await transport(#"{"kind":"notice"}"#, ok.url, "digest:payments:zoë 100%:2026-12-03")
        #expect(delivered == .init(status: 200, error: nil))
        #expect(ok.received == [#"{"kind":"notice"}"#])
        // The key is the header's value, plain ASCII: what a name holds beyond it is percent-encoded.
        #expect(ok.keys == ["digest:payments:zo%C3%AB%20100%25:2026-12-03"])
        #expect(ok.keys.first??.removingPercentEncoding == "digest:payments:zoë 100%:2026-12-03")

        // One try per attempt: the outbox keeps the retries.
        let refused = await transport("{}", failing.url, "notice:e2")
        #expect(refused == .init(status: 500, error: "127.0.0.1 answered HTTP 500"))
        #expect(failing.received.count == 1)

        await ok.stop()
        await failing.stop()
        let unreachable = await transport("{}", ok.url, "notice:e3")
        #expect(unreachable.status == nil)
        #expect(unreachable.error?.hasPrefix("cannot reach 127.0.0.1") == true)
        for outcome in [refused, unreachable] {
            #expect(outcome.error?.contains("secret-token") == false)
        }
        let bad = await transport("{}", "ftp://127.0.0.1/secret-token", "notice:e4")
        #expect(bad == .init(status: nil, error: "the channel's URL is not an http:// or https:// URL"))
    }
}
