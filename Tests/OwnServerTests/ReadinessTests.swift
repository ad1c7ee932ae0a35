import Hummingbird
import HummingbirdTesting
import OwnCore
import TeamStore
import Testing

@testable import OwnServer

/// `GET /ready`: the store answered, failed, or did not answer before the deadline, whichever came
/// first. The deadline is injected: a stream that never yields stands for a wait that never ends.
@Suite("Readiness: can the server read its store now")
struct ReadinessTests {
    struct Broken: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }

    @Test func aStoreThatAnswersIsReady() async {
        let (never, keep) = AsyncStream<Void>.makeStream()
        defer { keep.finish() }
        let reason = await Readiness.check(probe: {}, deadline: { for await _ in never {} }, seconds: 2)
        #expect(reason == nil)
    }

    @Test func aStoreThatFailsIsNotReady() async {
        let (never, keep) = AsyncStream<Void>.makeStream()
        defer { keep.finish() }
        let reason = await Readiness.check(
            probe: { throw Broken() },
            deadline: { for await _ in never {} },
            seconds: 2
        )
        #expect(reason == "the store failed", "another library's error says nothing of its internals")
        let (unending, held) = AsyncStream<Void>.makeStream()
        defer { held.finish() }
        let said = await Readiness.check(
            probe: { throw TeamStoreError.storage(reason: "PostgreSQL cannot be reached") },
            deadline: { for await _ in unending {} },
            seconds: 2
        )
        #expect(said == "the server's store failed: PostgreSQL cannot be reached")
    }

    /// PostgreSQL down: a connection that never comes. The deadline answers; the probe is not awaited.
    @Test func aStoreThatDoesNotAnswerInTimeIsNotReady() async {
        let (never, keep) = AsyncStream<Void>.makeStream()
        defer { keep.finish() }
        let reason = await Readiness.check(probe: { for await _ in never {} }, deadline: {}, seconds: 2)
        #expect(reason == "the store did not answer within 2 s")
    }

    /// The route itself, with no token; its store given a minute, so a machine busy with the other
    /// tests does not make it a 503 (the deadline's own answer is `aStoreThatDoesNotAnswerInTime…`).
    @Test func readyAnswersOverHTTPWithNoToken() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        var configuration = ServerConfiguration(now: { TestTeam.now })
        configuration.readyWithin = .seconds(60)
        let app = Application(router: TeamServer.router(store: team.store, configuration: configuration))
        try await app.test(.router) { client in
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == #"{"status":"ready"}"#)
            }
        }
    }
}
