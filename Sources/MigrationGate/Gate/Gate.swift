import FoundationEssentials
import OwnGit

/// The migration gate: finds the migrations, gathers git facts, runs every rule, applies allows.
public struct Gate: Sendable {
    /// The run's configuration.
    public var configuration: GateConfiguration

    /// Creates a gate.
    public init(configuration: GateConfiguration) {
        self.configuration = configuration
    }

    /// Runs the gate end to end.
    public func run() async throws(GateError) -> GateReport {
        let git = Git(directory: configuration.workingDirectory)
        // git is started only when a rule needs it: with --base, or to date deprecations.
        guard configuration.base != nil else {
            // A folder named that is not there (a typo in a CI line) would change which migrations
            // count as earlier ones without a word. (With --base it may be found deeper.)
            if configuration.migrationDirectoriesNamed,
                let missing = configuration.migrationDirectories.first(where: {
                    !FileSystem.isDirectory(FileSystem.absolute($0, in: configuration.workingDirectory))
                })
            {
                throw .badOption(
                    "--migrations \(missing) names no folder here; name the folder that holds the migrations"
                )
            }
            return try await judge(git: git, root: nil)
        }
        guard let root = await git.topLevel() else {
            throw .git("--base needs a git repository, and \(configuration.workingDirectory) is not in one")
        }
        return try await Gate(configuration: configuration.rooted(at: root)).judge(git: git, root: root)
    }

    /// The run, with the repository's root when it is known already (with `--base`, and then the
    /// configuration's folders are rooted at it).
    private func judge(git: Git, root known: String?) async throws(GateError) -> GateReport {
        var root = known
        var paths = try migrationPaths()
        var changed: [String]?
        var changes: Git.Changes?
        if let base = configuration.base, let root {
            do {
                changes = try await git.changedFiles(since: base)
            } catch {
                let shallow = await git.isShallow()
                // Say which: the base is not here at all, or it is and shares no history with HEAD.
                guard await git.resolves(base) else {
                    throw .badOption(
                        "--base \(base) names no commit in this repository"
                            + (shallow
                                ? " (this clone is shallow and may not have fetched it: git fetch origin, or "
                                    + "fetch-depth: 0 with actions/checkout)"
                                : "; check the branch's name (origin/main?)")
                    )
                }
                if shallow { throw .shallow(base: base) }
                throw .badOption(
                    "\(base) and HEAD share no commit (an orphan branch, or another repository's history): "
                        + "--base needs a commit both come from"
                )
            }
            // git pairs a deleted file with a new one half like it as one renamed and edited: a migration
            // deleted beside an unrelated new one, both opening with the same `SET lock_timeout` line,
            // made the new one "changed" and lost its own findings. Another version is another migration.
            let edited = changes?.edited.filter { MigrationOrder.sameVersion($0.key, $0.value) } ?? [:]
            changes?.edited = edited
            changed = changes?.files
            // A migration only moved or renamed within its folder, as it was, ran already: it is no new
            // migration. (One moved in from elsewhere is.)
            let moved = Set(
                (changes?.moved ?? [:]).filter { configuration.ranAlready(movedFrom: $0.value, to: $0.key) }.keys
            )
            let changedAbsolute = Set((changed ?? []).filter { !moved.contains($0) }.map { FileSystem.join(root, $0) })
            paths = paths.filter {
                changedAbsolute.contains(FileSystem.absolute($0, in: configuration.workingDirectory))
            }
            if configuration.paths.isEmpty {
                // Named from the folder the gate runs in, as paths given are (`../../db/…` from a
                // subfolder: SARIF's locations are relative to it, and were absolute from there).
                let directory = FileSystem.absolute(".", in: configuration.workingDirectory)
                paths = (changed ?? [])
                    .filter { configuration.inMigrationFolder($0) && FileSystem.isSQL($0) && !moved.contains($0) }
                    .map { FileSystem.join(root, $0) }
                    .filter { FileSystem.isFile($0) }
                    .map { FileSystem.relative($0, from: directory) }
                    .sorted()
                // SQL changed, and no migration folder to find it in: the migrations live elsewhere. (A
                // file deleted is no migration to check: deleting the last one removes its folder.)
                let sql = (changed ?? []).filter {
                    FileSystem.isSQL($0) && FileSystem.isFile(FileSystem.join(root, $0))
                }
                let folders = configuration.migrationDirectories
                if paths.isEmpty, !sql.isEmpty,
                    !folders.contains(where: { FileSystem.isDirectory(FileSystem.join(root, $0)) })
                {
                    throw .migrationsElsewhere(sql: sql, folders: folders)
                }
            }
        }
        // In the order they run (`V2` before `V10`), not by path: what an earlier file sets up (a CHECK
        // validated, a column's type) is read before the files after it, and the report follows suit.
        let files = try await Self.load(paths.sorted(by: MigrationOrder.precedes), in: configuration.workingDirectory)
        var facts = RepositoryFacts()
        let removed = RepositoryReader.removed(in: files)
        if root == nil && !removed.isEmpty { root = await git.topLevel() }
        // Outside git (a checkout without its .git, a build stage) the marks are still read, from the
        // folder the gate runs in, and are 0 days old: none can be dated.
        let undated = root == nil && !removed.isEmpty
        if undated { root = FileSystem.absolute(".", in: configuration.workingDirectory) }
        // A deprecations file the command line named must be there, whether or not anything is dropped.
        if configuration.deprecationsFileNamed {
            var top = root
            if top == nil { top = await git.topLevel() }
            let folder = top ?? FileSystem.absolute(".", in: configuration.workingDirectory)
            guard FileSystem.isFile(FileSystem.join(folder, configuration.deprecationsFile)) else {
                throw .unreadable(configuration.deprecationsFile)
            }
        }
        if let root {
            facts = try await RepositoryReader(
                git: git,
                root: root,
                configuration: configuration.rooted(at: root),
                undated: undated
            )
            .facts(
                for: files,
                removed: removed,
                changed: changed
            )
            facts.undated = undated
            if let changes {
                facts.base = configuration.base
                facts.appliedStatements = try await appliedStatements(of: files, changes: changes, root: root, git: git)
            }
        }
        var probed: [String: [Finding]] = [:]
        if let runner = configuration.probes {
            probed = try await runner.run(ProbePlanner.plan(files, settings: configuration.settings))
        }
        var report = await Self.checkConcurrently(
            files,
            settings: configuration.settings,
            sizes: configuration.sizes,
            repository: facts,
            probed: probed,
            known: await setUpBefore(files)
        )
        report.directory = FileSystem.absolute(".", in: configuration.workingDirectory)
        return report
    }

    /// ``check(_:settings:sizes:repository:)`` spread over the processor's cores; same result, same order.
    static func checkConcurrently(
        _ files: [MigrationFile],
        settings: RuleSettings,
        sizes: TableSizes,
        repository: RepositoryFacts,
        probed: [String: [Finding]] = [:],
        known: EarlierMigrations = EarlierMigrations()
    ) async -> GateReport {
        // What earlier files set up is gathered in order first; the rules then run on slices in parallel.
        let earlier = EarlierMigrations.before(each: files, known: known)
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 2, files.count / 32))
        guard chunks > 1 else {
            return check(
                files,
                settings: settings,
                sizes: sizes,
                repository: repository,
                probed: probed,
                earlier: earlier
            )
        }
        let size = (files.count + chunks - 1) / chunks
        let parts = await withTaskGroup(of: (Int, GateReport).self) { group in
            for chunk in 0..<chunks {
                let range = min(files.count, chunk * size)..<min(files.count, (chunk + 1) * size)
                let slice = Array(files[range])
                let before = Array(earlier[range])
                group.addTask {
                    (
                        chunk,
                        check(
                            slice,
                            settings: settings,
                            sizes: sizes,
                            repository: repository,
                            probed: probed,
                            earlier: before
                        )
                    )
                }
            }
            var parts: [(Int, GateReport)] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return GateReport(
            findings: parts.flatMap(\.findings),
            allows: parts.flatMap(\.allows),
            fileCount: files.count
        )
    }

    /// Runs every rule on already-read files and applies the allow comments: the pure core.
    ///
    /// `probed` holds the data probes' findings by file path, so allow comments apply to them too;
    /// `earlier` is what the files before each one set up (worked out from `files` when `nil`).
    public static func check(
        _ files: [MigrationFile],
        settings: RuleSettings = RuleSettings(),
        sizes: TableSizes = TableSizes(),
        repository: RepositoryFacts = RepositoryFacts(),
        probed: [String: [Finding]] = [:],
        earlier: [EarlierMigrations]? = nil
    ) -> GateReport {
        var findings: [Finding] = []
        var allows: [Allow] = []
        let earlier = earlier ?? EarlierMigrations.before(each: files)
        for (index, file) in files.enumerated() {
            let context = RuleContext(
                file: file,
                settings: settings,
                sizes: sizes,
                repository: repository,
                earlier: earlier[index]
            )
            var found = Rules.check(context) + (probed[file.path] ?? [])
            if let applied = repository.appliedStatements[file.path] {
                found = ChangedMigration.onNewStatements(found, in: file, applied: applied)
            }
            let squawk = SquawkDirectives.apply(to: found, in: file)
            let applied = AllowDirectives.apply(
                to: squawk.findings.sorted { ($0.line, $0.column, $0.rule) < ($1.line, $1.column, $1.rule) },
                in: file
            )
            findings += applied.findings
            allows += (applied.allows + squawk.allows).sorted { ($0.line, $0.rule) < ($1.line, $1.rule) }
        }
        return GateReport(findings: findings, allows: allows, fileCount: files.count)
    }

    /// Reads and parses files, two halves at a time so both cores work.
    static func load(_ paths: [String], in directory: String = ".") async throws(GateError) -> [MigrationFile] {
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 2, paths.count / 32))
        let size = (paths.count + chunks - 1) / max(chunks, 1)
        do {
            return try await withThrowingTaskGroup(of: (Int, [MigrationFile]).self) { group in
                for chunk in 0..<chunks {
                    let slice = Array(paths[min(paths.count, chunk * size)..<min(paths.count, (chunk + 1) * size)])
                    group.addTask {
                        var files: [MigrationFile] = []
                        files.reserveCapacity(slice.count)
                        for path in slice {
                            let location = directory == "." ? path : FileSystem.absolute(path, in: directory)
                            guard let bytes = FileSystem.read(location) else {
                                throw GateError.unreadable(path)
                            }
                            files.append(MigrationFile(source: SourceText(path: path, bytes: bytes)))
                        }
                        return (chunk, files)
                    }
                }
                var results: [(Int, [MigrationFile])] = []
                for try await result in group { results.append(result) }
                return results.sorted { $0.0 < $1.0 }.flatMap(\.1)
            }
        } catch let error as GateError {
            throw error
        } catch {
            throw .unreadable(paths.first ?? ".")
        }
    }

    /// The statements the merge base had in each checked file it had already (`ChangedMigration`).
    private func appliedStatements(
        of files: [MigrationFile],
        changes: Git.Changes,
        root: String,
        git: Git
    ) async throws(GateError) -> [String: [String: Int]] {
        guard !changes.edited.isEmpty else { return [:] }
        let prefix = FileSystem.absolute(".", in: root) + "/"
        var result: [String: [String: Int]] = [:]
        for file in files {
            let absolute = FileSystem.absolute(file.path, in: configuration.workingDirectory)
            guard absolute.hasPrefix(prefix), let before = changes.edited[String(absolute.dropFirst(prefix.count))]
            else { continue }
            do {
                let text = try await git.content(of: before, at: changes.mergeBase)
                result[file.path] = ChangedMigration.statements(of: MigrationFile(path: before, text: text))
            } catch {
                throw .git(String(describing: error))
            }
        }
        return result
    }

    /// The types the migrations not checked gave columns, read from the migration folders in the order
    /// they run, up to the first file checked; only when a file checked changes a column's type (a
    /// `varchar` widened in `006.sql` was made in `001.sql`, which `--base` does not check again).
    private func setUpBefore(_ files: [MigrationFile]) async -> EarlierMigrations {
        guard files.contains(where: { ColumnTypes.changesAType($0) || NotNullChecks.setsNotNull($0) }),
            let first = files.map(\.path).min(by: MigrationOrder.precedes)
        else { return EarlierMigrations() }
        var folders = configuration
        folders.paths = []
        let directory = configuration.workingDirectory
        let checked = Set(files.map { FileSystem.absolute($0.path, in: directory) })
        guard let every = try? Gate(configuration: folders).migrationPaths() else { return EarlierMigrations() }
        let earlier = every.filter {
            !checked.contains(FileSystem.absolute($0, in: directory)) && MigrationOrder.precedes($0, first)
        }
        guard let loaded = try? await Self.load(earlier.sorted(by: MigrationOrder.precedes), in: directory) else {
            return EarlierMigrations()
        }
        var setUp = EarlierMigrations()
        for file in loaded { setUp.record(file) }
        return setUp
    }

    /// The `.sql` files named or found under the configured paths, in name order per folder.
    func migrationPaths() throws(GateError) -> [String] {
        var roots = configuration.paths
        if roots.isEmpty {
            roots = configuration.migrationDirectories.filter {
                FileSystem.isDirectory(FileSystem.absolute($0, in: configuration.workingDirectory))
            }
            if roots.isEmpty && configuration.base == nil { throw .noMigrations(configuration.migrationDirectories) }
        }
        var result: [String] = []
        var others = 0
        for root in roots {
            let absolute = FileSystem.absolute(root, in: configuration.workingDirectory)
            if FileSystem.isDirectory(absolute) {
                let files = FileSystem.files(under: root, base: configuration.workingDirectory)
                let sql = files.filter { FileSystem.isSQL($0) }
                result += sql
                others += files.count - sql.count
            } else if FileSystem.isFile(absolute) {
                result.append(root)
            } else {
                throw .unreadable(root)
            }
        }
        // Folders named that hold no migration: a wrong folder is said, not passed as clean; so are
        // migration folders that hold only other files (Ruby or Python migrations), which the gate
        // would never check. An empty folder (a project with no migration yet) is clean.
        if result.isEmpty && (!configuration.paths.isEmpty || others > 0) { throw .noMigrations(roots) }
        // A file named twice (or named and found in a folder named too) is checked once.
        var seen: Set<String> = []
        return result.filter { seen.insert(FileSystem.absolute($0, in: configuration.workingDirectory)).inserted }
    }
}
