import MigrationGate
import Testing

@Suite("primary-key-without-index")
struct PrimaryKeyWithoutIndexTests {
    @Test(arguments: [
        "ALTER TABLE orders »ADD PRIMARY KEY (id);",
        "ALTER TABLE orders »ADD COLUMN id bigserial PRIMARY KEY;",
        "ALTER TABLE orders »ADD CONSTRAINT orders_pkey PRIMARY KEY (id);",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "primary-key-without-index")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_id_idx;",
        "CREATE TABLE t (a int);\nALTER TABLE t ADD PRIMARY KEY (a);",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "primary-key-without-index").found.isEmpty)
    }

    @Test(arguments: [
        ("orders", Severity?.some(.error)),
        ("billing.invoices", Severity?.some(.error)),
        ("mystery", Severity?.some(.warning)),
        ("tiny", Severity?.none),
    ])
    func severityFollowsTheTableSize(table: String, expected: Severity?) {
        let sql = "ALTER TABLE {t} ADD PRIMARY KEY (a);".replacing("{t}", with: table)
        #expect(run(sql, rule: "primary-key-without-index").found.first?.severity == expected)
    }
}
