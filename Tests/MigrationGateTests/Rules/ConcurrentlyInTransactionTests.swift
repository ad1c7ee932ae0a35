import MigrationGate
import Testing

@Suite("concurrently-in-transaction")
struct ConcurrentlyInTransactionTests {
    @Test(arguments: [
        "BEGIN;\n»CREATE INDEX CONCURRENTLY a ON orders (b);\nCOMMIT;",
        "start transaction;\n»DROP INDEX CONCURRENTLY a;\ncommit;",
        "BEGIN;\n»ALTER TABLE measurements DETACH PARTITION measurements_2024 CONCURRENTLY;\nCOMMIT;",
        // "VACUUM cannot run inside a transaction block", as PostgreSQL says.
        "BEGIN;\n»VACUUM ANALYZE orders;\nCOMMIT;",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "concurrently-in-transaction")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "CREATE INDEX CONCURRENTLY a ON orders (b);",
        "BEGIN;\nCOMMIT;\nCREATE INDEX CONCURRENTLY a ON orders (b);",
        "ALTER TABLE measurements DETACH PARTITION measurements_2024 CONCURRENTLY;",
        "BEGIN;\nALTER TABLE measurements DETACH PARTITION measurements_2024;\nCOMMIT;",
        "VACUUM ANALYZE orders;",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "concurrently-in-transaction").found.isEmpty)
    }

    /// DETACH PARTITION … CONCURRENTLY came with PostgreSQL 14.
    @Test func detachConcurrentlyBeforeFourteenIsRefused() {
        let sql = "ALTER TABLE measurements DETACH PARTITION measurements_2024 CONCURRENTLY;"
        let thirteen = run(sql, rule: "concurrently-in-transaction", settings: RuleSettings(postgresVersion: 13)).found
        #expect(thirteen.first?.message.hasPrefix("DETACH PARTITION CONCURRENTLY came with PostgreSQL 14") == true)
        #expect(
            run(sql, rule: "concurrently-in-transaction", settings: RuleSettings(postgresVersion: 14)).found.isEmpty
        )
    }
}
