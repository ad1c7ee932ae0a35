import MigrationGate
import Testing

@Suite("syntax")
struct SyntaxTests {
    @Test(arguments: [
        "SELECT »'unterminated;",
        "»/* never closed",
        "SELECT »$fn$ body",
        "SELECT 1;\n»hello world;",
        "»SELECT (1;",
        "SELECT »\"open",
        // Names quoted as MySQL and SQLite quote them: PostgreSQL refuses them, and no rule read them.
        "»DROP TABLE `orders`;",
        "»CREATE INDEX IF NOT EXISTS `i` ON `orders` (`a`);",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "syntax")
        #expect(positions(result.found) == result.expected)
    }

    /// A file that is not UTF-8 text is one finding, where it stops being text: a UTF-16 file was an
    /// error for each "statement" its bytes made, quoting them as garbage.
    @Test(arguments: [
        ([0xFF, 0xFE] + Array("S\0E\0L\0;\0".utf8), 0, "it begins with a UTF-16 byte-order mark"),
        (Array("S\0E\0L\0".utf8), 1, "a NUL byte (UTF-16 text?)"),
        (Array("SELECT 'caf".utf8) + [0xE9] + Array("';".utf8), 11, "byte 0xE9 starts no UTF-8 character"),
    ])
    func aFileThatIsNotUTF8IsOneFinding(bytes: [UInt8], offset: Int, what: String) {
        let file = MigrationFile(source: SourceText(path: "m.sql", bytes: bytes))
        let findings = Gate.check([file]).findings.filter { $0.rule == "syntax" }
        #expect(findings.count == 1, "\(findings.map(\.message))")
        #expect(findings.first?.message == "the file is not UTF-8 text: \(what)")
        #expect(findings.first?.column == offset + 1)
    }

    @Test(arguments: [
        "SELECT 'it''s';",
        "SELECT E'\\'';",
        "DO $$ BEGIN PERFORM 1; END $$;",
        "WITH x AS (SELECT 1) SELECT * FROM x;",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "syntax").found.isEmpty)
    }
}
