/// One question a migration asks of the data it will run on, planned from the SQL alone.
public struct DataProbe: Sendable, Hashable {
    /// What the probe looks for.
    public enum Question: Sendable, Hashable {
        /// Rows of `table` for which `condition` (SQL over the table's columns) is true.
        case rows(table: ObjectName, condition: String)
        /// Values of `keys` (SQL expressions) that more than one row of `table` holds, among the rows
        /// where `predicate` holds (a partial index).
        /// `nullsCollide`: `NULLS NOT DISTINCT`, two NULL keys are duplicates too.
        case duplicates(table: ObjectName, keys: [String], predicate: String?, nullsCollide: Bool = false)
        /// Rows of `table` whose `columns` reference no row of `parent` (by `parentColumns`, or the parent's
        /// primary key when empty).
        case orphans(table: ObjectName, columns: [String], parent: ObjectName, parentColumns: [String])
        /// Views, functions and other tables' foreign keys that depend on `table` (or one of its columns).
        case dependents(table: ObjectName, column: String?)
        /// The rows an existing constraint (`CHECK` or `FOREIGN KEY`, read from the catalog) rejects.
        case constraint(table: ObjectName, name: String)
    }

    /// The probe's rule name, which every finding it makes carries.
    public var rule: String
    /// What it asks.
    public var question: Question
    /// Where the statement is: the finding's location, with an empty message.
    public var location: Finding
    /// What fails if the probe finds something, such as "SET NOT NULL on orders.placed_at".
    public var statement: String
    /// What the probe counts, such as "rows with NULL in placed_at".
    public var hit: String
    /// What to do about a hit.
    public var help: String
    /// Where an earlier statement changes the table's rows first, when one does (`line 3` in the same
    /// file, `db/001_backfill.sql line 3` in an earlier file of the run): the probe sees the rows as
    /// they are now, so its findings are warnings.
    public var changedEarlier: String?
    /// Why the gate does not run the probe (`ProbeSafety`), when it does not: its finding says so.
    public var refusal: String?
    /// A drop written with CASCADE: its dependents do not stop it, they go with it.
    public var cascade = false

    /// The table the probe reads.
    public var table: ObjectName {
        switch question {
        case .rows(let table, _), .duplicates(let table, _, _, _), .orphans(let table, _, _, _),
            .dependents(let table, _), .constraint(let table, _):
            table
        }
    }
}
