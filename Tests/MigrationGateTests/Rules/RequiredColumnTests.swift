import MigrationGate
import Testing

@Suite("required-column")
struct RequiredColumnTests {
    @Test(arguments: [
        "ALTER TABLE orders »ADD COLUMN region text NOT NULL;",
        "ALTER TABLE tiny »ADD COLUMN IF NOT EXISTS region text NOT NULL CHECK (region <> '');",
        "CREATE TABLE t (a int);\nALTER TABLE t »ADD COLUMN b int NOT NULL;",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "required-column")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "ALTER TABLE orders ADD COLUMN region text NOT NULL DEFAULT 'eu';",
        "ALTER TABLE orders ADD COLUMN region text;",
        "ALTER TABLE orders ADD COLUMN n int NOT NULL GENERATED ALWAYS AS (a + 1) STORED;",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "required-column").found.isEmpty)
    }
}
