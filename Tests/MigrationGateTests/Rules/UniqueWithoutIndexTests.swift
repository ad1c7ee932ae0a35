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

    /// Each constraint is named for what it is, with advice that can be followed: EXCLUDE has no
    /// USING INDEX form.
    @Test func theMessageNamesTheConstraintsKind() throws {
        let exclude = try #require(
            run(
                "ALTER TABLE orders »ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&);",
                rule: "unique-without-index"
            )
            .found.first
        )
        #expect(
            exclude.message.hasPrefix("adding an EXCLUDE constraint to orders builds its index while all queries wait;")
        )
        #expect(!exclude.help.contains("USING INDEX"))
        let unique = try #require(
            run("ALTER TABLE orders »ADD COLUMN code text UNIQUE;", rule: "unique-without-index").found.first
        )
        #expect(
            unique.message.hasPrefix("adding a UNIQUE constraint to orders builds its index while all queries wait;")
        )
        #expect(unique.help.contains("USING INDEX"))
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
