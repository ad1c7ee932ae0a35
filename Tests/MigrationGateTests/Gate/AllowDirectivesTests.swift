import MigrationGate
import Testing

@Suite("own:allow comments")
struct AllowDirectivesTests {
    @Test func anAllowWithAReasonSilencesThatRuleForTheNextStatementOnly() {
        let sql = """
            SET lock_timeout = '2s'; SET statement_timeout = '5s';
            -- own:allow truncate-cascade because the audit tables are rebuilt nightly
            TRUNCATE audit CASCADE;
            TRUNCATE audit_2 CASCADE;
            """
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)])
        #expect(report.findings.map(\.rule) == ["truncate-cascade"])
        #expect(report.findings.first?.line == 4)
        #expect(report.allows.count == 1)
        #expect(report.allows.first?.reason == "the audit tables are rebuilt nightly")
        #expect(report.allows.first?.silenced.map(\.line) == [3])
    }

    /// Two allows stacked, the second a one-line block comment: both cover the statement under them
    /// (only comments lie between), and the summary counts info findings too.
    @Test func stackedAllowsBothCoverTheStatement() {
        let sql = """
            SET lock_timeout = '2s'; SET statement_timeout = '5s';
            -- own:allow drop-constraint because moved to the app
            /* own:allow drop-not-null because nullable now */
            ALTER TABLE orders DROP CONSTRAINT c1, ALTER COLUMN x DROP NOT NULL;
            """
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)])
        #expect(report.findings.isEmpty, "\(report.findings)")
        #expect(report.allows.count == 2)
    }

    /// An allow in a block comment over several lines covers the statement under its last line,
    /// stacked under another over several lines too; a blank line after one still breaks the cover.
    @Test func anAllowOverSeveralLinesCoversTheStatementUnderItsLastLine() {
        let sql = """
            SET lock_timeout = '2s'; SET statement_timeout = '5s';
            /* own:allow drop-constraint
               because moved to the app */
            /*
             * own:allow drop-not-null because nullable now
             */
            ALTER TABLE orders DROP CONSTRAINT c1, ALTER COLUMN x DROP NOT NULL;
            /* own:allow truncate-cascade because rebuilt
               nightly */

            TRUNCATE audit CASCADE;
            """
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)])
        #expect(report.findings.map(\.rule) == ["unused-allow", "truncate-cascade"], "\(report.findings)")
        #expect(report.allows.filter { !$0.silenced.isEmpty }.map(\.rule) == ["drop-constraint", "drop-not-null"])
        #expect(report.findings.first?.message.hasSuffix("a blank line or other text lies between them") == true)
        #expect(report.allows.map(\.reason) == ["moved to the app", "nullable now", "rebuilt nightly"])
    }

    /// An allow under a heading line of a block comment, and one in a `/** … */` on one line, are read
    /// (both were dropped without a word).
    @Test func anAllowUnderABlockCommentsHeadingOrAfterItsStarsIsRead() {
        let sql = """
            SET lock_timeout = '2s'; SET statement_timeout = '5s';
            /*
             * Orders: the check moved.
             * own:allow drop-constraint because moved to the app
             */
            ALTER TABLE orders DROP CONSTRAINT c1;
            /** own:allow truncate-cascade because rebuilt nightly */
            TRUNCATE audit CASCADE;
            """
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)])
        #expect(report.findings.isEmpty, "\(report.findings)")
        #expect(report.allows.map(\.reason) == ["moved to the app", "rebuilt nightly"])
    }

    /// `own:allow because …` names no rule: said so, with the reason kept in the help, not read as a
    /// rule named "because" that gives no reason.
    @Test func anAllowThatNamesNoRuleSaysSo() {
        let sql = """
            SET lock_timeout = '2s'; SET statement_timeout = '5s';
            -- own:allow because the table is empty
            TRUNCATE audit CASCADE;
            """
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)])
        let finding = report.findings.first { $0.rule == "allow-without-reason" }
        #expect(finding?.message == "own:allow names no rule, so it silences nothing")
        #expect(finding?.help.hasPrefix("write -- own:allow RULE because the table is empty") == true)
        #expect(report.findings.contains { $0.rule == "truncate-cascade" })
    }

    /// A statement the gate cannot read (an unterminated dollar quote) hides the rest of the file:
    /// own:allow does not silence it, as squawk-ignore does not, and says why.
    @Test func syntaxIsNeverAllowed() {
        let sql = """
            SET lock_timeout = '2s'; SET statement_timeout = '5s';
            -- own:allow syntax because vendor extension
            SELECT $$ unterminated;
            DROP TABLE users;
            """
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)])
        #expect(report.findings.map(\.rule).contains("syntax"), "\(report.findings)")
        let unused = report.findings.first { $0.rule == "unused-allow" }
        #expect(unused?.message.hasPrefix("own:allow syntax silences nothing: the gate cannot read") == true)
    }

    /// An allow covers one statement, whatever else shares its line: a second TRUNCATE on the line
    /// under it, or one after a harmless statement there, is not silenced with it.
    @Test(arguments: [
        ("TRUNCATE audit CASCADE; TRUNCATE audit_2 CASCADE;", 1, 25),
        ("SELECT 1; TRUNCATE audit CASCADE;", 0, 11),
    ])
    func anAllowCoversOneStatementOfALine(line: String, silenced: Int, column: Int) {
        let sql = """
            SET lock_timeout = '2s'; SET statement_timeout = '5s';
            -- own:allow truncate-cascade because the audit tables are rebuilt nightly
            \(line)
            """
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)])
        let truncates = report.findings.filter { $0.rule == "truncate-cascade" }
        #expect(truncates.map(\.line) == [3], "\(report.findings)")
        #expect(truncates.first.map { $0.column >= column } == true, "\(truncates)")
        #expect(report.allows.first?.silenced.count == silenced)
        #expect(report.findings.contains { $0.rule == "unused-allow" } == (silenced == 0))
    }

    @Test(arguments: [
        "drop-not-null drop-constraint", "drop-not-null, drop-constraint", "drop-not-null,drop-constraint",
    ])
    func oneAllowMayNameSeveralRulesBeforeBecause(rules: String) {
        let sql = """
            SET lock_timeout = '2s'; SET statement_timeout = '5s';
            -- own:allow \(rules) because the column and its check move to the app
            ALTER TABLE orders ALTER COLUMN note DROP NOT NULL, DROP CONSTRAINT orders_note_check;
            """
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)])
        #expect(report.findings.isEmpty, "\(report.findings)")
        #expect(report.allows.map(\.rule).sorted() == ["drop-constraint", "drop-not-null"])
        #expect(report.allows.allSatisfy { $0.reason == "the column and its check move to the app" })
    }

    /// An allow in capitals, or in a block comment, is read: both were dropped without a word.
    @Test(arguments: [
        "-- OWN:ALLOW TRUNCATE-CASCADE BECAUSE the audit tables are rebuilt nightly",
        "/* own:allow truncate-cascade because the audit tables are rebuilt nightly */",
    ])
    func anAllowInCapitalsOrABlockCommentIsRead(allow: String) {
        let sql = "SET lock_timeout = '2s'; SET statement_timeout = '5s';\n\(allow)\nTRUNCATE audit CASCADE;"
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)])
        #expect(report.findings.isEmpty, "\(report.findings)")
        #expect(report.allows.first?.reason == "the audit tables are rebuilt nightly")
    }

    @Test func aByteOrderMarkIsNoPartOfTheFirstStatement() {
        let report = Gate.check([MigrationFile(path: "m.sql", text: "\u{FEFF}DROP TABLE users;")])
        #expect(report.findings.contains { $0.rule == "drop-without-deprecation" }, "\(report.findings)")
        #expect(!report.findings.contains { $0.rule == "syntax" })
    }

    @Test func anAllowWithoutAReasonIsAnErrorAndSilencesNothing() {
        let sql =
            "SET lock_timeout = '2s'; SET statement_timeout = '5s';\n-- own:allow truncate-cascade\nTRUNCATE audit CASCADE;"
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)])
        #expect(Set(report.findings.map(\.rule)) == ["allow-without-reason", "truncate-cascade"])
        #expect(report.findings.first { $0.rule == "allow-without-reason" }?.severity == .error)
    }

    @Test(arguments: [
        "-- own:allow drop-database because not this one\nTRUNCATE audit;",
        "-- own:allow no-such-rule because typo\nTRUNCATE audit;",
        "-- own:allow truncate-cascade because too far away\n\nTRUNCATE audit CASCADE;",
    ])
    func anAllowThatSilencesNothingIsAWarning(sql: String) {
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)])
        let unused = report.findings.filter { $0.rule == "unused-allow" }
        #expect(unused.count == 1)
        #expect(unused.first?.severity == .warning)
        #expect(unused.first?.line == 1)
    }

    @Test func anAllowSeparatedByABlankLineSaysSoRatherThanThatTheStatementIsFine() {
        let sql = "-- own:allow truncate-cascade because too far away\n\nTRUNCATE audit CASCADE;"
        let unused = Gate.check([MigrationFile(path: "m.sql", text: sql)]).findings.first { $0.rule == "unused-allow" }
        #expect(
            unused?.message.contains("a blank line or other text lies between") == true,
            "\(String(describing: unused))"
        )
        #expect(unused?.message.contains("does not trigger it") == false)
    }

    @Test func anAllowTrailingTheStatementItMeantSaysWhereToPutIt() {
        let sql =
            "SET lock_timeout = '2s'; SET statement_timeout = '5s';\n"
            + "TRUNCATE audit CASCADE; -- own:allow truncate-cascade because empty table\nSELECT 1;"
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)])
        let unused = report.findings.first { $0.rule == "unused-allow" }
        #expect(unused?.message.contains("not the one it follows on its line") == true, "\(String(describing: unused))")
        #expect(unused?.help == "put the allow on the line above the statement")
        #expect(report.findings.contains { $0.rule == "truncate-cascade" })
    }

    @Test func stackedAllowsEachApplyToTheStatementBelow() {
        let sql = """
            -- own:allow drop-without-deprecation because the table was never shipped
            -- own:allow missing-lock-timeout because nobody reads it
            -- own:allow statement-timeout because it is instant
            DROP TABLE scratch;
            """
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)])
        #expect(report.findings.isEmpty)
        #expect(
            report.allows.map(\.rule) == ["drop-without-deprecation", "missing-lock-timeout", "statement-timeout"]
        )
    }
}
