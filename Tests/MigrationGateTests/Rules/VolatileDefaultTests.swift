import MigrationGate
import Testing

@Suite("volatile-default")
struct VolatileDefaultTests {
    @Test(arguments: [
        "ALTER TABLE orders »ADD COLUMN token uuid DEFAULT gen_random_uuid();",
        "ALTER TABLE orders »ADD COLUMN seq bigserial;",
        "ALTER TABLE orders »ADD COLUMN jitter float8 NOT NULL DEFAULT random() * 10;",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "volatile-default")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "ALTER TABLE orders ADD COLUMN flagged boolean NOT NULL DEFAULT false;",
        "ALTER TABLE orders ADD COLUMN noted_at timestamptz DEFAULT now();",
        "ALTER TABLE orders ADD COLUMN label varchar(20) DEFAULT 'x'::varchar(20);",
        "ALTER TABLE orders ADD COLUMN tags text[] DEFAULT ARRAY[]::text[];",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "volatile-default").found.isEmpty)
    }

    @Test(arguments: [
        ("orders", Severity?.some(.error)),
        ("billing.invoices", Severity?.some(.error)),
        ("mystery", Severity?.some(.warning)),
        ("tiny", Severity?.none),
    ])
    func severityFollowsTheTableSize(table: String, expected: Severity?) {
        let sql = "ALTER TABLE {t} ADD COLUMN u uuid DEFAULT gen_random_uuid();".replacing("{t}", with: table)
        #expect(run(sql, rule: "volatile-default").found.first?.severity == expected)
    }
}
