import MigrationGate
import Testing

@Suite("stored-generated-column")
struct StoredGeneratedColumnTests {
    @Test(arguments: [
        "ALTER TABLE orders »ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) STORED;"
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "stored-generated-column")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "ALTER TABLE orders ADD COLUMN id2 bigint GENERATED ALWAYS AS IDENTITY;",
        "ALTER TABLE tiny ADD COLUMN b int GENERATED ALWAYS AS (a + 1) STORED;",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "stored-generated-column").found.isEmpty)
    }

    @Test(arguments: [
        ("orders", Severity?.some(.error)),
        ("billing.invoices", Severity?.some(.error)),
        ("mystery", Severity?.some(.warning)),
        ("tiny", Severity?.none),
    ])
    func severityFollowsTheTableSize(table: String, expected: Severity?) {
        let sql = "ALTER TABLE {t} ADD COLUMN b int GENERATED ALWAYS AS (a + 1) STORED;".replacing("{t}", with: table)
        #expect(run(sql, rule: "stored-generated-column").found.first?.severity == expected)
    }
}
