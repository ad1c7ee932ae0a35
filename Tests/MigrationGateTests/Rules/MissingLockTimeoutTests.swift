import MigrationGate
import Testing

@Suite("missing-lock-timeout")
struct MissingLockTimeoutTests {
    @Test(arguments: [
        "CREATE TABLE t (a int);\n»ALTER TABLE orders ADD COLUMN b int;\nALTER TABLE orders ADD COLUMN c int;",
        "»DROP TABLE orders;",
        "CREATE TABLE t (a int);\n»CREATE INDEX t_a ON t (a);",
        "»COMMENT ON COLUMN orders.note IS 'shown to customers';",
        "»CREATE TABLE lines (order_id bigint REFERENCES orders (id));",
        "»CREATE TABLE order_copy AS SELECT * FROM orders;",
        "»ALTER TABLE orders VALIDATE CONSTRAINT c;",
        "»CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;",
        // 0 turns the timeout off, and DEFAULT puts back the server's.
        "SET lock_timeout = 0;\n»ALTER TABLE orders ADD COLUMN b int;",
        "SET lock_timeout TO '0ms';\n»ALTER TABLE orders ADD COLUMN b int;",
        "SET lock_timeout = DEFAULT;\n»ALTER TABLE orders ADD COLUMN b int;",
        // A SET LOCAL ends with the transaction it is in; RESET puts back the server's default.
        "BEGIN;\nSET LOCAL lock_timeout = '2s';\nCOMMIT;\n»ALTER TABLE orders ADD COLUMN b int;",
        "SET lock_timeout = '2s';\nRESET lock_timeout;\n»ALTER TABLE orders ADD COLUMN b int;",
        "SET lock_timeout = '2s';\nRESET ALL;\n»ALTER TABLE orders ADD COLUMN b int;",
        // DISCARD ALL resets every setting too.
        "SET lock_timeout = '2s';\nDISCARD ALL;\n»ALTER TABLE orders ADD COLUMN b int;",
        // A ROLLBACK undoes the SET made in its transaction, as PostgreSQL does.
        "BEGIN;\nSET lock_timeout = '2s';\nROLLBACK;\n»ALTER TABLE orders ADD COLUMN b int;",
        // Outside a transaction (none opened, none assumed) PostgreSQL ignores a SET LOCAL.
        "SET LOCAL lock_timeout TO '1s';\n»CREATE INDEX x ON orders (a);",
        "SELECT set_config('lock_timeout', '2s', true);\n»ALTER TABLE orders ADD COLUMN b int;",
        // Set for one step only: the statement after it is reported.
        "SET lock_timeout = '2s';\nBEGIN;\nSET LOCAL lock_timeout = 0;\n»ALTER TABLE orders ADD COLUMN b int;\nCOMMIT;",
        // set_config is SET as a function: its third argument true is SET LOCAL. A SELECT that does
        // more than set one setting is not taken for one.
        "BEGIN;\nSELECT set_config('lock_timeout', '2s', true);\nCOMMIT;\n»ALTER TABLE orders ADD COLUMN b int;",
        "SELECT set_config('lock_timeout', '0', false);\n»ALTER TABLE orders ADD COLUMN b int;",
        "SELECT set_config('lock_timeout', '2s', false), 1 FROM orders;\n»ALTER TABLE orders ADD COLUMN b int;",
        // ROLLBACK TO a savepoint undoes what was SET since it, as PostgreSQL does.
        "BEGIN;\nSAVEPOINT s;\nSET lock_timeout = '2s';\nROLLBACK TO SAVEPOINT s;\n»ALTER TABLE orders ADD COLUMN b int;\nCOMMIT;",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "missing-lock-timeout")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN b int;",
        "SET lock_timeout = 500;\nALTER TABLE orders ADD COLUMN b int;",
        "BEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN b int;\nCOMMIT;",
        // After its transaction, the session's setting holds again.
        "SET lock_timeout = '2s';\nBEGIN;\nSET LOCAL lock_timeout = 0;\nCOMMIT;\nALTER TABLE orders ADD COLUMN b int;",
        "SELECT set_config('lock_timeout', '2s', false);\nALTER TABLE orders ADD COLUMN b int;",
        // A COMMIT keeps a session SET made in the transaction; a ROLLBACK keeps the one made before it.
        "BEGIN;\nSET lock_timeout = '2s';\nCOMMIT;\nALTER TABLE orders ADD COLUMN b int;",
        "SET lock_timeout = '2s';\nBEGIN;\nSET lock_timeout = 0;\nROLLBACK;\nALTER TABLE orders ADD COLUMN b int;",
        "select pg_catalog.set_config('Lock_Timeout', '1s', FALSE)\n;\nCREATE INDEX x ON orders (a);",
        "BEGIN;\nSELECT set_config('lock_timeout', '2s', true);\nALTER TABLE orders ADD COLUMN b int;\nCOMMIT;",
        "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\nGRANT SELECT ON t TO reporting;",
        "CREATE TEMP TABLE t (a int);\nANALYZE t;\nUPDATE t SET a = 2;",
        // Released, or rolled back to a savepoint made after it, a SET stands.
        "BEGIN;\nSET lock_timeout = '2s';\nSAVEPOINT s;\nROLLBACK TO s;\nALTER TABLE orders ADD COLUMN b int;\nCOMMIT;",
        "BEGIN;\nSAVEPOINT s;\nSET lock_timeout = '2s';\nRELEASE SAVEPOINT s;\nALTER TABLE orders ADD COLUMN b int;\nCOMMIT;",
        // COMMIT AND CHAIN begins the next transaction, where SET LOCAL holds.
        "BEGIN;\nCOMMIT AND CHAIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN b int;\nCOMMIT;",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "missing-lock-timeout").found.isEmpty)
    }

    /// In the transaction the runner wraps the file in (--assume-transaction), a SET LOCAL lasts the file.
    @Test func aSetLocalInTheAssumedTransactionLastsTheFile() {
        let sql = "SET LOCAL lock_timeout TO '1s';\nCREATE INDEX x ON orders (a);"
        #expect(run(sql, rule: "missing-lock-timeout", settings: RuleSettings(assumeTransaction: true)).found.isEmpty)
        // Until a COMMIT of the file's ends that transaction, and the SET LOCAL with it.
        let ended = "SET LOCAL lock_timeout TO '1s';\nCOMMIT;\n»ALTER TABLE orders ADD COLUMN b int;"
        let result = run(ended, rule: "missing-lock-timeout", settings: RuleSettings(assumeTransaction: true))
        #expect(positions(result.found) == result.expected)
    }

    /// COMMIT AND CHAIN begins a transaction: the COMMIT after it ends one, and is no stray.
    @Test func commitAndChainOpensTheNextTransaction() {
        let sql = "SET lock_timeout = '2s';\nBEGIN;\nCOMMIT AND CHAIN;\nALTER TABLE orders ADD COLUMN b int;\nCOMMIT;"
        #expect(run(sql, rule: "nested-transaction").found.isEmpty)
    }
}
