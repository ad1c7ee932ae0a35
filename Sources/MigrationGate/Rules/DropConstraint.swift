/// Dropping a constraint removes a guarantee code and data may rely on.
public struct DropConstraint: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "drop-constraint" }
    /// One line on what it stops.
    public var summary: String { "ALTER TABLE (or DOMAIN) ... DROP CONSTRAINT removes a guarantee others may rely on" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["ban-drop-constraint"] }
    /// The long explanation.
    public var explanation: String {
        """
        A dropped unique, check or foreign-key constraint lets data in that old code and reports assume cannot \
        exist, and cannot be restored without validating every row again. Make sure nothing relies on it, \
        and record the decision with an own:allow comment and a reason.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        let help =
            "confirm nothing relies on it, then record the decision with -- own:allow drop-constraint because ..."
        let tables: [Finding] = context.tableActions.compactMap { item in
            guard case .dropConstraint(let name) = item.action.action else { return nil }
            return context.finding(
                self,
                .warning,
                at: item.action.range,
                message: "dropping constraint \(name) on \(item.table.display) removes a guarantee code may rely on",
                help: help
            )
        }
        let domains: [Finding] = context.file.statements.compactMap { statement in
            guard case .dropDomainConstraint(let domain, let name) = statement.kind else { return nil }
            return context.finding(
                self,
                .warning,
                at: statement.range,
                message: "dropping constraint \(name) on domain \(domain.display) removes a guarantee code may rely on",
                help: help
            )
        }
        return (tables + domains).sorted { $0.line < $1.line }
    }
}
