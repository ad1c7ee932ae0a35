public import FoundationEssentials
import OwnGit

/// A throwaway git repository for tests, with a fixed identity, committing at chosen dates; removed
/// when the last reference to it goes.
public final class TemporaryRepository: Sendable {
    /// Where it is.
    public let path: String

    /// A new empty repository on branch `main` in the temporary folder.
    public init() async throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("own-git-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let git = Git(directory: path)
        try await git.run(["init", "-q", "-b", "main"])
        try await git.run(["config", "user.name", "Test"])
        try await git.run(["config", "user.email", "test@own.invalid"])
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes a file, creating its folders.
    public func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Commits everything, authored and committed at `date` (ISO-8601).
    public func commit(_ message: String, at date: String) async throws {
        let git = Git(directory: path, environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        try await git.run(["add", "-A"])
        try await git.run(["commit", "-q", "-m", message])
    }

    /// Creates a branch at the current commit, or moves it there.
    public func branch(_ name: String) async throws {
        try await Git(directory: path).run(["branch", "-f", name])
    }
}
