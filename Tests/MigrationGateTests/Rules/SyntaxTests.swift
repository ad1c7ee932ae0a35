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
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "syntax")
        #expect(positions(result.found) == result.expected)
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
