/// A linear-time PostgreSQL lexer over UTF-8 bytes.
///
/// Every branch advances the cursor, and closing delimiters are found by a forward scan that never
/// restarts, so hostile input (unterminated strings, deep comment nesting, huge files) stays linear.
public enum SQLLexer {
    /// The tokens of a source text and the problems met on the way.
    public struct Result: Sendable {
        /// Every token, comments included, in source order.
        public var tokens: [Token]
        /// Unterminated strings, identifiers and comments.
        public var problems: [LexProblem]
    }

    /// Splits `source` into tokens.
    public static func tokens(of source: String) -> Result {
        tokens(of: Array(source.utf8))
    }

    /// Splits UTF-8 bytes into tokens.
    public static func tokens(of bytes: [UInt8]) -> Result {
        bytes.withUnsafeBufferPointer { scan($0) }
    }

    // swift-format-ignore: FunctionBodyLength
    private static func scan(_ b: UnsafeBufferPointer<UInt8>) -> Result {
        var tokens: [Token] = []
        tokens.reserveCapacity(b.count / 5)
        var problems: [LexProblem] = []
        let n = b.count
        // A byte-order mark, which some editors on Windows write first, is no part of the SQL.
        var i = n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
        // Where the statement being read began, among the tokens: a `COPY ... FROM stdin` is followed
        // by its data, which is no SQL.
        var statementStart = 0
        while i < n {
            let c = b[i]
            let start = i
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B:
                i += 1
                continue
            case UInt8(ascii: "-") where i + 1 < n && b[i + 1] == UInt8(ascii: "-"):
                i += 2
                // A line ends at CR too, as PostgreSQL ends a comment (an old Mac's file).
                i = lineEnd(b, from: i)
                tokens.append(Token(kind: .lineComment, start: start, end: i))
            case UInt8(ascii: "/") where i + 1 < n && b[i + 1] == UInt8(ascii: "*"):
                i += 2
                var depth = 1
                while i < n && depth > 0 {
                    if b[i] == UInt8(ascii: "*") && i + 1 < n && b[i + 1] == UInt8(ascii: "/") {
                        depth -= 1
                        i += 2
                    } else if b[i] == UInt8(ascii: "/") && i + 1 < n && b[i + 1] == UInt8(ascii: "*") {
                        depth += 1
                        i += 2
                    } else {
                        i += 1
                    }
                }
                if depth > 0 {
                    problems.append(LexProblem(offset: start, message: "this /* comment is never closed; add */"))
                }
                tokens.append(Token(kind: .blockComment, start: start, end: i))
            case UInt8(ascii: "'"):
                i = quoted(b, from: i, quote: c, backslashEscapes: false)
                if i > n {
                    i = n
                    problems.append(
                        LexProblem(offset: start, message: "this string is never closed; add the closing '")
                    )
                }
                tokens.append(Token(kind: .string, start: start, end: i))
            case UInt8(ascii: "\""):
                i = quoted(b, from: i, quote: c, backslashEscapes: false)
                if i > n {
                    i = n
                    problems.append(
                        LexProblem(offset: start, message: "this quoted identifier is never closed; add the closing \"")
                    )
                }
                tokens.append(Token(kind: .quotedIdentifier, start: start, end: i))
            case UInt8(ascii: "$"):
                if i + 1 < n && isDigit(b[i + 1]) {
                    i += 1
                    while i < n && isDigit(b[i]) { i += 1 }
                    tokens.append(Token(kind: .parameter, start: start, end: i))
                } else if let tagEnd = dollarTagEnd(b, from: i) {
                    i = closeDollar(b, tagStart: start, tagEnd: tagEnd)
                    if i > n {
                        i = n
                        let tag = String(decoding: UnsafeBufferPointer(rebasing: b[start..<tagEnd]), as: UTF8.self)
                        problems.append(
                            LexProblem(
                                offset: start,
                                message: "this \(tag) body is never closed; add the closing \(tag)"
                            )
                        )
                    }
                    tokens.append(Token(kind: .dollarString, start: start, end: i))
                } else {
                    i += 1
                    tokens.append(Token(kind: .operator, start: start, end: i))
                }
            // A psql meta-command (`\set ON_ERROR_STOP on`) takes its line: no SQL, as a comment is.
            // One that sends the query (`\g` on a line of its own) ends the statement before it, as
            // later in a line.
            case UInt8(ascii: "\\") where atLineStart(b, i):
                i = lineEnd(b, from: i)
                if metaCommandSendsQuery(b, start..<i) {
                    tokens.append(Token(kind: .punctuation, start: start, end: start + 1))
                    statementStart = tokens.count
                }
                tokens.append(Token(kind: .lineComment, start: start, end: i))
                // `\copy ... from stdin` reads the lines after it, up to `\.`, as `COPY` does.
                if metaCommandCopiesFromStandardInput(b, start..<i) {
                    let data = i
                    i = endOfCopyData(b, from: i)
                    if i > data { tokens.append(Token(kind: .blockComment, start: data, end: i)) }
                }
            // Later in a line, `\g`, `\gset`, `\gexec` … send the query as `;` does (SQL has no `\`):
            // the statement ends there, and the meta-command takes the rest of its line.
            case UInt8(ascii: "\\") where i + 1 < n && isLetter(b[i + 1]):
                i += 1
                tokens.append(Token(kind: .punctuation, start: start, end: i))
                let command = i
                i = lineEnd(b, from: i)
                tokens.append(Token(kind: .lineComment, start: command, end: i))
                statementStart = tokens.count
            case UInt8(ascii: ";"):
                i += 1
                tokens.append(Token(kind: .punctuation, start: start, end: i))
                // `COPY ... FROM stdin;` reads the lines after it, up to `\.`, as data (psql's way).
                if copiesFromStandardInput(b, tokens[statementStart...]) {
                    i = lineEnd(b, from: i)
                    let data = i
                    i = endOfCopyData(b, from: i)
                    if i > data { tokens.append(Token(kind: .blockComment, start: data, end: i)) }
                }
                statementStart = tokens.count
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"):
                i += 1
                tokens.append(Token(kind: .punctuation, start: start, end: i))
            case UInt8(ascii: "."):
                if i + 1 < n && isDigit(b[i + 1]) {
                    i = number(b, from: i)
                    tokens.append(Token(kind: .number, start: start, end: i))
                } else {
                    i += 1
                    tokens.append(Token(kind: .punctuation, start: start, end: i))
                }
            case UInt8(ascii: ":"):
                i += (i + 1 < n && b[i + 1] == UInt8(ascii: ":")) ? 2 : 1
                tokens.append(Token(kind: i - start == 2 ? .operator : .punctuation, start: start, end: i))
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                i = number(b, from: i)
                tokens.append(Token(kind: .number, start: start, end: i))
            default:
                if isIdentifierStart(c) {
                    // String constants with a prefix: E'..', B'..', X'..', N'..', U&'..'.
                    if i + 1 < n && b[i + 1] == UInt8(ascii: "'") && isStringPrefix(c) {
                        let escapes = c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
                        i = quoted(b, from: i + 1, quote: UInt8(ascii: "'"), backslashEscapes: escapes)
                        if i > n {
                            i = n
                            problems.append(
                                LexProblem(offset: start, message: "this string is never closed; add the closing '")
                            )
                        }
                        tokens.append(Token(kind: .string, start: start, end: i))
                        continue
                    }
                    i += 1
                    while i < n && isIdentifierPart(b[i]) { i += 1 }
                    tokens.append(Token(kind: .word, start: start, end: i))
                } else {
                    i += 1
                    while i < n && isOperatorChar(b[i]) {
                        // A comment may start right after an operator.
                        if (b[i] == UInt8(ascii: "-") && i + 1 < n && b[i + 1] == UInt8(ascii: "-"))
                            || (b[i] == UInt8(ascii: "/") && i + 1 < n && b[i + 1] == UInt8(ascii: "*"))
                        {
                            break
                        }
                        i += 1
                    }
                    tokens.append(Token(kind: .operator, start: start, end: i))
                }
            }
        }
        return Result(tokens: tokens, problems: problems)
    }

    /// Whether only spaces and tabs stand between `i` and the start of its line.
    private static func atLineStart(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        var k = i - 1
        while k >= 0 && (b[k] == 0x20 || b[k] == 0x09) { k -= 1 }
        return k < 0 || b[k] == 0x0A || b[k] == 0x0D
    }

    /// Where the line `i` is on ends: at its LF or CR (PostgreSQL ends a comment at either), or the
    /// end of the text.
    private static func lineEnd(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var end = i
        while end < b.count && b[end] != 0x0A && b[end] != 0x0D { end += 1 }
        return end
    }

    /// Where the next line starts, after the line end at `end` (CRLF is one).
    private static func afterLineEnd(_ b: UnsafeBufferPointer<UInt8>, at end: Int) -> Int {
        end + (end + 1 < b.count && b[end] == 0x0D && b[end + 1] == 0x0A ? 2 : 1)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    /// Whether a meta-command line is `\copy ... from stdin`.
    /// Whether a meta-command's line sends the query buffer to the server (`\g`, `\gx`, `\gset`,
    /// `\gexec`, `\gdesc`, `\crosstabview`, `\watch`) or discards it (`\r`, `\reset`): either way
    /// the statement before it ends there.
    private static func metaCommandSendsQuery(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        var end = line.lowerBound + 1
        while end < line.upperBound, isLetter(b[end]) { end += 1 }
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[(line.lowerBound + 1)..<end]), as: UTF8.self)
        return ["g", "gx", "gset", "gexec", "gdesc", "crosstabview", "watch", "r", "reset"].contains(name.lowercased())
    }

    private static func metaCommandCopiesFromStandardInput(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool
    {
        let words = String(decoding: UnsafeBufferPointer(rebasing: b[line]), as: UTF8.self).lowercased()
            .split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.first == "\\copy" else { return false }
        // psql takes `from stdin;` too.
        return zip(words, words.dropFirst()).contains { $0 == "from" && ($1 == "stdin" || $1 == "stdin;") }
    }

    /// Whether a statement's tokens are `COPY ... FROM STDIN`.
    private static func copiesFromStandardInput(_ b: UnsafeBufferPointer<UInt8>, _ tokens: ArraySlice<Token>) -> Bool {
        let words = tokens.lazy.filter { $0.kind == .word }.map { token in
            String(decoding: UnsafeBufferPointer(rebasing: b[token.start..<token.end]), as: UTF8.self).lowercased()
        }
        guard words.first == "copy" else { return false }
        let list = Array(words)
        return zip(list, list.dropFirst()).contains { $0 == "from" && $1 == "stdin" }
    }

    /// Where the data of a `COPY ... FROM stdin` ends: after its line `\.`, or at the end of the file.
    /// A line ends at LF, CR or CRLF (a CR-only file's data hid every statement after it).
    private static func endOfCopyData(_ b: UnsafeBufferPointer<UInt8>, from newline: Int) -> Int {
        var line = afterLineEnd(b, at: newline)
        while line < b.count {
            let end = lineEnd(b, from: line)
            if end - line == 2 && b[line] == UInt8(ascii: "\\") && b[line + 1] == UInt8(ascii: ".") { return end }
            line = afterLineEnd(b, at: end)
        }
        return b.count
    }

    /// Scans a quoted run starting at the opening quote; returns the offset after the closing
    /// quote, or `count + 1` when the quote is never closed.
    private static func quoted(
        _ b: UnsafeBufferPointer<UInt8>,
        from open: Int,
        quote: UInt8,
        backslashEscapes: Bool
    ) -> Int {
        let n = b.count
        var i = open + 1
        while i < n {
            let c = b[i]
            if backslashEscapes && c == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if c == quote {
                if i + 1 < n && b[i + 1] == quote {
                    i += 2
                    continue
                }
                return i + 1
            }
            i += 1
        }
        return n + 1
    }

    /// Returns the offset after `$tag$` when a dollar-quote opener starts at `i`.
    private static func dollarTagEnd(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Int? {
        // `a$b` is part of an identifier, not a quote.
        if i > 0 && isIdentifierPart(b[i - 1]) && b[i - 1] != UInt8(ascii: "$") { return nil }
        var j = i + 1
        if j < b.count && isIdentifierStart(b[j]) {
            j += 1
            while j < b.count && isIdentifierPart(b[j]) && b[j] != UInt8(ascii: "$") { j += 1 }
        }
        return j < b.count && b[j] == UInt8(ascii: "$") ? j + 1 : nil
    }

    /// Finds the matching `$tag$` with a Knuth-Morris-Pratt scan (linear even for long tags);
    /// returns the offset after it, or `count + 1`.
    private static func closeDollar(_ b: UnsafeBufferPointer<UInt8>, tagStart: Int, tagEnd: Int) -> Int {
        let length = tagEnd - tagStart
        if length == 2 {
            var i = tagEnd
            while i + 1 < b.count {
                if b[i] == UInt8(ascii: "$") && b[i + 1] == UInt8(ascii: "$") { return i + 2 }
                i += 1
            }
            return b.count + 1
        }
        var failure = [Int](repeating: 0, count: length)
        var k = 0
        for q in 1..<length {
            while k > 0 && b[tagStart + q] != b[tagStart + k] { k = failure[k - 1] }
            if b[tagStart + q] == b[tagStart + k] { k += 1 }
            failure[q] = k
        }
        k = 0
        var i = tagEnd
        while i < b.count {
            while k > 0 && b[i] != b[tagStart + k] { k = failure[k - 1] }
            if b[i] == b[tagStart + k] { k += 1 }
            i += 1
            if k == length { return i }
        }
        return b.count + 1
    }

    private static func number(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let n = b.count
        var i = start
        while i < n {
            let c = b[i]
            if isDigit(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || isIdentifierStart(c) {
                if (c == UInt8(ascii: "e") || c == UInt8(ascii: "E")) && i + 1 < n
                    && (b[i + 1] == UInt8(ascii: "+") || b[i + 1] == UInt8(ascii: "-"))
                {
                    i += 2
                    continue
                }
                // `1..2` is not valid SQL, but stop before a second dot rather than loop.
                if c == UInt8(ascii: ".") && i + 1 < n && b[i + 1] == UInt8(ascii: ".") { break }
                i += 1
            } else {
                break
            }
        }
        return i
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    @inline(__always) static func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == UInt8(ascii: "_") || c >= 0x80
    }

    @inline(__always) static func isIdentifierPart(_ c: UInt8) -> Bool {
        isIdentifierStart(c) || isDigit(c) || c == UInt8(ascii: "$")
    }

    @inline(__always) private static func isStringPrefix(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "x"),
            UInt8(ascii: "X"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            true
        default: false
        }
    }

    @inline(__always) private static func isOperatorChar(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "@"),
            UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "^"), UInt8(ascii: "&"), UInt8(ascii: "|"),
            UInt8(ascii: "`"), UInt8(ascii: "?"):
            true
        default: false
        }
    }
}
