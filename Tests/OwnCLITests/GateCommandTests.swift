import Foundation
import OwnCore
import Testing

@Suite("own gate, end to end")
struct GateCommandTests {
    /// A git repository `repo` in a new test folder (on `main`, as Ana), made by `script` run in it.
    static func repository(_ script: String) -> OwnBinary {
        let own = OwnBinary()
        let setUp = own.shell(
            """
            set -e; cd "$HOME"; git init -q -b main repo; cd repo
            git config user.name Ana; git config user.email ana@example.com
            \(script)
            """
        )
        #expect(setUp.code == 0, "\(setUp.stderr)")
        return own
    }

    private let timeouts = "SET lock_timeout = '2s'; SET statement_timeout = '5s';\n"
    private var safe: String { timeouts + "CREATE INDEX CONCURRENTLY orders_placed ON orders (placed_at);\n" }
    private var risky: String { timeouts + "CREATE INDEX orders_placed ON orders (placed_at);\n" }

    @Test func aSafeMigrationExitsZero() {
        let own = OwnBinary()
        let run = own("gate", own.file("001.sql", safe))
        #expect(run.code == 0)
        #expect(run.stdout.hasSuffix("0 errors, 0 warnings in 1 file\n"))
    }

    /// A file named twice, or named and found in a folder named too, is checked once; a folder
    /// named that holds no migration is said, not passed as clean.
    @Test func eachFileIsCheckedOnceAndAFolderWithoutMigrationsIsSaid() throws {
        let own = OwnBinary()
        let folder = own.folder + "/db"
        try FileManager.default.createDirectory(atPath: own.folder + "/app", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let migration = folder + "/002.sql"
        try risky.write(toFile: migration, atomically: true, encoding: .utf8)
        let twice = own("gate", migration, migration, folder)
        #expect(twice.stdout.components(separatedBy: "[index-without-concurrently]").count == 2, "\(twice.stdout)")
        #expect(twice.stdout.hasSuffix("in 1 file\n"), "\(twice.stdout)")
        try "print(1)\n".write(toFile: own.folder + "/app/main.swift", atomically: true, encoding: .utf8)
        let empty = own("gate", own.folder + "/app")
        #expect(empty.code == 2)
        #expect(empty.stderr.contains("no .sql migrations found"), "\(empty.stderr)")
    }

    /// Files are read in the order they run, V2 before V10 (not V10 before V2, as paths sort): the
    /// CHECK that V2 validates makes V10's SET NOT NULL safe, and the report lists V2 first.
    @Test func migrationsAreReadInTheOrderTheyRun() throws {
        let own = OwnBinary()
        let folder = own.folder + "/migrations"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let check =
            timeouts + "ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;\n"
            + "ALTER TABLE users VALIDATE CONSTRAINT email_nn;\nCREATE INDEX users_a ON users (a);\n"
        try check.write(toFile: folder + "/V2__check.sql", atomically: true, encoding: .utf8)
        let notNull =
            timeouts + "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nCREATE INDEX users_b ON users (b);\n"
        try notNull.write(toFile: folder + "/V10__not_null.sql", atomically: true, encoding: .utf8)
        let run = own("gate", folder)
        #expect(!run.stdout.contains("[set-not-null]"), "\(run.stdout)")
        let files = run.stdout.split(separator: "\n").filter { $0.contains("[index-without-concurrently]") }
        #expect(
            files.count == 2 && files[0].contains("V2__check.sql") && files[1].contains("V10__not_null.sql"),
            "\(run.stdout)"
        )
    }

    /// The default deprecations file may be missing; one named on the command line may not.
    /// What a migration file holds is escaped in every format a terminal or a CI log shows: a file's
    /// escape sequence coloured the terminal, and its bell rang.
    @Test func controlCharactersFromAFileAreEscaped() {
        let own = OwnBinary()
        let file = own.file("001.sql", "SELECT 1;\n\u{1B}[31mEVIL\u{07} x;\n")
        for format in ["text", "gcc", "github"] {
            let run = own("gate", "--format", format, file)
            #expect(run.code == 1, "\(format): \(run.stderr)")
            #expect(run.stdout.contains("`\\e` does not start a SQL statement"), "\(format): \(run.stdout)")
            #expect(!run.stdout.contains("\u{1B}") && !run.stdout.contains("\u{07}"), "\(format)")
        }
    }

    @Test func aDeprecationsFileNamedButMissingIsAnError() {
        let own = OwnBinary()
        let run = own("gate", "--deprecations", "no-such-deprecations.toml", own.file("001.sql", safe))
        #expect(run.code == 2)
        #expect(run.stderr.contains("cannot read no-such-deprecations.toml"), "\(run.stderr)")
        #expect(own("gate", own.file("002.sql", safe)).code == 0)
    }

    @Test func sizesDecideBetweenWarningAndError() {
        let own = OwnBinary()
        let migration = own.file("002.sql", risky)
        let unknown = own("gate", migration)
        #expect(unknown.code == 0)
        #expect(unknown.stdout.contains("002.sql:2:1: warning: [index-without-concurrently]"))
        let failOnWarning = own("gate", "--fail-on", "warning", migration)
        #expect(failOnWarning.code == 1)
        let sizes = own.file("sizes.csv", "table,rows,bytes\norders,3000000,\n")
        let large = own("gate", "--table-sizes", sizes, migration)
        #expect(large.code == 1)
        #expect(large.stdout.contains("002.sql:2:1: error: [index-without-concurrently]"))
        #expect(large.stdout.contains("  help: use CREATE INDEX CONCURRENTLY"))
        let small = own("gate", "--table-sizes", own.file("small.csv", "table,rows,bytes\norders,10,8192\n"), migration)
        #expect(small.code == 0)
        #expect(!small.stdout.contains("index-without-concurrently"))
        // A file of only its header (a database with no tables yet) was given: not "pass --table-sizes".
        let none = own("gate", "--table-sizes", own.file("none.csv", "table,rows,bytes\n"), migration)
        #expect(!none.stdout.contains("pass --table-sizes") && none.stdout.contains("the sizes given have no"))
    }

    @Test func jsonOutputIsAnArrayOfFindings() throws {
        let own = OwnBinary()
        let run = own("gate", "--format", "json", own.file("003.sql", "DROP TABLE sessions;\n"))
        #expect(run.code == 1)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(
            array.contains {
                $0["rule"] as? String == "drop-without-deprecation" && $0["severity"] as? String == "error"
            }
        )
        // `--json`, as in every read command.
        #expect(own("gate", "--json", own.file("003.sql", "DROP TABLE sessions;\n")).stdout == run.stdout)
        let both = own("gate", "--json", "--format", "sarif", own.file("003.sql", "DROP TABLE sessions;\n"))
        #expect(both.code == 2 && both.stderr.contains("--json is --format json, and --format says sarif"))
        // text named is text asked for, not the default: refused as well.
        let text = own("gate", "--json", "--format", "text", own.file("003.sql", "DROP TABLE sessions;\n"))
        #expect(text.code == 2 && text.stderr.contains("--json is --format json, and --format says text"))
        #expect(own("gate", "--json", "--format", "json", own.file("003.sql", "DROP TABLE sessions;\n")).code == 1)
    }

    @Test(arguments: ["sarif", "github", "gcc"])
    func everyFormatRuns(format: String) {
        let own = OwnBinary()
        let run = own("gate", "--format", format, own.file("004.sql", "TRUNCATE a CASCADE;\n"))
        #expect(run.code == 1)
        #expect(run.stdout.contains("truncate-cascade"))
    }

    @Test func nowAcceptsWhatOwnAcceptsAndRefusesWithTheSameLine() {
        let own = OwnBinary()
        let migration = own.file("005.sql", safe)
        for accepted in ["2026-11-27", "2026-11-27T16:00:00+09:00", "2026-11-27T16:00:00.5Z"] {
            #expect(own("gate", "--now", accepted, migration).code == 0, "\(accepted)")
        }
        let gate = own("gate", "--now", "27/11/2026", migration)
        let list = own("list", "--now", "27/11/2026")
        #expect(gate.code == 2)
        #expect(list.code == 2)
        #expect(
            gate.stderr
                == "own: --now \"27/11/2026\" is not an ISO-8601 date-time (2026-11-27T16:00:00Z, or 2026-11-27T16:00 in "
                + "your zone) or a date\n"
        )
        #expect(gate.stderr == list.stderr)
        // From the environment, the message names the environment variable.
        let fromEnvironment = OwnBinary(now: "27/11/2026")
        let gateEnvironment = fromEnvironment("gate", fromEnvironment.file("005.sql", safe))
        #expect(gateEnvironment.code == 2)
        #expect(gateEnvironment.stderr.hasPrefix("own: OWN_NOW \"27/11/2026\" is not an ISO-8601"))
        #expect(gateEnvironment.stderr == fromEnvironment("list").stderr)
    }

    @Test(arguments: [
        ["gate", "/no/such/migrations"],
        ["gate", "--format", "xml", "."],
        ["gate", "--fail-on", "sometimes", "."],
        ["gate", "--explain", "no-such-rule"],
        ["gate", "--table-sizes", "/no/such/sizes.csv", "."],
        ["gate", "--database-url", "mysql://nope", "."],
        ["gate", "--no-such-option"],
        ["gate", "stats"],
    ])
    func usageAndInputErrorsExitTwoWithOneLine(arguments: [String]) {
        let own = OwnBinary()
        let run = own.run(arguments)
        #expect(run.code == 2)
        // The gate's own errors are one `own:` line; the argument parser's usage errors add a usage line.
        #expect(run.stderr.hasPrefix("own: ") || run.stderr.hasPrefix("Error: "))
        if run.stderr.hasPrefix("own: ") { #expect(run.stderr.split(separator: "\n").count == 1) }
    }

    /// `--code-extension` adds to the usual extensions: a dropped column still named in a template
    /// counts once its extension is code, and the usual files still count beside it.
    @Test func aCodeExtensionAddsToTheUsualOnes() {
        let own = Self.repository(
            """
            mkdir -p db/migrations app
            echo 'CREATE TABLE users (id bigint, legacy_name text);' > db/migrations/001.sql
            echo '<p>{{ user.legacy_name }}</p>' > app/user.jinja
            printf 'def show(user)\n  user.legacy_name\nend\n' > app/user.rb
            git add -A; git commit -qm base; git branch base
            echo 'ALTER TABLE users DROP COLUMN legacy_name;' > db/migrations/002.sql
            git add -A; git commit -qm drop
            """
        )
        let usual = own.shell(#"cd "$HOME/repo" && "$OWN" gate --base base"#)
        #expect(usual.stdout.contains("app/user.rb:2"), "\(usual.stdout)")
        #expect(!usual.stdout.contains("app/user.jinja"), "\(usual.stdout)")
        let jinja = own.shell(#"cd "$HOME/repo" && "$OWN" gate --base base --code-extension jinja"#)
        #expect(jinja.code == 1)
        #expect(jinja.stdout.contains("[dropped-but-referenced]"), "\(jinja.stdout)")
        // The first mention, and the count of the others (the Ruby file's).
        #expect(jinja.stdout.contains("mentioned in app/user.jinja:1 (and 1 more)"), "\(jinja.stdout)")
        // Written with its dot, or as a pattern, it is the same extension; an empty one is refused.
        for spelling in [".jinja", "*.jinja"] {
            let dotted = own.shell(#"cd "$HOME/repo" && "$OWN" gate --base base --code-extension '\#(spelling)'"#)
            #expect(dotted.stdout.contains("mentioned in app/user.jinja:1"), "\(spelling): \(dotted.stdout)")
        }
        let empty = own.shell(#"cd "$HOME/repo" && "$OWN" gate --base base --code-extension ''"#)
        #expect(empty.code == 2 && empty.stderr.contains("--code-extension takes an extension"), "\(empty.stderr)")
    }

    /// A migration that widens a varchar is checked alone (by name, or with `--base`): the gate reads
    /// the column's type from the migrations before it in its folder, and a widening is no rewrite.
    @Test func aWideningIsToldFromTheMigrationsBeforeIt() {
        let own = Self.repository(
            """
            mkdir -p db/migrations
            echo 'CREATE TABLE orders (id bigint, ref varchar(50));' > db/migrations/001_orders.sql
            git add -A; git commit -qm base; git branch base
            printf "SET lock_timeout = '2s';\nSET statement_timeout = '5s';\n" > db/migrations/002_widen.sql
            echo 'ALTER TABLE orders ALTER COLUMN ref TYPE varchar(200);' >> db/migrations/002_widen.sql
            cp db/migrations/002_widen.sql db/migrations/003_shorten.sql
            sed -i 's/varchar(200)/varchar(20)/' db/migrations/003_shorten.sql
            git add -A; git commit -qm widen
            """
        )
        let alone = own.shell(#"cd "$HOME/repo" && "$OWN" gate db/migrations/002_widen.sql"#)
        #expect(alone.code == 0)
        #expect(!alone.stdout.contains("[column-type-change]"), "\(alone.stdout)")
        // With --base both new files are checked: the shortening is a rewrite, the widening is not.
        let changed = own.shell(#"cd "$HOME/repo" && "$OWN" gate --base base"#)
        #expect(!changed.stdout.contains("002_widen.sql:3"), "\(changed.stdout)")
        #expect(changed.stdout.contains("003_shorten.sql:3:20: warning: [column-type-change]"), "\(changed.stdout)")
        let shortened = own.shell(#"cd "$HOME/repo" && "$OWN" gate db/migrations/003_shorten.sql"#)
        #expect(shortened.stdout.contains("003_shorten.sql:3:20: warning: [column-type-change]"), "\(shortened.stdout)")
    }

    /// A --base that names nothing here, and one that shares no history with HEAD, are told apart.
    @Test func aBaseThatIsNotHereAndOneWithNoSharedHistoryAreSaidApart() {
        let own = Self.repository(
            """
            mkdir -p db/migrations; echo 'SELECT 1;' > db/migrations/001.sql
            git add -A; git commit -qm base
            git checkout -q --orphan other; git commit -qm orphan
            """
        )
        let missing = own.shell(#"cd "$HOME/repo" && "$OWN" gate --base origin/main"#)
        #expect(missing.code == 2)
        #expect(missing.stderr.contains("--base origin/main names no commit in this repository"), "\(missing.stderr)")
        let unrelated = own.shell(#"cd "$HOME/repo" && "$OWN" gate --base main"#)
        #expect(unrelated.code == 2)
        #expect(unrelated.stderr.contains("main and HEAD share no commit"), "\(unrelated.stderr)")
    }

    /// The recipe `--explain set-not-null` gives, over three migrations: the SET NOT NULL checked
    /// alone (by name, or with `--base`) reads the CHECK the migrations before it validated. It was
    /// refused, in CI, for following the advice.
    @Test func aSetNotNullAfterAValidatedCheckInEarlierMigrationsPasses() {
        let own = Self.repository(
            """
            mkdir -p db/migrations; H="SET lock_timeout = '2s'; SET statement_timeout = '5s';"
            echo "CREATE TABLE users (id bigint, a text);" > db/migrations/V1__users.sql
            echo "$H ALTER TABLE users ADD CONSTRAINT c CHECK (a IS NOT NULL) NOT VALID;" > db/migrations/V2__a.sql
            echo "$H ALTER TABLE users VALIDATE CONSTRAINT c;" > db/migrations/V3__b.sql
            git add -A; git commit -qm base; git branch base
            echo "$H ALTER TABLE users ALTER COLUMN a SET NOT NULL;" > db/migrations/V10__c.sql
            echo "$H ALTER TABLE users ALTER COLUMN id SET NOT NULL;" > db/migrations/V11__d.sql
            git add -A; git commit -qm 'set not null'
            """
        )
        for command in [#""$OWN" gate --base base"#, #""$OWN" gate db/migrations/V10__c.sql"#] {
            let run = own.shell(#"cd "$HOME/repo" && "# + command)
            #expect(!run.stdout.contains("V10__c.sql:1"), "\(command): \(run.stdout)")
        }
        // A column no check proved is still refused.
        let unproven = own.shell(#"cd "$HOME/repo" && "$OWN" gate --base base"#)
        #expect(unproven.stdout.contains("V11__d.sql:1"), "\(unproven.stdout)")
        #expect(unproven.stdout.contains("[set-not-null]"), "\(unproven.stdout)")
    }

    @Test func explainDocumentsARule() {
        let own = OwnBinary()
        let run = own("gate", "--explain", "set-not-null")
        #expect(run.code == 0)
        #expect(run.stdout.hasPrefix("set-not-null: "))
        #expect(run.stdout.contains("squawk: adding-not-nullable-field"))
        #expect(own("gate", "--explain", "all").stdout.split(separator: "\n").count >= 25)
        // For a script, JSON (text was printed whatever was asked); a findings' format is refused.
        let json = own("gate", "--explain", "set-not-null", "--json")
        let object = try? JSONParser.parse(json.stdout).objectValue
        #expect(object?["rule"] == "set-not-null", "\(json.stdout)")
        #expect(object?["squawk"]?.arrayValue?.contains("adding-not-nullable-field") == true)
        let all = own("gate", "--explain", "all", "--format", "json")
        #expect((try? JSONParser.parse(all.stdout).arrayValue?.count ?? 0) ?? 0 >= 25, "\(all.stdout)")
        let sarif = own("gate", "--explain", "all", "--format", "sarif")
        #expect(sarif.code == 2 && sarif.stderr.contains("--explain prints text, or JSON with --json"))
    }

    /// Skipped (and shown as skipped) without a PostgreSQL; under `CI=true` it runs and fails instead.
    static let hasPostgres =
        ProcessInfo.processInfo.environment["OWN_TEST_POSTGRES_URL"] != nil
        || ProcessInfo.processInfo.environment["CI"] == "true"

    @Test(.enabled(if: hasPostgres, "needs OWN_TEST_POSTGRES_URL (scripts/test sources .ci/postgres.sh)"))
    func statsWritesTheSizesThatTableSizesReadsBack() throws {
        let url = try #require(
            ProcessInfo.processInfo.environment["OWN_TEST_POSTGRES_URL"],
            "OWN_TEST_POSTGRES_URL is not set: source .ci/postgres.sh before the tests"
        )
        let own = OwnBinary()
        let stats = own("gate", "stats", "--database-url", url)
        #expect(stats.code == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(document["tables"] is [Any])
        let sizes = own.file("sizes.json", stats.stdout)
        let run = own("gate", "--table-sizes", sizes, own.file("005.sql", safe))
        #expect(run.code == 0)
    }

    @Test func helpAndErrorsNameTheGateAsOwnGate() {
        let own = OwnBinary()
        let help = own("gate", "--help")
        #expect(help.code == 0)
        // The options of checking (the default), and where the other subcommand is.
        #expect(help.stdout.contains("USAGE: own gate check"))
        #expect(help.stdout.contains("--deprecation-days"))
        #expect(help.stdout.contains("own gate stats --help"))
        #expect(own("gate", "-h").stdout == help.stdout)
        // Asked either way round: `own gate help` showed the list of subcommands alone.
        #expect(own("gate", "help").stdout == help.stdout)
        #expect(own("help", "gate").stdout == help.stdout)
        let bad = own("gate", "--format", "yaml", own.file("006.sql", safe))
        #expect(bad.code == 2)
        #expect(
            bad.stderr
                == "own: the value 'yaml' is invalid for '--format <format>'. Please provide one of 'text', 'gcc', 'json', 'sarif' or 'github'; see `own gate --help`\n"
        )
    }

    @Test func anOwnWithoutItsGateSaysWhereTheGateShouldBe() throws {
        let own = OwnBinary()
        // A copy of `own` alone in a folder: its sibling `own-gate` is not there.
        let alone = own.folder + "/bin/own"
        try FileManager.default.createDirectory(atPath: own.folder + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: OwnBinary.executable, toPath: alone)
        let run = own.run(["gate", own.file("007.sql", safe)], executable: alone)
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("own: own-gate is not installed beside own (in \(own.folder)/bin)"))
        #expect(run.stdout.isEmpty)
        // Everything else works without it.
        #expect(own.run(["list"], executable: alone).code == 0)
    }

    @Test func postgresVersionChangesWhatIsUnsafe() {
        let own = OwnBinary()
        let migration = own.file("010.sql", timeouts + "ALTER TABLE orders ADD COLUMN flagged boolean DEFAULT false;\n")
        let sizes = own.file("sizes.csv", "table,rows,bytes\norders,3000000,\n")
        #expect(own("gate", "--table-sizes", sizes, migration).code == 0)
        let old = own("gate", "--table-sizes", sizes, "--postgres-version", "10", migration)
        #expect(old.code == 1)
        #expect(old.stdout.contains("[volatile-default]"))
        #expect(old.stdout.contains("before PostgreSQL 11"))
        #expect(own("gate", "--postgres-version", "banana", migration).code == 2)
        // A version as the server writes it counts by its major version: 9.6 is before 11, 10.23 too.
        for version in ["9.6", "10.23"] {
            let written = own("gate", "--table-sizes", sizes, "--postgres-version", version, migration)
            #expect(written.code == 1, "\(version): \(written.stderr)")
            #expect(written.stdout.contains("[volatile-default]"))
        }
        #expect(own("gate", "--table-sizes", sizes, "--postgres-version", "15.4", migration).code == 0)
        // Named as PostgreSQL names its major versions: 9.6 before 10, not "9".
        let reindex = own.file("011.sql", timeouts + "REINDEX INDEX CONCURRENTLY orders_pkey;\n")
        let nine = own("gate", "--postgres-version", "9.6", reindex)
        #expect(nine.stdout.contains("PostgreSQL 9.6"), "\(nine.stdout)")
        #expect(!nine.stdout.contains("PostgreSQL 9:"), "\(nine.stdout)")
        for bad in ["8", "9.", "100", "9.6.1", "9.½", "١٥"] {
            let refused = own("gate", "--postgres-version", bad, migration)
            #expect(refused.code == 2)
            #expect(refused.stderr.contains("--postgres-version must be a PostgreSQL version, such as 15"), "\(bad)")
        }
    }

    @Test(arguments: [
        ("--large-rows", "-5", "--large-rows must be 1 or more"),
        ("--large-bytes", "0", "--large-bytes must be 1 or more"),
        ("--deprecation-days", "-1", "--deprecation-days must be 0 or more"),
    ])
    func aNegativeThresholdIsRefusedForWhatItIs(option: String, value: String, message: String) {
        let own = OwnBinary()
        let run = own("gate", option, value, own.file("012.sql", safe))
        #expect(run.code == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func aProbeBudgetWithoutAUnitIsAUsageError() {
        let own = OwnBinary()
        let run = own("gate", "--probe-budget", "2", own.file("011.sql", safe))
        #expect(run.code == 2)
        #expect(
            run.stderr
                == "own: --probe-budget must be a duration in ms, s, m or h, more than 0 and at most 24h, such as "
                + "500ms or 2s (not 2)\n"
        )
    }

    @Test(
        .enabled(if: ProcessInfo.processInfo.environment["OWN_TEST_POSTGRES_URL"] != nil),
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/psql"))
    )
    func withADatabaseTheProbesReadTheData() throws {
        let url = try #require(ProcessInfo.processInfo.environment["OWN_TEST_POSTGRES_URL"])
        let schema = "gate_cli_\(UInt32.random(in: 0...UInt32.max))"
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        psql.arguments = [
            "-q", "-v", "ON_ERROR_STOP=1", url, "-c",
            """
            CREATE SCHEMA \(schema); CREATE TABLE \(schema).orders (id bigint PRIMARY KEY, placed_at timestamptz);
            INSERT INTO \(schema).orders VALUES (1, now()), (2, NULL), (3, now());
            """,
        ]
        try psql.run()
        psql.waitUntilExit()
        try #require(psql.terminationStatus == 0)
        let own = OwnBinary()
        let migration = own.file(
            "012.sql",
            timeouts + "ALTER TABLE \(schema).orders ALTER COLUMN placed_at SET NOT NULL;\n"
        )
        // A generous budget: the probe stops once it has its answer, however busy the machine.
        let run = own("gate", "--database-url", url, "--probe-budget", "60s", migration)
        #expect(run.code == 1)
        #expect(run.stdout.contains("012.sql:2:"))
        #expect(run.stdout.contains("error: [probe-not-null] SET NOT NULL on \(schema).orders.placed_at will fail"))
        #expect(run.stdout.contains("rows with NULL in placed_at: 1 (for example 2)"))
    }
}
