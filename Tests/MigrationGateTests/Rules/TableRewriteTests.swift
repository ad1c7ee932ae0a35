import MigrationGate
import Testing

@Suite("table-rewrite")
struct TableRewriteTests {
    @Test(arguments: [
        "ALTER TABLE orders »SET TABLESPACE fast;",
        "alter table orders »set unlogged;",
        "ALTER TABLE orders »SET LOGGED;",
    ])
    func reportsARewriteOfALargeTable(sql: String) {
        let result = run(sql, rule: "table-rewrite")
        #expect(positions(result.found) == result.expected)
        #expect(result.found.first?.severity == .error)
    }

    @Test(arguments: [
        "ALTER TABLE tiny SET TABLESPACE fast;",
        "CREATE TABLE t (a int);\nALTER TABLE t SET UNLOGGED;",
        "ALTER TABLE orders SET (fillfactor = 70);",
    ])
    func acceptsASmallOrNewTable(sql: String) {
        #expect(run(sql, rule: "table-rewrite").found.isEmpty)
    }

    /// SET SCHEMA moves the table away from its name: a drop, for the deprecation rule.
    @Test func setSchemaNeedsADeprecation() {
        let result = run("ALTER TABLE orders »SET SCHEMA archive;", rule: "drop-without-deprecation")
        #expect(positions(result.found) == result.expected)
        #expect(
            result.found.first?.message.hasPrefix("moving table orders to schema archive") == true,
            "\(result.found)"
        )
    }
}
