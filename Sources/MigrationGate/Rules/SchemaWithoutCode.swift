/// A new table or column that no application code in the same change mentions.
public struct SchemaWithoutCode: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "schema-without-code" }
    /// One line on what it stops.
    public var summary: String { "a table or column is added or renamed with no code change that uses it" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { [] }
    /// The long explanation.
    public var explanation: String {
        """
        With --base, a migration that adds a table or column, or renames one, must come with application code \
        in the same change that mentions the new name (as written, in camelCase, or singular): otherwise the \
        schema moves ahead of the code, or the code that needed it lives elsewhere unreviewed. Paths under the \
        migration folders are not code; source files elsewhere are. A migration the base had already is left \
        to changed-migration.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        guard context.repository.changedCode != nil else { return [] }
        // A migration the base had is changed-migration's: its tables are in the base (an edited
        // CREATE TABLE is no new table), and what it adds belongs in a new file, judged there.
        guard context.repository.appliedStatements[context.file.path] == nil else { return [] }
        var findings: [Finding] = []
        func require(_ name: String, _ what: String, at range: SourceRange) {
            guard !context.repository.changedCodeMentions(name) else { return }
            findings.append(
                context.finding(
                    self,
                    .error,
                    at: range,
                    message: "\(what) is new, but no code changed since the base mentions \(name)",
                    help: "ship the code that uses \(name) in the same change, or record why with own:allow"
                )
            )
        }
        for statement in context.file.statements {
            switch statement.kind {
            case .createTable(let table, _, _):
                require(table.name, "table \(table.display)", at: statement.range)
            case .alterTable(let table, let actions):
                for action in actions {
                    switch action.action {
                    case .addColumn(let column):
                        require(column.name, "column \(table.display).\(column.name)", at: action.range)
                    case .renameColumn(_, let to): require(to, "column \(table.display).\(to)", at: action.range)
                    case .renameTable(let to): require(to, "table \(to)", at: action.range)
                    default: continue
                    }
                }
            default:
                continue
            }
        }
        return findings
    }
}
