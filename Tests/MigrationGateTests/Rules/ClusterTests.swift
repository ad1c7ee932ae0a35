import MigrationGate
import Testing

@Suite("cluster")
struct ClusterTests {
    @Test(arguments: [
        "»CLUSTER orders USING orders_pkey;",
        "»CLUSTER;",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "cluster")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "CLUSTER tiny USING tiny_pkey;"
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "cluster").found.isEmpty)
    }

    @Test(arguments: [
        ("orders", Severity?.some(.error)),
        ("billing.invoices", Severity?.some(.error)),
        ("mystery", Severity?.some(.warning)),
        ("tiny", Severity?.none),
    ])
    func severityFollowsTheTableSize(table: String, expected: Severity?) {
        let sql = "CLUSTER {t} USING i;".replacing("{t}", with: table)
        #expect(run(sql, rule: "cluster").found.first?.severity == expected)
    }

    /// The options in parentheses (PostgreSQL 14) and the old `CLUSTER index ON table` name the table
    /// as the other forms do: it was read as no table, or the index taken for it.
    @Test(arguments: ["CLUSTER (VERBOSE) orders USING i;", "CLUSTER i ON orders;", "CLUSTER VERBOSE orders;"])
    func everyFormNamesItsTable(sql: String) {
        let found = run(sql, rule: "cluster").found
        #expect(found.first?.severity == .error, "\(found)")
        #expect(found.first?.message.contains("orders") == true, "\(found)")
    }
}
