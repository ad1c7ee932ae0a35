import Logging
import PostgresNIO

/// Runs data probes against a live PostgreSQL: each in a READ ONLY transaction, bounded by
/// `statement_timeout`, so a probe can neither write nor run past its budget.
public struct ProbeRunner: Sendable {
    /// The database.
    public var url: String
    /// The longest one probe may run, in milliseconds.
    public var budgetMilliseconds: Int
    /// Known table sizes: a table at or above `largeRows` gets a sampled second try.
    public var sizes: TableSizes
    /// The row threshold of a large table.
    public var largeRows: Int
    /// How many rows a sample aims to read.
    public var sampleRows = 100_000

    /// Creates a runner.
    public init(url: String, budgetMilliseconds: Int, sizes: TableSizes = TableSizes(), largeRows: Int = 1_000_000) {
        self.url = url
        self.budgetMilliseconds = budgetMilliseconds
        self.sizes = sizes
        self.largeRows = largeRows
    }

    /// The most rows a probe counts; beyond it the finding says "at least".
    static let countCap = 1000

    /// What one query found.
    struct Answer {
        var count: Int
        var examples: String
    }

    /// Runs every probe and returns their findings by file path.
    public func run(_ probes: [DataProbe]) async throws(GateError) -> [String: [Finding]] {
        guard !probes.isEmpty else { return [:] }
        let configuration = try LiveSizes.connectionConfiguration(url)
        let logger = Logger(label: "own.gate.probes")
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 2, logger: logger)
            var result: [String: [Finding]] = [:]
            do {
                // Every statement of this session, catalog look-ups included, is read-only and bounded.
                _ = try await connection.query("SET default_transaction_read_only = on", logger: logger)
                _ = try await connection.query(
                    PostgresQuery(unsafeSQL: "SET statement_timeout = \(max(1, budgetMilliseconds))"),
                    logger: logger
                )
                for probe in probes {
                    if let finding = try await run(probe, on: connection, logger: logger) {
                        result[finding.file, default: []].append(finding)
                    }
                }
                try await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
            return result
        } catch let error as GateError {
            throw error
        } catch let error as PSQLError {
            throw .database(LiveSizes.describe(error))
        } catch {
            throw .database("the connection failed")
        }
    }

    /// Runs one probe; `nil` when it found nothing or what it reads does not exist yet.
    func run(_ probe: DataProbe, on connection: PostgresConnection, logger: Logger) async throws -> Finding? {
        var finding = probe.location
        finding.help = probe.help
        if let refusal = probe.refusal {
            finding.severity = .info
            finding.message = "the \(probe.rule) probe of \(probe.statement) was not run: \(refusal)"
            finding.help = "check the data by hand before deploying, and read what the expression does"
            return finding
        }
        let sampleable = (sizes.size(of: probe.table)?.rows ?? 0) >= largeRows
        let sql: String
        do {
            guard let built = try await query(for: probe, sample: nil, on: connection, logger: logger) else {
                return nil
            }
            sql = built
        } catch {
            let failure =
                (error as? PSQLError).map(ProbeFailure.init) ?? (error as? ProbeFailure) ?? .failed("\(error)")
            if case .missing = failure { return nil }
            return failure.finding(probe, finding)
        }
        var tries: [(sql: String, budget: Int, sampled: Double?)] = [(sql, budgetMilliseconds, nil)]
        // The catalogs are small: only the table's rows are sampled.
        let readsRows: Bool
        if case .dependents = probe.question { readsRows = false } else { readsRows = true }
        if sampleable && readsRows, let rows = sizes.size(of: probe.table)?.rows {
            let percent = min(100, max(0.001, 100 * Double(sampleRows) / Double(max(rows, 1))))
            if let sampled = try? await query(for: probe, sample: percent, on: connection, logger: logger) {
                tries = [
                    (sql, budgetMilliseconds / 2, nil), (sampled, budgetMilliseconds - budgetMilliseconds / 2, percent),
                ]
            }
        }
        for attempt in tries {
            let answer: Answer
            do {
                answer = try await ask(attempt.sql, budget: attempt.budget, on: connection, logger: logger)
            } catch let failure as ProbeFailure {
                if case .timedOut = failure, attempt.sql != tries.last?.sql { continue }
                if case .missing = failure { return nil }
                return failure.finding(probe, finding)
            }
            guard answer.count > 0 else { return nil }
            let count = answer.count >= Self.countCap ? "at least \(Self.countCap)" : "\(answer.count)"
            let scope = attempt.sampled.map { " in a \(Self.format($0))% sample" } ?? ""
            let examples: String
            if case .dependents = probe.question {
                examples = ": \(answer.examples)"
            } else {
                examples = answer.examples.isEmpty ? "" : " (for example \(answer.examples))"
            }
            finding.message =
                "\(probe.statement) will fail: \(probe.hit): \(count)\(scope)\(examples) [\(probe.rule) probe]"
            var ran = attempt.sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if case .dependents = probe.question {
                // A function whose body is a string (plpgsql, or SQL written with AS '...') is found by
                // its source: PostgreSQL does not track it, so the drop does not fail for it.
                let untracked = answer.examples.ranges(of: Self.untracked).count
                let onlyUntracked = untracked == min(answer.count, 5) && answer.count <= 5
                let outcome =
                    onlyUntracked
                    ? "succeeds, and breaks functions PostgreSQL does not track (they fail when they next run)"
                    : probe.cascade
                        ? "drops them too (CASCADE), with no word"
                        : "fails without CASCADE (which would drop them too)"
                let note =
                    untracked > 0 && !onlyUntracked
                    ? "; a function whose source names it is not tracked: the drop does not fail for it, "
                        + "and it fails when it next runs" : ""
                finding.message =
                    "\(probe.statement) \(outcome): \(probe.hit): \(count)\(examples)\(note) [\(probe.rule) probe]"
                ran =
                    "pg_depend (views, SQL-standard functions), pg_constraint (foreign keys), pg_proc (function sources)"
            }
            if let place = probe.changedEarlier {
                finding.severity = .warning
                finding.message += "; \(place) changes the table first, and the probe saw the rows as they are now"
            }
            finding.help = "\(probe.help); the probe read: \(ran)"
            return finding
        }
        return nil
    }

    static func format(_ percent: Double) -> String {
        percent >= 1 ? String(Int(percent.rounded())) : String(Double(Int(percent * 1000)) / 1000)
    }

    /// Why a probe gave no answer.
    enum ProbeFailure: Error {
        /// It ran out of its budget.
        case timedOut
        /// The server rejected it.
        case failed(String)
        /// A column it reads is not in the database yet (an earlier migration adds it).
        case missing

        /// What the server's error means for the probe.
        init(_ error: PSQLError) {
            switch error.serverInfo?[.sqlState] {
            case "57014": self = .timedOut
            // An expression naming its table (`CHECK (orders.a > 5)`) gets undefined_table too, "invalid
            // reference to FROM-clause entry" (the probe reads the table as `t`): it could not run, and says so.
            case "42P01" where error.serverInfo?[.message]?.contains("FROM-clause") == true:
                self = .failed(error.serverInfo?[.message] ?? LiveSizes.describe(error))
            // undefined_column, undefined_table: made by a migration not applied to this database.
            case "42703", "42P01": self = .missing
            default: self = .failed(error.serverInfo?[.message] ?? LiveSizes.describe(error))
            }
        }

        func finding(_ probe: DataProbe, _ location: Finding) -> Finding {
            var finding = location
            finding.severity = .info
            switch self {
            case .timedOut:
                finding.message =
                    "the \(probe.rule) probe of \(probe.statement) ran out of its budget; nothing is known"
                finding.help = "raise --probe-budget, or check the data by hand before deploying"
            case .failed(let reason):
                finding.message = "the \(probe.rule) probe of \(probe.statement) could not run: \(reason)"
                finding.help = "check the data by hand before deploying"
            case .missing:
                break
            }
            return finding
        }
    }

    /// How a dependent function found only by its source is named: PostgreSQL does not track it.
    static let untracked = " (its source names it)"

    /// Runs one query in a READ ONLY transaction under `statement_timeout`.
    func ask(_ sql: String, budget: Int, on connection: PostgresConnection, logger: Logger) async throws -> Answer {
        let wrapped = """
            WITH v AS (\(sql))
            SELECT count(*)::int8, coalesce(array_to_string((array_agg(k))[1:5], ', '), '') FROM v
            """
        _ = try await connection.query("START TRANSACTION READ ONLY", logger: logger)
        do {
            _ = try await connection.query(
                PostgresQuery(unsafeSQL: "SET LOCAL statement_timeout = \(max(1, budget))"),
                logger: logger
            )
            var answer = Answer(count: 0, examples: "")
            for try await (count, examples) in try await connection.query(
                PostgresQuery(unsafeSQL: wrapped),
                logger: logger
            )
            .decode((Int64, String).self) {
                answer = Answer(count: Int(count), examples: examples)
            }
            _ = try await connection.query("ROLLBACK", logger: logger)
            return answer
        } catch let error as PSQLError {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw ProbeFailure(error)
        }
    }

    /// The probe's query (a SELECT of one text column `k`, at most ``countCap`` rows), or `nil` when what it
    /// reads does not exist in the database (a table or column an earlier migration will create).
    func query(
        for probe: DataProbe,
        sample percent: Double?,
        on connection: PostgresConnection,
        logger: Logger
    )
        async throws -> String?
    {
        let table = Self.qualified(probe.table)
        let tableLiteral = Self.literal(table)
        guard try await exists(probe, on: connection, logger: logger) else { return nil }
        let from = percent.map { "\(table) AS t TABLESAMPLE SYSTEM (\($0))" } ?? "\(table) AS t"
        let limit = " LIMIT \(Self.countCap)"
        switch probe.question {
        case .rows(_, let condition):
            let key = try await keyExpression(probe.table, alias: "t", on: connection, logger: logger)
            return "SELECT \(key) AS k FROM \(from) WHERE \(condition)\(limit)"
        case .duplicates(_, let keys, let predicate, let nullsCollide):
            // NULLs never collide, unless NULLS NOT DISTINCT says they do.
            let notNull = nullsCollide ? [] : keys.map { "(\($0)) IS NOT NULL" }
            let conditions = (notNull + (predicate.map { ["(\($0))"] } ?? [])).joined(separator: " AND ")
            let filter = conditions.isEmpty ? "" : " WHERE \(conditions)"
            let value = keys.count == 1 ? "(\(keys[0]))::text" : "ROW(\(keys.joined(separator: ", ")))::text"
            return
                "SELECT \(value) AS k FROM \(from)\(filter) GROUP BY \(keys.joined(separator: ", ")) HAVING count(*) > 1\(limit)"
        case .orphans(_, let columns, let parent, let written):
            let parentColumns: [String]
            if written.isEmpty {
                parentColumns = try await primaryKey(parent, on: connection, logger: logger)
            } else {
                parentColumns = written
            }
            guard parentColumns.count == columns.count else {
                throw ProbeFailure.failed("the referenced columns of \(parent.display) could not be matched")
            }
            let key = try await keyExpression(probe.table, alias: "t", on: connection, logger: logger)
            let notNull = columns.map { "t.\(ProbePlanner.quoted($0)) IS NOT NULL" }.joined(separator: " AND ")
            let match = zip(columns, parentColumns).map {
                "p.\(ProbePlanner.quoted($1)) = t.\(ProbePlanner.quoted($0))"
            }.joined(separator: " AND ")
            return
                "SELECT \(key) AS k FROM \(from) WHERE \(notNull) AND NOT EXISTS (SELECT 1 FROM \(Self.qualified(parent)) AS p WHERE \(match))\(limit)"
        case .constraint(let tableName, let name):
            let rows = try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT c.contype::text, pg_get_constraintdef(c.oid)
                        FROM pg_constraint c WHERE c.conrelid = \(tableLiteral)::regclass AND c.conname = \(Self.literal(name))
                        """
                ),
                logger: logger
            )
            for try await (type, definition) in rows.decode((String, String).self) {
                // Only a CHECK or a foreign key can be validated: PostgreSQL refuses the statement.
                guard type == "c" || type == "f" else {
                    throw ProbeFailure.failed(
                        "constraint \(name) is not a CHECK or a foreign key, which are all VALIDATE CONSTRAINT takes"
                    )
                }
                guard type == "c" else {
                    // A foreign key: read its columns and parent, then ask as for a new one.
                    let parts = try await foreignKey(tableName, name: name, on: connection, logger: logger)
                    var question = probe
                    question.question = .orphans(
                        table: tableName,
                        columns: parts.columns,
                        parent: parts.parent,
                        parentColumns: parts.parentColumns
                    )
                    return try await query(for: question, sample: percent, on: connection, logger: logger)
                }
                // `CHECK (expression)` [NOT VALID]
                var expression = Substring(definition)
                if expression.hasPrefix("CHECK ") { expression = expression.dropFirst("CHECK ".count) }
                if expression.hasSuffix(" NOT VALID") { expression = expression.dropLast(" NOT VALID".count) }
                let key = try await keyExpression(tableName, alias: "t", on: connection, logger: logger)
                return "SELECT \(key) AS k FROM \(from) WHERE (\(expression)) IS FALSE\(limit)"
            }
            return nil
        case .dependents(_, let column):
            let attribute =
                column.map {
                    "(SELECT attnum FROM pg_attribute WHERE attrelid = \(tableLiteral)::regclass AND attname = \(Self.literal($0)))"
                } ?? "NULL"
            let mention = Self.literal("\\m" + Self.regexEscaped(column ?? probe.table.name) + "\\M")
            let tableMention = Self.literal("\\m" + Self.regexEscaped(probe.table.name) + "\\M")
            return """
                SELECT DISTINCT d AS k FROM (
                  SELECT 'view ' || v.oid::regclass::text AS d
                  FROM pg_depend dep JOIN pg_rewrite r ON r.oid = dep.objid JOIN pg_class v ON v.oid = r.ev_class
                  WHERE dep.classid = 'pg_rewrite'::regclass AND dep.refclassid = 'pg_class'::regclass
                    AND dep.refobjid = \(tableLiteral)::regclass AND v.oid <> \(tableLiteral)::regclass
                    AND (\(attribute) IS NULL OR dep.refobjsubid = \(attribute))
                  UNION ALL
                  SELECT 'foreign key ' || c.conname || ' of ' || c.conrelid::regclass::text
                  FROM pg_constraint c
                  WHERE c.contype = 'f' AND c.confrelid = \(tableLiteral)::regclass AND c.conrelid <> \(tableLiteral)::regclass
                    AND (\(attribute) IS NULL OR \(attribute) = ANY (c.confkey))
                  UNION ALL
                  SELECT 'function ' || p.oid::regprocedure::text
                    || CASE WHEN tracked THEN '' ELSE \(Self.literal(Self.untracked)) END
                  FROM (
                    SELECT p.oid, EXISTS (
                      SELECT 1 FROM pg_depend dep WHERE dep.classid = 'pg_proc'::regclass AND dep.objid = p.oid
                        AND dep.refobjid = \(tableLiteral)::regclass
                        AND (\(attribute) IS NULL OR dep.refobjsubid = \(attribute))) AS tracked, p.prosrc
                    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
                  ) p
                  WHERE tracked OR (p.prosrc ~* \(tableMention) AND p.prosrc ~* \(mention))
                ) s\(limit)
                """
        }
    }

    /// Whether the probed table (and column, for a column drop) exists.
    func exists(_ probe: DataProbe, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        var sql = "SELECT to_regclass(\(Self.literal(Self.qualified(probe.table)))) IS NOT NULL"
        if case .dependents(let table, let column?) = probe.question {
            sql =
                "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(\(Self.literal(Self.qualified(table)))) AND attname = \(Self.literal(column)) AND NOT attisdropped)"
        }
        for try await exists in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(
            Bool.self
        ) {
            return exists
        }
        return false
    }

    /// The columns of a table's primary key, in key order.
    func primaryKey(_ table: ObjectName, on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT a.attname::text FROM pg_index i
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                    WHERE i.indrelid = to_regclass(\(Self.literal(Self.qualified(table)))) AND i.indisprimary
                    ORDER BY array_position(i.indkey::int2[], a.attnum)
                    """
            ),
            logger: logger
        )
        var columns: [String] = []
        for try await column in rows.decode(String.self) { columns.append(column) }
        return columns
    }

    /// How the probe names a row: its primary key, or its `ctid` when it has none.
    func keyExpression(
        _ table: ObjectName,
        alias: String,
        on connection: PostgresConnection,
        logger: Logger
    )
        async throws -> String
    {
        let columns = try await primaryKey(table, on: connection, logger: logger)
        switch columns.count {
        case 0: return "\(alias).ctid::text"
        case 1: return "\(alias).\(ProbePlanner.quoted(columns[0]))::text"
        default: return "ROW(\(columns.map { "\(alias).\(ProbePlanner.quoted($0))" }.joined(separator: ", ")))::text"
        }
    }

    /// An existing foreign key's columns, parent and parent columns.
    func foreignKey(
        _ table: ObjectName,
        name: String,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws
        -> (columns: [String], parent: ObjectName, parentColumns: [String])
    {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT pn.nspname::text, pc.relname::text,
                      array_to_string(ARRAY(SELECT attname FROM pg_attribute, unnest(c.conkey) WITH ORDINALITY k(n, o)
                        WHERE attrelid = c.conrelid AND attnum = k.n ORDER BY k.o), ','),
                      array_to_string(ARRAY(SELECT attname FROM pg_attribute, unnest(c.confkey) WITH ORDINALITY k(n, o)
                        WHERE attrelid = c.confrelid AND attnum = k.n ORDER BY k.o), ',')
                    FROM pg_constraint c JOIN pg_class pc ON pc.oid = c.confrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                    WHERE c.conrelid = to_regclass(\(Self.literal(Self.qualified(table)))) AND c.conname = \(Self.literal(name))
                    """
            ),
            logger: logger
        )
        for try await (schema, parent, columns, parentColumns) in rows.decode((String, String, String, String).self) {
            return (
                columns.split(separator: ",").map(String.init),
                ObjectName(schema: schema, name: parent),
                parentColumns.split(separator: ",").map(String.init)
            )
        }
        throw ProbeFailure.failed("constraint \(name) is not in the database")
    }

    /// Reads a budget such as `500ms`, `2s`, `1.5s`, `5m` or `1h` as milliseconds: more than 0, at most a day.
    public static func budget(_ text: String) throws(GateError) -> Int {
        let bad = GateError.badOption(
            "--probe-budget must be a duration in ms, s, m or h, more than 0 and at most 24h, such as 500ms or 2s "
                + "(not \(text))"
        )
        let scales: [(suffix: String, milliseconds: Double)] = [
            ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000),
        ]
        guard let unit = scales.first(where: { text.hasSuffix($0.suffix) }),
            let value = Double(text.dropLast(unit.suffix.count)), value > 0, value * unit.milliseconds <= 86_400_000
        else { throw bad }
        return max(1, Int(value * unit.milliseconds))
    }

    /// `"schema"."name"`.
    static func qualified(_ name: ObjectName) -> String {
        "\(ProbePlanner.quoted(name.schema ?? "public")).\(ProbePlanner.quoted(name.name))"
    }

    /// A SQL string literal.
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences("'", with: "''") + "'" }

    /// Text matched literally inside a PostgreSQL regular expression.
    static func regexEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\.^$|?*+()[]{}".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
