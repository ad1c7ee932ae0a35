import MigrationGate
import Testing

@Suite("check-without-not-valid")
struct CheckWithoutNotValidTests {
    @Test(arguments: [
        "ALTER TABLE orders »ADD CONSTRAINT total_positive CHECK (total > 0);",
        "ALTER TABLE orders »ADD CHECK (total > 0);",
        "ALTER TABLE orders »ADD COLUMN discount int CHECK (discount >= 0);",
        "BEGIN;\nALTER TABLE orders ADD CONSTRAINT c CHECK (total > 0) NOT VALID;\nALTER TABLE orders »VALIDATE CONSTRAINT c;\nCOMMIT;",
        // One statement holds the lock that adds it through the scan that validates it.
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (total > 0) NOT VALID, »VALIDATE CONSTRAINT c;",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "check-without-not-valid")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0) NOT VALID;",
        "ALTER TABLE orders VALIDATE CONSTRAINT total_positive;",
        "CREATE TABLE t (a int);\nALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);",
        "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int CHECK (b > 0);",
        "ALTER TABLE orders ADD COLUMN discount int;",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "check-without-not-valid").found.isEmpty)
    }

    @Test(arguments: [
        ("orders", Severity?.some(.error)),
        ("billing.invoices", Severity?.some(.error)),
        ("mystery", Severity?.some(.warning)),
        ("tiny", Severity?.none),
    ])
    func severityFollowsTheTableSize(table: String, expected: Severity?) {
        let sql = "ALTER TABLE {t} ADD CONSTRAINT c CHECK (a > 0);".replacing("{t}", with: table)
        #expect(run(sql, rule: "check-without-not-valid").found.first?.severity == expected)
    }
}
