import FoundationEssentials

/// Reads `user.email` from git's configuration files directly: starting `git config` for it costs
/// a process per repository, more than the report's own work. Answers nil when it cannot be sure
/// (an `include`), and the caller asks git then.
enum GitConfigFiles {
    /// The e-mail git would put on a commit in `repository`, when the files settle it.
    static func userEmail(repository: String, environment: [String: String]) -> String? {
        if let email = environment["GIT_AUTHOR_EMAIL"], !email.isEmpty { return email }
        let home = environment["HOME"] ?? ""
        let xdg = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        // Later files override earlier ones, as in git: system, global (XDG, then ~/.gitconfig), local.
        var files = ["/etc/gitconfig", xdg + "/git/config", home + "/.gitconfig"]
        if let local = localConfig(repository) { files.append(local) }
        var email: String?
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            guard let found = parse(String(decoding: data, as: UTF8.self)) else { return nil }
            if let value = found.email { email = value }
        }
        return email
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

    /// The `[user] email` in one file's text; nil when the file includes others (not followed here).
    static func parse(_ text: String) -> Settled? {
        var section = ""
        var email: String?
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmedBlanks()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                let name = line.dropFirst().prefix { $0 != "]" && $0 != " " && $0 != "\"" }.lowercased()
                if name == "include" || name == "includeif" { return nil }
                section = name
                continue
            }
            guard section == "user" else { continue }
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmedBlanks().lowercased() == "email" else {
                continue
            }
            var value = parts[1].trimmedBlanks()
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            email = value
        }
        return Settled(email: email)
    }

    /// What one file says: its `user.email`, if any.
    struct Settled {
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
