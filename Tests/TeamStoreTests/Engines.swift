import Foundation
import TeamStore
import Testing

/// A team store to test, and how to throw it away.
struct StoreUnderTest: Sendable {
    let store: any TeamStore
    let discard: @Sendable () async -> Void
}

/// One engine of the team store, as the contract suite runs it: `make` gives a fresh, empty store.
struct Engine: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () async throws -> StoreUnderTest

    var testDescription: String { name }

    /// Every engine the contract suite runs against, PostgreSQL always: left out where no database
    /// was named, the suite passed on SQLite alone and read as covering both. Without
    /// `OWN_TEST_POSTGRES_URL` (scripts/test sources .ci/postgres.sh) its cases fail, saying so.
    static let all: [Engine] = [sqlite, postgres]

    static let sqlite = Engine(name: "SQLite") {
        let folder = NSTemporaryDirectory() + "own-team-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try SQLiteTeamStore(path: folder + "/server.sqlite")
        return StoreUnderTest(store: store) { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// PostgreSQL, each store in a schema of its own so tests run side by side on one database.
    static let postgres = Engine(name: "PostgreSQL") {
        let schema = PostgresTestDatabase.newSchema()
        let store = try await PostgresTestDatabase.open(schema: schema)
        let running = Task { try await store.run() }
        return StoreUnderTest(store: store) {
            running.cancel()
            _ = await running.result
            await PostgresTestDatabase.drop(schema: schema)
        }
    }
}
