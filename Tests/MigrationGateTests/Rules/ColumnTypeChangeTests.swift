import MigrationGate
import Testing

@Suite("column-type-change")
struct ColumnTypeChangeTests {
    @Test(arguments: [
        "ALTER TABLE orders »ALTER COLUMN total TYPE numeric(12, 2);",
        "ALTER TABLE orders »ALTER COLUMN ref SET DATA TYPE text USING ref::text;",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "column-type-change")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "ALTER TABLE orders ALTER COLUMN total SET DEFAULT 0;",
        "ALTER TABLE tiny ALTER COLUMN a TYPE bigint;",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "column-type-change").found.isEmpty)
    }

    @Test(arguments: [
        ("orders", Severity?.some(.error)),
        ("billing.invoices", Severity?.some(.error)),
        ("mystery", Severity?.some(.warning)),
        ("tiny", Severity?.none),
    ])
    func severityFollowsTheTableSize(table: String, expected: Severity?) {
        let sql = "ALTER TABLE {t} ALTER COLUMN a TYPE bigint;".replacing("{t}", with: table)
        #expect(run(sql, rule: "column-type-change").found.first?.severity == expected)
    }
}
