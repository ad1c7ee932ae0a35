import Foundation
import GitTestSupport
import Testing

@testable import OwnGit

@Suite("Git identity from the config files")
struct GitConfigFilesTests {
    @Test("The repository's user.email, read from its files without starting git; a worktree too")
    func localAndWorktree() async throws {
        let repository = try await CommitRepository()
        defer { repository.remove() }
        try await repository.commit("first", at: "2026-11-27T10:00:00Z")
        let environment = ["HOME": repository.path + "/no-home"]
        #expect(await CommitLog(repository: repository.path).userEmail(environment: environment) == "alice@example.com")
        let worktree = repository.path + "-worktree"
        defer { try? FileManager.default.removeItem(atPath: worktree) }
        try await repository.git("worktree", "add", "-q", worktree)
        #expect(await CommitLog(repository: worktree).userEmail(environment: environment) == "alice@example.com")
    }

    @Test(
        "Parsing: the last user.email wins, quotes are removed, includes are left to git",
        arguments: [
            ("[user]\n\tname = A\n\temail = a@x\n[core]\n\temail = no\n[user]\n\temail = \"b@x\"\n", "b@x"),
            ("# comment\n[User]\nEmail=c@x\n", "c@x"),
            ("[core]\n\tbare = false\n", nil),
            ("[user \"work\"]\n\temail = w@x\n", nil),
        ]
    )
    func parsing(text: String, email: String?) {
        #expect(GitConfigFiles.parse(text)?.email == email)
    }

    @Test(
        "What git would read otherwise than its plain text is left to git",
        arguments: [
            "[include]\n\tpath = other\n[user]\n\temail = a@x\n", "[user]\n\tname = Ana # me\n",
            "[user]\n\tname = \"Ana\\\"s\"\n", "[user]\n\tname\n", "[extensions]\n\tworktreeConfig = true\n",
        ]
    )
    func leftToGit(text: String) {
        #expect(GitConfigFiles.parse(text) == nil)
    }

    /// `user.name` read from the files is what `git config user.name` prints in the same folder, with
    /// the same home: in a repository with its own name, in a folder of it, outside any repository.
    @Test func theNameIsWhatGitPrints() async throws {
        let repository = try await TemporaryRepository()
        let home = repository.path + "-home"
        let outside = repository.path + "-outside"
        defer {
            for path in [repository.path, home, outside] { try? FileManager.default.removeItem(atPath: path) }
        }
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try repository.write("docs/readme.md", "x")
        let environment = ["HOME": home, "XDG_CONFIG_HOME": home + "/.config", "GIT_CONFIG_NOSYSTEM": "1"]
        func git(in directory: String) async throws -> String? {
            let run = try await Git(directory: directory, environment: environment)
                .run(["config", "user.name"], successCodes: [0, 1])
            return run.code == 0 ? run.output.trimmingCharacters(in: .newlines) : nil
        }
        // The repository's own name wins; outside it, the global one, if any.
        let cases: [(global: String, outside: String?)] = [
            ("", nil), ("[user]\n\tname = Global Name\n", "Global Name"), ("[user \"work\"]\n\tname = Not Mine\n", nil),
        ]
        for (global, name) in cases {
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            try Data(global.utf8).write(to: URL(fileURLWithPath: home + "/.gitconfig"))
            for (directory, expected) in [
                (repository.path, "Test"), (repository.path + "/docs", "Test"), (outside, name),
            ] {
                let read = GitConfigFiles.userName(in: directory, environment: environment)
                #expect(read == .settled(expected), "\(directory) with \(global.debugDescription)")
                #expect(try await git(in: directory) == expected, "git in \(directory) with \(global.debugDescription)")
            }
        }
    }

    @Test func whereOnlyGitCanTellItIsAsked() async throws {
        let repository = try await TemporaryRepository()
        defer { try? FileManager.default.removeItem(atPath: repository.path) }
        let environment = ["HOME": repository.path + "/no-home", "GIT_CONFIG_NOSYSTEM": "1"]
        #expect(GitConfigFiles.userName(in: repository.path, environment: environment) == .settled("Test"))
        #expect(GitConfigFiles.userName(in: repository.path + "/.git", environment: environment) == .unsure)
        for variable in ["GIT_DIR", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_COUNT", "GIT_CEILING_DIRECTORIES"] {
            let set = environment.merging([variable: "/elsewhere"]) { $1 }
            #expect(GitConfigFiles.userName(in: repository.path, environment: set) == .unsure, "\(variable)")
        }
        let odd = environment.merging(["GIT_CONFIG_NOSYSTEM": "maybe"]) { $1 }
        #expect(GitConfigFiles.userName(in: repository.path, environment: odd) == .unsure)
    }
}
