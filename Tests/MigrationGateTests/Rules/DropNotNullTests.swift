import MigrationGate
import Testing

@Suite("drop-not-null")
struct DropNotNullTests {
    @Test(arguments: [
        "ALTER TABLE orders »ALTER COLUMN placed_at DROP NOT NULL;"
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "drop-not-null")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "ALTER TABLE orders ALTER COLUMN placed_at SET DEFAULT now();"
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "drop-not-null").found.isEmpty)
    }
}
