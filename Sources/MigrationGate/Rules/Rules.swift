/// The registry of every rule the gate runs.
public enum Rules {
    /// Every rule, in the order `--explain` lists them.
    public static let all: [any Rule] =
        [
            IndexWithoutConcurrently(), DropIndexWithoutConcurrently(), ForeignKeyWithoutNotValid(),
            CheckWithoutNotValid(), SetNotNull(), ColumnTypeChange(), VolatileDefault(), StoredGeneratedColumn(),
            UniqueWithoutIndex(), PrimaryKeyWithoutIndex(), VacuumFull(), Cluster(), TableRewrite(),
            BackfillInTransaction(),
            ReindexWithoutConcurrently(),
            ConcurrentlyInTransaction(), EnumValueInTransaction(), MissingLockTimeout(), StatementTimeout(),
            DropWithoutDeprecation(),
            SchemaWithoutCode(),
            DroppedButReferenced(), ChangedMigration(), RequiredColumn(), DropNotNull(), DropConstraint(),
            TruncateCascade(), UncheckedDoBlock(),
            DropDatabase(), DropSchema(), NestedTransaction(), Syntax(), AllowWithoutReason(), UnusedAllow(),
        ] + ProbeRule.all

    /// The rule with a given name.
    public static func named(_ name: String) -> (any Rule)? { all.first { $0.name == name } }

    /// Runs every rule on one file, sorted by position.
    public static func check(_ context: RuleContext) -> [Finding] {
        all.flatMap { $0.check(context) }.sorted { ($0.line, $0.column, $0.rule) < ($1.line, $1.column, $1.rule) }
    }
}
