import MigrationGate
import Testing

@Suite("backfill-in-transaction")
struct BackfillInTransactionTests {
    @Test(arguments: [
        "BEGIN;\nALTER TABLE orders ADD COLUMN z text;\n»UPDATE orders SET z = 'a';\nCOMMIT;",
        "START TRANSACTION;\nALTER TABLE public.orders ADD COLUMN z text;\n»update only orders set z = 'a' where true;\nCOMMIT;",
        // Another table altered: it stays locked while the large one is written.
        "BEGIN;\nALTER TABLE tiny ADD COLUMN z text;\n»UPDATE orders SET total = 0;\nCOMMIT;",
        // Written after common table expressions (a materialized one, two of them).
        "BEGIN;\nALTER TABLE orders ADD COLUMN z text;\n»WITH x AS (SELECT 1) UPDATE orders SET z = 'a';\nCOMMIT;",
        "BEGIN;\nALTER TABLE orders ADD COLUMN z text;\n"
            + "»WITH RECURSIVE a(n) AS MATERIALIZED (SELECT 1), b AS (SELECT (2)) UPDATE ONLY orders SET z = 'b';\nCOMMIT;",
    ])
    func reportsABackfillOfALargeTableUnderTheAltersLock(sql: String) {
        let result = run(sql, rule: "backfill-in-transaction")
        #expect(positions(result.found) == result.expected)
        #expect(result.found.first?.severity == .error)
    }

    @Test func saysWhichAlterHoldsTheLockAndTheSize() throws {
        let sql = "BEGIN;\nALTER TABLE orders ADD COLUMN z text;\nUPDATE orders SET z = 'a';\nCOMMIT;"
        let finding = try #require(run(sql, rule: "backfill-in-transaction").found.first)
        #expect(
            finding.message
                == "UPDATE of orders runs in the transaction that altered it (line 2): every query on it waits "
                + "until the backfill commits; it has about 5000000 rows"
        )
        let other = "BEGIN;\nALTER TABLE tiny ADD COLUMN z text;\nUPDATE orders SET total = 0;\nCOMMIT;"
        #expect(
            try #require(run(other, rule: "backfill-in-transaction").found.first).message.hasPrefix(
                "UPDATE of orders runs in the transaction that altered tiny (line 2), which stays locked meanwhile"
            )
        )
    }

    @Test(arguments: [
        // Committed first: the lock is gone before the backfill.
        "BEGIN;\nALTER TABLE orders ADD COLUMN z text;\nCOMMIT;\nUPDATE orders SET z = 'a';",
        // No transaction open, none assumed: each statement commits on its own.
        "ALTER TABLE orders ADD COLUMN z text;\nUPDATE orders SET z = 'a';",
        // No ALTER in the transaction.
        "BEGIN;\nUPDATE orders SET z = 'a';\nCOMMIT;",
        // A small table, or one the file creates.
        "BEGIN;\nALTER TABLE tiny ADD COLUMN z text;\nUPDATE tiny SET z = 'a';\nCOMMIT;",
        "BEGIN;\nCREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN z text;\nUPDATE t SET z = 'a';\nCOMMIT;",
        // The UPDATE before the ALTER.
        "BEGIN;\nUPDATE orders SET z = 'a';\nALTER TABLE orders ADD COLUMN y text;\nCOMMIT;",
    ])
    func acceptsABackfillOutsideTheAltersTransaction(sql: String) {
        #expect(run(sql, rule: "backfill-in-transaction").found.isEmpty, "\(sql)")
    }

    /// A runner that wraps each file in a transaction (`--assume-transaction`) holds the lock too.
    @Test func theRunnersTransactionCounts() {
        let sql = "ALTER TABLE orders ADD COLUMN z text;\n»UPDATE orders SET z = 'a';"
        let result = run(sql, rule: "backfill-in-transaction", settings: RuleSettings(assumeTransaction: true))
        #expect(positions(result.found) == result.expected)
    }
}
