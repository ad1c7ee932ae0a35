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

    /// A table renamed earlier in the file keeps its size, and one created there under the name
    /// another had is no new table once an old one takes the name.
    @Test func aRenamedTableKeepsItsSize() {
        let renamed = run("ALTER TABLE orders RENAME TO orders_old;\nCLUSTER orders_old USING i;", rule: "cluster")
            .found
        #expect(renamed.first?.severity == .error, "\(renamed)")
        #expect(renamed.first?.message.contains("(as orders)") == true, "\(renamed)")
        let taken = run(
            "CREATE TABLE scratch (id int);\nDROP TABLE scratch;\nALTER TABLE orders RENAME TO scratch;\nCLUSTER scratch USING i;",
            rule: "cluster"
        )
        #expect(taken.found.first?.severity == .error, "\(taken.found)")
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
