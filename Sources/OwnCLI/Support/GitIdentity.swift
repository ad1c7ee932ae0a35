import Foundation
import OwnGit

/// Asks git for `user.name`: the fourth place `own` looks for who is acting. Only reached when
/// `--as`, `OWN_USER` and the configuration are all silent, since starting git costs milliseconds.
enum GitIdentity {
    static func userName() -> String? {
        guard let run = try? Spawn.run("git", ["config", "user.name"], captureOutput: true, quiet: true),
            run.status == 0
        else { return nil }
        let name = run.output.trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty ? nil : name
    }
}
