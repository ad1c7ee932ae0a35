import MigrationGate
import Testing

@Suite("drop-constraint")
struct DropConstraintTests {
    @Test(arguments: [
        "ALTER TABLE orders »DROP CONSTRAINT orders_total_check;",
        "ALTER TABLE orders »DROP CONSTRAINT IF EXISTS a;",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "drop-constraint")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (a > 0) NOT VALID;"
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "drop-constraint").found.isEmpty)
    }
}
