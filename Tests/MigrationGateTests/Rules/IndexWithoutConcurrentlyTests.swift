import MigrationGate
import Testing

@Suite("index-without-concurrently")
struct IndexWithoutConcurrentlyTests {
    @Test(arguments: [
        "»CREATE INDEX orders_placed ON orders (placed_at);",
        "SET lock_timeout = '2s'; SET statement_timeout = '5s';\n»create unique index if not exists orders_ref on public.orders using btree (ref);",
        "-- a comment first\n»CREATE INDEX ON ONLY orders (customer_id);",
        // IF NOT EXISTS: the table may be the old one, with its rows.
        "CREATE TABLE IF NOT EXISTS orders (id bigint);\n»CREATE INDEX orders_id ON orders (id);",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "index-without-concurrently")
        #expect(positions(result.found) == result.expected)
    }

    /// ON ONLY: the partitioned table's recipe, whose first step PostgreSQL refuses CONCURRENTLY; the
    /// help says both ways, since the gate cannot tell a partitioned table.
    @Test func onOnlyIsHelpedBothWays() {
        let result = run("»CREATE INDEX ON ONLY orders (customer_id);", rule: "index-without-concurrently")
        #expect(
            result.found.first?.help.hasPrefix("if orders is partitioned, ON ONLY makes the parent's index") == true
        )
    }

    @Test(arguments: [
        "CREATE INDEX CONCURRENTLY orders_placed ON orders (placed_at);",
        "CREATE TABLE shipments (id bigint);\nCREATE INDEX shipments_id ON shipments (id);",
        "CREATE INDEX tiny_name ON tiny (name);",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "index-without-concurrently").found.isEmpty)
    }

    @Test(arguments: [
        ("orders", Severity?.some(.error)),
        ("billing.invoices", Severity?.some(.error)),
        // Unqualified, after a search_path to billing: the large table of that name counts.
        ("invoices", Severity?.some(.error)),
        ("mystery", Severity?.some(.warning)),
        ("tiny", Severity?.none),
    ])
    func severityFollowsTheTableSize(table: String, expected: Severity?) {
        let sql = "CREATE INDEX x ON {t} (a);".replacing("{t}", with: table)
        #expect(run(sql, rule: "index-without-concurrently").found.first?.severity == expected)
    }

    /// A small `public` table of the name does not hide a large one elsewhere that a search_path may
    /// name: the gate takes the largest (the 10-row `public.invoices` passed an index on the
    /// 5-million-row `billing.invoices` the migration locked).
    @Test func anUnqualifiedNameTakesTheLargestTableOfThatName() {
        let sizes = TableSizes([
            "public.invoices": TableSize(rows: 10, bytes: nil),
            "billing.invoices": TableSize(rows: 5_000_000, bytes: nil),
        ])
        let found = run(
            "SET search_path = billing;\nCREATE INDEX i ON invoices (a);",
            rule: "index-without-concurrently",
            sizes: sizes
        ).found
        #expect(found.first?.severity == .error, "\(found)")
        #expect(found.first?.message.contains("(as billing.invoices)") == true, "\(found)")
        let qualified = run("CREATE INDEX i ON public.invoices (a);", rule: "index-without-concurrently", sizes: sizes)
        #expect(qualified.found.isEmpty, "a name with its schema is that table")
    }

    /// The message says which table's size it took, and when sizes were given, that the table is not in them.
    @Test func theSizeNoteSaysWhereTheSizeCameFrom() {
        let found = run(
            "SET search_path TO billing;\nCREATE INDEX x ON invoices (a);",
            rule: "index-without-concurrently"
        )
        #expect(
            found.found.first?.message.contains("about 2000000 rows (as billing.invoices)") == true,
            "\(found.found)"
        )
        // Taken by its bytes, another schema's table is named too.
        let bytes = TableSizes(["billing.ledger": TableSize(rows: nil, bytes: 5_000_000_000)])
        let byBytes = run(
            "CREATE INDEX x ON ledger (a);",
            rule: "index-without-concurrently",
            sizes: bytes,
            settings: RuleSettings(largeBytes: 1_000_000_000)
        ).found.first
        #expect(
            byBytes?.message.hasSuffix("it takes 5000000000 bytes (as billing.ledger)") == true,
            "\(String(describing: byBytes))"
        )
        let unknown = run("CREATE INDEX x ON mystery (a);", rule: "index-without-concurrently").found.first
        #expect(
            unknown?.message.contains("the sizes given have no public.mystery") == true,
            "\(String(describing: unknown))"
        )
        // Named as the sizes file must name it: a quoted name keeps its quotes.
        let quoted = run("CREATE INDEX x ON \"Mystery\" (a);", rule: "index-without-concurrently").found.first
        #expect(
            quoted?.message.contains(#"the sizes given have no public."Mystery""#) == true,
            "\(String(describing: quoted))"
        )
    }
}
