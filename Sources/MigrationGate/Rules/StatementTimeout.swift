/// A lock taken with no `statement_timeout` can be held for as long as the statement runs.
public struct StatementTimeout: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "statement-timeout" }
    /// One line on what it stops.
    public var summary: String { "a lock is taken with no SET statement_timeout before it" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["require-statement-timeout", "require-timeout-settings"] }
    /// The long explanation.
    public var explanation: String {
        """
        lock_timeout bounds how long a statement waits for its lock; statement_timeout bounds how long it \
        then holds it. Without it, a rewrite or scan that takes longer than expected keeps every query on \
        the table waiting until it finishes. SET statement_timeout (for example '5s') at the start of the \
        migration; for a step known to be slow but safe, such as CREATE INDEX CONCURRENTLY, raise it (or SET \
        it to 0) just for that step. The statements that count are those of missing-lock-timeout. Reported \
        once per file, at the first such statement.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        let locks = MissingLockTimeout()
        for (index, statement) in context.file.statements.enumerated() {
            if context.states[index].statementTimeoutSet { continue }
            guard locks.takesLock(statement, source: context.file.source) else { continue }
            return [
                context.finding(
                    self,
                    .warning,
                    at: statement.range,
                    message: "this statement takes a lock with no statement_timeout set before it",
                    help: "start the migration with SET statement_timeout = '5s' (raise it for a known slow step)"
                )
            ]
        }
        return []
    }
}
