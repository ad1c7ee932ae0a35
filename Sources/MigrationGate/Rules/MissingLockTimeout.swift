/// A heavy lock taken without `lock_timeout` can queue every query behind a long transaction.
public struct MissingLockTimeout: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "missing-lock-timeout" }
    /// One line on what it stops.
    public var summary: String { "a heavy lock is taken with no SET lock_timeout before it" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["require-lock-timeout", "require-timeout-settings"] }
    /// The long explanation.
    public var explanation: String {
        """
        Every schema change waits for its lock behind any open transaction on the object, and every query \
        that arrives afterwards waits behind it: a brief migration becomes an outage. SET lock_timeout (for \
        example '2s') first, so the migration fails fast and can be retried. As in squawk, any statement that \
        takes a lock on an existing object counts: ALTER, DROP, CREATE INDEX (even CONCURRENTLY), COMMENT, \
        TRUNCATE, VACUUM, CLUSTER, REINDEX, REPACK, REFRESH, LOCK, and CREATE statements other than a plain CREATE \
        TABLE (one with REFERENCES, or CREATE TABLE ... AS, counts). Reported once per file, at the first such \
        statement.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        for (index, statement) in context.file.statements.enumerated() {
            if context.states[index].lockTimeoutSet { continue }
            guard takesLock(statement, source: context.file.source) else { continue }
            return [
                context.finding(
                    self,
                    .warning,
                    at: statement.range,
                    message: "this statement takes a lock with no lock_timeout set before it",
                    help: "start the migration with SET lock_timeout = '2s' (and retry on timeout)"
                )
            ]
        }
        return []
    }

    /// Whether a statement waits for a lock on an object other sessions may hold.
    func takesLock(_ statement: ParsedStatement, source: SourceText) -> Bool {
        switch statement.kind {
        case .createTable:
            // A new table locks nothing, unless it references another table or is filled from a query.
            let words = statement.statement.tokens.lazy.filter { $0.kind == .word || $0.kind == .punctuation }
                .map { source.text(of: $0).lowercased() }
            if words.contains("references") { return true }
            for word in words {
                if word == "(" { return false }
                if word == "as" { return true }
            }
            return false
        case .createIndex, .dropIndex, .alterTable, .dropTable, .truncate, .dropDatabase, .dropSchema, .vacuum,
            .cluster, .reindex, .comment, .dropDomainConstraint, .addEnumValue:
            return true
        case .other(let command):
            return ["create", "alter", "drop", "refresh", "lock", "comment", "security", "repack"].contains(command)
        // An UPDATE takes row locks, as the application's own writes do.
        case .set, .begin, .commit, .rollback, .update:
            return false
        }
    }
}
