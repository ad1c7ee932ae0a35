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
        // A file with an up and a down part (goose's `-- +goose Down`, dbmate's `-- migrate:down`) is
        // checked up to its down part: that runs only to take the migration back.
        // The marker is a line of its own, as both tools read it: after SQL on its line it is a comment.
        let down = lexed.tokens.firstIndex { token in
            token.kind == .lineComment && Self.startsItsLine(token, in: source.bytes)
                && Self.isDownMarker(Self.words(of: token, in: source))
        }
        let tokens = down.map { Array(lexed.tokens[..<$0]) } ?? lexed.tokens
        let end = down.map { lexed.tokens[$0].start } ?? Int.max
        self.lexProblems = lexed.problems.filter { $0.offset < end }
        self.comments = tokens.filter(\.isComment)
        self.statements = StatementSplitter.statements(in: tokens, source: source.bytes).map {
            StatementParser.parse($0, source: source.bytes)
        }
    }

    /// Whether a comment (in lower case with single spaces) starts a migration's down part: goose's
    /// `-- +goose Down` and dbmate's `-- migrate:down`, with or without a space after `--` (both
    /// tools take either) and, for dbmate, with options after it (`transaction:false`).
    static func isDownMarker(_ comment: String) -> Bool {
        let text = comment.dropFirst(2).drop { $0 == " " }
        return text == "+goose down" || text == "migrate:down" || text.hasPrefix("migrate:down ")
    }

    /// Whether only blanks come before a token on its line.
    private static func startsItsLine(_ token: Token, in bytes: [UInt8]) -> Bool {
        var index = min(token.start, bytes.count) - 1
        while index >= 0, bytes[index] != 0x0A, bytes[index] != 0x0D {
            if bytes[index] != 0x20, bytes[index] != 0x09 { return false }
            index -= 1
        }
        return true
    }

    private static func words(of token: Token, in source: SourceText) -> String {
        source.text(of: token).lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The path shown in findings.
    public var path: String { source.path }
}
