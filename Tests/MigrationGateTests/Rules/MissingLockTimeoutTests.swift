import MigrationGate
import Testing

@Suite("missing-lock-timeout")
struct MissingLockTimeoutTests {
    @Test(arguments: [
        "CREATE TABLE t (a int);\n»ALTER TABLE orders ADD COLUMN b int;\nALTER TABLE orders ADD COLUMN c int;",
        "»DROP TABLE orders;",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "missing-lock-timeout")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN b int;",
        "SET LOCAL lock_timeout TO '1s';\nCREATE INDEX x ON orders (a);",
        "CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);",
        "ALTER TABLE orders VALIDATE CONSTRAINT c;",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "missing-lock-timeout").found.isEmpty)
    }
}
