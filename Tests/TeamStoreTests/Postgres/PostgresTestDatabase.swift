import Foundation
import Logging
import PostgresNIO

@testable import TeamStore

/// The PostgreSQL the tests run against: the one `.ci/postgres.sh` starts and names in
/// `OWN_TEST_POSTGRES_URL`. Each test works in a schema of its own, dropped at its end.
enum PostgresTestDatabase {
    /// The database's URL, or nil where there is none.
    static var url: String? {
        guard let url = ProcessInfo.processInfo.environment["OWN_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }

    /// A schema name no other test uses.
    static func newSchema() -> String {
        "own_test_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    /// The store's configuration in a schema.
    static func configuration(schema: String) throws -> PostgresTeamStore.Configuration {
        guard let url else {
            throw TeamStoreError.cannotOpen(
                location: "the tests",
                reason: "no OWN_TEST_POSTGRES_URL: run scripts/test, or source .ci/postgres.sh"
            )
        }
        var configuration = try PostgresTeamStore.Configuration(url: url)
        configuration.schema = schema
        configuration.maximumConnections = 4
        return configuration
    }

    /// Opens (and migrates) a store in a schema; its pool is not running yet.
    static func open(schema: String) async throws -> PostgresTeamStore {
        try await PostgresTeamStore.open(try configuration(schema: schema))
    }

    /// Runs statements on one connection of their own, in `schema` when it is given, and returns
    /// the first column of the last statement's rows (which must be text).
    @discardableResult
    static func execute(_ statements: [String], schema: String? = nil) async throws -> [String] {
        var configuration = try configuration(schema: schema ?? "public")
        configuration.schema = schema
        let logger = Logger(label: "own.tests.postgres")
        let connection = try await PostgresConnection.connect(
            configuration: try configuration.connection(),
            id: 1,
            logger: logger
        )
        do {
            var values: [String] = []
            for statement in statements {
                values = []
                let rows = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                for try await value in rows.decode(String.self) { values.append(value) }
            }
            try await connection.close()
            return values
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Drops a test's schema and everything in it.
    static func drop(schema: String) async {
        _ = try? await execute(["DROP SCHEMA IF EXISTS \(schema) CASCADE"])
    }
}
