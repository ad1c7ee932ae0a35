/// Input the gate cannot read as SQL.
public struct Syntax: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "syntax" }
    /// One line on what it stops.
    public var summary: String { "the file cannot be read as PostgreSQL" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { [] }
    /// The long explanation.
    public var explanation: String {
        """
        An unterminated string, quoted identifier, comment or dollar-quoted body, unbalanced parentheses, a \
        name quoted with backticks (as MySQL and SQLite quote one), or a statement that does not start with a \
        SQL command. The gate cannot judge what it cannot read, and \
        PostgreSQL will most likely reject it too.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        // Not text PostgreSQL reads: said once, where it starts, instead of an error for each of the
        // "statements" its bytes make.
        if let (offset, what) = Self.notUTF8(context.file.source.bytes) {
            return [
                context.finding(
                    self,
                    .error,
                    at: SourceRange(start: offset, end: min(offset + 1, context.file.source.bytes.count)),
                    message: "the file is not UTF-8 text: \(what)",
                    help: "save it as UTF-8, the encoding migrations are read in"
                )
            ]
        }
        var findings = context.file.lexProblems.map { problem in
            context.finding(
                self,
                .error,
                at: SourceRange(start: problem.offset, end: min(problem.offset + 1, context.file.source.bytes.count)),
                message: problem.message,
                help: "close it; everything after it is read as part of it"
            )
        }
        for statement in context.file.statements {
            guard let problem = statement.syntaxProblem else { continue }
            // An unterminated construct already explains a broken statement; say it once.
            let range = statement.statement.startOffset...statement.statement.endOffset
            if context.file.lexProblems.contains(where: { range.contains($0.offset) }) { continue }
            findings.append(
                context.finding(
                    self,
                    .error,
                    at: statement.range,
                    message: problem,
                    help: "fix the SQL so PostgreSQL can run it"
                )
            )
        }
        return findings
    }

    /// Where a file stops being UTF-8 text, and what is there: a UTF-16 byte-order mark, a NUL (UTF-16
    /// without one), or a byte no UTF-8 character starts with. Nil for UTF-8 text.
    static func notUTF8(_ bytes: [UInt8]) -> (offset: Int, what: String)? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return (0, "it begins with a UTF-16 byte-order mark")
        }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == 0 { return (offset, "a NUL byte (UTF-16 text?)") }
                offset += encoded.count
            case .emptyInput:
                return nil
            case .error:
                let byte = String(bytes[offset], radix: 16, uppercase: true)
                return (offset, "byte 0x\(byte.count == 1 ? "0" + byte : byte) starts no UTF-8 character")
            }
        }
    }
}
