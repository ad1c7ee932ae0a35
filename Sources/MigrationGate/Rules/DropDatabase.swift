/// `DROP DATABASE` in a migration destroys everything.
public struct DropDatabase: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "drop-database" }
    /// One line on what it stops.
    public var summary: String { "DROP DATABASE in a migration" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["ban-drop-database"] }
    /// The long explanation.
    public var explanation: String {
        "A migration that drops a database destroys all its data with no way back. Do it by hand, deliberately."
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.file.statements.compactMap { statement in
            guard case .dropDatabase(let name) = statement.kind else { return nil }
            return context.finding(
                self,
                .error,
                at: statement.range,
                message: "DROP DATABASE \(name) destroys all of its data",
                help: "remove it from the migration; drop databases by hand after a backup"
            )
        }
    }
}
