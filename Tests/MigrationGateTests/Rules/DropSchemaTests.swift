import MigrationGate
import Testing

@Suite("drop-schema")
struct DropSchemaTests {
    @Test(arguments: [
        "»DROP SCHEMA reporting CASCADE;"
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "drop-schema")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "CREATE SCHEMA reporting;"
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "drop-schema").found.isEmpty)
    }
}
