import Foundation
import OwnCore
import OwnGit

/// Finds git's `user.name`: the fourth place `own` looks for who is acting. Only reached when
/// `--as`, `OWN_USER` and the configuration are all silent. Read from git's configuration files
/// where they settle it (`GitConfigFiles`); git is started only when they do not, since starting
/// it costs milliseconds on every command.
enum GitIdentity {
    static func userName(environment: [String: String]) -> String? {
        let found: String?
        switch GitConfigFiles.userName(in: FileManager.default.currentDirectoryPath, environment: environment) {
        case .settled(let name): found = name
        case .unsure: found = asked()
        }
        let name = found?.trimming(.spacesAndNewlines)
        return name?.isEmpty == false ? name : nil
    }

    /// `git config user.name`, asked of git.
    private static func asked() -> String? {
        guard let run = try? Spawn.run("git", ["config", "user.name"], captureOutput: true, quiet: true),
            run.status == 0
        else { return nil }
        return run.output
    }
}
