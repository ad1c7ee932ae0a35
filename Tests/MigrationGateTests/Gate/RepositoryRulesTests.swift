import FoundationEssentials
import GitTestSupport
import Glibc
import MigrationGate
import OwnGit
import Testing

@Suite("rules that read git history")
struct RepositoryRulesTests {
    private func gate(
        _ repo: TemporaryRepository,
        now: String,
        base: String? = nil,
        paths: [String] = ["db/migrations"],
        folders: [String] = GateConfiguration.defaultMigrationDirectories,
        days: Int = 14
    )
        async throws -> GateReport
    {
        let configuration = GateConfiguration(
            paths: paths,
            base: base,
            migrationDirectories: folders,
            settings: RuleSettings(deprecationDays: days, now: instant(now)),
            workingDirectory: repo.path
        )
        return try await Gate(configuration: configuration).run()
    }

    private func deprecatedRepository() async throws -> TemporaryRepository {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001_users.sql", "CREATE TABLE users (id bigint, legacy_name text, name text);\n")
        try await repo.commit("users", at: "2026-01-01T09:00:00Z")
        try repo.write(
            "db/migrations/002_deprecate.sql",
            "COMMENT ON COLUMN users.legacy_name IS 'deprecated: use name';\n"
        )
        try await repo.commit("deprecate legacy_name", at: "2026-02-01T09:00:00Z")
        try repo.write(
            "db/migrations/003_drop.sql",
            "SET lock_timeout = '2s'; SET statement_timeout = '5s';\nALTER TABLE users DROP COLUMN legacy_name;\n"
        )
        return repo
    }

    @Test func aDropIsAllowedOnceTheDeprecationIsOldEnough() async throws {
        let repo = try await deprecatedRepository()
        let report = try await gate(repo, now: "2026-02-20T09:00:00Z")
        #expect(report.findings.filter { $0.rule == "drop-without-deprecation" }.isEmpty)
    }

    @Test func aDropTooSoonAfterTheDeprecationIsAnError() async throws {
        let repo = try await deprecatedRepository()
        let report = try await gate(repo, now: "2026-02-06T09:00:00Z")
        let findings = report.findings.filter { $0.rule == "drop-without-deprecation" }
        #expect(findings.count == 1)
        #expect(findings.first?.file == "db/migrations/003_drop.sql")
        #expect(findings.first?.line == 2)
        #expect(findings.first?.message.contains("deprecated 5 days ago") == true)
    }

    @Test func aBackDatedFileDoesNotCountBeforeItsCommit() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001.sql", "CREATE TABLE users (id bigint, legacy_name text);\n")
        try await repo.commit("users", at: "2026-01-01T09:00:00Z")
        // Written now (uncommitted), though the file name claims an old date.
        try repo.write("db/migrations/000_old.sql", "COMMENT ON COLUMN users.legacy_name IS 'deprecated';\n")
        try repo.write("db/migrations/002.sql", "ALTER TABLE users RENAME COLUMN legacy_name TO full_name;\n")
        let report = try await gate(repo, now: "2026-06-01T09:00:00Z")
        let finding = report.findings.first { $0.rule == "drop-without-deprecation" }
        #expect(finding?.message.contains("not committed yet") == true)
    }

    @Test func anUncommittedMarkIsOldEnoughForNoDaysAtAll() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001.sql", "CREATE TABLE users (id bigint, legacy_name text);\n")
        try await repo.commit("users", at: "2026-01-01T09:00:00Z")
        try repo.write("db/migrations/002.sql", "COMMENT ON COLUMN users.legacy_name IS 'deprecated';\n")
        try repo.write("db/migrations/003.sql", "ALTER TABLE users DROP COLUMN legacy_name;\n")
        func findings(days: Int) async throws -> [String] {
            dropFindings(try await gate(repo, now: "2026-06-01T09:00:00Z", days: days))
        }
        // "0 days old", and 0 days asked: it passes; one day asked, it does not.
        #expect(try await findings(days: 0).isEmpty)
        #expect(try await findings(days: 1).first?.contains("not committed yet") == true)
    }

    @Test func outsideGitTheMarksAreReadAndHaveNoDate() async throws {
        // A checkout without its .git (a build stage): the marks are there, none can be dated.
        let folder = try await TemporaryRepository()
        try FileManager.default.removeItem(atPath: folder.path + "/.git")
        try folder.write(
            "db/migrations/V2__mark.sql",
            "COMMENT ON COLUMN users.a IS 'deprecated: x';\nCOMMENT ON COLUMN users.b IS 'deprecated: x';\n"
                + "COMMENT ON COLUMN users.b IS NULL;\n"
        )
        try folder.write(
            "db/migrations/V3__drop.sql",
            "ALTER TABLE users DROP COLUMN a;\nALTER TABLE users DROP COLUMN b;\nALTER TABLE users DROP COLUMN c;\n"
        )
        try folder.write("db/deprecations.toml", "[[deprecation]]\ntable = \"users\"\ncolumn = \"c\"\n")
        func findings(days: Int) async throws -> [String] {
            dropFindings(try await gate(folder, now: "2026-06-01T09:00:00Z", paths: [], days: days))
        }
        let undated = "has no date outside a git repository (git blame dates it), so it is 0 days old"
        let fortnight = try await findings(days: 14)
        #expect(
            fortnight == [
                "dropping column users.a: its deprecation at db/migrations/V2__mark.sql:1 \(undated)",
                "dropping column users.b: the comment at db/migrations/V2__mark.sql:3 took its deprecation mark off, so "
                    + "it is not deprecated",
                "dropping column users.c: its deprecation at db/deprecations.toml:3 \(undated)",
            ],
            "\(fortnight)"
        )
        #expect(
            try await findings(days: 0) == [
                "dropping column users.b: the comment at db/migrations/V2__mark.sql:3 took its deprecation mark off, so "
                    + "it is not deprecated"
            ]
        )
    }

    @Test func aMigrationFolderNamedMustBeThere() async throws {
        let repo = try await deprecatedRepository()
        var configuration = GateConfiguration(
            paths: ["db/migrations/003_drop.sql"],
            migrationDirectories: ["db/migratons"],
            workingDirectory: repo.path
        )
        configuration.migrationDirectoriesNamed = true
        await #expect(
            throws: GateError.badOption(
                "--migrations db/migratons names no folder here; name the folder that holds the migrations"
            )
        ) {
            try await Gate(configuration: configuration).run()
        }
    }

    @Test func theDeprecationsFileCountsFromItsCommit() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001.sql", "CREATE TABLE sessions (id bigint);\n")
        try repo.write("db/deprecations.toml", "[[deprecation]]\ntable = \"sessions\"\nreason = \"moved to redis\"\n")
        try await repo.commit("deprecate sessions", at: "2026-03-01T09:00:00Z")
        try repo.write("db/migrations/002.sql", "DROP TABLE sessions;\n")
        let late = try await gate(repo, now: "2026-03-20T09:00:00Z")
        let early = try await gate(repo, now: "2026-03-03T09:00:00Z")
        #expect(late.findings.filter { $0.rule == "drop-without-deprecation" }.isEmpty)
        #expect(early.findings.filter { $0.rule == "drop-without-deprecation" }.count == 1)
    }

    /// An entry appended with a blank line before it leaves the entry above as old as it was: the
    /// blank line was dated with the entry above, and a drop it allowed was refused for days.
    @Test func anEntryAppendedBelowLeavesTheOneAboveItsAge() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001.sql", "CREATE TABLE users (id bigint, legacy_name text);\n")
        let first = "[[deprecation]]\ntable = \"users\"\ncolumn = \"legacy_name\"\n"
        try repo.write("db/deprecations.toml", first)
        try await repo.commit("deprecate legacy_name", at: "2026-09-01T09:00:00Z")
        try repo.write("db/deprecations.toml", first + "\n# next quarter\n[[deprecation]]\ntable = \"sessions\"\n")
        try await repo.commit("deprecate sessions", at: "2026-11-20T09:00:00Z")
        try repo.write("db/migrations/002.sql", "ALTER TABLE users DROP COLUMN legacy_name;\n")
        let report = try await gate(repo, now: "2026-11-27T09:00:00Z")
        #expect(report.findings.filter { $0.rule == "drop-without-deprecation" }.isEmpty, "\(report.findings)")
    }

    /// A mistyped key in the deprecations file is refused: `colum = …` made the entry the whole
    /// table's deprecation, and the table's drop passed once its days were up.
    @Test func aMistypedKeyInTheDeprecationsFileIsRefused() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001.sql", "CREATE TABLE users (id bigint, legacy_name text);\n")
        try repo.write("db/deprecations.toml", "[[deprecation]]\ntable = \"users\"\ncolum = \"legacy_name\"\n")
        try await repo.commit("deprecate", at: "2026-01-01T09:00:00Z")
        try repo.write("db/migrations/002.sql", "DROP TABLE users;\n")
        await #expect {
            _ = try await gate(repo, now: "2026-06-01T09:00:00Z")
        } throws: { error in
            guard case .badDeprecations(_, let reason)? = error as? GateError else { return false }
            return reason.hasPrefix("it has the key \"colum\", which no deprecation has")
        }
    }

    /// A repository whose first migration (`first`) makes `users (id, legacy_name)`, with `files`
    /// beside it, all committed on 2026-01-01.
    private func usersRepository(
        _ files: [(path: String, text: String)] = [],
        first: String = "db/migrations/001_users.sql"
    ) async throws -> TemporaryRepository {
        let repo = try await TemporaryRepository()
        try repo.write(first, "CREATE TABLE users (id bigint, legacy_name text);\n")
        for (path, text) in files { try repo.write(path, text) }
        try await repo.commit("users", at: "2026-01-01T09:00:00Z")
        return repo
    }

    /// The drop-without-deprecation findings of a gate run.
    private func dropFindings(_ report: GateReport) -> [String] {
        report.findings.filter { $0.rule == "drop-without-deprecation" }.map(\.message)
    }

    @Test func aLaterCommentThatDoesNotSayDeprecatedTakesTheMarkOff() async throws {
        for unmark in [
            "COMMENT ON COLUMN users.legacy_name IS 'the legal name';", "COMMENT ON COLUMN users.legacy_name IS NULL;",
        ] {
            let repo = try await deprecatedRepository()
            try repo.write("db/migrations/002a_unmark.sql", unmark + "\n")
            try await repo.commit("legacy_name is in use again", at: "2026-02-03T09:00:00Z")
            let messages = dropFindings(try await gate(repo, now: "2026-06-01T09:00:00Z"))
            #expect(messages.count == 1)
            #expect(messages.first?.contains("took its deprecation mark off") == true)
            #expect(messages.first?.contains("db/migrations/002a_unmark.sql:1") == true)
            // Marked again: the period starts at the new mark.
            try repo.write("db/migrations/002b_again.sql", "COMMENT ON COLUMN users.legacy_name IS 'deprecated';\n")
            try await repo.commit("deprecated again", at: "2026-05-25T09:00:00Z")
            let again = dropFindings(try await gate(repo, now: "2026-06-01T09:00:00Z"))
            #expect(again.count == 1)
            #expect(again.first?.contains("deprecated 7 days ago at db/migrations/002b_again.sql:1") == true)
        }
    }

    @Test func aMarkThatRunsAfterTheDropDoesNotCount() async throws {
        let repo = try await usersRepository([
            ("db/migrations/009_mark.sql", "COMMENT ON COLUMN users.legacy_name IS 'deprecated';\n")
        ])
        try repo.write("db/migrations/005_drop.sql", "ALTER TABLE users DROP COLUMN legacy_name;\n")
        let messages = dropFindings(try await gate(repo, now: "2026-06-01T09:00:00Z"))
        #expect(messages.count == 1)
        #expect(messages.first?.contains("db/migrations/009_mark.sql:1 runs after the drop") == true)
        // Below the drop in its own file: after it too.
        try repo.write(
            "db/migrations/005_drop.sql",
            "ALTER TABLE users DROP COLUMN legacy_name;\nDROP TABLE users;\nCOMMENT ON TABLE users IS 'deprecated';\n"
        )
        try repo.write("db/migrations/009_mark.sql", "SELECT 1;\n")
        try await repo.commit("drop", at: "2026-01-02T09:00:00Z")
        let both = dropFindings(try await gate(repo, now: "2026-06-01T09:00:00Z"))
        #expect(both.count == 2)
        #expect(
            both.contains { $0.contains("table users: its deprecation at db/migrations/005_drop.sql:3 runs after") }
        )
    }

    @Test func migrationsRunInTheOrderOfTheNumbersInTheirNames() async throws {
        let repo = try await usersRepository(
            [("db/migrations/V2__mark.sql", "COMMENT ON COLUMN users.legacy_name IS 'deprecated';\n")],
            first: "db/migrations/V1__users.sql"
        )
        // "V10" sorts before "V2" as text; it runs after it.
        try repo.write("db/migrations/V10__drop.sql", "ALTER TABLE users DROP COLUMN legacy_name;\n")
        #expect(dropFindings(try await gate(repo, now: "2026-06-01T09:00:00Z")).isEmpty)
    }

    /// Flyway's versions: `V2__` before `V2.1__` and `V2_1__` (2 before 2.1), which sorted first as text.
    @Test(arguments: ["V2.1__drop.sql", "V2_1__drop.sql"])
    func aVersionEndsAtItsDoubleUnderscore(_ drop: String) async throws {
        let repo = try await usersRepository(
            [("db/migrations/V2__mark.sql", "COMMENT ON COLUMN users.legacy_name IS 'deprecated';\n")],
            first: "db/migrations/V1__users.sql"
        )
        try repo.write("db/migrations/" + drop, "ALTER TABLE users DROP COLUMN legacy_name;\n")
        #expect(dropFindings(try await gate(repo, now: "2026-06-01T09:00:00Z")).isEmpty)
    }

    @Test func withABaseAMarkCountsOnceItIsInTheBase() async throws {
        let repo = try await usersRepository()
        try await repo.branch("base")
        // Committed on the branch with a date months back: the date says old, the base has never had it.
        try repo.write("db/migrations/002_mark.sql", "COMMENT ON COLUMN users.legacy_name IS 'deprecated';\n")
        try await repo.commit("back-dated deprecation", at: "2026-01-02T09:00:00Z")
        try repo.write("db/migrations/003_drop.sql", "ALTER TABLE users DROP COLUMN legacy_name;\n")
        let onBranch = dropFindings(try await gate(repo, now: "2026-06-01T09:00:00Z", base: "base"))
        #expect(onBranch.count == 1)
        #expect(onBranch.first?.contains("is committed on this branch, not yet in the base's history") == true)
        // Without a base, history alone dates it.
        #expect(dropFindings(try await gate(repo, now: "2026-06-01T09:00:00Z")).isEmpty)
        // Once shipped (the base has the commit), the drop may go.
        try await repo.branch("base")
        #expect(dropFindings(try await gate(repo, now: "2026-06-01T09:00:00Z", base: "base")).isEmpty)
    }

    @Test func aMarkIsAsOldAsTheNewestLineOfItsComment() async throws {
        let repo = try await usersRepository([
            ("db/migrations/002_note.sql", "COMMENT ON COLUMN users.legacy_name\n  IS 'the legal name';\n")
        ])
        // Only the second line changes: the mark is as old as that change.
        try repo.write("db/migrations/002_note.sql", "COMMENT ON COLUMN users.legacy_name\n  IS 'deprecated';\n")
        try repo.write("db/migrations/003_drop.sql", "ALTER TABLE users DROP COLUMN legacy_name;\n")
        #expect(
            dropFindings(try await gate(repo, now: "2026-06-01T09:00:00Z")).first?.contains("not committed yet") == true
        )
        try await repo.commit("deprecate", at: "2026-05-30T09:00:00Z")
        #expect(
            dropFindings(try await gate(repo, now: "2026-06-01T09:00:00Z")).first?.contains("deprecated 2 days ago")
                == true
        )
    }

    @Test func anEntryOfTheDeprecationsFileIsAsOldAsTheNewestOfItsLines() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001_users.sql", "CREATE TABLE users (id bigint, legacy_name text, other text);\n")
        try repo.write(
            "db/deprecations.toml",
            "[[deprecation]]\ntable = \"accounts\"\ncolumn = \"legacy_name\"\n\n[[deprecation]]\ntable = \"users\"\ncolumn = \"other\"\n"
        )
        try await repo.commit("start", at: "2026-01-01T09:00:00Z")
        try await repo.branch("base")
        try repo.write("db/migrations/002_drop.sql", "ALTER TABLE users DROP COLUMN legacy_name;\n")
        // Only the table line changes (accounts to users), on the branch, dated months back.
        try repo.write(
            "db/deprecations.toml",
            "[[deprecation]]\ntable = \"users\"\ncolumn = \"legacy_name\"\n\n[[deprecation]]\ntable = \"users\"\ncolumn = \"other\"\n"
        )
        try await repo.commit("deprecate", at: "2026-01-02T09:00:00Z")
        let branch = dropFindings(try await gate(repo, now: "2026-06-01T09:00:00Z", base: "base"))
        #expect(branch.first?.contains("committed on this branch") == true, "\(branch)")
        // A header however spaced is still a header: an entry added under one is dated by its lines.
        try repo.write(
            "db/deprecations.toml",
            "[[deprecation]]\ntable = \"users\"\ncolumn = \"other\"\n\n[[ deprecation ]]\ntable = \"users\"\ncolumn = \"legacy_name\"\n"
        )
        #expect(
            dropFindings(try await gate(repo, now: "2026-06-01T09:00:00Z")).first?.contains("not committed yet") == true
        )
        // An inline array of entries: each is dated by the whole file.
        try repo.write(
            "db/deprecations.toml",
            "deprecation = [\n  { table = \"users\", column = \"other\" },\n  { table = \"users\", column = \"legacy_name\" },\n]\n"
        )
        #expect(
            dropFindings(try await gate(repo, now: "2026-06-01T09:00:00Z")).first?.contains("not committed yet") == true
        )
        try await repo.commit("inline", at: "2026-05-31T09:00:00Z")
        #expect(
            dropFindings(try await gate(repo, now: "2026-06-01T09:00:00Z")).first?.contains("deprecated 1 days ago")
                == true
        )
    }

    @Test func aQuotedColumnInTheDeprecationsFileKeepsItsCase() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001.sql", "CREATE TABLE \"Orders\" (id int, \"OldCol\" text);\n")
        try repo.write("db/deprecations.toml", "[[deprecation]]\ntable = '\"Orders\"'\ncolumn = '\"OldCol\"'\n")
        try await repo.commit("start", at: "2026-01-01T09:00:00Z")
        try repo.write("db/migrations/002.sql", "ALTER TABLE \"Orders\" DROP COLUMN \"OldCol\";\n")
        #expect(dropFindings(try await gate(repo, now: "2026-06-01T09:00:00Z")).isEmpty)
    }

    @Test func newSchemaNeedsCodeThatMentionsIt() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001.sql", "CREATE TABLE users (id bigint);\n")
        try repo.write("Sources/App/User.swift", "struct User { var id: Int }\n")
        try await repo.commit("base", at: "2026-01-01T09:00:00Z")
        try await repo.branch("base")
        try repo.write(
            "db/migrations/002.sql",
            "ALTER TABLE users ADD COLUMN nick_name text;\nCREATE TABLE audit_events (id bigint);\n"
        )
        try repo.write("Sources/App/User.swift", "struct User { var id: Int; var nickName: String? }\n")
        try await repo.commit("nickname", at: "2026-01-02T09:00:00Z")
        let report = try await gate(repo, now: "2026-01-03T09:00:00Z", base: "base", paths: [])
        let findings = report.findings.filter { $0.rule == "schema-without-code" }
        #expect(report.fileCount == 1)
        #expect(findings.map(\.line) == [2])
        #expect(findings.first?.message.contains("audit_events") == true)
    }

    @Test func aDroppedColumnStillInCodeIsReportedWithTheMention() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001.sql", "CREATE TABLE users (id bigint, legacy_name text);\n")
        try repo.write("app/models/user.rb", "class User\n  def display\n    legacy_name\n  end\nend\n")
        try await repo.commit("base", at: "2026-01-01T09:00:00Z")
        try await repo.branch("base")
        try repo.write("db/migrations/002.sql", "ALTER TABLE users DROP COLUMN legacy_name;\n")
        try await repo.commit("drop", at: "2026-01-02T09:00:00Z")
        let report = try await gate(repo, now: "2026-01-03T09:00:00Z", base: "base", paths: [])
        let finding = report.findings.first { $0.rule == "dropped-but-referenced" }
        #expect(finding?.message.contains("app/models/user.rb:3") == true)
        #expect(report.findings.filter { $0.rule == "schema-without-code" }.isEmpty)
    }

    /// Code names a column in camelCase as often as in snake_case: `legacyName` is a mention of
    /// legacy_name. A new table's model is named in the singular: `Category` for categories.
    @Test func codeInCamelCaseOrTheSingularCounts() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001.sql", "CREATE TABLE users (id bigint, legacy_name text);\n")
        try repo.write("app/User.swift", "struct User {\n    var legacyName: String\n}\n")
        try await repo.commit("base", at: "2026-01-01T09:00:00Z")
        try await repo.branch("base")
        try repo.write(
            "db/migrations/002.sql",
            "ALTER TABLE users DROP COLUMN legacy_name;\nCREATE TABLE categories (id bigint);\n"
                + "CREATE TABLE people (id bigint);\n"
        )
        try repo.write("app/Category.swift", "struct Category {}\nstruct Person {}\n")
        try await repo.commit("drop", at: "2026-01-02T09:00:00Z")
        let report = try await gate(repo, now: "2026-01-03T09:00:00Z", base: "base", paths: [])
        let finding = report.findings.first { $0.rule == "dropped-but-referenced" }
        #expect(finding?.message.contains("app/User.swift:2") == true, "\(report.findings)")
        #expect(report.findings.filter { $0.rule == "schema-without-code" }.isEmpty, "\(report.findings)")
    }

    @Test func withABaseSQLChangedOutsideEveryMigrationFolderIsAnErrorNotACleanPass() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("README.md", "app\n")
        try await repo.commit("start", at: "2026-01-01T09:00:00Z")
        try await repo.branch("base")
        try repo.write("sql/002.sql", "ALTER TABLE users DROP COLUMN x;\n")
        await #expect(
            throws: GateError.migrationsElsewhere(
                sql: ["sql/002.sql"],
                folders: ["db/migrations", "migrations", "db/migrate"]
            )
        ) {
            try await gate(repo, now: "2026-01-03T09:00:00Z", base: "base", paths: [])
        }
        // Named as the migrations' folder, the change is checked.
        let report = try await gate(repo, now: "2026-01-03T09:00:00Z", base: "base", paths: [], folders: ["sql"])
        #expect(report.findings.contains { $0.rule == "drop-without-deprecation" && $0.file == "sql/002.sql" })
        // With a migration folder present, SQL elsewhere (queries, seeds) is not a migration.
        try repo.write("db/migrations/001.sql", "SELECT 1;\n")
        try await repo.commit("migrations", at: "2026-01-02T09:00:00Z")
        try await repo.branch("base")
        let elsewhere = try await gate(repo, now: "2026-01-03T09:00:00Z", base: "base", paths: [])
        #expect(elsewhere.findings.isEmpty)
    }

    /// A migrations folder outside the defaults, committed with a deprecation, and a change that drops
    /// the table on a branch: the drop is allowed, the deprecation being old enough.
    private func sqlFolderRepository() async throws -> TemporaryRepository {
        let repo = try await TemporaryRepository()
        try repo.write("app/a.go", "package app\n")
        try repo.write("sql/mig/001.sql", "CREATE TABLE sessions (id int);\n")
        try repo.write("sql/mig/002.sql", "COMMENT ON TABLE sessions IS 'deprecated: redis';\n")
        try await repo.commit("start", at: "2026-01-01T09:00:00Z")
        try await repo.branch("base")
        try repo.write(
            "sql/mig/003.sql",
            "SET lock_timeout = '1s';\nSET statement_timeout = '1s';\nDROP TABLE users;\n"
        )
        try await repo.commit("drop", at: "2026-02-01T09:00:00Z")
        return repo
    }

    @Test func aMigrationsFolderIsTheSameHoweverItIsWritten() async throws {
        let repo = try await sqlFolderRepository()
        for folder in ["sql/mig", "./sql/mig", "sql//mig/", repo.path + "/sql/mig"] {
            let report = try await gate(repo, now: "2026-02-02T09:00:00Z", base: "base", paths: [], folders: [folder])
            #expect(report.fileCount == 1, "\(folder)")
            #expect(report.findings.map(\.rule) == ["drop-without-deprecation"], "\(folder)")
        }
        let outside = GateConfiguration(base: "base", migrationDirectories: ["/etc"], workingDirectory: repo.path)
        await #expect(throws: GateError.self) { try await Gate(configuration: outside).run() }
    }

    @Test func aFolderNamedAsAPathIsAMigrationsFolderAsWithMigrations() async throws {
        let repo = try await sqlFolderRepository()
        try repo.write(
            "sql/mig/003.sql",
            "SET lock_timeout = '1s';\nSET statement_timeout = '1s';\nDROP TABLE sessions;\n"
        )
        try await repo.commit("drop sessions", at: "2026-02-01T09:00:00Z")
        let named = try await gate(repo, now: "2026-02-02T09:00:00Z", base: "base", paths: ["sql/mig"])
        // The deprecation in 002.sql counts, and the migrations that mention the table are no code.
        #expect(named.findings.isEmpty, "\(named.findings)")
        let folder = try await gate(repo, now: "2026-02-02T09:00:00Z", base: "base", paths: [], folders: ["sql/mig"])
        #expect(folder.findings.isEmpty)
    }

    @Test func aMigrationMovedAsItWasIsNotCheckedAgain() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001_init.sql", "CREATE TABLE users (id bigint);\n")
        try await repo.commit("start", at: "2026-01-01T09:00:00Z")
        try await repo.branch("base")
        try await Git(directory: repo.path).run(["mv", "db/migrations/001_init.sql", "db/migrations/001_users.sql"])
        try await repo.commit("rename", at: "2026-01-02T09:00:00Z")
        let report = try await gate(repo, now: "2026-01-03T09:00:00Z", base: "base", paths: [])
        #expect(report.fileCount == 0)
        #expect(report.findings.isEmpty)
        // Deleting the last migration (and so its folder) is no SQL elsewhere either.
        try await Git(directory: repo.path).run(["rm", "-q", "db/migrations/001_users.sql"])
        try await repo.commit("remove", at: "2026-01-02T10:00:00Z")
        #expect(try await gate(repo, now: "2026-01-03T09:00:00Z", base: "base", paths: []).findings.isEmpty)
    }

    /// A migration folder holding only other migrations (Rails' Ruby ones) is said, with or without
    /// --base, not passed as clean: the gate would never check them. An empty folder is clean.
    @Test func aMigrationFolderWithoutSQLIsSaid() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrate/20260101_create_users.rb", "class CreateUsers < ActiveRecord::Migration[7.1]\nend\n")
        try await repo.commit("start", at: "2026-01-01T09:00:00Z")
        try await repo.branch("base")
        for base in [nil, "base"] as [String?] {
            await #expect(throws: GateError.noMigrations(["db/migrate"])) {
                _ = try await gate(repo, now: "2026-01-03T09:00:00Z", base: base, paths: [])
            }
        }
        let empty = try await TemporaryRepository()
        mkdir(empty.path + "/db", 0o755)
        mkdir(empty.path + "/db/migrations", 0o755)
        #expect(try await gate(empty, now: "2026-01-03T09:00:00Z", paths: []).fileCount == 0)
    }

    /// The down half of a migration runs only to take it back: golang-migrate's `.down.sql` files and
    /// diesel's `down.sql` are not checked, nor is goose's `-- +goose Down` part of a file.
    @Test func downMigrationsAreNotChecked() async throws {
        let repo = try await TemporaryRepository()
        let up = "SET lock_timeout = '1s';\nSET statement_timeout = '1s';\nCREATE TABLE users (id bigint);\n"
        let down = "SET lock_timeout = '1s';\nSET statement_timeout = '1s';\nDROP TABLE users;\n"
        try repo.write("db/migrations/000001_users.up.sql", up)
        try repo.write("db/migrations/000001_users.down.sql", down)
        try repo.write("db/migrations/2026-01-01_users/up.sql", up)
        try repo.write("db/migrations/2026-01-01_users/down.sql", down)
        try repo.write("db/migrations/000002_goose.sql", "-- +goose Up\n" + up + "-- +goose Down\n" + down)
        // dbmate's marker with its options, and both tools' without a space after `--`.
        try repo.write(
            "db/migrations/000003_dbmate.sql",
            "-- migrate:up transaction:false\n" + up + "-- migrate:down transaction:false\n" + down
        )
        try repo.write("db/migrations/000004_dbmate.sql", "--migrate:up\n" + up + "--migrate:down\n" + down)
        try repo.write("db/migrations/000005_goose.sql", "--+goose Up\n" + up + "--+goose Down\n" + down)
        // Flyway's undo migration (`U` and the version of the `V` one it takes back).
        try repo.write("db/migrations/V6__users.sql", up)
        try repo.write("db/migrations/U6__users.sql", down)
        let report = try await gate(repo, now: "2026-01-03T09:00:00Z", paths: [])
        #expect(report.fileCount == 7)
        #expect(!report.findings.contains { $0.rule == "drop-without-deprecation" }, "\(report.findings)")
        // The marker after SQL on its line is a comment: what follows runs on deploy, and is checked.
        try repo.write("db/migrations/000007_trail.sql", up + "SELECT 1; -- migrate:down\nDROP TABLE accounts;\n")
        let trailing = try await gate(repo, now: "2026-01-03T09:00:00Z", paths: [])
        #expect(
            trailing.findings.contains {
                $0.rule == "drop-without-deprecation" && $0.file.hasSuffix("000007_trail.sql")
            },
            "\(trailing.findings)"
        )
    }

    /// A shallow clone (CI's usual checkout) with no history shared with --base is said as such, with
    /// what to fetch, not as a --base that may not exist.
    @Test func aShallowCloneWithoutTheBasesHistoryIsSaid() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001_init.sql", "CREATE TABLE users (id bigint);\n")
        try await repo.commit("start", at: "2026-01-01T09:00:00Z")
        let git = Git(directory: repo.path)
        try await git.run(["checkout", "-q", "-b", "feature"])
        try repo.write("db/migrations/002_more.sql", "CREATE TABLE teams (id bigint);\n")
        try await repo.commit("more", at: "2026-01-02T09:00:00Z")
        try await git.run(["checkout", "-q", "main"])
        try repo.write("README", "main moves on\n")
        try await repo.commit("main", at: "2026-01-03T09:00:00Z")
        let clone = try await TemporaryRepository()
        let shallow = clone.path + "/work"
        try await Git(directory: clone.path).run([
            "clone", "-q", "--depth", "1", "--branch", "feature", "file://" + repo.path, shallow,
        ])
        try await Git(directory: shallow).run(["fetch", "-q", "--depth", "1", "origin", "main:main"])
        let configuration = GateConfiguration(
            paths: [],
            base: "main",
            settings: RuleSettings(deprecationDays: 14, now: instant("2026-01-04T09:00:00Z")),
            workingDirectory: shallow
        )
        await #expect(throws: GateError.shallow(base: "main")) {
            _ = try await Gate(configuration: configuration).run()
        }
    }

    /// A file moved into the migration folder from elsewhere (a draft, another service's folder) is a
    /// new migration there, checked as one; only a move within its folder ran already.
    @Test func aFileMovedIntoTheMigrationFolderIsChecked() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001_init.sql", "CREATE TABLE users (id bigint);\n")
        try repo.write("drafts/next.sql", "ALTER TABLE users ADD COLUMN age int NOT NULL;\n")
        try await repo.commit("start", at: "2026-01-01T09:00:00Z")
        try await repo.branch("base")
        try await Git(directory: repo.path).run(["mv", "drafts/next.sql", "db/migrations/002_next.sql"])
        try await repo.commit("move the draft in", at: "2026-01-02T09:00:00Z")
        let report = try await gate(repo, now: "2026-01-03T09:00:00Z", base: "base", paths: [])
        #expect(report.fileCount == 1)
        #expect(report.findings.contains { $0.file.hasSuffix("002_next.sql") }, "\(report.findings)")
    }

    /// A migration deleted beside an unrelated new one that opens as it does: git paired them as one
    /// renamed and edited ("was in base already and its statements changed"), and the new one's own
    /// findings were lost.
    @Test func aNewMigrationBesideADeletedOneIsNew() async throws {
        let repo = try await TemporaryRepository()
        let opening = "SET lock_timeout = '2s'; SET statement_timeout = '5s';\n"
        try repo.write("db/migrations/V1__init.sql", "CREATE TABLE accounts (id bigint);\n")
        try repo.write("db/migrations/V3__nick.sql", opening + "ALTER TABLE accounts ADD COLUMN nick text;\n")
        try repo.write("app/a.py", "print('nick')\n")
        try await repo.commit("start", at: "2026-01-01T09:00:00Z")
        try await repo.branch("base")
        try FileManager.default.removeItem(atPath: repo.path + "/db/migrations/V3__nick.sql")
        try repo.write("db/migrations/V4__dn.sql", opening + "ALTER TABLE accounts ADD COLUMN display_name text;\n")
        try await repo.commit("swap", at: "2026-01-02T09:00:00Z")
        let rules = try await gate(repo, now: "2026-01-03T09:00:00Z", base: "base", paths: []).findings.map(\.rule)
        #expect(!rules.contains("changed-migration") && rules.contains("schema-without-code"), "\(rules)")
    }

    /// Run from a subfolder with `--base` and no paths, the migrations found are named from there
    /// (`../../db/…`), as a path given is: they were absolute, so SARIF located them as the machine's.
    @Test func fromASubfolderTheChangedMigrationsAreNamedFromThere() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001.sql", "CREATE TABLE users (id bigint);\n")
        try repo.write("app/sub/a.py", "print('users')\n")
        try await repo.commit("start", at: "2026-01-01T09:00:00Z")
        try await repo.branch("base")
        try repo.write("db/migrations/002.sql", "ALTER TABLE users ADD COLUMN nick text;\n")
        try await repo.commit("nick", at: "2026-01-02T09:00:00Z")
        let configuration = GateConfiguration(base: "base", workingDirectory: repo.path + "/app/sub")
        let report = try await Gate(configuration: configuration).run()
        #expect(report.findings.map(\.file).contains("../../db/migrations/002.sql"), "\(report.findings.map(\.file))")
    }

    @Test func aMigrationTheBaseHadWhoseStatementsChangedIsAnErrorAtTheFirstNewOne() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001_init.sql", "CREATE TABLE users (id int, email text);\n")
        try await repo.commit("start", at: "2026-01-01T09:00:00Z")
        try await repo.branch("base")
        // Comments, spaces, line breaks and the case of keywords and unquoted names are no change.
        try repo.write("db/migrations/001_init.sql", "-- the users\ncreate table Users (id INT,\n  email text);\n")
        try await repo.commit("reformat", at: "2026-01-02T09:00:00Z")
        #expect(try await gate(repo, now: "2026-01-03T09:00:00Z", base: "base", paths: []).findings.isEmpty)
        // A statement added: reported there, and the old CREATE TABLE is not judged again (users is no
        // new table wanting code).
        try repo.write(
            "db/migrations/001_init.sql",
            "CREATE TABLE users (id int, email text);\nCREATE INDEX users_email ON users (email);\n"
        )
        try await repo.commit("index", at: "2026-01-02T10:00:00Z")
        let added = try await gate(repo, now: "2026-01-03T09:00:00Z", base: "base", paths: [])
        let changed = added.findings.filter { $0.rule == "changed-migration" }
        #expect(changed.map(\.line) == [2], "\(added.findings)")
        #expect(changed.first?.severity == .error)
        #expect(changed.first?.message.hasPrefix("this migration was in base already") == true)
        #expect(!added.findings.contains { $0.rule == "schema-without-code" }, "\(added.findings)")
        // A statement removed: reported at the file's first.
        try repo.write("db/migrations/001_init.sql", "SELECT 1;\n")
        try await repo.commit("emptied", at: "2026-01-02T11:00:00Z")
        let removed = try await gate(repo, now: "2026-01-03T09:00:00Z", base: "base", paths: [])
        #expect(removed.findings.filter { $0.rule == "changed-migration" }.map(\.line) == [1])
        // Emptied to nothing: no statement is left to stand for it, and it is changed all the same.
        try repo.write("db/migrations/001_init.sql", "")
        try await repo.commit("nothing", at: "2026-01-02T11:30:00Z")
        let nothing = try await gate(repo, now: "2026-01-03T09:00:00Z", base: "base", paths: [])
        #expect(nothing.findings.filter { $0.rule == "changed-migration" }.map(\.line) == [1], "\(nothing.findings)")
        // Its CREATE TABLE edited: one error, the change; users is in the base, no new table wanting code.
        try repo.write("db/migrations/001_init.sql", "CREATE TABLE users (id int, email text NOT NULL);\n")
        try await repo.commit("edited", at: "2026-01-02T12:00:00Z")
        let edited = try await gate(repo, now: "2026-01-03T09:00:00Z", base: "base", paths: [])
        #expect(edited.findings.map(\.rule) == ["changed-migration"], "\(edited.findings)")
    }

    @Test func aFileWhoseNameIsNotUTF8IsNamedAsSuch() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001.sql", "SELECT 1;\n")
        // `a\xFF.sql`: a name no Swift string holds, made with the system's own call.
        let name = Array((repo.path + "/db/migrations/a").utf8) + [0xFF] + Array(".sql".utf8) + [0]
        let descriptor = name.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(descriptor >= 0)
        close(descriptor)
        do {
            _ = try await gate(repo, now: "2026-01-03T09:00:00Z")
            Issue.record("a file it cannot open was passed over")
        } catch {
            #expect((error as? GateError)?.errorDescription?.contains("its name is not UTF-8 text") == true, "\(error)")
        }
    }

    @Test func aMigrationNamedInCapitalsIsAMigration() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/V1__init.SQL", "CREATE TABLE users (id bigint, legacy text);\n")
        try await repo.commit("start", at: "2026-01-01T09:00:00Z")
        try await repo.branch("base")
        try repo.write("db/migrations/V2__drop.SQL", "ALTER TABLE users DROP COLUMN legacy;\n")
        for base in [nil, "base"] {
            let report = try await gate(repo, now: "2026-06-01T09:00:00Z", base: base, paths: [])
            #expect(
                report.findings.contains { $0.file.hasSuffix("V2__drop.SQL") && $0.rule == "drop-without-deprecation" },
                "\(String(describing: base))"
            )
        }
    }

    @Test func aBaseOutsideARepositoryIsAnActionableError() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/migrations/001.sql", "SELECT 1;\n")
        try await repo.commit("base", at: "2026-01-01T09:00:00Z")
        await #expect(throws: GateError.self) { try await gate(repo, now: "2026-01-03T09:00:00Z", base: "nope") }
    }
}
