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
        Reported where a statement of a DO block's body, or the text an EXECUTE in it runs, starts with a \
        schema change (ALTER, CREATE, DROP, TRUNCATE, REINDEX, VACUUM, CLUSTER, LOCK, COMMENT, RENAME); the \
        same words in comments, in other strings or inside a statement are none. Move the changes out of the block where they need no \
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
            let bodies = statement.statement.tokens.filter { $0.kind == .dollarString || $0.kind == .string }
                .compactMap { $0.stringConstant(in: context.file.source.bytes) }
            guard let change = bodies.lazy.compactMap(Self.change).first else { return nil }
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

    /// The first schema change a PL/pgSQL body runs: a word of `changes` that starts a statement (after
    /// BEGIN, THEN, ELSE, LOOP or a `;`), or starts the text an EXECUTE runs. Words in comments, in
    /// other strings and in the middle of a statement (a column named `comment`) are none.
    static func change(in body: String) -> String? {
        let bytes = Array(body.utf8)
        let tokens = SQLLexer.tokens(of: bytes).tokens.filter { !$0.isComment }
        func word(_ index: Int) -> String? {
            guard tokens.indices.contains(index), tokens[index].kind == .word else { return nil }
            return String(decoding: bytes[tokens[index].start..<tokens[index].end], as: UTF8.self).lowercased()
        }
        let starts: Set<String> = ["begin", "then", "else", "loop", "execute"]
        for (index, token) in tokens.enumerated() {
            let previous = index > 0 ? tokens[index - 1] : nil
            let startsStatement =
                previous == nil || (previous?.kind == .punctuation && bytes[previous!.start] == UInt8(ascii: ";"))
                || word(index - 1).map(starts.contains) == true
            guard startsStatement else { continue }
            if let name = word(index), changes.contains(name) { return name }
            // EXECUTE 'ALTER TABLE …' (or format('ALTER TABLE %I …', t)): the texts it runs, read the same way.
            guard word(index - 1) == "execute" else { continue }
            for argument in tokens[index...].prefix(while: { bytes[$0.start] != UInt8(ascii: ";") }) {
                if let text = argument.stringConstant(in: bytes), let name = change(in: text) { return name }
            }
        }
        return nil
    }
}
