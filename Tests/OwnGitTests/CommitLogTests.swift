import Foundation
import Testing

@testable import OwnGit

/// A repository made with real git in a temporary folder, with fixed identities and dates.
struct CommitRepository {
    let path: String

    init() async throws {
        path = NSTemporaryDirectory() + "own-commitlog-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try await git("init", "-q", "-b", "main")
        try await git("config", "user.name", "Alice")
        try await git("config", "user.email", "alice@example.com")
        try await git("config", "commit.gpgsign", "false")
    }

    @discardableResult
    func git(_ arguments: String..., environment: [String: String] = [:]) async throws -> String {
        try await Git(directory: path, environment: environment).run(arguments)
    }

    /// An empty commit at an instant, by an author, with an optional body (trailers go there).
    func commit(
        _ subject: String,
        at: String,
        body: String? = nil,
        author: String = "Alice <alice@example.com>"
    )
        async throws
    {
        var arguments = ["commit", "-q", "--allow-empty", "--author", author, "-m", subject]
        if let body { arguments += ["-m", body] }
        try await Git(
            directory: path,
            environment: ["GIT_AUTHOR_DATE": at, "GIT_COMMITTER_DATE": at]
        )
        .run(arguments)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

@Suite("Commit log")
struct CommitLogTests {
    static func seconds(_ text: String) -> Int {
        Int(ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970)
    }

    @Test("Trailers and loop/<number> branches name loops; other authors and other days are left out")
    func trailersAndBranches() async throws {
        let repository = try await CommitRepository()
        defer { repository.remove() }
        try await repository.commit("Too early", at: "2026-11-25T10:00:00Z")
        try await repository.commit("Stream the CSV writer", at: "2026-11-27T10:00:00Z", body: "Loop: billing-export")
        try await repository.commit(
            "Bob's change",
            at: "2026-11-27T10:30:00Z",
            author: "Bob <bob@example.com>"
        )
        // As a pattern, "alice@example.com" would match this address (the dot matches X); as text it does not.
        try await repository.commit(
            "Lookalike",
            at: "2026-11-27T10:40:00Z",
            author: "Mallory <alice@exampleXcom>"
        )
        try await repository.commit("Bump linter", at: "2026-11-27T11:00:00Z")
        try await repository.git("checkout", "-q", "-b", "loop/12-fix-timeout")
        try await repository.commit("Raise the timeout", at: "2026-11-27T12:00:00Z")
        try await repository.commit(
            "Two loops at once",
            at: "2026-11-27T13:00:00Z",
            body: "Signed-off-by: Alice <alice@example.com>\nLoop: #7\nLoop: runbook"
        )
        try await repository.git("checkout", "-q", "main")

        let log = CommitLog(repository: repository.path)
        let commits = try await log.commits(
            author: "ALICE@example.com",
            since: Self.seconds("2026-11-27T00:00:00Z"),
            until: Self.seconds("2026-11-28T00:00:00Z")
        )
        #expect(
            commits.map(\.subject) == [
                "Two loops at once", "Raise the timeout", "Bump linter", "Stream the CSV writer",
            ]
        )
        #expect(commits.map(\.loopReferences) == [["#7", "runbook", "12"], ["12"], [], ["billing-export"]])
        #expect(commits.allSatisfy { $0.authorEmail == "alice@example.com" && $0.hash.count == 40 })
        #expect(commits[3].authoredAt == Self.seconds("2026-11-27T10:00:00Z"))
        #expect(await log.userEmail() == "alice@example.com")
    }

    @Test("A repository with no commits has no activity")
    func emptyRepository() async throws {
        let repository = try await CommitRepository()
        defer { repository.remove() }
        let commits = try await CommitLog(repository: repository.path).commits(
            author: nil,
            since: 0,
            until: Int.max / 2
        )
        #expect(commits.isEmpty)
    }

    @Test("A folder that is not a repository is an error that names git")
    func notARepository() async throws {
        let folder = NSTemporaryDirectory() + "own-not-a-repo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        await #expect(throws: GitError.self) {
            try await CommitLog(repository: folder).commits(author: nil, since: 0, until: 1)
        }
    }

    @Test(
        "Branch names that carry a loop number",
        arguments: [
            ("loop/12-fix-timeout", "12"), ("loop/12", "12"), ("ana/loop/7-x", "7"), ("refs/heads/loop/3-y", "3"),
            ("loop/fix", nil), ("main", nil), ("loops/12-x", nil), ("loop/12x", nil),
        ]
    )
    func branchNumbers(branch: String, number: String?) {
        let commit = Commit(
            hash: "h",
            authoredAt: 0,
            authorEmail: "",
            authorName: "",
            branch: branch,
            subject: "",
            trailerLoops: []
        )
        #expect(commit.branchLoop == number)
    }
}
