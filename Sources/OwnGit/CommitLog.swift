/// Reads one repository's commits by an author in a time window, with the loops they name: `Loop:`
/// trailers, and the number in a `loop/<number>-...` branch the commit was reached from.
///
/// One `git log` over every local branch, so a report pays one process per repository.
public struct CommitLog: Sendable {
    /// The repository's folder.
    public var repository: String
    /// The runner.
    public var git: Git

    /// A log reader for a repository's folder.
    public init(repository: String) {
        self.repository = repository
        git = Git(directory: repository)
    }

    /// The repository's name as people say it: its folder's last component.
    public var name: String {
        let parts = repository.split(separator: "/")
        return parts.last.map(String.init) ?? repository
    }

    // Unit and record separators cannot appear in a subject or a trailer value.
    private static let field = "\u{1F}"
    private static let record = "\u{1E}"
    private static let trailerSeparator = "\u{1D}"

    /// The `git log` arguments for commits by `author` whose dates fall in the window (seconds since 1970).
    static func arguments(author: String?, since: Int, until: Int) -> [String] {
        var arguments = [
            "log", "--branches", "--source", "--no-merges", "--no-color", "--since=@\(since)", "--until=@\(until)",
            "--format=%H%x1F%at%x1F%ae%x1F%an%x1F%S%x1F%s%x1F"
                + "%(trailers:key=Loop,valueonly,separator=%x1D)%x1E",
        ]
        // An e-mail such as a+b@x.com is not a pattern: match it as text, in any case.
        if let author, !author.isEmpty {
            arguments += ["--fixed-strings", "--regexp-ignore-case", "--author=" + author]
        }
        return arguments
    }

    /// Commits by `author` (git's `--author`: a name or e-mail, matched as a pattern; nil for anyone)
    /// authored at or after `since` and at or before `until`, newest first.
    public func commits(author: String?, since: Int, until: Int) async throws -> [Commit] {
        // git's --since looks at the committer date, which is never before the author date, so it is
        // a safe first cut; the author date is checked here.
        let output = try await git.run(Self.arguments(author: author, since: since, until: until))
        return Self.parse(output).filter { $0.authoredAt >= since && $0.authoredAt <= until }
    }

    /// The acting person's e-mail as this repository's git configuration gives it: read from the
    /// config files when they settle it, from `git config` otherwise.
    public func userEmail(environment: [String: String] = [:]) async -> String? {
        if let email = GitConfigFiles.userEmail(repository: repository, environment: environment) { return email }
        guard let output = try? await git.run(["config", "user.email"]) else { return nil }
        let email = output.trimmingNewlines()
        return email.isEmpty ? nil : email
    }

    /// Parses what `arguments(author:since:until:)` makes git print.
    static func parse(_ output: String) -> [Commit] {
        output.split(separator: record).compactMap { entry in
            let trimmed = entry.drop { $0.isNewline }
            let fields = trimmed.split(separator: field, omittingEmptySubsequences: false)
            guard fields.count >= 7, let at = Int(fields[1]) else { return nil }
            let trailers = fields[6].split(separator: trailerSeparator).map {
                String($0).trimmingNewlines()
            }
            .filter { !$0.isEmpty }
            let source = String(fields[4])
            return Commit(
                hash: String(fields[0]),
                authoredAt: at,
                authorEmail: String(fields[2]),
                authorName: String(fields[3]),
                branch: source.hasPrefix("refs/heads/") ? String(source.dropFirst("refs/heads/".count)) : source,
                subject: String(fields[5]),
                trailerLoops: trailers
            )
        }
    }
}
