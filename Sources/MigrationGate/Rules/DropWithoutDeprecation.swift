import FoundationEssentials

/// Dropping (or renaming away) a column or table that was not deprecated long enough before.
public struct DropWithoutDeprecation: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "drop-without-deprecation" }
    /// One line on what it stops.
    public var summary: String { "a column or table is dropped or renamed without a deprecation period" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["ban-drop-column", "ban-drop-table", "renaming-column", "renaming-table"] }
    /// The long explanation.
    public var explanation: String {
        """
        Code deployed before the migration still reads the old column or table; dropping or renaming it \
        breaks that code at deploy time and loses the data. Deprecate first: add COMMENT ON COLUMN|TABLE ... \
        IS 'deprecated: <why>' in an earlier migration (or an entry in db/deprecations.toml), move the code off \
        it, and drop it at least --deprecation-days (default 14) later. The deprecation's date is when its \
        line entered git history, read with git blame, so it cannot be back-dated. Tables created in the \
        same file are exempt.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (index, statement) in context.file.statements.enumerated() {
            switch statement.kind {
            case .dropTable(let names):
                for table in names where !context.states[index].createdTables.contains(table.qualified) {
                    findings += judge(
                        context,
                        key: RepositoryFacts.key(table: table),
                        what: "table \(table.display)",
                        verb: "dropping",
                        at: statement.range
                    )
                }
            case .alterTable(let table, let actions):
                if context.states[index].createdTables.contains(table.qualified) { continue }
                for action in actions {
                    switch action.action {
                    case .dropColumn(let column):
                        let key = RepositoryFacts.key(table: table, column: column)
                        findings += judge(
                            context,
                            key: key,
                            what: "column \(table.display).\(column)",
                            verb: "dropping",
                            at: action.range
                        )
                    case .renameColumn(let from, _):
                        let key = RepositoryFacts.key(table: table, column: from)
                        findings += judge(
                            context,
                            key: key,
                            what: "column \(table.display).\(from)",
                            verb: "renaming",
                            at: action.range
                        )
                    case .renameTable:
                        findings += judge(
                            context,
                            key: RepositoryFacts.key(table: table),
                            what: "table \(table.display)",
                            verb: "renaming",
                            at: action.range
                        )
                    default:
                        continue
                    }
                }
            default:
                continue
            }
        }
        return findings
    }

    private func judge(
        _ context: RuleContext,
        key: String,
        what: String,
        verb: String,
        at range: SourceRange
    ) -> [Finding] {
        let days = context.settings.deprecationDays
        let help =
            "mark it with COMMENT ON ... IS 'deprecated: <why>' in an earlier migration, move code off it, and drop it \(days) days later"
        guard let deprecation = context.repository.deprecations[key] else {
            return [
                context.finding(
                    self,
                    .error,
                    at: range,
                    message: "\(verb) \(what) with no deprecation period; code deployed now still uses it",
                    help: help
                )
            ]
        }
        guard let date = deprecation.date else {
            return [
                context.finding(
                    self,
                    .error,
                    at: range,
                    message:
                        "\(verb) \(what): its deprecation at \(deprecation.file):\(deprecation.line) is not committed yet, so it is 0 days old",
                    help: "commit the deprecation, ship it, and drop \(days) days later"
                )
            ]
        }
        let age = Int(context.settings.now.timeIntervalSince(date) / 86_400)
        if age >= days { return [] }
        return [
            context.finding(
                self,
                .error,
                at: range,
                message:
                    "\(verb) \(what): deprecated \(age) days ago at \(deprecation.file):\(deprecation.line), needs \(days)",
                help: "wait \(days - age) more days before \(verb) it"
            )
        ]
    }
}
