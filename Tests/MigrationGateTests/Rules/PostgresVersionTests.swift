import MigrationGate
import Testing

/// `--postgres-version`: the rules whose answer depends on the server version say so.
@Suite("postgres version")
struct PostgresVersionTests {
    @Test(arguments: [(Int?.none, 0), (11, 0), (10, 1)])
    func beforeElevenEveryDefaultRewrites(version: Int?, expected: Int) {
        let sql = "ALTER TABLE orders ADD COLUMN flagged boolean NOT NULL DEFAULT false;"
        let found = run(sql, rule: "volatile-default", settings: RuleSettings(postgresVersion: version)).found
        #expect(found.count == expected)
        if expected > 0 { #expect(found.first?.message.contains("before PostgreSQL 11") == true) }
    }

    @Test func aNullDefaultNeverRewrites() {
        let sql = "ALTER TABLE orders ADD COLUMN note text DEFAULT NULL;"
        #expect(run(sql, rule: "volatile-default", settings: RuleSettings(postgresVersion: 10)).found.isEmpty)
    }

    @Test(arguments: [(Int?.none, 0), (12, 0), (11, 1)])
    func beforeTwelveTheNotNullRecipeStillScans(version: Int?, expected: Int) {
        let sql = SquawkParityTests.notNullRecipe.joined(separator: "\n")
        let found = run(sql, rule: "set-not-null", settings: RuleSettings(postgresVersion: version)).found
        #expect(found.count == expected)
        if expected > 0 { #expect(found.first?.message.contains("before PostgreSQL 12") == true) }
    }

    @Test func beforeTwelveReindexAdviceAvoidsConcurrently() {
        let found = run(
            "REINDEX TABLE orders;",
            rule: "reindex-without-concurrently",
            settings: RuleSettings(postgresVersion: 11)
        )
        .found
        #expect(found.first?.help.contains("CREATE INDEX CONCURRENTLY") == true)
        #expect(found.first?.help.contains("REINDEX TABLE CONCURRENTLY") == false)
    }

    @Test(arguments: [(Int?.none, 0), (12, 0), (11, 1)])
    func beforeTwelveReindexConcurrentlyFails(version: Int?, expected: Int) {
        let sql = "SET lock_timeout = '2s';\nREINDEX TABLE CONCURRENTLY orders;"
        let found = run(sql, rule: "reindex-without-concurrently", settings: RuleSettings(postgresVersion: version))
            .found
        #expect(found.count == expected)
        if expected > 0 {
            #expect(found.first?.severity == .error)
            #expect(found.first?.message == "REINDEX TABLE CONCURRENTLY fails on PostgreSQL 11: it came in 12")
        }
    }
}
