import MigrationGate
import Testing

@Suite("enum-value-in-transaction")
struct EnumValueInTransactionTests {
    static let rule = "enum-value-in-transaction"

    /// Migrations PostgreSQL refuses, `»` where each use is reported (the constant, or the body that holds it): `S.` stands for the
    /// schema of the live test, whose `S.mood` has 'sad' and 'ok' and `S.person` a `mood` column `m`.
    static let refused = [
        "BEGIN;\nALTER TYPE S.mood ADD VALUE 'happy';\nUPDATE S.person SET m = »'happy' WHERE id = 1;\nCOMMIT;",
        "BEGIN;\nALTER TYPE S.mood ADD VALUE IF NOT EXISTS 'happy' BEFORE 'ok';\n"
            + "ALTER TABLE S.person ALTER COLUMN m SET DEFAULT »'happy';\n"
            + "CREATE INDEX happy_people ON S.person (id) WHERE m = »'happy';\nCOMMIT;",
        "BEGIN;\nALTER TYPE S.mood ADD VALUE 'it''s fine';\nINSERT INTO S.person VALUES (1, »E'it''s fine');\nCOMMIT;",
        // Created in the same transaction: its added values are refused all the same.
        "BEGIN;\nCREATE TYPE S.mood2 AS ENUM ('ok');\nALTER TYPE S.mood2 ADD VALUE 'sad';\n"
            + "CREATE TABLE S.t (m S.mood2 DEFAULT »'sad');\nCOMMIT;",
        // A DO block runs at once; a LANGUAGE sql body is parsed when the function is made.
        "BEGIN;\nALTER TYPE S.mood ADD VALUE 'happy';\nDO »$$ BEGIN UPDATE S.person SET m = 'happy'; END $$;\nCOMMIT;",
        "BEGIN;\nALTER TYPE S.mood ADD VALUE 'happy';\n"
            + "CREATE FUNCTION S.f() RETURNS S.mood LANGUAGE sql AS »$$ SELECT 'happy'::S.mood $$;\nCOMMIT;",
        "BEGIN;\nALTER TYPE S.mood ADD VALUE 'happy';\n"
            + "CREATE FUNCTION S.f() RETURNS S.mood LANGUAGE sql AS »'SELECT ''happy''::S.mood';\nCOMMIT;",
        // A dollar-quoted constant, an array constant, after a rollback to a savepoint.
        "BEGIN;\nALTER TYPE S.mood ADD VALUE 'happy';\nSELECT »$v$happy$v$::S.mood;\nCOMMIT;",
        "BEGIN;\nALTER TYPE S.mood ADD VALUE 'happy';\nSELECT * FROM S.person WHERE m = ANY (»'{sad, happy}');\nCOMMIT;",
        "BEGIN;\nALTER TYPE S.mood ADD VALUE 'happy';\nSAVEPOINT a;\nROLLBACK TRANSACTION TO SAVEPOINT a;\n"
            + "UPDATE S.person SET m = »'happy';\nCOMMIT;",
    ]

    /// Migrations PostgreSQL runs, reported by nothing.
    static let accepted = [
        // A comment's text is no use of the value.
        "BEGIN;\nALTER TYPE S.mood ADD VALUE 'happy';\nCOMMENT ON TYPE S.mood IS 'happy';\nCOMMIT;",
        // No transaction: each statement commits on its own.
        "ALTER TYPE S.mood ADD VALUE 'happy';\nUPDATE S.person SET m = 'happy';",
        // The use in a transaction after the one that added the value.
        "BEGIN;\nALTER TYPE S.mood ADD VALUE 'happy';\nCOMMIT;\nBEGIN;\nUPDATE S.person SET m = 'happy';\nCOMMIT;",
        // Another value placed after it; a PL/pgSQL body, not run until the function is called.
        "BEGIN;\nALTER TYPE S.mood ADD VALUE 'happy';\nALTER TYPE S.mood ADD VALUE 'glad' AFTER 'happy';\n"
            + "CREATE FUNCTION S.f() RETURNS S.mood LANGUAGE plpgsql AS $$ BEGIN RETURN 'happy'; END $$;\nCOMMIT;",
        // Another value written elsewhere.
        "BEGIN;\nALTER TYPE S.mood ADD VALUE 'happy';\nUPDATE S.person SET note = 'sad';\nCOMMIT;",
    ]

    @Test(arguments: refused)
    func reportsTheStatementThatUsesTheNewValue(sql: String) {
        let result = run(sql.replacing("S.", with: ""), rule: Self.rule)
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: accepted)
    func acceptsWhatPostgreSQLRuns(sql: String) {
        #expect(run(sql.replacing("S.", with: ""), rule: Self.rule).found.isEmpty)
    }

    /// With a runner that wraps each file in a transaction, the whole file is one.
    @Test func theRunnersTransactionCounts() {
        let sql = "ALTER TYPE order_status ADD VALUE 'refunded';\nUPDATE orders SET status = »'refunded';"
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

    /// What the rule says PostgreSQL does, PostgreSQL does: each migration reported fails there
    /// ("unsafe use of new value"), and each accepted one runs.
    @Test(.enabled(if: TestDatabase.available))
    func postgreSQLRefusesWhatTheRuleReportsAndRunsWhatItAccepts() async throws {
        for (sql, refused) in Self.refused.map({ ($0, true) }) + Self.accepted.map({ ($0, false) }) {
            let schema = TestDatabase.newSchema()
            try await TestDatabase.execute([
                "CREATE SCHEMA \(schema)", "CREATE TYPE \(schema).mood AS ENUM ('sad', 'ok')",
                "CREATE TABLE \(schema).person (id int, m \(schema).mood, note text)",
            ])
            let statements = sql.replacing("»", with: "").replacing("S.", with: schema + ".")
            // The statements one by one, split where each ends a line (none of these holds `;\n`).
            let each = statements.split(separator: ";\n").map { String($0).trimmingSemicolon }
            do {
                try await TestDatabase.execute(each)
                #expect(!refused, "PostgreSQL ran \(sql)")
            } catch {
                #expect(refused, "\(sql): \(String(reflecting: error))")
                #expect(String(reflecting: error).contains("unsafe use of new value"), "\(String(reflecting: error))")
            }
            try await TestDatabase.execute(["DROP SCHEMA \(schema) CASCADE"])
        }
    }
}

extension String {
    fileprivate var trimmingSemicolon: String { hasSuffix(";") ? String(dropLast()) : self }
}
