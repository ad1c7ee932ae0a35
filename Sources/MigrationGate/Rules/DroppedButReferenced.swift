/// A dropped or renamed-away table or column that application code at HEAD still mentions.
public struct DroppedButReferenced: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "dropped-but-referenced" }
    /// One line on what it stops.
    public var summary: String { "a dropped or renamed table or column is still mentioned in application code" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { [] }
    /// The long explanation.
    public var explanation: String {
        """
        With --base, every table or column the change drops or renames away is searched for in the \
        application code at HEAD (git grep, whole words, ignoring case, as written and in camelCase: \
        legacyName for legacy_name, outside the migration folders). A \
        mention means code that will fail once the migration runs: remove it first, during the deprecation \
        period.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        guard let mentions = context.repository.mentions else { return [] }
        var findings: [Finding] = []
        func check(_ name: String, _ what: String, at range: SourceRange) {
            guard let found = mentions[name.lowercased()], let first = found.first else { return }
            let more = found.count > 1 ? " (and \(found.count - 1) more)" : ""
            findings.append(
                context.finding(
                    self,
                    .error,
                    at: range,
                    message: "\(what) is still mentioned in \(first.file):\(first.line)\(more)",
                    help: "remove the code that uses \(name) first, ship it, then drop it"
                )
            )
        }
        for statement in context.file.statements {
            switch statement.kind {
            case .dropTable(let names):
                for table in names { check(table.name, "dropped table \(table.display)", at: statement.range) }
            case .alterTable(let table, let actions):
                for action in actions {
                    switch action.action {
                    case .dropColumn(let column):
                        check(column, "dropped column \(table.display).\(column)", at: action.range)
                    case .renameColumn(let from, _):
                        check(from, "renamed column \(table.display).\(from)", at: action.range)
                    case .renameTable: check(table.name, "renamed table \(table.display)", at: action.range)
                    case .setSchema(let schema):
                        check(table.name, "table \(table.display), moved to schema \(schema),", at: action.range)
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
