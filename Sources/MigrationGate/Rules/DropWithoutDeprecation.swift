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
        line entered git history, read with git blame, so it cannot be back-dated (outside a git repository every mark is 0 days old); with --base, only a \
        deprecation already in the base's history counts (a commit on the branch can carry any date). A \
        mark counts when it runs before the drop (migrations in file-name order, numbers by value), and a \
        later COMMENT that does not say deprecated (or IS NULL) takes it off. Tables created in the same \
        file are exempt.
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
                    case .setSchema(let schema):
                        findings += judge(
                            context,
                            key: RepositoryFacts.key(table: table),
                            what: "table \(table.display) to schema \(schema)",
                            verb: "moving",
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
        func error(_ message: String, help: String = help) -> [Finding] {
            [context.finding(self, .error, at: range, message: "\(verb) \(what)\(message)", help: help)]
        }
        let comments = context.repository.deprecations[key] ?? []
        let here = context.repository.fileOrder[context.file.path].map {
            MigrationPosition(file: $0, offset: range.start)
        }
        // The comments that run before the drop, in the order they run (the deprecations file's hold
        // whatever the order); a comment that does not say deprecated takes the earlier marks off.
        let first = MigrationPosition(file: -1, offset: 0)
        let before = comments.filter { comment in
            guard let here, let position = comment.position else { return true }
            return position < here
        }
        var marks: [Deprecation] = []
        var unmarked: Deprecation?
        for comment in before.sorted(by: { ($0.position ?? first) < ($1.position ?? first) }) {
            if comment.marks {
                marks.append(comment)
            } else {
                marks.removeAll { $0.position != nil }
                unmarked = comment
            }
        }
        guard let mark = marks.first else {
            if let unmarked {
                return error(
                    ": the comment at \(unmarked.file):\(unmarked.line) took its deprecation mark off, so it is not deprecated"
                )
            }
            if let late = comments.first(where: \.marks) {
                return error(
                    ": its deprecation at \(late.file):\(late.line) runs after the drop, so it was never deprecated before it"
                )
            }
            return error(" with no deprecation period; code deployed now may still use it")
        }
        let committed = marks.compactMap { mark in mark.date.map { (mark: mark, date: $0) } }
        guard !committed.isEmpty else {
            // 0 days old: old enough for `--deprecation-days 0`, unless `--base` asks it to have shipped.
            if days == 0 && context.repository.base == nil { return [] }
            if context.repository.undated {
                return error(
                    ": its deprecation at \(mark.file):\(mark.line) has no date outside a git repository (git blame "
                        + "dates it), so it is 0 days old",
                    help:
                        "run the gate in the repository's git checkout, or drop it \(days) days after the mark is committed"
                )
            }
            return error(
                ": its deprecation at \(mark.file):\(mark.line) is not committed yet, so it is 0 days old",
                help: "commit the deprecation, ship it, and drop \(days) days later"
            )
        }
        // With --base, a deprecation counts once it is in the base's history: a commit made on this
        // branch can carry any date.
        guard let (deprecation, date) = committed.filter({ $0.mark.shipped != false }).min(by: { $0.date < $1.date })
        else {
            let branch = committed[0].mark
            return error(
                ": its deprecation at \(branch.file):\(branch.line) is committed on this branch, not yet in the base's history",
                help: "ship the deprecation first (merge it into the base), then drop \(days) days later"
            )
        }
        // A mark committed after `--now` (a clock set back) is 0 days old, not a negative age.
        let age = max(0, Int(context.settings.now.timeIntervalSince(date) / 86_400))
        if age >= days { return [] }
        return error(
            ": deprecated \(age) days ago at \(deprecation.file):\(deprecation.line), needs \(days)",
            help: "wait \(days - age) more days before \(verb) it"
        )
    }
}
