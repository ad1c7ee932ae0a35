import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import TeamStore
import Testing

@testable import OwnServer

/// PostgreSQL down, a read waits about a minute for a connection: every way a request names its
/// token (Bearer, the Management API's key, a ping key, the dashboard's session and sign-in form)
/// reads it through `TokenAuthentication.liveToken`, which gives up at its deadline, and the answer
/// is a 503 saying to try again (a page on the dashboard), not a 500 a minute later.
@Suite("A token's read that does not answer in time is a 503")
struct TokenDeadlineTests {
    /// Every route of this router fails as a token's read past its deadline does.
    static func stalled(
        _ path: String,
        _ late: any Error = TokenAuthentication.StoreDidNotAnswer()
    ) async throws -> (status: HTTPResponse.Status, type: String, body: String) {
        let router = Router(context: ServerContext.self)
        let folder = NSTemporaryDirectory() + "own-deadline-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        router.add(middleware: ErrorTranslation(store: try SQLiteTeamStore(path: folder + "/store.sqlite")))
        router.get("**") { _, _ -> Response in throw late }
        return try await Application(router: router).test(.router) { client in
            try await client.execute(uri: path, method: .get) { response in
                (response.status, response.headers[.contentType] ?? "", String(buffer: response.body))
            }
        }
    }

    /// A deadline that does not come while a test runs (cancelled, it returns at once).
    static let never: @Sendable () async -> Void = { try? await Task.sleep(for: .seconds(3_600)) }

    @Test func anAPIRequestIsA503InJSON() async throws {
        let (status, type, body) = try await Self.stalled("/api/v1/loops")
        #expect(status == .serviceUnavailable)
        #expect(type.hasPrefix("application/json"))
        #expect(body.contains("the server's store did not answer within 5 s; try again shortly"))
    }

    /// A push past its deadline (`EventRoutes.pushDeadline`) says its events may be stored, and that
    /// pushing them again is safe (they are stored once by id).
    @Test func aPushPastItsDeadlineSaysPushingAgainIsSafe() async throws {
        let late = TokenAuthentication.StoreDidNotAnswer(
            seconds: EventRoutes.pushDeadline.components.seconds,
            note: " (the events may be stored already: pushing them again is safe)"
        )
        let (status, _, body) = try await Self.stalled("/api/v1/events", late)
        #expect(status == .serviceUnavailable)
        #expect(body.contains("did not answer within 30 s; try again shortly (the events may be stored already"))
    }

    /// A ping is answered in plain text, as healthchecks answers every ping.
    @Test func aPingIsA503InPlainText() async throws {
        let (status, type, body) = try await Self.stalled("/ping/5b6b1d3e-2f8a-4c1e-9a51-0d8c3e0f7a11")
        #expect(status == .serviceUnavailable)
        #expect(type.hasPrefix("text/plain"))
        #expect(body == "the server's store is unavailable; try again shortly")
    }

    /// The store known to be down (PostgreSQL's pool answers at once, after the first seconds): a
    /// page is the page that says to try again too, not the API's JSON without the page's headers.
    @Test func aDashboardPageIsA503PageWhenTheStoreIsDown() async throws {
        let (status, type, body) = try await Self.stalled("/teams/payments/", TeamStoreError.storage(reason: "down"))
        #expect(status == .serviceUnavailable)
        #expect(type.hasPrefix("text/html"), "\(type)")
        #expect(body.contains("The server&#39;s store is unavailable; try again shortly."), "\(body)")
        let api = try await Self.stalled("/api/v1/loops", TeamStoreError.storage(reason: "down"))
        #expect(api.status == .serviceUnavailable && api.type.hasPrefix("application/json"))
    }

    @Test func aDashboardPageIsA503Page() async throws {
        let (status, type, body) = try await Self.stalled("/teams/payments/")
        #expect(status == .serviceUnavailable)
        #expect(type.hasPrefix("text/html"))
        #expect(body.contains("The server&#39;s store did not answer within 5 s; try again shortly."))
    }

    @Test func aStoreThatDoesNotNeedTheRaceAnswersTheToken() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let ana = try await TokenAuthentication.liveToken(
            team.tokens["ana"] ?? "",
            store: team.store,
            deadline: TokenDeadlineTests.never
        )
        #expect(ana?.token.person == "ana")
        // Revoked, unknown and empty: no token, not an error.
        for secret in [team.tokens["old"] ?? "", "own_unknown", ""] {
            #expect(
                try await TokenAuthentication.liveToken(secret, store: team.store, deadline: TokenDeadlineTests.never)
                    == nil
            )
        }
    }
}

/// The same against PostgreSQL, whose reads race the deadline.
@Suite(
    "A token's read from PostgreSQL races its deadline",
    .enabled(if: ServerProcess.postgresURL != nil, "needs OWN_TEST_POSTGRES_URL (source .ci/postgres.sh)")
)
struct PostgresTokenDeadlineTests {
    /// A store whose pool is not running stands for PostgreSQL down: a read waits for a connection
    /// that never comes. The deadline (here at once) answers, and the read is not awaited.
    @Test func aReadThatWaitsForAConnectionThrowsAtTheDeadline() async throws {
        var configuration = try PostgresTeamStore.Configuration(url: try #require(ServerProcess.postgresURL))
        configuration.schema = "own_deadline_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        defer { try? ServerProcess.psql("DROP SCHEMA IF EXISTS \(configuration.schema ?? "") CASCADE") }
        let store = try await PostgresTeamStore.open(configuration)
        #expect(store.readsOverNetwork)
        await #expect(throws: TokenAuthentication.StoreDidNotAnswer.self) {
            try await TokenAuthentication.liveToken("own_anything", store: store, deadline: {})
        }
    }

    /// PostgreSQL down, the whole server: a ping waits no longer than a token's read (it waited 25 s
    /// for a connection, past a crontab's `curl -m 10`), answered in plain text; the metrics count
    /// the 503s sent, not 500s.
    @Test func aPingAndAnAPIRequestAre503sWithinTheDeadlineAndCountedSo() async throws {
        var configuration = try PostgresTeamStore.Configuration(url: try #require(ServerProcess.postgresURL))
        configuration.schema = "own_deadline_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        defer { try? ServerProcess.psql("DROP SCHEMA IF EXISTS \(configuration.schema ?? "") CASCADE") }
        let store = try await PostgresTeamStore.open(configuration)
        let registry = PrometheusCollectorRegistry()
        let router = TeamServer.router(store: store, registry: registry)
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/ping/5b6b1d3e-2f8a-4c1e-9a51-0d8c3e0f7a11", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body) == "the server's store is unavailable; try again shortly")
            }
            try await client.execute(uri: "/api/v1/loops", method: .get, headers: [.authorization: "Bearer own_x"]) {
                #expect($0.status == .serviceUnavailable)
            }
        }
        let metrics = registry.emitToString()
        #expect(metrics.contains(#"status="503""#) && !metrics.contains(#"status="500""#), "\(metrics)")
    }

    /// Running, it answers before a deadline that never comes.
    @Test func aRunningStoreAnswersBeforeTheDeadline() async throws {
        var configuration = try PostgresTeamStore.Configuration(url: try #require(ServerProcess.postgresURL))
        configuration.schema = "own_deadline_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        defer { try? ServerProcess.psql("DROP SCHEMA IF EXISTS \(configuration.schema ?? "") CASCADE") }
        try await PostgresTeamStore.withStore(configuration) { store in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            _ = try await store.addTeam("payments", at: now)
            let secret = TokenSecret.generate()
            let record = TokenRecord(id: "tok-ana", team: "payments", person: "ana", role: .member, createdAt: now)
            _ = try await store.addToken(NewToken(record: record, hash: TokenSecret.hash(secret)))
            let ana = try await TokenAuthentication.liveToken(secret, store: store, deadline: TokenDeadlineTests.never)
            #expect(ana?.token.person == "ana")
            #expect(
                try await TokenAuthentication.liveToken("own_unknown", store: store, deadline: TokenDeadlineTests.never)
                    == nil
            )
        }
    }
}
