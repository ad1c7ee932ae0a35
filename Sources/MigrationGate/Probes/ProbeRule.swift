/// A data probe, as a rule: its name, meaning and explanation for `--explain`, SARIF and `own:allow`.
///
/// A probe reads the database that `--database-url` names, so its findings come from ``ProbeRunner``;
/// on the SQL alone (``check(_:)``) it has nothing to read and finds nothing.
public struct ProbeRule: Rule {
    /// The rule's name.
    public let name: String
    /// One line on what it stops.
    public let summary: String
    /// What the probe asks the database.
    let question: String

    /// Every probe.
    public static let all: [ProbeRule] = [
        ProbeRule(
            name: "probe-not-null",
            summary: "SET NOT NULL on a column that holds NULLs will fail",
            question: "rows where the column IS NULL"
        ),
        ProbeRule(
            name: "probe-check",
            summary: "a CHECK constraint that existing rows violate will fail",
            question: "rows where the check's expression IS FALSE"
        ),
        ProbeRule(
            name: "probe-unique",
            summary: "a UNIQUE (or PRIMARY KEY) constraint or unique index on duplicated values will fail",
            question: "key values (all non-NULL) that more than one row holds"
        ),
        ProbeRule(
            name: "probe-type-change",
            summary: "a type change that existing values overflow or do not fit will fail",
            question:
                "values outside the new integer range, longer than the new varchar/char length, or wider than the new numeric precision"
        ),
        ProbeRule(
            name: "probe-foreign-key",
            summary: "a foreign key whose existing rows reference missing parents will fail",
            question: "rows whose (non-NULL) key has no matching row in the referenced table"
        ),
        ProbeRule(
            name: "probe-constraint",
            summary: "VALIDATE CONSTRAINT on a constraint existing rows violate will fail",
            question: "the constraint's definition read from pg_constraint, then the rows it rejects"
        ),
        ProbeRule(
            name: "probe-dependents",
            summary: "a dropped table or column that views, functions or foreign keys still depend on",
            question:
                "pg_depend for views and SQL-standard function bodies, pg_constraint for other tables' foreign keys, and function sources that mention the name"
        ),
    ]

    /// The probe with a given name (they are all defined above).
    static func named(_ name: String) -> ProbeRule { all.first { $0.name == name } ?? all[0] }

    /// The squawk rules it matches: none, no linter asks the data.
    public var squawkRules: [String] { [] }

    /// The long explanation.
    public var explanation: String {
        """
        Runs only with --database-url. Asks the database for \(question), in a READ ONLY transaction bounded \
        by statement_timeout (--probe-budget); on a large table it first tries the exact query for half the \
        budget (an index makes it fast) and then a TABLESAMPLE for the other half. Tables created earlier in \
        the same file are not probed. A finding names the rows (by primary key) or objects found, and is an \
        error, or a warning when an earlier statement of the file writes to the table first.
        """
    }

    /// On the SQL alone there is no data to ask: the probe's findings come from ``ProbeRunner``.
    public func check(_ context: RuleContext) -> [Finding] { [] }
}
