import FoundationEssentials
import GitTestSupport
import OwnGit
import Testing

@Suite("git runner")
struct GitTests {
    @Test func blameDatesALineByItsCommit() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("a.txt", "one\n")
        try await repo.commit("first", at: "2026-01-01T10:00:00Z")
        try repo.write("a.txt", "one\ntwo\n")
        try await repo.commit("second", at: "2026-02-01T10:00:00Z")
        try repo.write("a.txt", "one\ntwo\nthree\n")
        try repo.write("a.txt", "one\ntwo\nthree\nfour\n")
        let git = Git(directory: repo.path)
        // One blame for several lines, one of them twice; the first commit's details are printed once.
        let commits = try await git.lineCommits(path: "a.txt", lines: [3, 1, 2, 4, 1])
        #expect(commits.mapValues(\.time) == [1: 1_767_261_600, 2: 1_769_940_000])
        let head = try await git.run(["rev-parse", "HEAD"]).split(separator: "\n").first.map(String.init)
        #expect(commits[2]?.sha == head)
        #expect(try await git.isAncestor(commits[1]!.sha, of: "HEAD"))
        #expect(try await git.lineCommits(path: "a.txt", lines: []) == [:])
    }

    @Test func aCommitOnAnotherBranchIsNoAncestor() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("a.txt", "one\n")
        try await repo.commit("first", at: "2026-01-01T10:00:00Z")
        try await repo.branch("base")
        try repo.write("a.txt", "one\ntwo\n")
        try await repo.commit("on main only", at: "2025-01-01T10:00:00Z")
        let git = Git(directory: repo.path)
        let commits = try await git.lineCommits(path: "a.txt", lines: [1, 2])
        #expect(try await git.isAncestor(commits[1]!.sha, of: "base"))
        #expect(try await !git.isAncestor(commits[2]!.sha, of: "base"))
    }

    @Test func changedFilesIncludeCommittedModifiedAndUntracked() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("keep.txt", "x\n")
        try await repo.commit("base", at: "2026-01-01T10:00:00Z")
        try await Git(directory: repo.path).run(["branch", "base"])
        try repo.write("committed.txt", "x\n")
        try await repo.commit("change", at: "2026-01-02T10:00:00Z")
        try repo.write("untracked.txt", "x\n")
        let changed = try await Git(directory: repo.path).changedFiles(since: "base")
        #expect(Set(changed.files) == ["committed.txt", "untracked.txt"])
        #expect(changed.moved.isEmpty)
    }

    @Test func aFileMovedAsItWasIsListedAsMovedAndOneEditedIsNot() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("db/001_init.sql", "CREATE TABLE users (id int);\n")
        try repo.write(
            "db/002_more.sql",
            "CREATE TABLE teams (id int);\nCREATE TABLE orgs (id int);\nCREATE TABLE seats (id int);\nCREATE TABLE plans (id int);\n"
        )
        try await repo.commit("base", at: "2026-01-01T10:00:00Z")
        let git = Git(directory: repo.path)
        try await git.run(["branch", "base"])
        try await git.run(["mv", "db/001_init.sql", "db/001_renamed.sql"])
        try await git.run(["mv", "db/002_more.sql", "db/002_edited.sql"])
        try repo.write(
            "db/002_edited.sql",
            "CREATE TABLE teams (id int);\nCREATE TABLE orgs (id bigint);\nCREATE TABLE seats (id int);\nCREATE TABLE plans (id int);\n"
        )
        try await repo.commit("move", at: "2026-01-02T10:00:00Z")
        let changed = try await git.changedFiles(since: "base")
        #expect(
            Set(changed.files) == ["db/001_init.sql", "db/001_renamed.sql", "db/002_more.sql", "db/002_edited.sql"]
        )
        #expect(changed.moved == ["db/001_renamed.sql": "db/001_init.sql"])
        #expect(changed.edited == ["db/002_edited.sql": "db/002_more.sql"])
        let before = try await git.content(of: "db/002_more.sql", at: changed.mergeBase)
        #expect(
            before
                == "CREATE TABLE teams (id int);\nCREATE TABLE orgs (id int);\nCREATE TABLE seats (id int);\nCREATE TABLE plans (id int);\n"
        )
    }

    @Test func grepFindsWholeWordsIgnoringCase() async throws {
        let repo = try await TemporaryRepository()
        try repo.write("app/user.rb", "class User\n  def Legacy_Name; end\n  def legacy_names; end\nend\n")
        try await repo.commit("code", at: "2026-01-01T10:00:00Z")
        let hits = try await Git(directory: repo.path).grepWord(["legacy_name"], pathspecs: ["*.rb"])
        #expect(hits.map(\.path) == ["app/user.rb"])
        #expect(hits.map(\.line) == [2])
    }

    @Test func failuresSayWhatGitSaid() async throws {
        let repo = try await TemporaryRepository()
        await #expect(throws: GitError.self) { try await Git(directory: repo.path).run(["rev-parse", "no-such-rev"]) }
        #expect(await Git(directory: "/").topLevel() == nil)
    }
}
