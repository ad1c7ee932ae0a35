/// A value added to an enum type inside a transaction cannot be used before that transaction
/// commits; before PostgreSQL 12 it cannot be added inside one at all.
public struct EnumValueInTransaction: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "enum-value-in-transaction" }
    /// One line on what it stops.
    public var summary: String {
        "a value added to an enum type (ALTER TYPE … ADD VALUE) used in the same transaction fails"
    }
    /// The squawk rules it matches.
    public var squawkRules: [String] { [] }
    /// The long explanation.
    public var explanation: String {
        """
        ALTER TYPE … ADD VALUE inside a transaction block adds a value that the same transaction cannot \
        use: a later statement of it that does (an UPDATE or INSERT writing the value, a DEFAULT, an index \
        or check naming it) fails with "unsafe use of new value", and the whole migration is rolled back \
        at deploy time. Before PostgreSQL 12 the ALTER TYPE itself is refused inside a transaction. The \
        gate knows a statement is in a transaction after BEGIN, or throughout the file with \
        --assume-transaction; it reads a use as the value written as a string constant (a function's \
        dollar-quoted body is not run when it is created, and is not read). A type created in the same \
        transaction is no exception (PostgreSQL 15 refuses its added values too). Add the value in a \
        migration of its own and use it in the next one.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let statements = context.file.statements
        for (index, statement) in statements.enumerated() {
            guard case .addEnumValue(let type, let value) = statement.kind, context.states[index].inTransaction else {
                continue
            }
            if context.settings.isBefore(12) {
                findings.append(
                    context.finding(
                        self,
                        .error,
                        at: statement.range,
                        message: "ALTER TYPE … ADD VALUE cannot run inside a transaction before PostgreSQL 12: "
                            + "\(context.settings.postgresVersion ?? 0) rejects the migration",
                        help: "move it to its own migration that runs outside a transaction"
                    )
                )
                continue
            }
            let added = context.file.source.position(of: statement.range.start).line
            let transaction = context.states[index].transaction
            for later in statements.indices.dropFirst(index + 1) {
                // The transaction ends at its COMMIT or ROLLBACK; a later one may use the value.
                guard context.states[later].transaction == transaction, context.states[later].inTransaction else {
                    break
                }
                // Another value placed BEFORE or AFTER it names it, and may.
                if case .addEnumValue = statements[later].kind { continue }
                let uses = statements[later].statement.tokens.contains {
                    $0.kind == .string && $0.stringConstant(in: context.file.source.bytes) == value
                }
                guard uses else { continue }
                findings.append(
                    context.finding(
                        self,
                        .error,
                        at: statements[later].range,
                        message: "uses '\(value)', which line \(added) adds to \(type.display) in the same "
                            + "transaction: PostgreSQL refuses it (\"unsafe use of new value\") until that "
                            + "transaction commits",
                        help: "add the value in a migration of its own, and use it in the next one"
                    )
                )
            }
        }
        return findings
    }
}
