import MigrationGate
import Testing

@Suite("truncate-cascade")
struct TruncateCascadeTests {
    @Test(arguments: [
        "»TRUNCATE orders CASCADE;",
        "»truncate table a, b restart identity cascade;",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "truncate-cascade")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "TRUNCATE orders;",
        "TRUNCATE orders RESTRICT;",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "truncate-cascade").found.isEmpty)
    }
}
