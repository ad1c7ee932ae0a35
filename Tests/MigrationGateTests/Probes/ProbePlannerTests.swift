import MigrationGate
import Testing

/// Which probes a migration needs, from the SQL alone.
@Suite("probe planning")
struct ProbePlannerTests {
    private func plan(_ sql: String) -> [DataProbe] {
        ProbePlanner.plan([MigrationFile(path: "m.sql", text: sql)])
    }

    @Test(arguments: [
        ("ALTER TABLE orders ALTER COLUMN placed_at SET NOT NULL;", "probe-not-null"),
        ("ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0);", "probe-check"),
        (
            "ALTER TABLE orders ADD CONSTRAINT c CHECK (total > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT c;",
            "probe-check"
        ),
        ("ALTER TABLE orders VALIDATE CONSTRAINT made_earlier;", "probe-constraint"),
        (
            "CREATE UNIQUE INDEX CONCURRENTLY orders_ref ON orders USING btree (lower(ref)) WHERE ref IS NOT NULL;",
            "probe-unique"
        ),
        ("ALTER TABLE orders ADD CONSTRAINT u UNIQUE (a, b);", "probe-unique"),
        ("ALTER TABLE orders ADD PRIMARY KEY (id);", "probe-unique,probe-not-null"),
        ("ALTER TABLE orders ALTER COLUMN n TYPE int;", "probe-type-change"),
        ("ALTER TABLE orders ALTER COLUMN name SET DATA TYPE varchar(50);", "probe-type-change"),
        ("ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);", "probe-foreign-key"),
        ("DROP TABLE orders;", "probe-dependents"),
        ("ALTER TABLE orders DROP COLUMN legacy;", "probe-dependents"),
    ])
    func eachStatementGetsItsProbe(sql: String, rule: String) {
        #expect(plan(sql).map(\.rule) == rule.split(separator: ",").map(String.init))
    }

    @Test(arguments: [
        ("ALTER TABLE orders ADD PRIMARY KEY (id);", "the primary key on orders (id)", "duplicated values"),
        (
            "ALTER TABLE orders ADD CONSTRAINT pk PRIMARY KEY (id);", "the primary key pk on orders (id)",
            "duplicated values"
        ),
        ("ALTER TABLE orders ADD CHECK (total > 0);", "the CHECK on orders", "rows violating it"),
        (
            "ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0);", "the CHECK positive on orders",
            "rows violating it"
        ),
        (
            "ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id);",
            "the foreign key from orders to users", "rows referencing a missing row of users"
        ),
        (
            "ALTER TABLE orders ALTER COLUMN name TYPE varchar ( 50 );",
            "changing orders.name to varchar(50)", "rows with values that do not fit varchar(50)"
        ),
        (
            "ALTER TABLE orders ALTER COLUMN total TYPE numeric(5,2);",
            "changing orders.total to numeric(5, 2)", "rows with values that do not fit numeric(5, 2)"
        ),
    ])
    func eachProbeNamesItsStatementAsItIsWritten(sql: String, statement: String, hit: String) throws {
        let probe = try #require(plan(sql).first)
        #expect(probe.statement == statement)
        #expect(probe.hit == hit)
    }

    @Test(arguments: [
        // Nothing to ask: a new table, a new column, NOT VALID without VALIDATE, a widening, a USING.
        "CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a SET NOT NULL;\nCREATE UNIQUE INDEX ON t (a);",
        "ALTER TABLE orders ADD COLUMN a int;\nALTER TABLE orders ALTER COLUMN a SET NOT NULL;",
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (total > 0) NOT VALID;",
        "ALTER TABLE orders ALTER COLUMN n TYPE bigint;",
        "ALTER TABLE orders ALTER COLUMN n TYPE int USING n / 1000;",
        "ALTER TABLE orders ADD CONSTRAINT u UNIQUE USING INDEX orders_u;",
        "CREATE INDEX ON orders (a);",
    ])
    func nothingToAsk(sql: String) {
        #expect(plan(sql).isEmpty)
    }

    @Test func aValidationProbesWithTheDefinitionFromAnEarlierFile() {
        let files = [
            MigrationFile(path: "001.sql", text: "ALTER TABLE orders ADD CONSTRAINT c CHECK (total > 0) NOT VALID;"),
            MigrationFile(path: "002.sql", text: "ALTER TABLE orders VALIDATE CONSTRAINT c;"),
        ]
        let probes = ProbePlanner.plan(files)
        #expect(probes.map(\.rule) == ["probe-check"])
        #expect(probes.first?.location.file == "002.sql")
        #expect(probes.first?.question == .rows(table: ObjectName(name: "orders"), condition: "(total > 0) IS FALSE"))
    }

    @Test func theIndexKeysAndPredicateAreKept() throws {
        let probe = try #require(
            plan(
                "CREATE UNIQUE INDEX i ON orders USING btree (lower(ref) text_pattern_ops, \"Kind\" DESC) WHERE ref <> '';"
            )
            .first
        )
        #expect(
            probe.question
                == .duplicates(
                    table: ObjectName(name: "orders"),
                    keys: ["lower(ref)", "\"Kind\""],
                    predicate: "ref <> ''"
                )
        )
    }

    @Test func anEarlierUpdateOfTheTableIsNoted() throws {
        let probe = try #require(
            plan(
                "UPDATE orders SET placed_at = now() WHERE placed_at IS NULL;\nALTER TABLE orders ALTER placed_at SET NOT NULL;"
            ).first
        )
        #expect(probe.changedEarlier == "line 1")
    }

    /// A drop that says CASCADE is not stopped by its dependents: its finding says they go with it.
    @Test func aDropWithCascadeIsNoted() throws {
        #expect(try #require(plan("DROP TABLE orders CASCADE;").first).cascade)
        #expect(try #require(plan("ALTER TABLE orders DROP COLUMN note CASCADE;").first).cascade)
        #expect(try #require(plan("DROP TABLE orders;").first).cascade == false)
    }

    /// A backfill in an earlier migration of the run, or a change of type that computes the values,
    /// changes what the probe would find: its finding is a warning that says where.
    @Test func anEarlierFilesBackfillOrARetypeUsingValuesIsNoted() throws {
        let files = [
            MigrationFile(
                path: "db/001_backfill.sql",
                text: "UPDATE orders SET placed_at = now() WHERE placed_at IS NULL;"
            ),
            MigrationFile(path: "db/002_nn.sql", text: "ALTER TABLE orders ALTER placed_at SET NOT NULL;"),
        ]
        let probe = try #require(ProbePlanner.plan(files).first)
        #expect(probe.changedEarlier == "db/001_backfill.sql line 1")
        let retyped = try #require(
            plan(
                "ALTER TABLE orders ALTER v TYPE bigint USING coalesce(v, 0);\nALTER TABLE orders ALTER v SET NOT NULL;"
            ).first
        )
        #expect(retyped.changedEarlier == "line 1")
        #expect(plan("ALTER TABLE orders ALTER placed_at SET NOT NULL;").first?.changedEarlier == nil)
    }

    @Test(arguments: [("500ms", 500), ("2s", 2000), ("1.5s", 1500), ("5m", 300_000), ("1h", 3_600_000)])
    func budgetsReadAsMilliseconds(text: String, milliseconds: Int) throws {
        #expect(try ProbeRunner.budget(text) == milliseconds)
    }

    @Test(arguments: ["2", "fast", "-1s", "0ms", "25h", "2d"])
    func aBudgetWithoutAUnitOrOutOfRangeIsAnActionableError(text: String) {
        do {
            _ = try ProbeRunner.budget(text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.errorDescription?.contains("at most 24h") == true, "names the range")
        }
    }

    @Test(arguments: [
        ("lower(email)", nil), (#""email""#, nil), ("total > 0", nil), ("name::varchar(10) <> ''", nil),
        ("status IN ('a', 'b')", nil), (#"char_length("x"::text) > 10"#, nil),
        ("CASE WHEN (total > 0) THEN 1 ELSE 0 END = 1", nil), ("coalesce(a, b) NOT BETWEEN 1 AND (2)", nil),
        ("(SELECT token FROM secrets LIMIT 1)", "subquery"), ("EXISTS (SELECT 1)", "subquery"),
        ("pg_read_file('/etc/hostname') IS NULL", "calls pg_read_file()"),
        ("public.lower(email)", "calls lower()"), (#""lower"(email)"#, #"calls "lower"()"#),
        ("pg_terminate_backend(1)", "calls pg_terminate_backend()"),
    ])
    func aProbeRunsOnlyExpressionsThatReadTheirRow(expression: String, refusal: String?) {
        let probes = plan("ALTER TABLE t ADD CONSTRAINT c CHECK (\(expression));")
        #expect(probes.map(\.rule) == ["probe-check"])
        let reason = probes.first?.refusal
        if let refusal {
            #expect(reason?.contains(refusal) == true, "\(expression): \(reason ?? "run")")
        } else {
            #expect(reason == nil, "\(expression): \(reason ?? "")")
        }
    }
}
