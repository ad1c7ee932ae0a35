/// One SQL statement: its significant tokens (comments removed) and where it sits in the file.
public struct Statement: Sendable {
    /// The statement's tokens without comments; the closing `;` is not included.
    public var tokens: [Token]
    /// The offset of the first token.
    public var startOffset: Int
    /// The offset just past the last token.
    public var endOffset: Int
    /// Whether the statement ended with a `;` (the last one may not).
    public var terminated: Bool
}

/// Splits a token stream into statements at top-level semicolons.
public enum StatementSplitter {
    /// Splits a source string into statements.
    public static func statements(in source: String) -> [Statement] {
        let lexed = SQLLexer.tokens(of: source)
        return statements(in: lexed.tokens, source: Array(source.utf8))
    }

    /// Splits lexed tokens into statements; `source` is needed to read keywords.
    public static func statements(in tokens: [Token], source: [UInt8]) -> [Statement] {
        var result: [Statement] = []
        var current: [Token] = []
        var depth = 0
        // SQL-standard function bodies (`BEGIN ATOMIC ... END`) contain semicolons.
        var atomicDepth = 0
        var previousWord: ArraySlice<UInt8> = []
        for token in tokens where !token.isComment {
            if token.kind == .punctuation {
                switch source[token.start] {
                case UInt8(ascii: "("): depth += 1
                case UInt8(ascii: ")"): depth = max(0, depth - 1)
                // `;`, or a psql `\g` later in a line (`SELECT … \gset`), which sends the query.
                case UInt8(ascii: ";") where depth == 0 && atomicDepth == 0,
                    UInt8(ascii: "\\") where depth == 0 && atomicDepth == 0:
                    if let first = current.first, let last = current.last {
                        result.append(
                            Statement(tokens: current, startOffset: first.start, endOffset: last.end, terminated: true)
                        )
                    }
                    current.removeAll(keepingCapacity: true)
                    previousWord = []
                    continue
                default: break
                }
            } else if token.kind == .word {
                let word = source[token.start..<token.end]
                if equalsIgnoringCase(word, "atomic") && equalsIgnoringCase(previousWord, "begin") {
                    atomicDepth += 1
                } else if atomicDepth > 0 {
                    if equalsIgnoringCase(word, "case") {
                        atomicDepth += 1
                    } else if equalsIgnoringCase(word, "end") {
                        atomicDepth -= 1
                    }
                }
                previousWord = word
            }
            current.append(token)
        }
        if let first = current.first, let last = current.last {
            result.append(Statement(tokens: current, startOffset: first.start, endOffset: last.end, terminated: false))
        }
        return result
    }

    static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { expected in
            var i = 0
            for byte in bytes {
                let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                if lower != expected[i] { return false }
                i += 1
            }
            return true
        }
    }
}
