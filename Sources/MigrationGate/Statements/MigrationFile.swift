/// A migration file read into statements: the unit every rule looks at.
public struct MigrationFile: Sendable {
    /// The file's text and line table.
    public var source: SourceText
    /// Every statement in order.
    public var statements: [ParsedStatement]
    /// Every comment token, for allow directives.
    public var comments: [Token]
    /// What the lexer could not close.
    public var lexProblems: [LexProblem]

    /// Reads a migration from text.
    public init(path: String, text: String) {
        self.init(source: SourceText(path: path, text: text))
    }

    /// Reads a migration from its source text.
    public init(source: SourceText) {
        self.source = source
        let lexed = SQLLexer.tokens(of: source.bytes)
        self.lexProblems = lexed.problems
        self.comments = lexed.tokens.filter(\.isComment)
        self.statements = StatementSplitter.statements(in: lexed.tokens, source: source.bytes).map {
            StatementParser.parse($0, source: source.bytes)
        }
    }

    /// The path shown in findings.
    public var path: String { source.path }
}
