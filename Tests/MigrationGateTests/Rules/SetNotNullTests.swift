import MigrationGate
import Testing

@Suite("set-not-null")
struct SetNotNullTests {
    @Test(arguments: [
        "ALTER TABLE orders »ALTER COLUMN placed_at SET NOT NULL;",
        "ALTER TABLE orders »ALTER placed_at SET NOT NULL, »ALTER COLUMN ref SET NOT NULL;",
        // A check its transaction rolled back is gone; one on a column renamed away proves the new name.
        "BEGIN;\nALTER TABLE orders ADD CONSTRAINT c CHECK (x IS NOT NULL) NOT VALID;\n"
            + "ALTER TABLE orders VALIDATE CONSTRAINT c;\nROLLBACK;\nALTER TABLE orders »ALTER COLUMN x SET NOT NULL;",
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (x IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT c;\n"
            + "ALTER TABLE orders RENAME COLUMN x TO z;\nALTER TABLE orders RENAME COLUMN y TO x;\n"
            + "ALTER TABLE orders »ALTER COLUMN x SET NOT NULL;",
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
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (x IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT c;\n"
            + "ALTER TABLE orders RENAME COLUMN x TO z;\nALTER TABLE orders ALTER COLUMN z SET NOT NULL;",
        "BEGIN;\nALTER TABLE orders ADD CONSTRAINT c CHECK (x IS NOT NULL) NOT VALID;\n"
            + "ALTER TABLE orders VALIDATE CONSTRAINT c;\nCOMMIT;\nALTER TABLE orders ALTER COLUMN x SET NOT NULL;",
        // A check renamed before it is validated is validated under its new name.
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (x IS NOT NULL) NOT VALID;\nALTER TABLE orders RENAME CONSTRAINT c TO d;\n"
            + "ALTER TABLE orders VALIDATE CONSTRAINT d;\nALTER TABLE orders ALTER COLUMN x SET NOT NULL;",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "set-not-null").found.isEmpty)
    }

    /// PRIMARY KEY USING INDEX sets NOT NULL on the index's columns (PostgreSQL scans for it unless they
    /// are NOT NULL already): a warning naming them, and nothing once validated checks prove them.
    @Test func aPrimaryKeyUsingAnIndexSetsNotNullOnItsColumns() {
        let index = "CREATE UNIQUE INDEX CONCURRENTLY orders_id ON orders (id);\n"
        let sql = index + "ALTER TABLE orders »ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_id;"
        let result = run(sql, rule: "set-not-null")
        #expect(positions(result.found) == result.expected)
        #expect(result.found.first?.severity == .warning)
        #expect(result.found.first?.message.hasPrefix("PRIMARY KEY USING INDEX sets NOT NULL on orders (id)") == true)
        let proven =
            "ALTER TABLE orders ADD CONSTRAINT id_nn CHECK (id IS NOT NULL) NOT VALID;\n"
            + "ALTER TABLE orders VALIDATE CONSTRAINT id_nn;\n" + index
            + "ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_id;"
        #expect(run(proven, rule: "set-not-null").found.isEmpty)
        // An index from an earlier migration: its columns are not known here, and are said so.
        let earlier = run(
            "ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX old_id;",
            rule: "set-not-null"
        )
        #expect(earlier.found.first?.message.contains("the columns of old_id") == true, "\(earlier.found)")
        #expect(run("ALTER TABLE tiny ADD CONSTRAINT p PRIMARY KEY USING INDEX i;", rule: "set-not-null").found.isEmpty)
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
