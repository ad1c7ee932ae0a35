import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads `user.name` and `user.email` from git's configuration files directly: starting `git config`
/// for them costs a process (milliseconds), more than a report's own work and more than `own`'s
/// start-up. Answers nil (unsure) when the files cannot settle it alone (an `include`, a value with
/// quotes inside, escapes or a comment, a `GIT_CONFIG*` or `GIT_DIR` variable), and the caller asks
/// git then.
public enum GitConfigFiles {
    /// The e-mail git would put on a commit in `repository`, when the files settle it.
    static func userEmail(repository: String, environment: [String: String]) -> String? {
        if let email = environment["GIT_AUTHOR_EMAIL"], !email.isEmpty { return email }
        return settled(files(local: localConfig(repository), environment))?.email
    }

    /// What `git config user.name` run in `directory` prints, read from the files: `.settled(nil)`
    /// when they set no name, `.unsure` when only git can tell.
    public static func userName(in directory: String, environment: [String: String]) -> Answer {
        let overridden: Set = [
            "GIT_DIR", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM", "GIT_COMMON_DIR",
        ]
        let settings = environment.keys.filter { $0.hasPrefix("GIT_CONFIG") && $0 != "GIT_CONFIG_NOSYSTEM" }
        guard settings.isEmpty, !environment.keys.contains(where: overridden.contains), systemFiles(environment) != nil
        else { return .unsure }
        let local: String?
        switch enclosingRepository(of: directory) {
        case .unsure: return .unsure
        case .noRepository: local = nil
        case .repository(let path):
            guard let config = localConfig(path) else { return .unsure }
            local = config
        }
        guard let settled = settled(files(local: local, environment)) else { return .unsure }
        return .settled(settled.name)
    }

    /// An answer the files give, or not.
    public enum Answer: Equatable, Sendable {
        case settled(String?)
        case unsure
    }

    /// The files git reads in turn, later ones overriding earlier ones: system, global (XDG, then
    /// ~/.gitconfig), then the repository's own.
    static func files(local: String?, _ environment: [String: String]) -> [String] {
        let home = environment["HOME"] ?? ""
        let xdg = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        let system = systemFiles(environment) ?? ["/etc/gitconfig"]
        return system + [xdg + "/git/config", home + "/.gitconfig"] + (local.map { [$0] } ?? [])
    }

    /// The system file git reads, or none when `GIT_CONFIG_NOSYSTEM` is true; nil when that variable
    /// holds something other than a boolean read the way git reads it.
    static func systemFiles(_ environment: [String: String]) -> [String]? {
        switch environment["GIT_CONFIG_NOSYSTEM"]?.lowercased() {
        case nil, "", "0", "false", "no", "off": ["/etc/gitconfig"]
        case "1", "true", "yes", "on": []
        default: nil
        }
    }

    /// The identity the files give together; nil when one of them is not settled here.
    static func settled(_ files: [String]) -> Settled? {
        var identity = Settled()
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            guard let found = parse(String(decoding: data, as: UTF8.self)) else { return nil }
            if let name = found.name { identity.name = name }
            if let email = found.email { identity.email = email }
        }
        return identity
    }

    /// Where git run in `directory` finds its repository: the nearest folder up with a `.git`, not
    /// past a change of file system (where git stops). Unsure inside a `.git` folder (a bare
    /// repository, git's own files) and for a repository another user owns (git's `safe.directory`).
    enum Discovery: Equatable {
        case noRepository
        case repository(String)
        case unsure
    }

    static func enclosingRepository(of directory: String) -> Discovery {
        guard directory.hasPrefix("/"), !directory.split(separator: "/").contains(".git") else { return .unsure }
        var start = stat()
        guard stat(directory, &start) == 0 else { return .unsure }
        var path = directory
        while true {
            // A bare repository is a folder of git's own files, with no `.git`.
            if access(path + "/HEAD", F_OK) == 0, access(path + "/objects", F_OK) == 0 { return .unsure }
            var found = stat()
            if lstat(path == "/" ? "/.git" : path + "/.git", &found) == 0 {
                return found.st_uid == geteuid() ? .repository(path) : .unsure
            }
            guard path != "/" else { return .noRepository }
            let parent = path.split(separator: "/").dropLast().joined(separator: "/")
            path = "/" + parent
            var folder = stat()
            guard stat(path, &folder) == 0 else { return .unsure }
            if folder.st_dev != start.st_dev { return .noRepository }
        }
    }

    /// The repository's own config file: `.git/config`, or the common directory's for a worktree.
    static func localConfig(_ repository: String) -> String? {
        let dotGit = repository + "/.git"
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: dotGit, isDirectory: &isDirectory) else { return nil }
        if isDirectory { return dotGit + "/config" }
        // A worktree: `.git` is a file naming its git directory, whose `commondir` leads to the config.
        guard let data = FileManager.default.contents(atPath: dotGit) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("gitdir:") }) else { return nil }
        var gitDirectory = line.dropFirst("gitdir:".count).trimmedBlanks()
        if !gitDirectory.hasPrefix("/") { gitDirectory = repository + "/" + gitDirectory }
        guard let common = FileManager.default.contents(atPath: gitDirectory + "/commondir") else {
            return gitDirectory + "/config"
        }
        var commonDirectory = String(decoding: common, as: UTF8.self).trimmedBlanks()
        if !commonDirectory.hasPrefix("/") { commonDirectory = gitDirectory + "/" + commonDirectory }
        return commonDirectory + "/config"
    }

    /// The `[user]` name and email in one file's text; nil when the file includes others (not
    /// followed here), sets extensions (a worktree's own config), or writes a value git would read
    /// differently from its plain text (quotes inside, escapes, a comment after it, a bare key).
    static func parse(_ text: String) -> Settled? {
        var section = ""
        var identity = Settled()
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmedBlanks()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                let header = line.dropFirst().prefix { $0 != "]" }
                let name = header.prefix { $0 != " " && $0 != "\"" }.lowercased()
                if name == "include" || name == "includeif" || name == "extensions" { return nil }
                // `[user "work"]` is another section than `[user]`.
                section = name.count == header.count ? name : name + "."
                continue
            }
            guard section == "user" else { continue }
            let parts = line.split(separator: "=", maxSplits: 1)
            let key = parts[0].trimmedBlanks().lowercased()
            guard key == "name" || key == "email" else { continue }
            guard parts.count == 2 else { return nil }
            var value = parts[1].trimmedBlanks()
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            if value.contains(where: { $0 == "\"" || $0 == "\\" || $0 == "#" || $0 == ";" }) { return nil }
            if key == "name" { identity.name = value } else { identity.email = value }
        }
        return identity
    }

    /// What one file, or the files together, say: `user.name` and `user.email`, if any.
    struct Settled: Equatable {
        var name: String?
        var email: String?
    }
}

extension StringProtocol {
    /// The text without the spaces, tabs and line ends around it (FoundationEssentials has no trimming).
    fileprivate func trimmedBlanks() -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
