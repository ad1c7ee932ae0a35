import MigrationGate
import Testing

@Suite("SQL lexer")
struct SQLLexerTests {
    private func kinds(_ sql: String) -> [Token.Kind] {
        SQLLexer.tokens(of: sql).tokens.map(\.kind)
    }

    @Test func readsTheConstructsMigrationsUse() {
        let sql = #"""
            -- line
            /* outer /* nested */ still */ SELECT "Quoted ""id""", E'it\'s', $tag$ a $$ b $tag$, $1, 1.5e-3, a::int;
            """#
        let lexed = SQLLexer.tokens(of: sql)
        #expect(lexed.problems.isEmpty)
        #expect(
            kinds(sql) == [
                .lineComment, .blockComment, .word, .quotedIdentifier, .punctuation, .string, .punctuation,
                .dollarString, .punctuation, .parameter, .punctuation, .number, .punctuation, .word, .operator, .word,
                .punctuation,
            ]
        )
    }

    @Test(arguments: [
        ("SELECT 'never closed", "string"),
        ("SELECT \"never closed", "quoted identifier"),
        ("/* never /* closed */", "comment"),
        ("DO $body$ BEGIN", "$body$"),
        ("SELECT E'\\", "string"),
    ])
    func reportsUnterminatedInput(sql: String, what: String) {
        let lexed = SQLLexer.tokens(of: sql)
        #expect(lexed.problems.count == 1)
        #expect(lexed.problems.first?.message.contains(what) == true)
    }

    /// A psql script's meta-commands take their line, and the data after `COPY ... FROM stdin` runs to
    /// its `\.` line: neither is SQL, and neither hides the statements after it.
    @Test func psqlMetaCommandsAndCopyDataAreNoSQL() {
        let sql =
            "\\set ON_ERROR_STOP on\nSET lock_timeout = '2s';\n"
            + "COPY users (name) FROM stdin;\nO'Brien\n\\N\n\\.\nALTER TABLE users ADD COLUMN age int NOT NULL;\n"
        let lexed = SQLLexer.tokens(of: sql)
        #expect(lexed.problems.isEmpty, "\(lexed.problems)")
        let statements = StatementSplitter.statements(in: sql)
        #expect(statements.count == 3, "\(statements)")
        let file = MigrationFile(path: "m.sql", text: sql)
        #expect(file.statements.first.map { if case .set = $0.kind { true } else { false } } == true)
        #expect(file.statements.last.map { if case .alterTable = $0.kind { true } else { false } } == true)
    }

    /// psql's `\\copy ... from stdin` reads its rows as `COPY` does (a quote in them was a string never
    /// closed, a `syntax` error nothing could allow); `\\gset` later in a line sends the query as `;`
    /// does (the CREATE INDEX after it was read into the SELECT); a `--` comment ends at a CR too.
    @Test func psqlCopyRowsSendingCommandsAndCRLineEnds() {
        let copy = "\\copy users (id, name) from stdin\n1\tit's\n\\.\nCREATE INDEX CONCURRENTLY i ON users (name);\n"
        #expect(SQLLexer.tokens(of: copy).problems.isEmpty)
        #expect(StatementSplitter.statements(in: copy).count == 1)
        let gset = "SELECT count(*) AS n FROM users \\gset\nCREATE INDEX i ON users (email);\n"
        let sent = MigrationFile(path: "m.sql", text: gset)
        #expect(sent.statements.count == 2, "\(sent.statements)")
        #expect(sent.statements.last.map { if case .createIndex = $0.kind { true } else { false } } == true)
        // On a line of its own too (LF or CR), while `\\set` there leaves the statement going on.
        for end in ["\n", "\r"] {
            for command in ["\\g", "\\gset", "\\gexec", "\\watch 5"] {
                let text = ["SELECT format($$select 1$$)", command, "DROP TABLE users;", ""].joined(separator: end)
                let file = MigrationFile(path: "m.sql", text: text)
                #expect(file.statements.count == 2, "\(command): \(file.statements)")
                #expect(file.statements.last.map { if case .dropTable = $0.kind { true } else { false } } == true)
            }
        }
        let set = MigrationFile(path: "m.sql", text: "CREATE INDEX i\n\\set x 1\nON users (email);\n")
        #expect(set.statements.count == 1, "\(set.statements)")
        let cr = MigrationFile(path: "m.sql", text: "-- add index\rCREATE INDEX i ON users (email);\r")
        #expect(cr.statements.count == 1)
        // `from stdin;` as psql takes it; COPY data in a CR-only file ends at its `\.` line.
        let semicolon =
            "\\copy users (id, name) from stdin;\n1\tit's\n\\.\nCREATE INDEX CONCURRENTLY i ON users (name);\n"
        #expect(SQLLexer.tokens(of: semicolon).problems.isEmpty)
        let crCopy = MigrationFile(path: "m.sql", text: "COPY users (name) FROM stdin;\rx\r\\.\rDROP TABLE users;\r")
        #expect(crCopy.statements.count == 2, "\(crCopy.statements)")
    }

    @Test func nestedDollarQuotesCloseOnTheirOwnTag() {
        let sql =
            "CREATE FUNCTION f() RETURNS void AS $outer$ SELECT $inner$ ; $inner$; $outer$ LANGUAGE sql; SELECT 1;"
        let statements = StatementSplitter.statements(in: sql)
        #expect(statements.count == 2)
    }

    @Test func splitsOnTopLevelSemicolonsOnly() {
        let sql =
            "SELECT ';'; SELECT (1); CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END; SELECT 2"
        let statements = StatementSplitter.statements(in: sql)
        #expect(statements.count == 4)
        #expect(statements.last?.terminated == false)
    }

    /// Hostile input is read to its end: an unterminated construct is one syntax finding, a long file is every
    /// statement. How fast (linear in the input) is measured by Benchmarks/gate/hostile.sh, not asserted here.
    @Test(arguments: [
        (String(repeating: "/*", count: 200_000), true),
        (String(repeating: "'", count: 1) + String(repeating: "x", count: 1_000_000), true),
        (
            "$" + String(repeating: "a", count: 50_000) + "$"
                + String(repeating: "$" + String(repeating: "a", count: 49_999), count: 20),
            true
        ),
        (String(repeating: "$$", count: 300_001), true),
        (String(repeating: "((((", count: 100_000), true),
        (String(repeating: "ALTER TABLE orders ADD COLUMN a int;\n", count: 50_000), false),
    ])
    func hostileInputIsReadToTheEnd(sql: String, unterminated: Bool) {
        // The work is counted, not timed: at most one token per byte, and every statement the
        // splitter makes covers tokens of its own.
        let lexed = SQLLexer.tokens(of: sql)
        #expect(lexed.tokens.count <= sql.utf8.count)
        #expect(StatementSplitter.statements(in: sql).count <= lexed.tokens.count + 1)
        let file = MigrationFile(path: "hostile.sql", text: sql)
        let report = Gate.check([file])
        let syntax = report.findings.filter { $0.rule == "syntax" }
        if unterminated {
            #expect(syntax.count == 1)
        } else {
            #expect(syntax.isEmpty)
            #expect(file.statements.count == 50_000)
            #expect(report.findings.filter { $0.rule == "missing-lock-timeout" }.count == 1)
        }
    }

    @Test func positionsCountLinesAndScalars() {
        let source = SourceText(path: "x.sql", text: "SELECT 'é';\n  DROP TABLE t;")
        #expect(source.position(of: 0) == SourcePosition(line: 1, column: 1))
        #expect(source.position(of: 11) == SourcePosition(line: 1, column: 11))
        let drop = Array("SELECT 'é';\n  ".utf8).count
        #expect(source.position(of: drop) == SourcePosition(line: 2, column: 3))
    }

    /// A byte-order mark takes no column, and a lone carriage return ends a line, as a line feed does
    /// (and `\r\n` is one line end).
    @Test func aByteOrderMarkAndOldMacLineEndsArePlacedRight() {
        let marked = SourceText(path: "x.sql", bytes: [0xEF, 0xBB, 0xBF] + Array("DROP TABLE t;".utf8))
        #expect(marked.position(of: 3) == SourcePosition(line: 1, column: 1))
        let mac = SourceText(path: "x.sql", text: "SELECT 1;\rDROP TABLE t;\r\nSELECT 2;")
        #expect(mac.position(of: 10) == SourcePosition(line: 2, column: 1))
        #expect(mac.position(of: 25) == SourcePosition(line: 3, column: 1))
    }
}
