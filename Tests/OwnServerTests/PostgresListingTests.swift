import Foundation
import Testing

/// A listing of a PostgreSQL database with no server store in it (a mistyped database name) is
/// refused, as a SQLite file that is not there is, and leaves the database as it was: it was given
/// the server's whole schema, and listed nothing.
@Suite(
    "Listing a PostgreSQL store that is not there",
    .enabled(if: ServerProcess.postgresURL != nil, "needs OWN_TEST_POSTGRES_URL (source .ci/postgres.sh)")
)
struct PostgresListingTests {
    @Test func aListingOfADatabaseWithNoStoreIsRefusedAndMakesNone() throws {
        let base = try #require(ServerProcess.postgresURL)
        let database = "own_empty_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        try ServerProcess.psql("CREATE DATABASE \(database)")
        defer { try? ServerProcess.psql("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
        let store = ["--database-url", base[..<(base.lastIndex(of: "/") ?? base.endIndex)] + "/" + database]
        for list in [["team", "list"], ["token", "list"]] {
            let run = try ServerProcess.run(list + store)
            #expect(
                run.status == 2 && run.stderr.contains("no server store at postgres://")
                    && run.stderr.contains("; check the URL"),
                "\(run.stderr)"
            )
        }
        // Nothing was made there: a command that writes starts the store, and a listing then reads it.
        #expect(try ServerProcess.run(["team", "add", "payments"] + store).status == 0)
        let listed = try ServerProcess.run(["team", "list"] + store)
        #expect(listed.status == 0 && listed.stdout.contains("payments"), "\(listed.stderr)")
    }
}
