import FoundationEssentials
import OwnGit
import TOMLKit

/// Gathers the git facts the repository rules judge: deprecation dates, changed code, code mentions.
struct RepositoryReader: Sendable {
    var git: Git
    var root: String
    var configuration: GateConfiguration

    /// Reads the facts for the checked files; `changed` is the change's file list when `--base` was given.
    func facts(
        for files: [MigrationFile],
        removed: [String],
        changed: [String]?
    ) async throws(GateError)
        -> RepositoryFacts
    {
        var facts = RepositoryFacts()
        if !removed.isEmpty {
            facts.deprecations = try await deprecations(checked: files)
        }
        guard let changed else { return facts }
        var code: [String: String] = [:]
        for path in changed where isCode(path) {
            if let bytes = FileSystem.read(FileSystem.join(root, path)) {
                code[path] = String(decoding: bytes, as: UTF8.self)
            }
        }
        facts.changedCode = code
        var mentions: [String: [CodeMention]] = [:]
        let pathspecs =
            configuration.codeExtensions.map { "*.\($0)" }
            + configuration.migrationDirectories.map { ":(exclude)\($0)" }
        for name in Set(removed.map { $0.lowercased() }).sorted() {
            do {
                let found = try await Git(directory: root).grepWord(name, pathspecs: pathspecs)
                let hits = found.filter { isCode($0.path) }.map { CodeMention(file: $0.path, line: $0.line) }
                if !hits.isEmpty { mentions[name] = hits }
            } catch {
                throw .git(String(describing: error))
            }
        }
        facts.mentions = mentions
        return facts
    }

    /// The table and column names the files drop or rename away.
    static func removedNames(in files: [MigrationFile]) -> [String] {
        var names: [String] = []
        for file in files {
            for statement in file.statements {
                switch statement.kind {
                case .dropTable(let tables): names += tables.map(\.name)
                case .alterTable(let table, let actions):
                    for action in actions {
                        switch action.action {
                        case .dropColumn(let column): names.append(column)
                        case .renameColumn(let from, _): names.append(from)
                        case .renameTable: names.append(table.name)
                        default: continue
                        }
                    }
                default: continue
                }
            }
        }
        return names
    }

    func isCode(_ repositoryPath: String) -> Bool {
        guard let dot = repositoryPath.lastIndex(of: "."), !repositoryPath.hasSuffix(configuration.deprecationsFile)
        else {
            return false
        }
        let isMigration = configuration.migrationDirectories.contains { directory in
            let prefix = directory.hasSuffix("/") ? directory : directory + "/"
            return repositoryPath.hasPrefix(prefix)
        }
        return !isMigration
            && configuration.codeExtensions.contains(String(repositoryPath[repositoryPath.index(after: dot)...]))
    }

    /// Every deprecation mark in the repository's migrations and deprecations file, dated by git blame.
    func deprecations(checked: [MigrationFile]) async throws(GateError) -> [String: Deprecation] {
        var marks: [(key: String, absolute: String, display: String, line: Int)] = []
        var sources: [(path: String, file: MigrationFile)] = checked.map { ($0.path, $0) }
        var others: [String] = []
        for directory in configuration.migrationDirectories {
            let absolute = FileSystem.join(root, directory)
            guard FileSystem.isDirectory(absolute) else { continue }
            others += FileSystem.files(under: absolute, base: "/").filter { $0.hasSuffix(".sql") }
        }
        if !others.isEmpty {
            // Only when the repository has migration folders do checked paths need resolving, to skip duplicates.
            let checkedAbsolute = Set(checked.map { FileSystem.absolute($0.path, in: configuration.workingDirectory) })
            for path in others where !checkedAbsolute.contains(path) {
                guard let bytes = FileSystem.read(path) else { continue }
                sources.append((path, MigrationFile(source: SourceText(path: path, bytes: bytes))))
            }
        }
        for (path, file) in sources {
            for statement in file.statements {
                guard case .comment(let target, let text?) = statement.kind, text.lowercased().contains("deprecat")
                else {
                    continue
                }
                let line = file.source.position(of: statement.statement.startOffset).line
                let absolute = FileSystem.absolute(path, in: configuration.workingDirectory)
                let display = relative(absolute)
                switch target {
                case .table(let table): marks.append((RepositoryFacts.key(table: table), absolute, display, line))
                case .column(let table, let column):
                    marks.append((RepositoryFacts.key(table: table, column: column), absolute, display, line))
                case .other: continue
                }
            }
        }
        marks += try deprecationFileMarks()
        var result: [String: Deprecation] = [:]
        for mark in marks {
            let time: Int?
            do {
                time = try await git.lineCommitTime(path: mark.absolute, line: mark.line)
            } catch {
                time = nil  // an untracked file: not in history yet
            }
            let deprecation = Deprecation(
                file: mark.display,
                line: mark.line,
                date: time.map { Date(timeIntervalSince1970: TimeInterval($0)) }
            )
            if let existing = result[mark.key], let old = existing.date, old <= deprecation.date ?? .distantFuture {
                continue
            }
            result[mark.key] = deprecation
        }
        return result
    }

    private struct DeprecationsFile: Decodable {
        struct Entry: Decodable {
            var table: String
            var column: String?
            var reason: String?
        }
        var deprecation: [Entry]?
    }

    private func deprecationFileMarks() throws(GateError) -> [(
        key: String, absolute: String, display: String, line: Int
    )] {
        let absolute = FileSystem.join(root, configuration.deprecationsFile)
        guard let bytes = FileSystem.read(absolute) else { return [] }
        let text = String(decoding: bytes, as: UTF8.self)
        let entries: [DeprecationsFile.Entry]
        do {
            entries = try TOMLDecoder().decode(DeprecationsFile.self, from: TOMLTable(string: text)).deprecation ?? []
        } catch {
            throw .badDeprecations(path: configuration.deprecationsFile, reason: "it is not valid TOML of that shape")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let headers = lines.indices.filter { lines[$0].drop { $0 == " " }.hasPrefix("[[deprecation]]") }
        var marks: [(key: String, absolute: String, display: String, line: Int)] = []
        for (index, entry) in entries.enumerated() {
            let table = ObjectName(schema: nil, name: "").with(written: entry.table)
            let key =
                entry.column.map { RepositoryFacts.key(table: table, column: $0.lowercased()) }
                ?? RepositoryFacts.key(table: table)
            var line = index < headers.count ? headers[index] + 1 : 1
            if index < headers.count {
                let end = index + 1 < headers.count ? headers[index + 1] : lines.count
                let wanted = entry.column == nil ? "table" : "column"
                if let found = (headers[index]..<end).first(where: { lines[$0].drop { $0 == " " }.hasPrefix(wanted) }) {
                    line = found + 1
                }
            }
            marks.append((key, absolute, configuration.deprecationsFile, line))
        }
        return marks
    }

    private func relative(_ absolute: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }
}

extension ObjectName {
    /// The name parsed from how it is written (`users`, `app.users`, `"Users"`).
    func with(written: String) -> ObjectName {
        let key = TableSizes.key(for: written)
        guard let dot = key.firstIndex(of: ".") else { return ObjectName(name: key) }
        return ObjectName(schema: String(key[..<dot]), name: String(key[key.index(after: dot)...]))
    }
}
