/// Everything one gate run needs, built by the command line (or a test) and handed to ``Gate``.
public struct GateConfiguration: Sendable {
    /// Migration files or folders to check; empty means the default migration folders that exist.
    public var paths: [String]
    /// With a base revision, only migrations changed since it are checked, and code-change rules run.
    public var base: String?
    /// Folders (relative to the repository root) that hold migrations.
    public var migrationDirectories: [String]
    /// File extensions that count as application code.
    public var codeExtensions: [String]
    /// The deprecations file, relative to the repository root.
    public var deprecationsFile: String
    /// Whether the deprecations file was named (`--deprecations`): then it must exist.
    public var deprecationsFileNamed = false
    /// Whether the migration folders were named (`--migrations`): then, without `--base`, each must be one.
    public var migrationDirectoriesNamed = false
    /// Thresholds and switches for the rules.
    public var settings: RuleSettings
    /// Known table sizes.
    public var sizes: TableSizes
    /// The directory paths are relative to and git runs in.
    public var workingDirectory: String
    /// The database to run data probes against, when one is given.
    public var probes: ProbeRunner?

    /// The migration folders used when none are configured.
    public static let defaultMigrationDirectories = ["db/migrations", "migrations", "db/migrate"]

    /// The extensions of application source files used when none are configured.
    public static let defaultCodeExtensions = [
        "swift", "rb", "py", "js", "jsx", "mjs", "cjs", "ts", "tsx", "go", "java", "kt", "kts", "scala", "rs", "php",
        "cs", "fs", "ex", "exs", "erl", "clj", "dart", "c", "h", "cc", "cpp", "hpp", "m", "mm", "lua", "pl", "pm",
        "vue", "svelte", "sql", "graphql", "prisma", "erb", "haml", "slim", "html",
    ]

    /// Creates a configuration; every parameter has a default.
    public init(
        paths: [String] = [],
        base: String? = nil,
        migrationDirectories: [String] = GateConfiguration.defaultMigrationDirectories,
        codeExtensions: [String] = GateConfiguration.defaultCodeExtensions,
        deprecationsFile: String = "db/deprecations.toml",
        settings: RuleSettings = RuleSettings(),
        sizes: TableSizes = TableSizes(),
        workingDirectory: String = ".",
        probes: ProbeRunner? = nil
    ) {
        self.probes = probes
        self.paths = paths
        self.base = base
        self.migrationDirectories = migrationDirectories
        self.codeExtensions = codeExtensions
        self.deprecationsFile = deprecationsFile
        self.settings = settings
        self.sizes = sizes
        self.workingDirectory = workingDirectory
    }
}

extension GateConfiguration {
    /// The configuration with its migration folders as the repository at `root` names them, so
    /// that a changed file's path (relative to the root) is matched against them however they were
    /// written: `./db/migrations`, `db//migrations/` and an absolute path inside the repository are
    /// all `db/migrations`. The folders named as paths (the folder of a file named) are migration
    /// folders too: `own gate --base main sql/mig` and `--migrations sql/mig` judge alike.
    func rooted(at root: String) throws(GateError) -> GateConfiguration {
        let top = FileSystem.absolute(".", in: root)
        let prefix = top == "/" ? "/" : top + "/"
        func inRepository(_ absolute: String) -> String? {
            if absolute == top { return "" }
            return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : nil
        }
        var folders: [String] = []
        for folder in migrationDirectories {
            guard let inside = inRepository(FileSystem.absolute(folder, in: top)) else {
                throw .badOption(
                    "--migrations \(folder) is outside the repository at \(top); name a folder inside it, "
                        + "relative to its root"
                )
            }
            folders.append(inside)
        }
        for path in paths {
            let absolute = FileSystem.absolute(path, in: workingDirectory)
            let folder = FileSystem.isDirectory(absolute) ? absolute : FileSystem.absolute("..", in: absolute)
            // The root itself holds the code too: naming it says where to look, not what is code.
            if let inside = inRepository(folder), !inside.isEmpty { folders.append(inside) }
        }
        var rooted = self
        var seen: Set<String> = []
        rooted.migrationDirectories = folders.filter { seen.insert($0).inserted }
        return rooted
    }

    /// Whether a path relative to the repository root is under one of the migration folders, at
    /// the root or deeper (`services/billing/db/migrations/...` is under `db/migrations`).
    func inMigrationFolder(_ repositoryPath: String) -> Bool {
        migrationFolder(of: repositoryPath) != nil
    }

    /// The migration folder a path is in, as the path names it (`services/a/db/migrations/`); nil
    /// outside every one.
    func migrationFolder(of repositoryPath: String) -> String? {
        for directory in migrationDirectories {
            if directory.isEmpty { return "" }
            let prefix = directory.hasSuffix("/") ? directory : directory + "/"
            if repositoryPath.hasPrefix(prefix) { return prefix }
            var index = repositoryPath.startIndex
            while let slash = repositoryPath[index...].firstIndex(of: "/") {
                let after = repositoryPath.index(after: slash)
                if repositoryPath[after...].hasPrefix(prefix) {
                    return String(repositoryPath[..<repositoryPath.index(after, offsetBy: prefix.count)])
                }
                index = after
            }
        }
        return nil
    }

    /// Whether a migration moved from `old` to `new`, as it was, is one that ran already: moved
    /// within its migration folder (renumbered, say). One moved in from elsewhere (a draft, another
    /// service's folder) is new to this folder's database.
    func ranAlready(movedFrom old: String, to new: String) -> Bool {
        guard let folder = migrationFolder(of: new) else { return false }
        return migrationFolder(of: old) == folder
    }
}
