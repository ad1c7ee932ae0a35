import MigrationGate
import Testing

@Suite("drop-database")
struct DropDatabaseTests {
    @Test(arguments: [
        "»DROP DATABASE shop;",
        "»drop database if exists shop;",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "drop-database")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "DROP TABLE IF EXISTS database_names;"
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "drop-database").found.isEmpty)
    }
}
