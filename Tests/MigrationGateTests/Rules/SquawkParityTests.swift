import MigrationGate
import Testing

/// The eight errors measured beside squawk 2.70 on its own linter tests: each with the SQL that showed it.
@Suite("errors found beside squawk")
struct SquawkParityTests {
    @Test(arguments: [
        "ALTER TABLE orders ADD COLUMN a int DEFAULT CAST(0 AS int);",
        "ALTER TABLE orders ADD COLUMN b bigint[] DEFAULT cast(array[] as bigint[]);",
        "ALTER TABLE orders ADD COLUMN c varchar(10) DEFAULT CAST('x' AS varchar(10));",
        "ALTER TABLE orders ADD COLUMN d numeric DEFAULT CAST(1 AS double precision);",
    ])
    func aCastIsNotAVolatileCall(sql: String) {
        #expect(run(sql, rule: "volatile-default").found.isEmpty)
    }

    @Test func aVolatileCallInsideACastIsStillReported() {
        let result = run(
            "ALTER TABLE orders »ADD COLUMN r int DEFAULT CAST(random() * 10 AS int);",
            rule: "volatile-default"
        )
        #expect(positions(result.found) == result.expected)
    }

    static let notNullRecipe = [
        "ALTER TABLE orders ADD CONSTRAINT placed_at_not_null CHECK (placed_at IS NOT NULL) NOT VALID;",
        "ALTER TABLE orders VALIDATE CONSTRAINT placed_at_not_null;",
        "ALTER TABLE orders ALTER COLUMN placed_at SET NOT NULL;",
    ]

    @Test func theNotNullRecipeInOneFileIsClean() {
        let sql = Self.notNullRecipe.joined(separator: "\n")
        #expect(run(sql, rule: "set-not-null").found.isEmpty)
    }

    @Test func droppingTheCheckAfterSetNotNullIsTheRecipesLastStep() {
        let sql = (Self.notNullRecipe + ["ALTER TABLE orders DROP CONSTRAINT placed_at_not_null;"])
            .joined(separator: "\n")
        #expect(run(sql, rule: "set-not-null").found.isEmpty)
    }

    @Test func theNotNullRecipeAcrossThreeMigrationsIsClean() {
        let files = Self.notNullRecipe.enumerated().map { index, sql in
            MigrationFile(path: "db/migrations/00\(index + 1).sql", text: sql)
        }
        let report = Gate.check(files, sizes: testSizes)
        #expect(report.findings.filter { $0.rule == "set-not-null" }.isEmpty)
        // Out of order (SET NOT NULL first), the scan is still reported.
        let reversed = Gate.check(files.reversed(), sizes: testSizes)
        #expect(reversed.findings.filter { $0.rule == "set-not-null" }.map(\.severity) == [.error])
    }

    @Test(arguments: [
        // Validated in the same transaction, or never validated: the check proves nothing.
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (placed_at IS NOT NULL) NOT VALID;\nALTER TABLE orders »ALTER placed_at SET NOT NULL;",
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (other IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT c;\nALTER TABLE orders »ALTER placed_at SET NOT NULL;",
        "ALTER TABLE tiny ADD CONSTRAINT c CHECK (placed_at IS NOT NULL);\nALTER TABLE orders »ALTER placed_at SET NOT NULL;",
        // The check dropped before SET NOT NULL (named, or by the name PostgreSQL gives an unnamed one):
        // PostgreSQL scans the table again.
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (placed_at IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT c;\nALTER TABLE orders DROP CONSTRAINT c;\nALTER TABLE orders »ALTER placed_at SET NOT NULL;",
        "ALTER TABLE orders ADD CHECK (placed_at IS NOT NULL);\nALTER TABLE orders DROP CONSTRAINT orders_placed_at_check;\nALTER TABLE orders »ALTER placed_at SET NOT NULL;",
    ])
    func aCheckOnAnotherColumnOrTableOrNotValidatedProvesNothing(sql: String) {
        let result = run(sql, rule: "set-not-null")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "BEGIN;\nALTER TABLE orders ADD CONSTRAINT c1 CHECK (bar IS NOT NULL) NOT VALID;\nCOMMIT;\nBEGIN;\nALTER TABLE orders VALIDATE CONSTRAINT c1;\nCOMMIT;",
        "BEGIN;\nALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (u) REFERENCES users (id) NOT VALID;\nCOMMIT;\nBEGIN;\nALTER TABLE orders VALIDATE CONSTRAINT fk;\nCOMMIT;",
    ])
    func validatingInALaterTransactionIsNotTheSameTransaction(sql: String) {
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)], sizes: testSizes)
        #expect(!report.findings.contains { $0.message.contains("same transaction") })
    }

    @Test func validatingInTheSameTransactionIsStillReported() {
        let sql =
            "BEGIN;\nALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (u) REFERENCES users (id) NOT VALID;\nALTER TABLE orders »VALIDATE CONSTRAINT fk;\nCOMMIT;"
        let result = run(sql, rule: "foreign-key-without-not-valid")
        #expect(positions(result.found) == result.expected)
        #expect(result.found.first?.message.contains("same transaction") == true)
    }

    @Test(arguments: [
        "REINDEX (CONCURRENTLY) TABLE orders;",
        "REINDEX (VERBOSE, CONCURRENTLY) INDEX orders_placed;",
        "REINDEX (CONCURRENTLY true) TABLE orders;",
    ])
    func theOptionListFormIsConcurrent(sql: String) {
        #expect(run(sql, rule: "reindex-without-concurrently").found.isEmpty)
    }

    @Test(arguments: ["»REINDEX (CONCURRENTLY false) TABLE orders;", "»REINDEX (VERBOSE) TABLE orders;"])
    func concurrentlyFalseIsNotConcurrent(sql: String) {
        let result = run(sql, rule: "reindex-without-concurrently")
        #expect(positions(result.found) == result.expected)
        #expect(result.found.first?.severity == .error)
    }

    @Test func reindexSystemGetsNoAdvicePostgreSQLRejects() {
        let report = Gate.check([MigrationFile(path: "m.sql", text: "REINDEX SYSTEM mydb;")], sizes: testSizes)
        #expect(!report.findings.contains { $0.rule == "reindex-without-concurrently" })
        #expect(!report.findings.contains { $0.help.contains("CONCURRENTLY") })
    }

    @Test func aStrayCommitIsReported() {
        let result = run("BEGIN;\nSELECT 1;\nCOMMIT;\n»COMMIT;", rule: "nested-transaction")
        #expect(positions(result.found) == result.expected)
        #expect(result.found.first?.message.contains("no transaction") == true)
    }

    @Test(arguments: [
        "»ALTER DOMAIN d DROP CONSTRAINT c;", "»alter domain app.positive drop constraint if exists positive_check;",
    ])
    func droppingADomainConstraintIsReported(sql: String) {
        let result = run(sql, rule: "drop-constraint")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: ["repack using index idx;", "REPACK orders;", "REPACK (VERBOSE) orders USING INDEX orders_pkey;"])
    func repackIsSQL(sql: String) {
        #expect(run(sql, rule: "syntax").found.isEmpty)
    }
}
