public import ArgumentParser
import FoundationEssentials
public import MigrationGate
import OwnCore
import OwnOutput

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `own gate`: stops unsafe PostgreSQL migrations before they deploy.
public struct GateCommand: AsyncParsableCommand {
    /// The command's name, help and subcommands; checking migrations is the default.
    public static let configuration = CommandConfiguration(
        commandName: "gate",
        _superCommandName: "own",
        abstract:
            "Check PostgreSQL migrations for locks on large tables, drops without deprecation, and schema without code.",
        subcommands: [Check.self, Stats.self],
        defaultSubcommand: Check.self
    )

    /// Creates the command (argument parser).
    public init() {}
}

extension GateCommand {
    /// `own gate [check] PATHS`: checks migrations.
    public struct Check: AsyncParsableCommand {
        /// The subcommand's name and help.
        public static let configuration = CommandConfiguration(
            commandName: "check",
            _superCommandName: "own",
            abstract: "Check migrations (the default: `own gate PATHS` is `own gate check PATHS`).",
            usage: """
                own gate check [<paths> ...] [--base <revision>] [--database-url <url>] [--table-sizes <file>] \
                [--format <format> | --json] [--fail-on <severity>] [--explain <rule>] …
                """,
            discussion: """
                Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or unreadable input.
                Silence one rule for one statement with `-- own:allow RULE because <reason>` on the line before it.

                `own gate stats --database-url URL` snapshots table sizes as JSON for --table-sizes in CI \
                (see `own gate stats --help`).
                """
        )

        /// Migration files or folders (default: db/migrations, migrations, db/migrate).
        @Argument(help: "Migration files or folders (default: db/migrations/, migrations/, db/migrate/ when present).")
        public var paths: [String] = []

        /// Only migrations changed since this revision; also runs the code-change rules.
        @Option(
            help: ArgumentHelp(
                "Check only migrations added or changed since this revision, plus the code-change checks.",
                valueName: "revision"
            )
        )
        public var base: String?

        /// A sizes file: CSV `table,rows,bytes` or the JSON `own gate stats` writes.
        @Option(
            name: .customLong("table-sizes"),
            help: ArgumentHelp(
                "Table sizes: CSV with header table,rows,bytes, or JSON from `own gate stats`.",
                valueName: "file"
            )
        )
        public var tableSizes: String?

        /// A live database to read sizes from and run the data probes against.
        @Option(
            name: .customLong("database-url"),
            help:
                ArgumentHelp(
                    "Read table sizes live and probe the data (read-only): postgres://user:password@host:port/database.",
                    valueName: "url"
                )
        )
        public var databaseURL: String?

        /// The most one data probe may run.
        @Option(
            name: .customLong("probe-budget"),
            help: ArgumentHelp(
                "The longest one data probe may run (statement_timeout), such as 500ms, 2s or 1m; at most 24h.",
                valueName: "duration"
            )
        )
        public var probeBudget: String = "2s"

        /// The PostgreSQL version the migrations run on, as written: its major version counts.
        @Option(
            name: .customLong("postgres-version"),
            help: ArgumentHelp(
                "The PostgreSQL major version the migrations run on, such as 15 or 9.6 (default: 12 or later).",
                valueName: "major"
            )
        )
        public var postgresVersionText: String?

        /// The major version of `--postgres-version`: `15` of 15 or 15.4, `9` of 9.6 (the releases
        /// before 10 named their major versions with two numbers, and the rules need only the first).
        var postgresVersion: Int? {
            get throws {
                guard let text = postgresVersionText else { return nil }
                let parts = text.split(separator: ".", omittingEmptySubsequences: false)
                guard (1...2).contains(parts.count),
                    parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                    let major = Int(parts[0]), (9...99).contains(major)
                else {
                    try Self.fail(
                        "--postgres-version must be a PostgreSQL version, such as 15, 15.4 or 9.6 (not \(text))"
                    )
                }
                return major
            }
        }

        /// The major version as PostgreSQL names it (`RuleSettings.postgresRelease`): `9.6`, `15`.
        var postgresRelease: String? {
            guard let text = postgresVersionText else { return nil }
            let parts = text.split(separator: ".")
            return parts.count == 2 && Int(parts[0]).map { $0 < 10 } == true ? text : parts.first.map(String.init)
        }

        /// Row threshold for a large table.
        @Option(
            name: .customLong("large-rows"),
            parsing: .unconditional,
            help: ArgumentHelp("A table with at least this many rows is large.", valueName: "rows")
        )
        public var largeRows: Int = 1_000_000

        /// Byte threshold for a large table.
        @Option(
            name: .customLong("large-bytes"),
            parsing: .unconditional,
            help: ArgumentHelp("A table with at least this many bytes is large.", valueName: "bytes")
        )
        public var largeBytes: Int?

        /// Minimum deprecation period in days.
        @Option(
            name: .customLong("deprecation-days"),
            parsing: .unconditional,
            help: ArgumentHelp("Days a column or table must be deprecated before it may be dropped.", valueName: "days")
        )
        public var deprecationDays: Int = 14

        /// Output format.
        @Option(
            help: ArgumentHelp(
                "Output format: text for people (the default), gcc for editors, json, sarif for code scanning, "
                    + "github for Actions."
            )
        )
        public var format: OutputFormat?

        /// `--format json`, as every read command of `own` spells it too.
        @Flag(help: "The same as --format json.")
        public var json = false

        /// Lowest severity that fails the run.
        @Option(
            name: .customLong("fail-on"),
            help: ArgumentHelp("Lowest severity that makes the exit status 1.", valueName: "severity")
        )
        public var failOn: FailOn = .error

        /// Prints a rule's explanation.
        @Option(
            help: ArgumentHelp("Explain a rule (or `all` to list them) and exit; --json as JSON.", valueName: "rule")
        )
        public var explain: String?

        /// Whether the migration runner wraps each file in a transaction.
        @Flag(
            name: .customLong("assume-transaction"),
            inversion: .prefixedNo,
            help: "Whether the migration runner wraps each file in a transaction (as squawk's --assume-in-transaction)."
        )
        public var assumeTransaction: Bool = false

        /// Migration folders, relative to the repository root.
        @Option(
            name: .customLong("migrations"),
            help: ArgumentHelp(
                "A folder holding migrations (repeatable; default db/migrations, migrations, db/migrate): with "
                    + "--base, relative to the repository root and found deeper too; without, read from here.",
                valueName: "folder"
            )
        )
        public var migrationDirectories: [String] = []

        /// Code file extensions.
        @Option(
            name: .customLong("code-extension"),
            help: ArgumentHelp(
                "A file extension that counts as application code besides the usual ones (swift, rb, py, js, ts, "
                    + "go, java, …; repeatable; txt and .txt are the same).",
                valueName: "extension"
            )
        )
        public var codeExtensions: [String] = []

        /// The deprecations file.
        @Option(
            help: ArgumentHelp(
                "The deprecations file, relative to the repository root (default: db/deprecations.toml, when "
                    + "there is one; a file named here must exist).",
                valueName: "file"
            )
        )
        public var deprecations: String?

        /// The current time, for reproducible deprecation ages.
        @Option(
            help: ArgumentHelp("The current time (ISO 8601), for deprecation ages; also OWN_NOW.", valueName: "time")
        )
        public var now: String?

        /// Creates the command (argument parser).
        public init() {}

        /// Runs the gate.
        public func run() async throws {
            if let explain {
                // Text, or JSON for a script; a format of findings (SARIF, gcc, github) has none to hold.
                let asJSON = json || format == .json
                if let format, format != .text, format != .json {
                    try Self.fail("--explain prints text, or JSON with --json; not --format \(format.rawValue)")
                }
                guard let text = asJSON ? Self.explanationJSON(of: explain) : Self.explanation(of: explain) else {
                    try Self.fail("no rule named \(explain); run own gate --explain all to list them")
                }
                Self.emit(text + "\n")
                return
            }
            // Both, naming two formats, are refused: which one was meant cannot be told.
            if json, let format, format != .json {
                try Self.fail("--json is --format json, and --format says \(format.rawValue): give one of them")
            }
            let output = json ? .json : format ?? .text
            let threshold = failOn.severity
            let nowDate = try Self.parseNow(
                now ?? ProcessInfo.processInfo.environment["OWN_NOW"],
                from: now == nil ? "OWN_NOW" : "--now"
            )
            let postgresVersion = try self.postgresVersion
            if largeRows < 1 { try Self.fail("--large-rows must be 1 or more, such as 1000000 (not \(largeRows))") }
            if let largeBytes, largeBytes < 1 {
                try Self.fail("--large-bytes must be 1 or more, such as 10000000000 (not \(largeBytes))")
            }
            if deprecationDays < 0 {
                try Self.fail("--deprecation-days must be 0 or more, such as 14 (not \(deprecationDays))")
            }
            // `.txt` and `*.txt` name the extension txt; a value that still holds a dot, a slash or a
            // star (or nothing) names none, and matched nothing without a word.
            let extensions = codeExtensions.map { $0.hasPrefix("*.") ? String($0.dropFirst(2)) : $0 }
                .map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }
            if let bad = zip(codeExtensions, extensions).first(where: { _, cleaned in
                cleaned.isEmpty || cleaned.contains { "./*\\ ".contains($0) }
            }) {
                try Self.fail("--code-extension takes an extension such as py or .py (not \"\(bad.0)\")")
            }
            do {
                let budget = try ProbeRunner.budget(probeBudget)
                var sizes = TableSizes()
                if let tableSizes {
                    guard let bytes = FileManager.default.contents(atPath: tableSizes) else {
                        throw GateError.unreadable(tableSizes)
                    }
                    sizes = try TableSizes.parse(String(decoding: bytes, as: UTF8.self), path: tableSizes)
                }
                if let databaseURL {
                    // The indexes too: `DROP INDEX` and `REINDEX INDEX` name no table, and were only warnings.
                    let live = try await LiveSizes.read(url: databaseURL)
                    for (name, size) in live.tables { sizes.tables[name] = size }
                    for (index, table) in live.indexes { sizes.indexes[index] = table }
                }
                sizes.given = tableSizes != nil || databaseURL != nil
                var configuration = GateConfiguration(
                    paths: paths,
                    base: base,
                    migrationDirectories: migrationDirectories.isEmpty
                        ? GateConfiguration.defaultMigrationDirectories : migrationDirectories,
                    codeExtensions: GateConfiguration.defaultCodeExtensions
                        + extensions.filter { !GateConfiguration.defaultCodeExtensions.contains($0) },
                    deprecationsFile: deprecations ?? "db/deprecations.toml",
                    settings: RuleSettings(
                        largeRows: largeRows,
                        largeBytes: largeBytes,
                        assumeTransaction: assumeTransaction,
                        deprecationDays: deprecationDays,
                        now: nowDate,
                        postgresVersion: postgresVersion,
                        postgresRelease: postgresRelease
                    ),
                    sizes: sizes,
                    probes: databaseURL.map {
                        ProbeRunner(url: $0, budgetMilliseconds: budget, sizes: sizes, largeRows: largeRows)
                    }
                )
                configuration.deprecationsFileNamed = deprecations != nil
                configuration.migrationDirectoriesNamed = !migrationDirectories.isEmpty
                let report = try await Gate(configuration: configuration).run()
                Self.emit(output.render(report))
                if let threshold, report.fails(at: threshold) { throw ExitCode(1) }
            } catch let error as GateError {
                try Self.fail(error.errorDescription ?? "the gate could not run")
            }
        }

        /// `--explain --json`: `{"rule", "summary", "explanation", "squawk"}` for a rule, and an array of
        /// `{"rule", "summary"}` for `all`.
        static func explanationJSON(of name: String) -> String? {
            func brief(_ rule: any MigrationGate.Rule) -> [String: JSONValue] {
                ["rule": .string(rule.name), "summary": .string(rule.summary)]
            }
            if name == "all" || name == "list" {
                var items: [String] = []
                for rule in Rules.all {
                    var text = ""
                    JSONWriter.writeObject(brief(rule), order: ["rule", "summary"], into: &text)
                    items.append(text)
                }
                return "[" + items.joined(separator: ",") + "]"
            }
            guard let rule = Rules.named(name) else { return nil }
            var object = brief(rule)
            object["explanation"] = .string(rule.explanation)
            object["squawk"] = .array(rule.squawkRules.map(JSONValue.string))
            var text = ""
            JSONWriter.writeObject(object, order: ["rule", "summary", "explanation", "squawk"], into: &text)
            return text
        }

        /// The `--explain` text for a rule, or the list of rules for `all`.
        static func explanation(of name: String) -> String? {
            if name == "all" || name == "list" {
                return Rules.all.map { "\($0.name): \($0.summary)" }.joined(separator: "\n")
            }
            guard let rule = Rules.named(name) else { return nil }
            var text = "\(rule.name): \(rule.summary)\n\n\(rule.explanation)"
            if !rule.squawkRules.isEmpty { text += "\n\nsquawk: \(rule.squawkRules.joined(separator: ", "))" }
            return text
        }

        static func parseNow(_ text: String?, from source: String = "--now") throws -> Date {
            guard let text, !text.isEmpty else { return Date() }
            if let date = Timestamp.instant(text) { return date }
            try fail(Timestamp.instantError(text, from: source))
        }

        /// Prints `own: <what to do>` on standard error and exits with status 2.
        static func fail(_ message: String) throws -> Never {
            StandardError.message(message)
            throw ExitCode(2)
        }

        /// Writes all of `text` to standard output (standard error is `StandardError`'s).
        static func emit(_ text: String) {
            let descriptor: Int32 = 1
            var text = text
            text.withUTF8 { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
    }
}

extension GateCommand.Check {
    /// The lowest severity that fails a run, or never.
    public enum FailOn: String, ExpressibleByArgument, CaseIterable, Sendable {
        /// Only errors fail.
        case error
        /// Warnings and errors fail.
        case warning
        /// Every finding fails.
        case info
        /// Nothing fails: the exit status is 0 whatever is found.
        case never

        /// The severity at which a run fails; nil for never.
        public var severity: MigrationGate.Severity? {
            self == .never ? nil : MigrationGate.Severity(rawValue: rawValue)
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}

extension GateCommand {
    /// `own gate stats`: writes the sizes JSON that `--table-sizes` reads.
    public struct Stats: AsyncParsableCommand {
        /// The subcommand's name and help.
        public static let configuration = CommandConfiguration(
            commandName: "stats",
            _superCommandName: "own",
            abstract: "Snapshot table sizes from a database as JSON, for --table-sizes in CI."
        )

        /// The database to read.
        @Option(
            name: .customLong("database-url"),
            help: ArgumentHelp("postgres://user:password@host:port/database", valueName: "url")
        )
        public var databaseURL: String

        /// Creates the command (argument parser).
        public init() {}

        /// Reads the sizes and prints them.
        public func run() async throws {
            do {
                Check.emit(try await LiveSizes.read(url: databaseURL).jsonDocument() + "\n")
            } catch {
                try Check.fail(error.errorDescription ?? "cannot read table sizes")
            }
        }
    }
}
