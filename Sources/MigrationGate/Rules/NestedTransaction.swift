/// `BEGIN` inside a transaction, or `COMMIT` of the runner's transaction, confuses the migration runner.
public struct NestedTransaction: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "nested-transaction" }
    /// One line on what it stops.
    public var summary: String { "BEGIN inside a transaction that is already open, or COMMIT with none open" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["transaction-nesting"] }
    /// The long explanation.
    public var explanation: String {
        """
        PostgreSQL has no nested transactions: BEGIN inside an open one only warns, and the COMMIT that \
        follows ends the outer one, so later statements run outside the transaction the runner believes it \
        holds. A COMMIT with no transaction open only warns too, and usually means a BEGIN is missing. With \
        --assume-transaction, let the runner manage the transaction and remove BEGIN/COMMIT.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.file.statements.enumerated().compactMap { index, statement in
            switch statement.kind {
            case .begin where context.states[index].inTransaction:
                return context.finding(
                    self,
                    .warning,
                    at: statement.range,
                    message: "BEGIN inside a transaction that is already open",
                    help: context.settings.assumeTransaction
                        ? "remove BEGIN/COMMIT: the runner already wraps the file in a transaction"
                        : "remove the inner BEGIN; use SAVEPOINT for a nested unit"
                )
            case .commit where !context.states[index].inTransaction,
                .rollback where !context.states[index].inTransaction:
                return context.finding(
                    self,
                    .warning,
                    at: statement.range,
                    message: "this COMMIT ends no transaction: none is open here",
                    help: "remove the stray COMMIT (or the BEGIN it was meant to close is missing)"
                )
            // The runner's transaction only: a COMMIT of one the file began itself after it ends its own.
            case .commit where context.states[index].transaction == 0,
                .rollback where context.states[index].transaction == 0:
                return context.finding(
                    self,
                    .warning,
                    at: statement.range,
                    message: "this ends the transaction the migration runner manages; later statements run outside it",
                    help: "remove BEGIN/COMMIT: the runner already wraps the file in a transaction"
                )
            default:
                return nil
            }
        }
    }
}
