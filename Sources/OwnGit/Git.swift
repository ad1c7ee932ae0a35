/// Runs `git` in one directory and returns what it prints.
public struct Git: Sendable {
    /// The directory git runs in (`git -C directory`).
    public var directory: String
    /// Variables added to the inherited environment (for example `GIT_COMMITTER_DATE`).
    public var environment: [String: String]

    /// Creates a runner for a directory.
    public init(directory: String, environment: [String: String] = [:]) {
        self.directory = directory
        self.environment = environment
    }

    /// Runs `git arguments` and returns standard output; throws ``GitError`` on a non-zero exit.
    @discardableResult
    public func run(_ arguments: [String]) async throws -> String {
        try await run(arguments, successCodes: [0]).output
    }

    /// Runs git and returns its exit code and output; exit codes outside `successCodes` throw.
    public func run(_ arguments: [String], successCodes: Set<Int>) async throws -> (code: Int, output: String) {
        let result: Spawn.Result
        do {
            result = try Spawn.run(
                "git",
                ["-C", directory] + arguments,
                environment: environment,
                captureOutput: true,
                captureError: true
            )
        } catch {
            throw GitError.notRunnable(error.description)
        }
        let code = Int(result.status)
        guard successCodes.contains(code) else {
            throw GitError.failed(arguments: arguments, code: code, message: result.error)
        }
        return (code, result.output)
    }

    /// The root of the work tree that holds `directory`, or `nil` outside a repository.
    public func topLevel() async -> String? {
        guard let output = try? await run(["rev-parse", "--show-toplevel"]) else { return nil }
        let trimmed = output.trimmingNewlines()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Whether the repository is a shallow clone (CI's usual checkout): its history may hold no
    /// merge base with another branch.
    public func isShallow() async -> Bool {
        (try? await run(["rev-parse", "--is-shallow-repository"]))?.trimmingNewlines() == "true"
    }

    /// The commit in which each of `lines` of `path` last changed, with its committer time in seconds
    /// since 1970, read with one `git blame` for them all; a line not committed yet is absent.
    public func lineCommits(path: String, lines: [Int]) async throws -> [Int: LineCommit] {
        let wanted = Set(lines).sorted()
        guard !wanted.isEmpty else { return [:] }
        let ranges = wanted.flatMap { ["-L", "\($0),\($0)"] }
        let output = try await run(["blame", "--porcelain"] + ranges + ["--", path])
        // Porcelain: a header "<sha> <original line> <final line> [<count>]" before each line, then
        // the commit's details the first time it appears (its committer-time among them), then the
        // line itself after a tab.
        var times: [Substring: Int] = [:]
        var finalLines: [(sha: Substring, line: Int)] = []
        var sha: Substring = ""
        for entry in output.split(separator: "\n") {
            if entry.hasPrefix("\t") { continue }
            if entry.hasPrefix("committer-time ") {
                times[sha] = Int(entry.dropFirst("committer-time ".count))
                continue
            }
            let parts = entry.split(separator: " ")
            if parts.count >= 3, [40, 64].contains(parts[0].count), parts[0].allSatisfy(\.isHexDigit),
                let line = Int(parts[2])
            {
                sha = parts[0]
                finalLines.append((sha, line))
            }
        }
        var result: [Int: LineCommit] = [:]
        for (sha, line) in finalLines where !sha.allSatisfy({ $0 == "0" }) {
            if let time = times[sha] { result[line] = LineCommit(sha: String(sha), time: time) }
        }
        return result
    }

    /// Whether `revision` names a commit here (`git rev-parse --verify`).
    public func resolves(_ revision: String) async -> Bool {
        (try? await run(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], successCodes: [0, 1]).code) == 0
    }

    /// Whether `commit` is in the history of `base` (`git merge-base --is-ancestor`).
    public func isAncestor(_ commit: String, of base: String) async throws -> Bool {
        try await run(["merge-base", "--is-ancestor", commit, base], successCodes: [0, 1]).code == 0
    }

    /// What changed since a base: see `changedFiles(since:)`.
    public struct Changes: Sendable, Equatable {
        /// Every file added, changed, moved (both paths) or deleted, and the untracked ones.
        public var files: [String]
        /// The files only moved or renamed, their content the same: each new path with its old one.
        public var moved: [String: String]
        /// The files that were in the merge base and whose content changed, by their path now, each
        /// with its path there (another when it was moved too).
        public var edited: [String: String]
        /// The merge base's commit, where `edited`'s paths name the files as they were.
        public var mergeBase: String
    }

    /// The files that differ between `base`'s merge base with HEAD and the work tree, plus untracked
    /// files; paths are relative to the repository root.
    public func changedFiles(since base: String) async throws -> Changes {
        let mergeBase = try await run(["merge-base", base, "HEAD"]).trimmingNewlines()
        // `R<similarity>` then the old and the new path for a file moved (`R100`: as it was); a status and a path
        // otherwise.
        let changed = try await run(["diff", "--name-status", "--find-renames", "-z", mergeBase])
        let untracked = try await run(["ls-files", "--others", "--exclude-standard", "-z"])
        var files: [String] = []
        var moved: [String: String] = [:]
        var edited: [String: String] = [:]
        var fields = changed.split(separator: "\0").makeIterator()
        while let status = fields.next() {
            guard let path = fields.next() else { break }
            files.append(String(path))
            if status == "M" { edited[String(path)] = String(path) }
            if status.hasPrefix("R") || status.hasPrefix("C"), let to = fields.next() {
                files.append(String(to))
                if status == "R100" || status == "C100" {
                    moved[String(to)] = String(path)
                } else {
                    edited[String(to)] = String(path)
                }
            }
        }
        files += untracked.split(separator: "\0").map(String.init)
        var seen: Set<String> = []
        return Changes(
            files: files.filter { seen.insert($0).inserted },
            moved: moved,
            edited: edited,
            mergeBase: mergeBase
        )
    }

    /// A file's content at a revision (`git show REVISION:PATH`, the path from the repository root).
    public func content(of path: String, at revision: String) async throws -> String {
        try await run(["show", "\(revision):\(path)"])
    }

    /// Lines of tracked files matching any of `words` as a whole word, ignoring case, within `pathspecs`;
    /// paths are relative to the repository root.
    public func grepWord(_ words: [String], pathspecs: [String]) async throws -> [(path: String, line: Int)] {
        let output = try await run(
            ["grep", "-n", "-I", "-i", "-w", "--full-name", "-F"] + words.flatMap { ["-e", $0] } + ["--"] + pathspecs,
            successCodes: [0, 1]
        ).output
        return output.split(separator: "\n").compactMap { entry in
            let parts = entry.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2, let line = Int(parts[1]) else { return nil }
            return (String(parts[0]), line)
        }
    }
}

/// The commit a line last changed in (`Git.lineCommits`).
public struct LineCommit: Sendable, Hashable {
    /// The commit's full hash.
    public var sha: String
    /// Its committer time, in seconds since 1970.
    public var time: Int

    /// Creates one.
    public init(sha: String, time: Int) {
        self.sha = sha
        self.time = time
    }
}

/// Why running git failed, in words a user can act on.
public enum GitError: Error, Sendable, CustomStringConvertible {
    /// git could not be started.
    case notRunnable(String)
    /// git ran and exited with an error.
    case failed(arguments: [String], code: Int, message: String)
    /// A program could not be started: the program, and why.
    case cannotRun(String, String)

    /// What happened and what to do.
    public var description: String {
        switch self {
        case .notRunnable:
            "git could not be started; install git and make sure it is on PATH"
        case .failed(let arguments, let code, let message):
            "git \(arguments.first ?? "") failed (exit \(code)): \(message.trimmingNewlines())"
        case .cannotRun(let program, let reason):
            "cannot run \(program): \(reason)"
        }
    }
}

extension String {
    func trimmingNewlines() -> String {
        var text = Substring(self)
        while let last = text.last, last.isNewline || last == " " { text = text.dropLast() }
        while let first = text.first, first.isNewline || first == " " { text = text.dropFirst() }
        return String(text)
    }
}
