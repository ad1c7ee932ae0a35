/// One lexical unit of PostgreSQL source, as a byte range into the file.
public struct Token: Sendable, Hashable {
    /// What sort of text a token holds.
    public enum Kind: Sendable, Hashable {
        /// A keyword or an unquoted identifier.
        case word
        /// A `"double quoted"` identifier.
        case quotedIdentifier
        /// A string constant: `'...'`, `E'...'`, `B'...'`, `X'...'`, `N'...'`.
        case string
        /// A dollar-quoted string: `$$...$$` or `$tag$...$tag$`.
        case dollarString
        /// A numeric constant.
        case number
        /// A positional parameter such as `$1`.
        case parameter
        /// One of `( ) , ; . [ ] :`.
        case punctuation
        /// An operator such as `=`, `::` or `<>`.
        case `operator`
        /// A `-- comment` up to the end of the line.
        case lineComment
        /// A `/* comment */`, possibly nested.
        case blockComment
    }

    /// The sort of token.
    public var kind: Kind
    /// The offset of the first byte in the file's UTF-8.
    public var start: Int
    /// The offset just past the last byte.
    public var end: Int

    /// Creates a token.
    public init(kind: Kind, start: Int, end: Int) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// Whether the token is a comment, which statements skip.
    public var isComment: Bool { kind == .lineComment || kind == .blockComment }
}

extension Token {
    /// What a string constant (`'it''s'`, `E'...'`, `$$...$$`) holds, read from the file's bytes;
    /// nil for any other token.
    public func stringConstant(in source: [UInt8]) -> String? {
        let text = String(decoding: source[start..<end], as: UTF8.self)
        switch kind {
        case .string:
            guard let open = text.firstIndex(of: "'") else { return nil }
            return String(text[text.index(after: open)...].dropLast()).replacingOccurrences("''", with: "'")
        case .dollarString:
            guard let close = text.dropFirst().firstIndex(of: "$") else { return nil }
            let tagLength = text.distance(from: text.startIndex, to: close) + 1
            return String(text.dropFirst(tagLength).dropLast(tagLength))
        default:
            return nil
        }
    }
}

/// Something the lexer could not make sense of, such as an unterminated string.
public struct LexProblem: Sendable, Hashable {
    /// The offset where the broken construct starts.
    public var offset: Int
    /// What is wrong, in words a user can act on.
    public var message: String

    /// Creates a problem.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }
}
