/// A value added to an enum type inside a transaction cannot be used before that transaction
/// commits; before PostgreSQL 12 it cannot be added inside one at all.
public struct EnumValueInTransaction: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "enum-value-in-transaction" }
    /// One line on what it stops.
    public var summary: String {
        "a value added to an enum type (ALTER TYPE … ADD VALUE) used in the same transaction fails"
    }
    /// The squawk rules it matches.
    public var squawkRules: [String] { [] }
    /// The long explanation.
    public var explanation: String {
        """
        ALTER TYPE … ADD VALUE inside a transaction block adds a value that the same transaction cannot \
        use: a later statement of it that does (an UPDATE or INSERT writing the value, a DEFAULT, an index \
        or check naming it) fails with "unsafe use of new value", and the whole migration is rolled back \
        at deploy time. Before PostgreSQL 12 the ALTER TYPE itself is refused inside a transaction. The \
        gate knows a statement is in a transaction after BEGIN, or throughout the file with \
        --assume-transaction. It reads a use as the value written as a string constant ('v', $$v$$, or \
        an element of an array constant '{v,w}'), in a DO block's body too (it runs at once) and in a \
        LANGUAGE sql routine's (PostgreSQL parses it when the routine is created); a PL/pgSQL body runs \
        only when called, and is not read. A type created in the same transaction is no exception \
        (PostgreSQL 15 refuses its added values too). The gate does not know column types: the same \
        text written to a text column is reported too; mark that statement with own:allow and the reason. \
        Add the value in a migration of its own and use it in the next one.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let statements = context.file.statements
        for (index, statement) in statements.enumerated() {
            guard case .addEnumValue(let type, let value) = statement.kind, context.states[index].inTransaction else {
                continue
            }
            if context.settings.isBefore(12) {
                findings.append(
                    context.finding(
                        self,
                        .error,
                        at: statement.range,
                        message: "ALTER TYPE … ADD VALUE cannot run inside a transaction before PostgreSQL 12: "
                            + "\(context.settings.postgresName) rejects the migration",
                        help: "move it to its own migration that runs outside a transaction"
                    )
                )
                continue
            }
            let added = context.file.source.position(of: statement.range.start).line
            let transaction = context.states[index].transaction
            for later in statements.indices.dropFirst(index + 1) {
                // The transaction ends at its COMMIT or ROLLBACK; a later one may use the value.
                guard context.states[later].transaction == transaction, context.states[later].inTransaction else {
                    break
                }
                // Another value placed BEFORE or AFTER it names it, and may; a COMMENT's text is text.
                if case .addEnumValue = statements[later].kind { continue }
                if case .comment = statements[later].kind { continue }
                guard
                    let use = Self.constants(in: statements[later], context.file.source).first(where: {
                        $0.text == value
                    })
                else { continue }
                findings.append(
                    context.finding(
                        self,
                        .error,
                        at: use.at,
                        message: "uses '\(value)', which line \(added) adds to \(type.display) in the same "
                            + "transaction: PostgreSQL refuses it (\"unsafe use of new value\") until that "
                            + "transaction commits",
                        help: "add the value in a migration of its own, and use it in the next one"
                    )
                )
            }
        }
        return findings
    }

    /// The texts a statement runs with as string constants: each `'...'` and `$$...$$`, and each
    /// element of an array written as one (`'{a,b}'`). The body of a `DO` block runs at once, and a
    /// `LANGUAGE sql` routine's is parsed when it is created: their constants count. Another
    /// routine's body (PL/pgSQL) runs only when it is called, and is not read. Each with where it is
    /// written: the constant, or the body that holds it.
    static func constants(in statement: ParsedStatement, _ source: SourceText) -> [(text: String, at: SourceRange)] {
        let words = statement.statement.tokens.lazy.filter { $0.kind == .word }.map { source.text(of: $0).lowercased() }
        let first = words.first ?? ""
        let isRoutine = first == "create" && words.prefix(4).contains { $0 == "function" || $0 == "procedure" }
        let language = zip(words, words.dropFirst()).first { $0.0 == "language" }?.1
        let runsBody = first == "do" || (isRoutine && language == "sql")
        var found: [(text: String, at: SourceRange)] = []
        for token in statement.statement.tokens {
            guard let text = token.stringConstant(in: source.bytes) else { continue }
            let at = SourceRange(start: token.start, end: token.end)
            if isRoutine || first == "do" {
                // The body (or a routine's other options, such as its language), read as SQL when it
                // is run now; a constant anywhere else in the statement stays one.
                if runsBody { found += constants(inSQL: text).map { ($0, at) } }
                if token.kind == .dollarString || !runsBody { continue }
            }
            found.append((text, at))
            found += arrayElements(text).map { ($0, at) }
        }
        return found
    }

    /// The texts of `constants(in:)` of each statement of a body of SQL.
    private static func constants(inSQL sql: String) -> [String] {
        let source = SourceText(path: "", text: sql)
        return StatementSplitter.statements(in: sql).flatMap { statement in
            constants(in: StatementParser.parse(statement, source: source.bytes), source).map(\.text)
        }
    }

    /// The elements of an array constant (`{a,"b c",{d}}`), or none.
    private static func arrayElements(_ text: String) -> [String] {
        guard text.hasPrefix("{"), text.hasSuffix("}") else { return [] }
        return text.split(separator: ",").map { element in
            let trimmed: Set<Character> = [" ", "{", "}"]
            var element = String(
                element.drop { trimmed.contains($0) }.reversed().drop { trimmed.contains($0) }.reversed()
            )
            if element.count >= 2, element.hasPrefix("\""), element.hasSuffix("\"") {
                element = String(element.dropFirst().dropLast())
            }
            return element
        }
    }
}
