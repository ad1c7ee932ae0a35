/// `DROP SCHEMA` removes every object in the schema.
public struct DropSchema: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "drop-schema" }
    /// One line on what it stops.
    public var summary: String { "DROP SCHEMA in a migration" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["ban-drop-schema"] }
    /// The long explanation.
    public var explanation: String {
        """
        DROP SCHEMA (with CASCADE, every table, view and function in it) destroys data and breaks every client \
        that uses it. Deprecate the objects first and drop them one by one.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.file.statements.compactMap { statement in
            guard case .dropSchema(let names) = statement.kind else { return nil }
            return context.finding(
                self,
                .error,
                at: statement.range,
                message: "DROP SCHEMA \(names.joined(separator: ", ")) removes everything in it",
                help: "deprecate and drop the objects one by one; drop the empty schema by hand"
            )
        }
    }
}
