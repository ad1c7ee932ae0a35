/// `TRUNCATE ... CASCADE` also empties every table that references the truncated ones.
public struct TruncateCascade: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "truncate-cascade" }
    /// One line on what it stops.
    public var summary: String { "TRUNCATE ... CASCADE empties every referencing table too" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["ban-truncate-cascade"] }
    /// The long explanation.
    public var explanation: String {
        """
        CASCADE truncates every table with a foreign key to the named ones, and the tables referencing those, \
        recursively: data you did not name disappears. Name every table to empty explicitly.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.file.statements.compactMap { statement in
            guard case .truncate(_, true) = statement.kind else { return nil }
            return context.finding(
                self,
                .error,
                at: statement.range,
                message: "TRUNCATE ... CASCADE also empties every table that references these",
                help: "list every table to truncate explicitly, without CASCADE"
            )
        }
    }
}
