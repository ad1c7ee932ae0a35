import FoundationEssentials
import Logging
import PostgresNIO
import Testing

/// The PostgreSQL that `.ci/postgres.sh` starts (scripts/test sources it): tests that need it are enabled
/// only when `OWN_TEST_POSTGRES_URL` is set, and CI fails if it is not (see `ciHasADatabase`).
enum TestDatabase {
    /// The database URL, when one is running.
    static var url: String? { ProcessInfo.processInfo.environment["OWN_TEST_POSTGRES_URL"] }

    /// Whether the live tests can run.
    static var available: Bool { url != nil }

    /// A fresh schema name, so tests running at once do not meet.
    static func newSchema() -> String { "gate_\(UInt32.random(in: 0...UInt32.max))" }

    /// A connection as the test's administrator.
    static func connect() async throws -> (PostgresConnection, Logger) {
        let url = try #require(url)
        let database = try #require(url.split(separator: "/").last.map(String.init))
        let hostPort = url.dropFirst("postgres://".count).split(separator: "@").last?.split(separator: "/").first ?? ""
        let port = Int(hostPort.split(separator: ":").last ?? "5432") ?? 5432
        let configuration = PostgresConnection.Configuration(
            host: "127.0.0.1",
            port: port,
            username: "postgres",
            password: nil,
            database: database,
            tls: .disable
        )
        let logger = Logger(label: "own.gate.tests")
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        return (connection, logger)
    }

    /// Runs statements as the test's administrator (not read-only: this sets up the data).
    static func execute(_ statements: [String]) async throws {
        let (connection, logger) = try await connect()
        do {
            for statement in statements {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    /// One integer the query returns.
    static func count(_ sql: String) async throws -> Int {
        let (connection, logger) = try await connect()
        var result = -1
        for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(
            Int64.self
        ) {
            result = Int(value)
        }
        try await connection.close()
        return result
    }
}

@Suite("test database")
struct TestDatabaseTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] == "true"))
    func ciHasADatabase() {
        #expect(TestDatabase.available, "OWN_TEST_POSTGRES_URL is not set: source .ci/postgres.sh before the tests")
    }
}
