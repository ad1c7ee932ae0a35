import MigrationGate
import Testing

@Suite("unique-without-index")
struct UniqueWithoutIndexTests {
    @Test(arguments: [
        "ALTER TABLE orders »ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&);",
        "ALTER TABLE orders »ADD CONSTRAINT orders_ref_key UNIQUE (ref);",
        "ALTER TABLE orders »ADD COLUMN code text UNIQUE;",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "unique-without-index")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "ALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE USING INDEX orders_ref_idx;",
        "ALTER TABLE tiny ADD CONSTRAINT u UNIQUE (a);",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "unique-without-index").found.isEmpty)
    }

    @Test(arguments: [
        ("orders", Severity?.some(.error)),
        ("billing.invoices", Severity?.some(.error)),
        ("mystery", Severity?.some(.warning)),
        ("tiny", Severity?.none),
    ])
    func severityFollowsTheTableSize(table: String, expected: Severity?) {
        let sql = "ALTER TABLE {t} ADD CONSTRAINT u UNIQUE (a);".replacing("{t}", with: table)
        #expect(run(sql, rule: "unique-without-index").found.first?.severity == expected)
    }
}
