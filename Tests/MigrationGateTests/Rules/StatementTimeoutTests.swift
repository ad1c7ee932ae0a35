import MigrationGate
import Testing

@Suite("statement-timeout")
struct StatementTimeoutTests {
    @Test(arguments: [
        "»ALTER TABLE orders ADD COLUMN a int;\nALTER TABLE orders ADD COLUMN b int;",
        "SET lock_timeout = '2s';\n»CREATE INDEX CONCURRENTLY i ON orders (a);",
        "CREATE TABLE t (id int);\n»REPACK orders;",
        // A SET LOCAL ends with its transaction; RESET ALL takes every setting back.
        "BEGIN;\nSET LOCAL statement_timeout = '5s';\nCOMMIT;\n»ALTER TABLE orders ADD COLUMN a int;",
        "SET statement_timeout = '5s';\nRESET ALL;\n»ALTER TABLE orders ADD COLUMN a int;",
        "SET statement_timeout = '5s';\nRESET statement_timeout;\n»ALTER TABLE orders ADD COLUMN a int;",
        // Outside a transaction PostgreSQL ignores a SET LOCAL (and CONCURRENTLY runs in none).
        "SET LOCAL statement_timeout TO 0;\n»CREATE INDEX CONCURRENTLY i ON orders (a);",
    ])
    func reportsTheFirstLockOnce(sql: String) {
        let result = run(sql, rule: "statement-timeout")
        #expect(positions(result.found) == result.expected)
        #expect(result.found.allSatisfy { $0.severity == .warning })
    }

    @Test(arguments: [
        "SET statement_timeout = '5s';\nALTER TABLE orders ADD COLUMN a int;",
        "SET statement_timeout TO 0;\nCREATE INDEX CONCURRENTLY i ON orders (a);",
        "CREATE TABLE t (id int);\nSELECT 1;",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "statement-timeout").found.isEmpty)
    }
}
