public import FoundationEssentials

/// One check, in the swift-format model: a name, a documented meaning, and findings with locations.
public protocol Rule: Sendable {
    /// The kebab-case name used in output and in `own:allow`.
    var name: String { get }
    /// One line on what the rule stops.
    var summary: String { get }
    /// The full explanation `--explain` prints: why it matters and what to do instead.
    var explanation: String { get }
    /// The squawk rules that check the same thing, for users coming from squawk.
    var squawkRules: [String] { get }
    /// Checks one migration file.
    func check(_ context: RuleContext) -> [Finding]
}

/// The thresholds and switches the rules apply.
public struct RuleSettings: Sendable {
    /// A table with at least this many rows is large.
    public var largeRows: Int
    /// A table with at least this many bytes is large.
    public var largeBytes: Int?
    /// Whether the migration runner wraps each file in a transaction.
    public var assumeTransaction: Bool
    /// How long a column or table must be deprecated before it may be dropped.
    public var deprecationDays: Int
    /// The current time, for deprecation ages.
    public var now: Date
    /// The PostgreSQL major version the migrations run on; `nil` means a supported one (12 or later).
    public var postgresVersion: Int?
    /// That major version as PostgreSQL names it: `9.6` before 10 (those releases named their major
    /// versions with two numbers), `15` after; what messages say.
    public var postgresRelease: String?

    /// The target PostgreSQL as messages name it.
    public var postgresName: String { postgresRelease ?? postgresVersion.map(String.init) ?? "12 or later" }

    /// Creates settings; every parameter has the documented default.
    public init(
        largeRows: Int = 1_000_000,
        largeBytes: Int? = nil,
        assumeTransaction: Bool = false,
        deprecationDays: Int = 14,
        now: Date = Date(timeIntervalSince1970: 0),
        postgresVersion: Int? = nil,
        postgresRelease: String? = nil
    ) {
        self.largeRows = largeRows
        self.largeBytes = largeBytes
        self.assumeTransaction = assumeTransaction
        self.deprecationDays = deprecationDays
        self.now = now
        self.postgresVersion = postgresVersion
        self.postgresRelease = postgresRelease
    }

    /// Whether the target PostgreSQL is older than `major` (unknown counts as new enough).
    public func isBefore(_ major: Int) -> Bool {
        guard let postgresVersion else { return false }
        return postgresVersion < major
    }
}

/// What the statements before a given one have set up in the same file.
public struct StatementState: Sendable {
    /// Whether the statement runs inside a transaction.
    public var inTransaction: Bool
    /// Tables created earlier in the file (qualified names).
    public var createdTables: Set<String>
    /// Indexes created earlier in the file.
    public var createdIndexes: Set<String>
    /// Whether `SET lock_timeout` ran earlier in the file.
    public var lockTimeoutSet: Bool
    /// Whether `SET statement_timeout` ran earlier in the file.
    public var statementTimeoutSet: Bool = false
    /// Which transaction of the file the statement runs in (they are numbered from 1; 0 is the one
    /// `--assume-transaction` opens), or `nil` outside any.
    public var transaction: Int?
    /// Tables renamed earlier in the file, by their new qualified name: the table they were (whose
    /// size the gate knows).
    public var renamedFrom: [String: ObjectName] = [:]
}

/// Everything a rule may look at for one file.
public struct RuleContext: Sendable {
    /// The file.
    public var file: MigrationFile
    /// The state before each statement, parallel to `file.statements`.
    public var states: [StatementState]
    /// Thresholds and switches.
    public var settings: RuleSettings
    /// Known table sizes.
    public var sizes: TableSizes
    /// Facts read from git: deprecation dates, code changes and mentions.
    public var repository: RepositoryFacts
    /// Every `ALTER TABLE` action in the file, in order.
    public let tableActions: [TableAction]
    /// What the files checked before this one set up: `NOT NULL` checks, column types.
    public var earlier: EarlierMigrations

    /// Creates a context, working out each statement's state.
    public init(
        file: MigrationFile,
        settings: RuleSettings = RuleSettings(),
        sizes: TableSizes = TableSizes(),
        repository: RepositoryFacts = RepositoryFacts(),
        earlier: EarlierMigrations = EarlierMigrations()
    ) {
        self.file = file
        var settings = settings
        if settings.assumeTransaction && SquawkDirectives.disablesAssumedTransaction(file) {
            settings.assumeTransaction = false
        }
        self.settings = settings
        self.sizes = sizes
        self.repository = repository
        self.earlier = earlier
        self.tableActions = Self.tableActions(of: file)
        var state = StatementState(
            inTransaction: settings.assumeTransaction,
            createdTables: [],
            createdIndexes: [],
            lockTimeoutSet: false,
            transaction: settings.assumeTransaction ? 0 : nil
        )
        var transactions = 0
        // A SET LOCAL lasts until its transaction ends; the session's setting holds again after it.
        var session = (lock: false, statement: false)
        var local: (lock: Bool?, statement: Bool?) = (nil, nil)
        // The session's settings when the file's transaction began: a ROLLBACK undoes a SET made in it.
        var sessionAtBegin = session
        // Savepoints of the transaction, with the settings when each was made: ROLLBACK TO one undoes
        // what was SET since.
        var savepoints:
            [(name: String, session: (lock: Bool, statement: Bool), local: (lock: Bool?, statement: Bool?))] =
                []
        var states: [StatementState] = []
        states.reserveCapacity(file.statements.count)
        for statement in file.statements {
            states.append(state)
            let words = statement.statement.tokens.filter { $0.kind == .word || $0.kind == .quotedIdentifier }
                .map { file.source.text(of: $0).lowercased() }
            switch statement.kind {
            case .begin:
                if !state.inTransaction {
                    transactions += 1
                    state.transaction = transactions
                    sessionAtBegin = session
                }
                state.inTransaction = true
            case .commit, .rollback:
                // The runner's own transaction (--assume-transaction) began before anything was set.
                if statement.kind == .rollback, state.inTransaction { session = sessionAtBegin }
                state.inTransaction = false
                state.transaction = nil
                local = (nil, nil)
                savepoints = []
                // `COMMIT AND CHAIN` (not `AND NO CHAIN`) begins the next transaction at once.
                if words.suffix(2) == ["and", "chain"] {
                    transactions += 1
                    state.transaction = transactions
                    state.inTransaction = true
                    sessionAtBegin = session
                }
            case .other("savepoint") where words.count >= 2:
                savepoints.append((words[1], session, local))
            case .other("release"):
                if let name = words.last, let at = savepoints.lastIndex(where: { $0.name == name }) {
                    savepoints.removeSubrange(at...)
                }
            case .other("rollback"), .other("abort"):
                // ROLLBACK TO [SAVEPOINT] name: back to the settings the savepoint was made with.
                if let name = words.last, let at = savepoints.lastIndex(where: { $0.name == name }) {
                    (session, local) = (savepoints[at].session, savepoints[at].local)
                    savepoints.removeSubrange((at + 1)...)
                }
            // Outside a transaction (none opened, none assumed) PostgreSQL ignores a SET LOCAL.
            case .set(_, _, true) where !state.inTransaction:
                break
            case .set(let name, let value, let isLocal):
                // A SET LOCAL in a transaction the file opens ends with it. In the one the migration
                // runner wraps the file in (--assume-transaction), it lasts the file.
                // (Kept as local there too: a COMMIT in the file ends the runner's transaction, and it.)
                let scoped = isLocal && state.inTransaction
                let isDefault = value == "default"
                // Any value counts for statement_timeout, 0 too: a long CONCURRENTLY build turns the
                // limit off on purpose. lock_timeout 0 is no limit.
                let timeouts: (lock: Bool?, statement: Bool?) =
                    switch name {
                    case "lock_timeout": (!isDefault && Self.limits(value), nil)
                    case "statement_timeout": (nil, !isDefault)
                    case "all" where isDefault: (false, false)
                    default: (nil, nil)
                    }
                if scoped {
                    local = (timeouts.lock ?? local.lock, timeouts.statement ?? local.statement)
                } else {
                    session = (timeouts.lock ?? session.lock, timeouts.statement ?? session.statement)
                    // A session SET (or RESET) in a transaction replaces its SET LOCAL too.
                    local = (timeouts.lock == nil ? local.lock : nil, timeouts.statement == nil ? local.statement : nil)
                }
            // A table created IF NOT EXISTS may be an old one, with its rows: not known to be new.
            case .createTable(let name, false, _): state.createdTables.insert(name.qualified)
            // Renamed, a table is the same table under another name: new if it was, with its size.
            case .alterTable(let table, let actions):
                for case .renameTable(let to) in actions.map(\.action) {
                    let renamed = ObjectName(schema: table.schema, name: to)
                    let wasNew = state.createdTables.remove(table.qualified) != nil
                    state.createdTables.remove(renamed.qualified)
                    if wasNew { state.createdTables.insert(renamed.qualified) }
                    state.renamedFrom[renamed.qualified] = state.renamedFrom[table.qualified] ?? table
                    state.renamedFrom[table.qualified] = nil
                }
            case .createIndex(let name?, let table, _, _):
                state.createdIndexes.insert(ObjectName(schema: table.schema, name: name).qualified)
            default: break
            }
            state.lockTimeoutSet = local.lock ?? session.lock
            state.statementTimeoutSet = local.statement ?? session.statement
        }
        self.states = states
    }

    /// A finding located at a byte range of this file.
    public func finding(
        _ rule: some Rule,
        _ severity: Severity,
        at range: SourceRange,
        message: String,
        help: String
    ) -> Finding {
        let start = file.source.position(of: range.start)
        let end = file.source.position(of: range.end)
        return Finding(
            file: file.path,
            line: start.line,
            column: start.column,
            endLine: end.line,
            endColumn: end.column,
            rule: rule.name,
            severity: severity,
            message: message,
            help: help
        )
    }

    /// The severity a heavy lock or rewrite of `table` deserves before statement `index`:
    /// `nil` when the table is new in this file or known to be small, a warning when its size is unknown,
    /// an error when it is large.
    public func lockSeverity(on table: ObjectName, before index: Int) -> Severity? {
        if states[index].createdTables.contains(table.qualified) { return nil }
        let table = states[index].renamedFrom[table.qualified] ?? table
        guard let size = sizes.size(of: table) else { return .warning }
        if isLarge(size) { return .error }
        return isKnownSmall(size) ? nil : .warning
    }

    /// Whether a size that is not large says the table is small: its row count is known, or its bytes
    /// are, with a `--large-bytes` to compare them with. A table PostgreSQL never analyzed has no row
    /// count (`reltuples` -1), however large it is.
    func isKnownSmall(_ size: TableSize) -> Bool {
        size.rows != nil || (size.bytes != nil && settings.largeBytes != nil)
    }

    /// Whether a size is at or above the thresholds.
    public func isLarge(_ size: TableSize) -> Bool {
        if let rows = size.rows, rows >= settings.largeRows { return true }
        if let bytes = size.bytes, let limit = settings.largeBytes, bytes >= limit { return true }
        return false
    }

    /// A few words on the table's size for messages.
    public func sizeNote(_ table: ObjectName) -> String {
        guard let (name, size) = sizes.sized(table) else {
            return sizes.tables.isEmpty && !sizes.given
                ? "its size is unknown (no table's size is given: pass --table-sizes or --database-url)"
                : "its size is unknown (the sizes given have no \(TableSizes.written(table.qualified)))"
        }
        // Found in another schema (a search_path may name it): said, so a wrong guess shows.
        let chosen = name == table.qualified ? "" : " (as \(name))"
        // Large by its bytes alone: those said, not a row count under the threshold ("about 5 rows").
        if let rows = size.rows, let bytes = size.bytes, rows < settings.largeRows, isLarge(size) {
            return "it takes \(bytes) bytes (about \(rows) rows)" + chosen
        }
        if let rows = size.rows { return "it has about \(rows) rows" + chosen }
        let unknown = "its row count is unknown (PostgreSQL has no estimate until the table is analyzed: run ANALYZE)"
        if let bytes = size.bytes {
            return (isKnownSmall(size) ? "it takes \(bytes) bytes" : "\(unknown); it takes \(bytes) bytes") + chosen
        }
        return unknown + chosen
    }
}

extension RuleContext {
    /// Whether a lock_timeout's value limits the wait: 0 (with any unit) waits for ever, and
    /// `DEFAULT` puts back the server's, which is for ever unless it was set there.
    static func limits(_ value: String) -> Bool {
        let text = value.lowercased().filter { !$0.isWhitespace }
        if text.isEmpty || text == "default" { return false }
        let number = text.prefix { $0.isNumber || $0 == "." }
        let unit = text.dropFirst(number.count)
        guard !number.isEmpty, ["", "us", "ms", "s", "min", "h", "d"].contains(String(unit)) else { return true }
        return number.contains { $0 != "0" && $0 != "." }
    }
}
