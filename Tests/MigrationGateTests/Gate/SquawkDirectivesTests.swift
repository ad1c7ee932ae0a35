import Foundation
import MigrationGate
import Testing

@Suite("squawk comments")
struct SquawkDirectivesTests {
    @Test func squawkIgnoreSilencesTheMappedRulesForTheNextStatementOnly() {
        let sql = """
            SET lock_timeout = '2s'; SET statement_timeout = '5s';
            -- squawk-ignore ban-truncate-cascade
            TRUNCATE audit CASCADE;
            TRUNCATE audit_2 CASCADE;
            """
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)])
        #expect(report.findings.map(\.rule) == ["truncate-cascade"])
        #expect(report.findings.first?.line == 4)
        #expect(report.allows.map(\.rule) == ["truncate-cascade"])
        #expect(report.allows.first?.reason == "-- squawk-ignore ban-truncate-cascade")
        #expect(report.allows.first?.silenced.map(\.line) == [3])
    }

    @Test func severalSquawkRulesMapToTheirEquivalents() {
        let sql = """
            -- squawk-disable-assume-in-transaction
            -- squawk-ignore require-lock-timeout, require-statement-timeout
            CREATE INDEX CONCURRENTLY orders_ref ON orders (ref);
            """
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)], sizes: testSizes)
        #expect(report.findings.isEmpty)
        #expect(Set(report.allows.map(\.rule)) == ["missing-lock-timeout", "statement-timeout"])
        // Squawk's require-timeout-settings is both: it silenced the statement timeout only.
        let both = Gate.check(
            [
                MigrationFile(
                    path: "m.sql",
                    text: sql.replacingOccurrences(
                        of: "require-lock-timeout, require-statement-timeout",
                        with: "require-timeout-settings"
                    )
                )
            ],
            sizes: testSizes
        )
        #expect(both.findings.isEmpty, "\(both.findings.map(\.rule))")
    }

    @Test func disablingTheAssumedTransactionLetsConcurrentlyRun() {
        let sql = "SET lock_timeout = '2s'; SET statement_timeout = '5s';\nCREATE INDEX CONCURRENTLY i ON orders (ref);"
        let settings = RuleSettings(assumeTransaction: true)
        let wrapped = Gate.check([MigrationFile(path: "m.sql", text: sql)], settings: settings, sizes: testSizes)
        #expect(wrapped.findings.map(\.rule) == ["concurrently-in-transaction"])
        // squawk's comment, and the runners' own words for a file they do not wrap in a transaction.
        for marker in [
            "-- squawk-disable-assume-in-transaction\n", "-- +goose NO TRANSACTION\n-- +goose Up\n",
            "-- migrate:up transaction:false\n",
        ] {
            let disabled = Gate.check(
                [MigrationFile(path: "m.sql", text: marker + sql)],
                settings: settings,
                sizes: testSizes
            )
            #expect(disabled.findings.isEmpty, "\(marker): \(disabled.findings.map(\.rule))")
        }
        let wrappedUp = Gate.check(
            [MigrationFile(path: "m.sql", text: "-- migrate:up\n" + sql)],
            settings: settings,
            sizes: testSizes
        )
        #expect(wrappedUp.findings.map(\.rule) == ["concurrently-in-transaction"])
    }

    @Test func squawkIgnoreFileCoversEveryStatement() {
        let sql = """
            -- squawk-ignore-file ban-drop-constraint
            SET lock_timeout = '2s'; SET statement_timeout = '5s';
            ALTER TABLE orders DROP CONSTRAINT a;
            ALTER TABLE orders DROP CONSTRAINT b;
            TRUNCATE audit CASCADE;
            """
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)], sizes: testSizes)
        #expect(report.findings.map(\.rule) == ["truncate-cascade"])
        #expect(report.allows.first?.silenced.count == 2)
    }

    @Test func aSquawkRuleWithNoEquivalentSilencesNothingAndIsNotReported() {
        let sql = """
            SET lock_timeout = '2s'; SET statement_timeout = '5s';
            -- squawk-ignore prefer-robust-stmts
            TRUNCATE audit CASCADE;
            """
        let report = Gate.check([MigrationFile(path: "m.sql", text: sql)])
        #expect(report.findings.map(\.rule) == ["truncate-cascade"])
        #expect(report.allows.isEmpty)
    }
}
