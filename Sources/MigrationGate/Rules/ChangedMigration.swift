/// A statement added to (or changed in) a migration that was in the base already: a database that
/// ran the migration will not run it again, so the change reaches new databases only.
public struct ChangedMigration: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "changed-migration" }
    /// One line on what it stops.
    public var summary: String {
        "a migration the base already had is changed: databases that ran it never run the change"
    }
    /// The squawk rules it matches.
    public var squawkRules: [String] { [] }
    /// The long explanation.
    public var explanation: String {
        """
        With --base, a migration file that was in the merge base and whose statements changed (one added, \
        edited or removed; not comments, spaces or line breaks) is reported at its first new statement: every \
        database that already ran the file will not run it again, so production keeps the old schema while a \
        fresh database gets the new one. The rest of the gate also misjudges such a file: a table created by \
        its old statements counts as new. Put the change in a new migration. A file moved or renamed as it \
        was is not changed, nor is one only reformatted (comments, spaces, the case of keywords and unquoted \
        names).
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        guard let applied = context.repository.appliedStatements[context.file.path] else { return [] }
        let statements = context.file.statements
        let old = Self.old(statements, in: context.file.source, applied: applied)
        if let new = statements.indices.first(where: { !old[$0] }) {
            return [finding(context, at: statements[new].range)]
        }
        // Only statements removed: the file's first statement stands for the change, or its start when
        // none is left (a file emptied).
        guard old.count < applied.values.reduce(0, +) else { return [] }
        return [finding(context, at: statements.first?.range ?? SourceRange(start: 0, end: 0))]
    }

    /// The findings of a file the base had already, less those on its old statements: they were
    /// judged when the file was added, and a table its old statements create is no new one.
    public static func onNewStatements(
        _ findings: [Finding],
        in file: MigrationFile,
        applied: [String: Int]
    ) -> [Finding] {
        let old = old(file.statements, in: file.source, applied: applied)
        let spans = zip(file.statements, old).filter(\.1).map { statement, _ in
            let start = file.source.position(of: statement.statement.startOffset)
            let end = file.source.position(of: max(statement.statement.startOffset, statement.statement.endOffset - 1))
            return ((start.line, start.column), (end.line, end.column))
        }
        return findings.filter { finding in
            let at = (finding.line, finding.column)
            return finding.rule == "changed-migration" || !spans.contains { $0.0 <= at && at <= $0.1 }
        }
    }

    /// For each statement, whether the file as the base had it held it already (matched in order,
    /// each old statement once).
    public static func old(_ statements: [ParsedStatement], in source: SourceText, applied: [String: Int]) -> [Bool] {
        var left = applied
        return statements.map { statement in
            let text = text(of: statement, in: source)
            guard let count = left[text], count > 0 else { return false }
            left[text] = count - 1
            return true
        }
    }

    private func finding(_ context: RuleContext, at range: SourceRange) -> Finding {
        context.finding(
            self,
            .error,
            at: range,
            message: "this migration was in \(context.repository.base ?? "the base") already and its statements "
                + "changed here: a database that ran it will not run the change",
            help: "leave the migration as it was and put the change in a new one"
        )
    }

    /// A statement as the comparison sees it: its tokens' text, one space apart, keywords and
    /// unquoted names in lower case (comments, spaces, line breaks and a formatter's case are no
    /// change: PostgreSQL reads them alike).
    static func text(of statement: ParsedStatement, in source: SourceText) -> String {
        statement.statement.tokens.map { token in
            token.kind == .word ? source.text(of: token).lowercased() : source.text(of: token)
        }.joined(separator: " ")
    }

    /// The statements of a file as it was, each with how often it occurs.
    public static func statements(of file: MigrationFile) -> [String: Int] {
        var counts: [String: Int] = [:]
        for statement in file.statements { counts[text(of: statement, in: file.source), default: 0] += 1 }
        return counts
    }
}
