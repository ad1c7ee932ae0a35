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

    /// A large table created by an earlier migration, whose column types the gate then knows.
    private let created = """
        CREATE TABLE orders (
            id bigint PRIMARY KEY,
            ref varchar(50) NOT NULL DEFAULT lpad('x', 3, '0'),
            CONSTRAINT positive CHECK (id > 0),
            total numeric(10, 2),
            "Note" text
        );
        ALTER TABLE orders ADD COLUMN label character varying(10);
        """

    private func found(after earlier: String, _ sql: String) -> [Finding] {
        let files = [MigrationFile(path: "001.sql", text: earlier), MigrationFile(path: "002.sql", text: sql)]
        return Gate.check(files, sizes: testSizes).findings.filter { $0.rule == "column-type-change" }
    }

    /// PostgreSQL widens a varchar, makes it text, or gives a numeric more digits at the same scale
    /// in its catalog only: with the old type known from an earlier migration, that is no rewrite.
    @Test(arguments: [
        "ALTER TABLE orders ALTER COLUMN ref TYPE varchar(100);",
        "ALTER TABLE orders ALTER COLUMN ref TYPE varchar(50);",
        "ALTER TABLE orders ALTER COLUMN ref TYPE character varying;",
        "ALTER TABLE orders ALTER COLUMN ref SET DATA TYPE text;",
        "ALTER TABLE orders ALTER COLUMN label TYPE varchar(30);",
        "ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 2);",
        "ALTER TABLE orders ALTER COLUMN total TYPE decimal;",
        #"ALTER TABLE orders ALTER COLUMN "Note" TYPE varchar;"#,
        "ALTER TABLE orders RENAME COLUMN ref TO reference;\nALTER TABLE orders ALTER COLUMN reference TYPE text;",
        // The same type under another of its names changes nothing.
        "ALTER TABLE orders ALTER COLUMN id TYPE int8;",
        "ALTER TABLE orders ALTER COLUMN id TYPE BIGINT;",
    ])
    func aWideningOfAKnownTypeIsNoRewrite(sql: String) {
        #expect(found(after: created, sql).isEmpty)
    }

    @Test(arguments: [
        "ALTER TABLE orders ALTER COLUMN ref TYPE varchar(20);",
        "ALTER TABLE orders ALTER COLUMN ref TYPE varchar(100) USING trim(ref);",
        "ALTER TABLE orders ALTER COLUMN ref TYPE varchar(100)[];",
        "ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 3);",
        "ALTER TABLE orders ALTER COLUMN total TYPE numeric(8, 2);",
        #"ALTER TABLE orders ALTER COLUMN "Note" TYPE varchar(10);"#,
        "ALTER TABLE orders ALTER COLUMN id TYPE text;",
        // Types the migrations never gave: not known, so reported as before.
        "ALTER TABLE orders ALTER COLUMN other TYPE text;",
        "ALTER TABLE orders RENAME COLUMN ref TO reference;\nALTER TABLE orders ALTER COLUMN ref TYPE text;",
    ])
    func anyOtherChangeIsReported(sql: String) {
        #expect(found(after: created, sql).count == 1, "\(sql)")
    }

    /// A table dropped, or created IF NOT EXISTS (perhaps an older one), leaves its types unknown.
    @Test(arguments: ["DROP TABLE orders;", "DROP TABLE orders;\nCREATE TABLE IF NOT EXISTS orders (ref varchar(50));"])
    func aTableDroppedOrMaybeOlderHasNoKnownTypes(then: String) {
        #expect(found(after: created + "\n" + then, "ALTER TABLE orders ALTER COLUMN ref TYPE text;").count == 1)
    }
}
