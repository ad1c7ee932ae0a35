/// A table, index or schema name as PostgreSQL folds it: unquoted names lower-cased, quoted kept.
public struct ObjectName: Sendable, Hashable {
    /// The schema, when the name was qualified.
    public var schema: String?
    /// The object's own name.
    public var name: String

    /// Creates a name.
    public init(schema: String? = nil, name: String) {
        self.schema = schema
        self.name = name
    }

    /// The name with its schema, `public` when none was written: the key for table sizes.
    public var qualified: String { "\(schema ?? "public").\(name)" }

    /// The name as a user would write it.
    public var display: String { schema.map { "\($0).\(name)" } ?? name }
}

/// A byte range of a statement part, so a finding can point at the exact clause.
public struct SourceRange: Sendable, Hashable {
    /// The first byte.
    public var start: Int
    /// Just past the last byte.
    public var end: Int
}

/// A column as written in `ADD COLUMN`.
public struct ColumnDefinition: Sendable, Hashable {
    /// The column name.
    public var name: String
    /// The type as written, lower-cased.
    public var typeName: String
    /// Whether `NOT NULL` was given.
    public var notNull: Bool = false
    /// The `DEFAULT` expression's text, if any.
    public var defaultText: String?
    /// The first function in the default that may be volatile, if any.
    public var volatileDefault: String?
    /// Whether the column is `GENERATED ALWAYS AS (...) STORED`.
    public var generatedStored: Bool = false
    /// Whether the column is an identity column (`GENERATED ... AS IDENTITY`).
    public var identity: Bool = false
    /// The referenced table of an inline `REFERENCES`.
    public var references: ObjectName?
    /// Whether the column is declared `PRIMARY KEY` inline.
    public var primaryKey: Bool = false
    /// Whether the column is declared `UNIQUE` inline.
    public var unique: Bool = false
    /// Whether the column has an inline `CHECK (...)`.
    public var check: Bool = false

    /// Whether the type is one of the `serial` pseudo-types, whose default is `nextval`.
    public var isSerial: Bool {
        ["serial", "bigserial", "smallserial", "serial4", "serial8", "serial2"].contains(typeName)
    }
}

/// The kind of a table constraint.
public enum ConstraintKind: String, Sendable, Hashable {
    /// `CHECK (...)`.
    case check
    /// `FOREIGN KEY ... REFERENCES`.
    case foreignKey = "foreign key"
    /// `UNIQUE`.
    case unique
    /// `PRIMARY KEY`.
    case primaryKey = "primary key"
    /// `EXCLUDE`.
    case exclude
}

/// One action of an `ALTER TABLE`.
public enum AlterAction: Sendable, Hashable {
    /// `ADD COLUMN`.
    case addColumn(ColumnDefinition)
    /// `DROP COLUMN`.
    case dropColumn(String)
    /// `ALTER COLUMN ... TYPE`.
    case alterColumnType(column: String, type: String)
    /// `ALTER COLUMN ... SET NOT NULL`.
    case setNotNull(String)
    /// `ALTER COLUMN ... DROP NOT NULL`.
    case dropNotNull(String)
    /// `ADD [CONSTRAINT name] ...`.
    case addConstraint(name: String?, kind: ConstraintKind, notValid: Bool, usingIndex: Bool)
    /// `VALIDATE CONSTRAINT`.
    case validateConstraint(String)
    /// `DROP CONSTRAINT`.
    case dropConstraint(String)
    /// `RENAME [COLUMN] a TO b`.
    case renameColumn(from: String, to: String)
    /// `RENAME CONSTRAINT a TO b`.
    case renameConstraint(from: String, to: String)
    /// `RENAME TO b`.
    case renameTable(to: String)
    /// `SET SCHEMA s`: the table moves to another schema, away from its name here.
    case setSchema(String)
    /// `SET TABLESPACE`, `SET LOGGED`, `SET UNLOGGED`: the table is written anew under its lock (the words).
    case rewrite(String)
    /// Any other action, by its first words.
    case other(String)
}

/// What an added constraint covers, for the rules and data probes that need more than its kind.
public struct ConstraintDetail: Sendable, Hashable {
    /// The constrained columns of `UNIQUE`, `PRIMARY KEY` or `FOREIGN KEY`, folded.
    public var columns: [String] = []
    /// A `CHECK`'s expression as written, without its outer parentheses.
    public var expression: String?
    /// The columns a CHECK proves hold no NULL: `CHECK (a IS NOT NULL)`, `CHECK (NOT (a IS NULL))`, and
    /// each such term of a top-level AND (`CHECK (a IS NOT NULL AND b > 0)`), as PostgreSQL uses them to
    /// skip SET NOT NULL's scan.
    public var notNullColumns: [String] = []
    /// The table a foreign key references.
    public var referencedTable: ObjectName?
    /// The referenced columns, when written (otherwise the referenced table's primary key).
    public var referencedColumns: [String] = []
    /// A `UNIQUE NULLS NOT DISTINCT` (PostgreSQL 15): two NULL keys collide.
    public var nullsNotDistinct = false

    /// Creates an empty detail.
    public init() {}
}

/// An `ALTER TABLE` action with where it was written.
public struct LocatedAction: Sendable, Hashable {
    /// The action.
    public var action: AlterAction
    /// Where it is in the file.
    public var range: SourceRange
    /// What an `ADD CONSTRAINT` covers; `nil` for other actions.
    public var constraint: ConstraintDetail? = nil
}

/// The key of a `CREATE INDEX`, for the data probe of a unique index.
public struct IndexDetail: Sendable, Hashable {
    /// Each key column or expression as written.
    public var keys: [String]
    /// The `WHERE` predicate of a partial index, as written.
    public var predicate: String?
    /// `NULLS NOT DISTINCT` (PostgreSQL 15): two NULL keys collide.
    public var nullsNotDistinct = false
}

/// What a `COMMENT ON` applies to.
public enum CommentTarget: Sendable, Hashable {
    /// `COMMENT ON TABLE`.
    case table(ObjectName)
    /// `COMMENT ON COLUMN table.column`.
    case column(table: ObjectName, column: String)
    /// Anything else.
    case other
}

/// A column as `CREATE TABLE` defines it: its name and its type, as the parser keeps types (lower-cased
/// tokens separated by spaces: `varchar ( 50 )`).
public struct TableColumn: Sendable, Hashable {
    /// The column name.
    public var name: String
    /// The type as written, lower-cased.
    public var typeName: String
}

/// The statement model: what the rules need to know about one statement.
public enum StatementKind: Sendable, Hashable {
    /// `CREATE TABLE`; `ifNotExists`: the table may be there already, with its rows. `columns`: those
    /// its list defines, with their types (none for `AS` or `PARTITION OF`).
    case createTable(ObjectName, ifNotExists: Bool, columns: [TableColumn])
    /// `CREATE INDEX`.
    case createIndex(name: String?, table: ObjectName, unique: Bool, concurrently: Bool)
    /// `DROP INDEX`.
    case dropIndex(names: [ObjectName], concurrently: Bool)
    /// `ALTER TABLE`.
    case alterTable(table: ObjectName, actions: [LocatedAction])
    /// `DROP TABLE`.
    case dropTable(names: [ObjectName])
    /// `TRUNCATE`.
    case truncate(names: [ObjectName], cascade: Bool)
    /// `UPDATE`: rewrites the rows it sets, and holds their locks until its transaction ends.
    case update(table: ObjectName)
    /// `DROP DATABASE`.
    case dropDatabase(String)
    /// `DROP SCHEMA`.
    case dropSchema([String])
    /// `VACUUM`.
    case vacuum(full: Bool, tables: [ObjectName])
    /// `CLUSTER`.
    case cluster(table: ObjectName?)
    /// `REINDEX`.
    case reindex(target: String, name: ObjectName?, concurrently: Bool)
    /// `ALTER TYPE ... ADD VALUE 'value'`: a new value of an enum type.
    case addEnumValue(type: ObjectName, value: String)
    /// `ALTER DOMAIN ... DROP CONSTRAINT`.
    case dropDomainConstraint(domain: ObjectName, constraint: String)
    /// `COMMENT ON ... IS '...'`.
    case comment(target: CommentTarget, text: String?)
    /// `SET [SESSION | LOCAL] name = value`; `RESET name` is `SET name TO DEFAULT`, and `RESET ALL`
    /// the name `all`. A `local` setting ends with its transaction.
    case set(name: String, value: String, local: Bool)
    /// `BEGIN` or `START TRANSACTION`.
    case begin
    /// `COMMIT` or `END`.
    case commit
    /// `ROLLBACK` or `ABORT`: the transaction ends, and its session settings are undone with it.
    case rollback
    /// Anything else, named by its first word.
    case other(String)
}
