import FoundationEssentials
import MigrationGate
import Testing

/// The data probes against the real PostgreSQL: each with data that triggers it and data that clears it.
@Suite("data probes", .enabled(if: TestDatabase.available))
struct DataProbeTests {
    /// Runs the gate with probes on one migration and returns the probes' findings.
    private func probe(
        _ sql: String,
        sizes: TableSizes = TableSizes(),
        // Generous: a probe stops as soon as it has its answer, so the budget only bounds one that
        // cannot, and a busy machine never turns a finding into "ran out of its budget".
        budget: Int = 60_000,
        largeRows: Int = 1_000_000,
        sampleRows: Int? = nil,
        // Runs what the gate would not (`ProbeSafety`): a test's own slow or writing function.
        refused: Bool = false
    ) async throws -> [Finding] {
        let url = try #require(TestDatabase.url)
        let files = [MigrationFile(path: "m.sql", text: sql)]
        var runner = ProbeRunner(url: url, budgetMilliseconds: budget, sizes: sizes, largeRows: largeRows)
        if let sampleRows { runner.sampleRows = sampleRows }
        var probes = ProbePlanner.plan(files)
        if refused {
            probes = probes.map { probe in
                var probe = probe
                probe.refusal = nil
                return probe
            }
        }
        let probed = try await runner.run(probes)
        return Gate.check(files, sizes: sizes, probed: probed).findings.filter { $0.rule.hasPrefix("probe-") }
    }

    /// A schema with `orders` (the given rows) and `users` (ids 1...3).
    private func schema(orders rows: String) async throws -> String {
        let schema = TestDatabase.newSchema()
        try await TestDatabase.execute([
            "CREATE SCHEMA \(schema)",
            "CREATE TABLE \(schema).users (id bigint PRIMARY KEY)",
            "INSERT INTO \(schema).users SELECT generate_series(1, 3)",
            """
            CREATE TABLE \(schema).orders (id bigint PRIMARY KEY, placed_at timestamptz, total int, n bigint,
              name varchar(255), email text, user_id bigint)
            """,
            "INSERT INTO \(schema).orders (id, placed_at, total, n, name, email, user_id) VALUES \(rows)",
        ])
        return schema
    }

    /// A schema with one table, `definition` (its name and columns), holding `rows`.
    private func schema(table definition: String, rows: String) async throws -> String {
        let schema = TestDatabase.newSchema()
        let name = definition.prefix { $0 != " " }
        try await TestDatabase.execute([
            "CREATE SCHEMA \(schema)", "CREATE TABLE \(schema).\(definition)",
            "INSERT INTO \(schema).\(name) VALUES \(rows)",
        ])
        return schema
    }

    private static let clean = """
        (1, now(), 5, 1, 'ann', 'a@x', 1), (2, now(), 7, 2, 'bo', 'b@x', 2), (3, now(), 9, 3, 'cy', NULL, NULL),
        (4, now(), 1, 4, 'di', NULL, 3)
        """
    private static let dirty = """
        (1, NULL, 5, 1, 'ann', 'a@x', 1), (2, now(), -7, 3000000000, repeat('x', 60), 'a@x', 9),
        (3, NULL, 9, 3, 'cy', NULL, NULL), (4, now(), 1, 4, 'di', NULL, 8)
        """

    @Test func setNotNullOnNullsNamesTheRows() async throws {
        let dirty = try await schema(orders: Self.dirty)
        let found = try await probe("ALTER TABLE \(dirty).orders ALTER COLUMN placed_at SET NOT NULL;")
        #expect(found.map(\.rule) == ["probe-not-null"])
        #expect(found.first?.severity == .error)
        #expect(found.first?.message.contains("rows with NULL in placed_at: 2 (for example 1, 3)") == true)
        #expect(found.first?.message.contains("[probe-not-null probe]") == true)
        #expect(found.first?.help.contains("the probe read: SELECT") == true)
        let clean = try await schema(orders: Self.clean)
        #expect(try await probe("ALTER TABLE \(clean).orders ALTER COLUMN placed_at SET NOT NULL;").isEmpty)
        try await TestDatabase.execute(["DROP SCHEMA \(dirty) CASCADE", "DROP SCHEMA \(clean) CASCADE"])
    }

    @Test func checkConstraintsOnViolatingRows() async throws {
        let dirty = try await schema(orders: Self.dirty)
        let clean = try await schema(orders: Self.clean)
        let add = "ALTER TABLE {s}.orders ADD CONSTRAINT positive CHECK (total > 0);"
        let found = try await probe(add.replacing("{s}", with: dirty))
        #expect(found.map(\.rule) == ["probe-check"])
        #expect(found.first?.message.contains("rows violating it: 1 (for example 2)") == true)
        #expect(try await probe(add.replacing("{s}", with: clean)).isEmpty)
        // NOT VALID then VALIDATE in the same file: the VALIDATE is the one that fails.
        let twoSteps =
            "ALTER TABLE {s}.orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID;\nALTER TABLE {s}.orders VALIDATE CONSTRAINT positive;"
        #expect(try await probe(twoSteps.replacing("{s}", with: dirty)).map(\.line) == [2])
        // A constraint an earlier migration added NOT VALID: its definition comes from the catalog.
        try await TestDatabase.execute([
            "ALTER TABLE \(dirty).orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID",
            "ALTER TABLE \(clean).orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID",
        ])
        let validate = "ALTER TABLE {s}.orders VALIDATE CONSTRAINT positive;"
        #expect(try await probe(validate.replacing("{s}", with: dirty)).map(\.rule) == ["probe-constraint"])
        #expect(try await probe(validate.replacing("{s}", with: clean)).isEmpty)
        // A primary key cannot be validated (PostgreSQL refuses it): said so, not "not in the database".
        let key = try await probe("ALTER TABLE \(clean).orders VALIDATE CONSTRAINT orders_pkey;")
        #expect(key.first?.message.contains("is not a CHECK or a foreign key") == true, "\(key)")
        try await TestDatabase.execute(["DROP SCHEMA \(dirty) CASCADE", "DROP SCHEMA \(clean) CASCADE"])
    }

    @Test func uniqueOnDuplicatesNamesTheValues() async throws {
        let dirty = try await schema(orders: Self.dirty)
        let clean = try await schema(orders: Self.clean)
        let index = "CREATE UNIQUE INDEX CONCURRENTLY orders_email ON {s}.orders (email);"
        let found = try await probe(index.replacing("{s}", with: dirty))
        #expect(found.map(\.rule) == ["probe-unique"])
        #expect(found.first?.message.contains("duplicated values: 1 (for example a@x)") == true)
        // NULLs never collide.
        #expect(try await probe(index.replacing("{s}", with: clean)).isEmpty)
        let constraint = "ALTER TABLE {s}.orders ADD CONSTRAINT u UNIQUE (email, total);"
        #expect(try await probe(constraint.replacing("{s}", with: dirty)).isEmpty)
        let partial = "CREATE UNIQUE INDEX ON {s}.orders (email) WHERE total > 0;"
        #expect(try await probe(partial.replacing("{s}", with: dirty)).isEmpty)
        // NULLS NOT DISTINCT: two NULLs collide (clean has two orders with no email).
        for sql in [
            "CREATE UNIQUE INDEX CONCURRENTLY orders_email2 ON {s}.orders (email) NULLS NOT DISTINCT;",
            "ALTER TABLE {s}.orders ADD CONSTRAINT u2 UNIQUE NULLS NOT DISTINCT (email);",
        ] {
            #expect(try await probe(sql.replacing("{s}", with: clean)).map(\.rule) == ["probe-unique"], "\(sql)")
        }
        try await TestDatabase.execute(["DROP SCHEMA \(dirty) CASCADE", "DROP SCHEMA \(clean) CASCADE"])
    }

    @Test func typeChangesThatOverflowOrTruncate() async throws {
        let dirty = try await schema(orders: Self.dirty)
        let clean = try await schema(orders: Self.clean)
        for sql in [
            "ALTER TABLE {s}.orders ALTER COLUMN n TYPE int;",
            "ALTER TABLE {s}.orders ALTER COLUMN name TYPE varchar(50);",
        ] {
            let found = try await probe(sql.replacing("{s}", with: dirty))
            #expect(found.map(\.rule) == ["probe-type-change"], "\(sql)")
            #expect(found.first?.message.contains("(for example 2)") == true)
            #expect(try await probe(sql.replacing("{s}", with: clean)).isEmpty, "\(sql)")
        }
        // As PostgreSQL stores them: 999.999 rounds to 1000.00, too wide for numeric(5,2); excess
        // characters that are all spaces are cut off.
        let s = try await schema(
            table: "t (id int PRIMARY KEY, amount numeric, label text)",
            rows: "(1, 999.994, 'ab      '), (2, 999.999, 'abc')"
        )
        let amount = try await probe("ALTER TABLE \(s).t ALTER COLUMN amount TYPE numeric(5,2);")
        #expect(amount.map(\.rule) == ["probe-type-change"])
        #expect(amount.first?.message.contains(": 1 (for example 2)") == true, "\(amount)")
        #expect(try await probe("ALTER TABLE \(s).t ALTER COLUMN label TYPE varchar(3);").isEmpty)
        // A fraction rounds into the range (2147483647.4 is 2147483647); an array's elements are what
        // must fit, not its text (`{a,b,c,d}` is 9 characters of elements of one).
        let edge = try await schema(
            table: "e (id int PRIMARY KEY, n float8, tags varchar(50)[])",
            rows: "(1, 2147483647.4, '{a,b,c,d}'), (2, 1, '{aaaa}')"
        )
        #expect(try await probe("ALTER TABLE \(edge).e ALTER COLUMN n TYPE int;").isEmpty)
        #expect(try await probe("ALTER TABLE \(edge).e ALTER COLUMN tags TYPE varchar(5)[];").isEmpty)
        try await TestDatabase.execute(["DROP SCHEMA \(edge) CASCADE"])
        try await TestDatabase.execute([
            "DROP SCHEMA \(dirty) CASCADE", "DROP SCHEMA \(clean) CASCADE", "DROP SCHEMA \(s) CASCADE",
        ])
    }

    @Test func foreignKeysToMissingParents() async throws {
        let dirty = try await schema(orders: Self.dirty)
        let clean = try await schema(orders: Self.clean)
        let add = "ALTER TABLE {s}.orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES {s}.users;"
        let found = try await probe(add.replacing("{s}", with: dirty))
        #expect(found.map(\.rule) == ["probe-foreign-key"])
        #expect(found.first?.message.contains("rows referencing a missing row of \(dirty).users: 2") == true)
        #expect(found.first?.message.contains("(for example 2, 4)") == true)
        #expect(try await probe(add.replacing("{s}", with: clean)).isEmpty)
        try await TestDatabase.execute(["DROP SCHEMA \(dirty) CASCADE", "DROP SCHEMA \(clean) CASCADE"])
    }

    @Test func dropsOfWhatOthersDependOn() async throws {
        let s = try await schema(orders: Self.clean)
        try await TestDatabase.execute([
            "CREATE VIEW \(s).order_emails AS SELECT id, email FROM \(s).orders",
            "CREATE TABLE \(s).notes (order_id bigint REFERENCES \(s).orders (id))",
            "CREATE FUNCTION \(s).big_totals() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM \(s).orders WHERE total > 5 $$",
        ])
        let table = try await probe("DROP TABLE \(s).orders;")
        #expect(table.map(\.rule) == ["probe-dependents"])
        let message = try #require(table.first?.message)
        #expect(message.contains("view \(s).order_emails"))
        #expect(message.contains("foreign key notes_order_id_fkey of \(s).notes"))
        // Its body a string, the function is found by its source, and said to be untracked: the drop
        // succeeds for it, and it fails when it next runs.
        #expect(message.contains("function \(s).big_totals() (its source names it)"))
        #expect(message.contains("fails without CASCADE"))
        #expect(message.contains("a function whose source names it is not tracked"))
        // Written with CASCADE, the drop is not stopped: they go with it.
        let cascade = try #require(try await probe("DROP TABLE \(s).orders CASCADE;").first?.message)
        #expect(cascade.contains("drops them too (CASCADE)") && !cascade.contains("fails without"), "\(cascade)")
        let email = try await probe("ALTER TABLE \(s).orders DROP COLUMN email;")
        #expect(email.first?.message.contains("view \(s).order_emails") == true)
        #expect(email.first?.message.contains("function") == false)
        let total = try await probe("ALTER TABLE \(s).orders DROP COLUMN total;")
        let totalMessage = try #require(total.first?.message)
        #expect(totalMessage.contains("orders.total succeeds, and breaks functions PostgreSQL does not track"))
        #expect(totalMessage.contains("function \(s).big_totals() (its source names it)"))
        #expect(!totalMessage.contains("CASCADE"))
        // A function with a SQL-standard body is tracked: the drop fails without CASCADE.
        try await TestDatabase.execute([
            "CREATE FUNCTION \(s).placed() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(placed_at) FROM \(s).orders; END"
        ])
        let placed = try #require(try await probe("ALTER TABLE \(s).orders DROP COLUMN placed_at;").first?.message)
        #expect(placed.contains("fails without CASCADE"), "\(placed)")
        #expect(placed.contains("function \(s).placed()") && !placed.contains("(its source names it)"), "\(placed)")
        #expect(try await probe("DROP TABLE \(s).users;").isEmpty)
        try await TestDatabase.execute(["DROP SCHEMA \(s) CASCADE"])
    }

    @Test func tablesAndColumnsNotYetInTheDatabaseAreNotProbed() async throws {
        let s = try await schema(orders: Self.dirty)
        #expect(try await probe("ALTER TABLE \(s).missing ALTER COLUMN a SET NOT NULL;").isEmpty)
        #expect(try await probe("ALTER TABLE \(s).orders DROP COLUMN missing;").isEmpty)
        #expect(try await probe("ALTER TABLE \(s).orders ALTER COLUMN missing SET NOT NULL;").isEmpty)
        #expect(try await probe("ALTER TABLE \(s).orders ADD CONSTRAINT c CHECK (missing > 0);").isEmpty)
        try await TestDatabase.execute(["DROP SCHEMA \(s) CASCADE"])
    }

    /// A probe the server rejects says so, not nothing: the probe reads the table under another
    /// name, so a CHECK that names its table (which PostgreSQL takes in the migration) cannot run.
    @Test func aProbeTheServerRejectsIsAnInfoFinding() async throws {
        let s = try await schema(orders: Self.dirty)
        let found = try await probe("ALTER TABLE \(s).orders ADD CONSTRAINT p CHECK (orders.total > 5);")
        #expect(found.map(\.severity) == [.info], "\(found)")
        #expect(found.first?.message.contains("could not run") == true, "\(found)")
        try await TestDatabase.execute(["DROP SCHEMA \(s) CASCADE"])
    }

    /// A primary key makes its columns NOT NULL: a NULL fails the statement as a duplicate does.
    @Test func aPrimaryKeyOnNullsNamesTheRows() async throws {
        let s = try await schema(table: "pkn (id int, a int)", rows: "(1, 1), (2, NULL), (3, 2)")
        let found = try await probe("ALTER TABLE \(s).pkn ADD PRIMARY KEY (a);")
        #expect(found.map(\.rule) == ["probe-not-null"])
        #expect(found.first?.message.contains("rows with NULL in the key: 1") == true, "\(found)")
        try await TestDatabase.execute(["DROP SCHEMA \(s) CASCADE"])
    }

    @Test func aProbeNeverWrites() async throws {
        let s = try await schema(orders: Self.dirty)
        // A check whose expression writes: in the probe's READ ONLY transaction the write is refused.
        try await TestDatabase.execute([
            "CREATE TABLE \(s).side_effects (at timestamptz)",
            """
            CREATE FUNCTION \(s).writes(v int) RETURNS boolean LANGUAGE plpgsql AS $$
            BEGIN INSERT INTO \(s).side_effects VALUES (now()); RETURN v > 0; END $$
            """,
        ])
        let check = "ALTER TABLE \(s).orders ADD CONSTRAINT w CHECK (\(s).writes(total));"
        // The gate does not run a function the migration calls; run all the same, the write is refused.
        let found = try await probe(check)
        #expect(found.map(\.severity) == [.info])
        #expect(found.first?.message.contains("was not run: its expression calls writes()") == true)
        let forced = try await probe(check, refused: true)
        #expect(forced.map(\.severity) == [.info])
        #expect(forced.first?.message.contains("read-only transaction") == true)
        #expect(try await TestDatabase.count("SELECT count(*) FROM \(s).side_effects") == 0)
        try await TestDatabase.execute(["DROP SCHEMA \(s) CASCADE"])
    }

    /// A migration's expressions are not run when they could read other tables or act on the
    /// server: a subquery would put another table's values in the finding, and a call could end
    /// other sessions. Nothing is read, and the finding says why.
    @Test func expressionsThatReadOtherTablesOrCallFunctionsAreNotRun() async throws {
        let s = try await schema(orders: Self.dirty)
        try await TestDatabase.execute([
            "CREATE TABLE \(s).secrets (token text)", "INSERT INTO \(s).secrets VALUES ('sk_live_SECRET')",
        ])
        for sql in [
            "CREATE UNIQUE INDEX CONCURRENTLY x ON \(s).orders ((id % 1), (SELECT token FROM \(s).secrets LIMIT 1));",
            "ALTER TABLE \(s).orders ADD CONSTRAINT k CHECK ((SELECT count(*) FROM pg_stat_activity) < 0);",
            "ALTER TABLE \(s).orders ADD CONSTRAINT k CHECK (pg_read_file('/etc/hostname') IS NULL);",
        ] {
            let found = try await probe(sql)
            #expect(found.map(\.severity) == [.info], "\(sql)")
            #expect(found.first?.message.contains("was not run") == true, "\(found)")
            #expect(found.first?.message.contains("SECRET") == false)
        }
        // Built-ins that read only their arguments are run as before.
        let lower = "CREATE UNIQUE INDEX CONCURRENTLY e ON \(s).orders (lower(email));"
        #expect(try await probe(lower).map(\.rule) == ["probe-unique"])
        try await TestDatabase.execute(["DROP SCHEMA \(s) CASCADE"])
    }

    /// Counted, not timed: the index's predicate sleeps a millisecond for each row it reads, so
    /// the exact try over 30,000 rows needs 30 s whatever the machine, and runs out of any budget
    /// here; the sample reads about 300 rows, 0.3 s, against half of a 10 s budget.
    @Test func aProbeStopsAtItsBudgetAndSamplesALargeTable() async throws {
        let s = TestDatabase.newSchema()
        // Rows of about 1 kB, 7 to a page, so a 1% sample reads some 40 pages (never none); each code
        // is on three neighbouring rows, so every page holds duplicates: the sample's answer does not
        // depend on which pages it reads.
        try await TestDatabase.execute([
            "CREATE SCHEMA \(s)",
            "CREATE TABLE \(s).events (id bigint PRIMARY KEY, code text, pad text)",
            "INSERT INTO \(s).events SELECT g, 'code-' || (g / 3), repeat('x', 1000) FROM generate_series(1, 30000) g",
            "ANALYZE \(s).events",
            "CREATE FUNCTION \(s).slow(bigint) RETURNS boolean LANGUAGE sql AS $$ SELECT true FROM pg_sleep(0.001) $$",
        ])
        let sql = "CREATE UNIQUE INDEX CONCURRENTLY events_code ON \(s).events (code) WHERE \(s).slow(id);"
        // Not known to be large: one exact try, which statement_timeout cancels at the budget.
        let bounded = try await probe(sql, budget: 100, refused: true)
        #expect(bounded.map(\.severity) == [.info])
        #expect(bounded.first?.message.contains("ran out of its budget") == true)
        // Known to be large: after the exact try runs out of half the budget, a sample finds duplicates.
        let sizes = TableSizes(["\(s).events": TableSize(rows: 30_000, bytes: nil)])
        let sampled = try await probe(
            sql,
            sizes: sizes,
            budget: 10_000,
            largeRows: 10_000,
            sampleRows: 300,
            refused: true
        )
        #expect(sampled.map(\.rule) == ["probe-unique"])
        #expect(sampled.first?.severity == .error)
        #expect(sampled.first?.message.contains("% sample") == true)
        try await TestDatabase.execute(["DROP SCHEMA \(s) CASCADE"])
    }
}
