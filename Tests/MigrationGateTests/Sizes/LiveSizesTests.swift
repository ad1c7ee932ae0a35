import FoundationEssentials
import MigrationGate
import Testing

/// Runs against the PostgreSQL that `.ci/postgres.sh` starts (see ``TestDatabase``).
@Suite("live table sizes")
struct LiveSizesTests {
    @Test(.enabled(if: TestDatabase.available))
    func theSameMigrationIsAnErrorOnTheBigTableAndCleanOnTheSmallOne() async throws {
        let url = try #require(TestDatabase.url)
        let schema = TestDatabase.newSchema()
        try await TestDatabase.execute(
            [
                "CREATE SCHEMA \(schema)",
                "CREATE TABLE \(schema).big (id bigint, email text)",
                "CREATE TABLE \(schema).small (id bigint, email text)",
                "CREATE INDEX big_id ON \(schema).big (id)",
                "INSERT INTO \(schema).big SELECT g, 'user' || g FROM generate_series(1, 20000) g",
                "INSERT INTO \(schema).small SELECT g, 'user' || g FROM generate_series(1, 10) g",
                "ANALYZE \(schema).big",
                "ANALYZE \(schema).small",
            ]
        )
        let sizes = try await LiveSizes.read(url: url)
        try await TestDatabase.execute(["DROP SCHEMA \(schema) CASCADE"])
        let big = try #require(sizes.tables["\(schema).big"])
        #expect(big.rows == 20_000)
        #expect((big.bytes ?? 0) > 0)
        #expect(sizes.tables["\(schema).small"]?.rows == 10)
        #expect(sizes.indexes["\(schema).big_id"] == "\(schema).big")

        let settings = RuleSettings(largeRows: 10_000)
        func findings(_ table: String) -> [Finding] {
            let timeouts = "SET lock_timeout = '2s'; SET statement_timeout = '5s';\n"
            let sql = timeouts + "CREATE INDEX ON \(schema).\(table) (email);\n"
            return Gate.check([MigrationFile(path: "m.sql", text: sql)], settings: settings, sizes: sizes).findings
        }
        #expect(findings("big").map(\.rule) == ["index-without-concurrently"])
        #expect(findings("big").first?.severity == .error)
        #expect(findings("small").isEmpty)

        // `own gate stats` writes this document; `--table-sizes` reads it back.
        let again = try TableSizes.parse(sizes.jsonDocument(), path: "sizes.json")
        #expect(again == sizes)
    }

    @Test(.enabled(if: TestDatabase.available))
    func aMixedCaseTableNeverAnalyzedIsNotSilent() async throws {
        let url = try #require(TestDatabase.url)
        let schema = TestDatabase.newSchema()
        try await TestDatabase.execute(
            [
                "CREATE SCHEMA \(schema)",
                // Never analyzed, autovacuum's analyze included: reltuples stays -1.
                "CREATE TABLE \(schema).\"Orders\" (id bigint) WITH (autovacuum_enabled = false)",
                "INSERT INTO \(schema).\"Orders\" SELECT g FROM generate_series(1, 20000) g",
            ]
        )
        let sizes = try await LiveSizes.read(url: url)
        try await TestDatabase.execute(["DROP SCHEMA \(schema) CASCADE"])
        let document = sizes.jsonDocument()
        #expect(document.contains("\"\(schema).\\\"Orders\\\"\""), "quoted, so --table-sizes keeps the case")
        let again = try TableSizes.parse(document, path: "sizes.json")
        #expect(again == sizes)
        let sql = "SET lock_timeout = '2s'; SET statement_timeout = '5s';\nCREATE INDEX ON \(schema).\"Orders\" (id);\n"
        let findings = Gate.check([MigrationFile(path: "m.sql", text: sql)], settings: RuleSettings(), sizes: again)
            .findings
        // Never analyzed (reltuples -1): no row count, and a warning rather than silence.
        #expect(try #require(again.tables["\(schema).Orders"]).rows == nil)
        #expect(findings.first { $0.rule == "index-without-concurrently" }?.severity == .warning)
    }

    @Test func anUnreachableDatabaseIsAnActionableError() async throws {
        do {
            _ = try await LiveSizes.read(url: "postgres://nobody@127.0.0.1:1/none")
            Issue.record("expected an error")
        } catch {
            #expect(error.errorDescription?.contains("--database-url") == true)
        }
    }

    @Test(arguments: ["mysql://x", "postgres://host:port/db"])
    func aMalformedURLIsAnActionableError(url: String) async {
        await #expect(throws: GateError.self) { try await LiveSizes.read(url: url) }
    }

    /// The URL's sslmode is honoured, as the team server honours it: a server without TLS is refused
    /// under `require` (never read in plain text), and a mode libpq does not know is a usage error.
    @Test(.enabled(if: TestDatabase.available))
    func sslmodeIsHonoured() async throws {
        let url = try #require(TestDatabase.url)
        let separator = url.contains("?") ? "&" : "?"
        do {
            _ = try await LiveSizes.read(url: url + separator + "sslmode=require")
            Issue.record("a server without TLS was read under sslmode=require")
        } catch {
            #expect(error.errorDescription?.contains("does not offer TLS") == true, "\(error)")
        }
        await #expect(throws: GateError.self) { try await LiveSizes.read(url: url + separator + "sslmode=bogus") }
        // libpq's default, prefer, reads a server without TLS in plain text.
        _ = try await LiveSizes.read(url: url + separator + "sslmode=prefer")
    }
}
