/// A schema change inside a `DO` block runs where the gate does not look: its body is PL/pgSQL, not
/// the statements the rules read.
public struct UncheckedDoBlock: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "unchecked-do-block" }
    /// One line on what it stops.
    public var summary: String { "a DO block changes the schema where no rule checks it" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { [] }
    /// The long explanation.
    public var explanation: String {
        """
        The body of a DO block is PL/pgSQL, run as one statement: the ALTER, CREATE, DROP and other schema \
        changes in it take their locks and rewrite their tables like any other, but no rule sees them. \
        Reported where a DO block's body names a schema change (ALTER, CREATE, DROP, TRUNCATE, REINDEX, \
        VACUUM, CLUSTER, LOCK, COMMENT, RENAME). Move the changes out of the block where they need no \
        condition, or review them by hand and allow the finding with its reason.
        """
    }

    /// The words of a body that name a schema change.
    static let changes: Set<String> = [
        "alter", "create", "drop", "truncate", "reindex", "vacuum", "cluster", "lock", "comment", "rename",
    ]

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.file.statements.compactMap { statement in
            guard case .other("do") = statement.kind else { return nil }
            let body = statement.statement.tokens.filter { $0.kind == .dollarString || $0.kind == .string }
                .map { context.file.source.text(of: $0).lowercased() }.joined(separator: " ")
            let words = body.split { !($0.isLetter || $0 == "_") }
            guard let change = words.first(where: { Self.changes.contains(String($0)) }) else { return nil }
            return context.finding(
                self,
                .warning,
                at: statement.range,
                message: "this DO block runs \(change.uppercased()) where no rule checks it",
                help: "move the schema changes out of the DO block, or review them by hand and allow this finding "
                    + "with its reason"
            )
        }
    }
}
