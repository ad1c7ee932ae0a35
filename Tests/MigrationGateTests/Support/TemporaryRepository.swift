import FoundationEssentials
import OwnGit

/// A throwaway git repository with a fixed identity, committing at chosen dates.
struct TemporaryRepository {
    let path: String

    init() async throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("own-gate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let git = Git(directory: path)
        try await git.run(["init", "-q", "-b", "main"])
        try await git.run(["config", "user.name", "Test"])
        try await git.run(["config", "user.email", "test@own.invalid"])
    }

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func commit(_ message: String, at date: String) async throws {
        let git = Git(directory: path, environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        try await git.run(["add", "-A"])
        try await git.run(["commit", "-q", "-m", message])
    }

    func branch(_ name: String) async throws {
        try await Git(directory: path).run(["branch", name])
    }
}

/// An ISO 8601 instant as a date.
func instant(_ text: String) -> Date {
    (try? Date(text, strategy: .iso8601)) ?? Date(timeIntervalSince1970: 0)
}
