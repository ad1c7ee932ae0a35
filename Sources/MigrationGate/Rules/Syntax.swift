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
        An unterminated string, quoted identifier, comment or dollar-quoted body, unbalanced parentheses, or a \
        statement that does not start with a SQL command. The gate cannot judge what it cannot read, and \
        PostgreSQL will most likely reject it too.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
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
}
