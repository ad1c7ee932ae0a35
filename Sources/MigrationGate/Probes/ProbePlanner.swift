/// Works out, from the SQL alone, which data probes a migration needs: the pure half of the probes.
public enum ProbePlanner {
    /// The probes for `files`, in file and statement order.
    public static func plan(_ files: [MigrationFile], settings: RuleSettings = RuleSettings()) -> [DataProbe] {
        // CHECK and FOREIGN KEY constraints added NOT VALID by the files so far, by table and name: a later
        // VALIDATE probes with their definition, as the database may not have them yet.
        var notValid: [String: (kind: ConstraintKind, detail: ConstraintDetail)] = [:]
        // The statements of the files so far that change rows: a backfill in an earlier migration of the
        // run changes what a later one's probe would find.
        var writes: [(context: RuleContext, index: Int)] = []
        return files.flatMap { file in
            let context = RuleContext(file: file, settings: settings)
            let probes = plan(context, notValid: &notValid, earlier: writes)
            writes += context.file.statements.indices.filter { writesRows(context, $0) }.map { (context, $0) }
            return probes
        }
    }

    /// The probes for one file.
    static func plan(
        _ context: RuleContext,
        notValid: inout [String: (kind: ConstraintKind, detail: ConstraintDetail)],
        earlier: [(context: RuleContext, index: Int)] = []
    ) -> [DataProbe] {
        var probes: [DataProbe] = []
        var addedColumns: Set<String> = []
        var actions = context.tableActions[...]
        for (index, statement) in context.file.statements.enumerated() {
            let state = context.states[index]
            func isNew(_ table: ObjectName) -> Bool { state.createdTables.contains(table.qualified) }
            func probe(
                _ rule: String,
                _ question: DataProbe.Question,
                at range: SourceRange,
                _ what: String,
                _ hit: String,
                _ help: String
            ) -> DataProbe {
                var planned = DataProbe(
                    rule: rule,
                    question: question,
                    location: context.finding(ProbeRule.named(rule), .error, at: range, message: "", help: ""),
                    statement: what,
                    hit: hit,
                    help: help,
                    changedEarlier: changedEarlier(question, before: index, in: context, earlier: earlier)
                )
                planned.refusal = ProbeSafety.refusal(of: planned)
                return planned
            }
            switch statement.kind {
            case .createIndex(_, let table, true, _) where !isNew(table):
                guard let detail = statement.index, !detail.keys.isEmpty else { break }
                probes.append(
                    probe(
                        "probe-unique",
                        .duplicates(
                            table: table,
                            keys: detail.keys,
                            predicate: detail.predicate,
                            nullsCollide: detail.nullsNotDistinct
                        ),
                        at: statement.range,
                        "the unique index on \(table.display) (\(detail.keys.joined(separator: ", ")))",
                        "duplicated values",
                        "remove or merge the duplicates first, or make the index non-unique"
                    )
                )
            case .dropTable(let names):
                for table in names where !isNew(table) {
                    var dependents = probe(
                        "probe-dependents",
                        .dependents(table: table, column: nil),
                        at: statement.range,
                        "DROP TABLE \(table.display)",
                        "dependents",
                        "drop or change the dependents first (CASCADE would drop them silently)"
                    )
                    dependents.cascade = Self.cascades(context, index)
                    probes.append(dependents)
                }
            default:
                break
            }
            while let item = actions.first, item.index == index {
                actions.removeFirst()
                let table = item.table
                let range = item.action.range
                let column = { (name: String) in "\(table.display).\(name)" }
                if isNew(table) { continue }
                switch item.action.action {
                case .addColumn(let definition):
                    addedColumns.insert(NotNullChecks.key(table, definition.name))
                case .setNotNull(let name) where !addedColumns.contains(NotNullChecks.key(table, name)):
                    probes.append(
                        probe(
                            "probe-not-null",
                            .rows(table: table, condition: "\(quoted(name)) IS NULL"),
                            at: range,
                            "SET NOT NULL on \(column(name))",
                            "rows with NULL in \(name)",
                            "backfill the NULLs (UPDATE in batches) before setting NOT NULL"
                        )
                    )
                case .addConstraint(let name, let kind, let isNotValid, false):
                    guard let detail = item.action.constraint else { break }
                    if isNotValid {
                        if let name, kind == .check || kind == .foreignKey {
                            notValid[NotNullChecks.key(table, name)] = (kind, detail)
                        }
                        break
                    }
                    probes += constraintProbe(
                        kind,
                        detail,
                        name: name,
                        table: table,
                        probe: { rule, question, what, hit, help in
                            probe(rule, question, at: range, what, hit, help)
                        }
                    )
                case .validateConstraint(let name):
                    if let (kind, detail) = notValid[NotNullChecks.key(table, name)] {
                        probes += constraintProbe(
                            kind,
                            detail,
                            name: name,
                            table: table,
                            probe: { rule, question, what, hit, help in
                                probe(rule, question, at: range, what, hit, help)
                            }
                        )
                    } else {
                        probes.append(
                            probe(
                                "probe-constraint",
                                .constraint(table: table, name: name),
                                at: range,
                                "VALIDATE CONSTRAINT \(name) on \(table.display)",
                                "rows violating it",
                                "fix or remove the rejected rows before validating"
                            )
                        )
                    }
                case .alterColumnType(let name, let type) where !addedColumns.contains(NotNullChecks.key(table, name)):
                    guard let condition = TypeLimits.violation(of: quoted(name), becoming: type) else { break }
                    probes.append(
                        probe(
                            "probe-type-change",
                            .rows(table: table, condition: condition),
                            at: range,
                            "changing \(column(name)) to \(TypeLimits.display(type))",
                            "rows with values that do not fit \(TypeLimits.display(type))",
                            "shorten or fix those values first, or choose a wider type"
                        )
                    )
                case .dropColumn(let name) where !addedColumns.contains(NotNullChecks.key(table, name)):
                    var dependents = probe(
                        "probe-dependents",
                        .dependents(table: table, column: name),
                        at: range,
                        "DROP COLUMN \(column(name))",
                        "dependents",
                        "drop or change the dependents first (CASCADE would drop them silently)"
                    )
                    dependents.cascade = Self.cascades(context, index)
                    probes.append(dependents)
                default:
                    break
                }
            }
        }
        return probes
    }

    private static func constraintProbe(
        _ kind: ConstraintKind,
        _ detail: ConstraintDetail,
        name: String?,
        table: ObjectName,
        probe: (String, DataProbe.Question, String, String, String) -> DataProbe
    ) -> [DataProbe] {
        // "the CHECK positive_total on orders", or unnamed "the CHECK on orders".
        let named = name.map { " \($0)" } ?? ""
        switch kind {
        case .check:
            guard let expression = detail.expression else { return [] }
            return [
                probe(
                    "probe-check",
                    .rows(table: table, condition: "(\(expression)) IS FALSE"),
                    "the CHECK\(named) on \(table.display)",
                    "rows violating it",
                    "fix the violating rows first, or add the check NOT VALID so it applies to new rows only"
                )
            ]
        case .unique, .primaryKey:
            guard !detail.columns.isEmpty else { return [] }
            let what = "the \(kind.rawValue)\(named) on \(table.display) (\(detail.columns.joined(separator: ", ")))"
            let unique = probe(
                "probe-unique",
                .duplicates(
                    table: table,
                    keys: detail.columns.map(quoted),
                    predicate: nil,
                    nullsCollide: detail.nullsNotDistinct
                ),
                what,
                "duplicated values",
                "remove or merge the duplicates first"
            )
            guard kind == .primaryKey else { return [unique] }
            // A primary key makes its columns NOT NULL: a NULL in one fails the statement too.
            let nulls = detail.columns.map { "\(quoted($0)) IS NULL" }.joined(separator: " OR ")
            return [
                unique,
                probe(
                    "probe-not-null",
                    .rows(table: table, condition: nulls),
                    what,
                    "rows with NULL in the key",
                    "backfill the NULLs first: a primary key's columns are NOT NULL"
                ),
            ]
        case .foreignKey:
            guard let parent = detail.referencedTable, !detail.columns.isEmpty else { return [] }
            return [
                probe(
                    "probe-foreign-key",
                    .orphans(
                        table: table,
                        columns: detail.columns,
                        parent: parent,
                        parentColumns: detail.referencedColumns
                    ),
                    "the foreign key\(named) from \(table.display) to \(parent.display)",
                    "rows referencing a missing row of \(parent.display)",
                    "delete or fix the orphaned rows first, or add the key NOT VALID"
                )
            ]
        case .exclude:
            return []
        }
    }

    /// Where an earlier statement writes the probed table's rows, if one does: the last such of this
    /// file (`line 3`), else of an earlier file of the run (`db/001_backfill.sql line 3`).
    private static func changedEarlier(
        _ question: DataProbe.Question,
        before index: Int,
        in context: RuleContext,
        earlier: [(context: RuleContext, index: Int)]
    )
        -> String?
    {
        let table: ObjectName
        switch question {
        case .rows(let probed, _), .duplicates(let probed, _, _, _), .orphans(let probed, _, _, _),
            .constraint(let probed, _):
            table = probed
        case .dependents:
            return nil
        }
        for at in context.file.statements.indices[..<index].reversed()
        where writesRows(context, at) && mentions(table, context, at) {
            return "line \(context.file.source.position(of: context.file.statements[at].statement.startOffset).line)"
        }
        for (file, at) in earlier.reversed() where mentions(table, file, at) {
            let line = file.file.source.position(of: file.file.statements[at].statement.startOffset).line
            return "\(file.file.path) line \(line)"
        }
        return nil
    }

    /// Whether a statement changes rows: a data statement, or a change of a column's type that computes
    /// its values (`ALTER COLUMN v TYPE bigint USING coalesce(v, 0)`).
    private static func writesRows(_ context: RuleContext, _ index: Int) -> Bool {
        let statement = context.file.statements[index]
        switch statement.kind {
        case .update:
            return true
        case .other(let command):
            return ["update", "insert", "delete", "merge", "copy", "with"].contains(command)
        case .alterTable(_, let actions):
            let retyped = actions.contains { if case .alterColumnType = $0.action { true } else { false } }
            return retyped
                && statement.statement.tokens.contains { token in
                    token.kind == .word && context.file.source.text(of: token).lowercased() == "using"
                }
        default:
            return false
        }
    }

    /// Whether a statement says CASCADE.
    private static func cascades(_ context: RuleContext, _ index: Int) -> Bool {
        context.file.statements[index].statement.tokens.contains { token in
            token.kind == .word && context.file.source.text(of: token).lowercased() == "cascade"
        }
    }

    /// Whether a statement names the table.
    private static func mentions(_ table: ObjectName, _ context: RuleContext, _ index: Int) -> Bool {
        context.file.statements[index].statement.tokens.contains { token in
            (token.kind == .word && context.file.source.text(of: token).lowercased() == table.name)
                || (token.kind == .quotedIdentifier && context.file.source.text(of: token) == "\"\(table.name)\"")
        }
    }

    /// An identifier as PostgreSQL reads it back: always quoted, so folded names keep their case.
    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences("\"", with: "\"\"") + "\"" }
}
