import MigrationGate
import Testing

@Suite("enum-value-in-transaction")
struct EnumValueInTransactionTests {
    static let rule = "enum-value-in-transaction"

    @Test(arguments: [
        "BEGIN;\nALTER TYPE order_status ADD VALUE 'refunded';\n»UPDATE orders SET status = 'refunded' WHERE refund;\n"
            + "COMMIT;",
        "BEGIN;\nALTER TYPE billing.state ADD VALUE IF NOT EXISTS 'held' BEFORE 'paid';\n"
            + "»ALTER TABLE orders ALTER COLUMN state SET DEFAULT 'held';\n"
            + "»CREATE INDEX held_orders ON orders (id) WHERE state = 'held';\nCOMMIT;",
        "BEGIN;\nALTER TYPE mood ADD VALUE 'it''s fine';\n»INSERT INTO moods VALUES (E'it''s fine');\nCOMMIT;",
        // Created in the same transaction: its added values are refused all the same.
        "BEGIN;\nCREATE TYPE mood AS ENUM ('ok');\nALTER TYPE mood ADD VALUE 'sad';\n"
            + "»CREATE TABLE t (m mood DEFAULT 'sad');\nCOMMIT;",
    ])
    func reportsTheStatementThatUsesTheNewValue(sql: String) {
        let result = run(sql, rule: Self.rule)
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        // No transaction: each statement commits on its own.
        "ALTER TYPE order_status ADD VALUE 'refunded';\nUPDATE orders SET status = 'refunded';",
        // The use in a transaction after the one that added the value.
        "BEGIN;\nALTER TYPE order_status ADD VALUE 'refunded';\nCOMMIT;\nBEGIN;\n"
            + "UPDATE orders SET status = 'refunded';\nCOMMIT;",
        // Another value placed after it; a function's body, not run when it is created.
        "BEGIN;\nALTER TYPE s ADD VALUE 'b';\nALTER TYPE s ADD VALUE 'c' AFTER 'b';\n"
            + "CREATE FUNCTION f() RETURNS s LANGUAGE sql AS $$ SELECT 'b'::s $$;\nCOMMIT;",
        // Another value written elsewhere.
        "BEGIN;\nALTER TYPE order_status ADD VALUE 'refunded';\nUPDATE orders SET note = 'paid';\nCOMMIT;",
    ])
    func acceptsWhatPostgreSQLRuns(sql: String) {
        #expect(run(sql, rule: Self.rule).found.isEmpty)
    }

    /// With a runner that wraps each file in a transaction, the whole file is one.
    @Test func theRunnersTransactionCounts() {
        let sql = "ALTER TYPE order_status ADD VALUE 'refunded';\n»UPDATE orders SET status = 'refunded';"
        let result = run(sql, rule: Self.rule, settings: RuleSettings(assumeTransaction: true))
        #expect(positions(result.found) == result.expected)
        #expect(result.found.first?.message.contains("which line 1 adds to order_status") == true)
        #expect(result.found.first?.severity == .error)
    }

    /// Before PostgreSQL 12, ALTER TYPE … ADD VALUE is refused in a transaction, used or not.
    @Test func beforeTwelveTheAlterTypeItselfIsRefusedInATransaction() {
        let sql = "BEGIN;\n»ALTER TYPE order_status ADD VALUE 'refunded';\nCOMMIT;"
        let eleven = run(sql, rule: Self.rule, settings: RuleSettings(postgresVersion: 11))
        #expect(positions(eleven.found) == eleven.expected)
        #expect(eleven.found.first?.message.hasPrefix("ALTER TYPE … ADD VALUE cannot run inside a transaction") == true)
        #expect(run(sql, rule: Self.rule, settings: RuleSettings(postgresVersion: 12)).found.isEmpty)
        #expect(
            run("ALTER TYPE s ADD VALUE 'x';", rule: Self.rule, settings: RuleSettings(postgresVersion: 11)).found
                .isEmpty
        )
    }

    /// What the rule says PostgreSQL does, PostgreSQL does: the reported use fails, the forms it
    /// accepts run.
    @Test(.enabled(if: TestDatabase.available))
    func postgreSQLRefusesWhatTheRuleReportsAndRunsWhatItAccepts() async throws {
        let schema = TestDatabase.newSchema()
        try await TestDatabase.execute([
            "CREATE SCHEMA \(schema)", "CREATE TYPE \(schema).st AS ENUM ('paid')",
            "CREATE TABLE \(schema).orders (id int, status \(schema).st)",
        ])
        let used = [
            "BEGIN", "ALTER TYPE \(schema).st ADD VALUE 'refunded'",
            "UPDATE \(schema).orders SET status = 'refunded'", "COMMIT",
        ]
        #expect(!run(used.joined(separator: ";\n") + ";", rule: Self.rule).found.isEmpty)
        await #expect(throws: (any Error).self) { try await TestDatabase.execute(used) }
        let later = [
            "BEGIN", "ALTER TYPE \(schema).st ADD VALUE 'held'", "COMMIT", "BEGIN",
            "UPDATE \(schema).orders SET status = 'held'", "COMMIT",
        ]
        #expect(run(later.joined(separator: ";\n") + ";", rule: Self.rule).found.isEmpty)
        try await TestDatabase.execute(later)
        // A type created in the same transaction is no exception.
        let createdHere = [
            "BEGIN", "CREATE TYPE \(schema).mood AS ENUM ('ok')", "ALTER TYPE \(schema).mood ADD VALUE 'sad'",
            "CREATE TABLE \(schema).t (m \(schema).mood DEFAULT 'sad')", "COMMIT",
        ]
        #expect(!run(createdHere.joined(separator: ";\n") + ";", rule: Self.rule).found.isEmpty)
        await #expect(throws: (any Error).self) { try await TestDatabase.execute(createdHere) }
        try await TestDatabase.execute(["DROP SCHEMA \(schema) CASCADE"])
    }
}
