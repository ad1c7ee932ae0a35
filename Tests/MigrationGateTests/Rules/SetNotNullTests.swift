import MigrationGate
import Testing

@Suite("set-not-null")
struct SetNotNullTests {
    @Test(arguments: [
        "ALTER TABLE orders »ALTER COLUMN placed_at SET NOT NULL;",
        "ALTER TABLE orders »ALTER placed_at SET NOT NULL, »ALTER COLUMN ref SET NOT NULL;",
        // An OR proves nothing of either column.
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (x IS NOT NULL OR y > 0) NOT VALID;\n"
            + "ALTER TABLE orders VALIDATE CONSTRAINT c;\nALTER TABLE orders »ALTER COLUMN x SET NOT NULL;",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "set-not-null")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "ALTER TABLE orders ALTER COLUMN placed_at DROP DEFAULT;",
        "ALTER TABLE tiny ALTER COLUMN a SET NOT NULL;",
        // After a validated CHECK that proves it, as PostgreSQL 12 and later read one (checked on 15:
        // "existing constraints on column are sufficient to prove that it does not contain nulls").
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (x IS NOT NULL) NOT VALID;\n"
            + "ALTER TABLE orders VALIDATE CONSTRAINT c;\nALTER TABLE orders ALTER COLUMN x SET NOT NULL;",
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (x IS NOT NULL AND y > 0) NOT VALID;\n"
            + "ALTER TABLE orders VALIDATE CONSTRAINT c;\nALTER TABLE orders ALTER COLUMN x SET NOT NULL;",
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (NOT (x IS NULL)) NOT VALID;\n"
            + "ALTER TABLE orders VALIDATE CONSTRAINT c;\nALTER TABLE orders ALTER COLUMN x SET NOT NULL;",
        "ALTER TABLE orders ADD CONSTRAINT c CHECK ((a IS NOT NULL) AND (x IS NOT NULL)) NOT VALID;\n"
            + "ALTER TABLE orders VALIDATE CONSTRAINT c;\nALTER TABLE orders ALTER COLUMN x SET NOT NULL;",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "set-not-null").found.isEmpty)
    }

    @Test(arguments: [
        ("orders", Severity?.some(.error)),
        ("billing.invoices", Severity?.some(.error)),
        ("mystery", Severity?.some(.warning)),
        ("tiny", Severity?.none),
    ])
    func severityFollowsTheTableSize(table: String, expected: Severity?) {
        let sql = "ALTER TABLE {t} ALTER COLUMN a SET NOT NULL;".replacing("{t}", with: table)
        #expect(run(sql, rule: "set-not-null").found.first?.severity == expected)
    }
}
