import MigrationGate
import Testing

@Suite("reindex-without-concurrently")
struct ReindexWithoutConcurrentlyTests {
    @Test(arguments: [
        "»REINDEX TABLE orders;",
        "»REINDEX INDEX orders_pkey;",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "reindex-without-concurrently")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "REINDEX TABLE CONCURRENTLY orders;",
        "REINDEX INDEX CONCURRENTLY orders_pkey;",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "reindex-without-concurrently").found.isEmpty)
    }

    @Test(arguments: [
        ("orders", Severity?.some(.error)),
        ("billing.invoices", Severity?.some(.error)),
        ("mystery", Severity?.some(.warning)),
        ("tiny", Severity?.none),
    ])
    func severityFollowsTheTableSize(table: String, expected: Severity?) {
        let sql = "REINDEX TABLE {t};".replacing("{t}", with: table)
        #expect(run(sql, rule: "reindex-without-concurrently").found.first?.severity == expected)
    }
}
