import MigrationGate
import Testing

@Suite("foreign-key-without-not-valid")
struct ForeignKeyWithoutNotValidTests {
    @Test(arguments: [
        "BEGIN;\nALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES b (id) NOT VALID;\nALTER TABLE orders »VALIDATE CONSTRAINT fk;\nCOMMIT;",
        "ALTER TABLE orders »ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);",
        "ALTER TABLE orders »ADD COLUMN customer_id bigint REFERENCES customers (id);",
        "ALTER TABLE orders »ADD FOREIGN KEY (a) REFERENCES b;",
        "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES b NOT VALID, »VALIDATE CONSTRAINT fk;",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "foreign-key-without-not-valid")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;",
        "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;",
        "ALTER TABLE tiny ADD CONSTRAINT tiny_fk FOREIGN KEY (a) REFERENCES b (id);",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "foreign-key-without-not-valid").found.isEmpty)
    }

    @Test(arguments: [
        ("orders", Severity?.some(.error)),
        ("billing.invoices", Severity?.some(.error)),
        ("mystery", Severity?.some(.warning)),
        ("tiny", Severity?.none),
    ])
    func severityFollowsTheTableSize(table: String, expected: Severity?) {
        let sql = "ALTER TABLE {t} ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES b (id);".replacing("{t}", with: table)
        #expect(run(sql, rule: "foreign-key-without-not-valid").found.first?.severity == expected)
    }
}
