import FoundationEssentials
import OwnGit
import TOMLKit

/// Gathers the git facts the repository rules judge: deprecation dates, changed code, code mentions.
struct RepositoryReader: Sendable {
    var git: Git
    var root: String
    var configuration: GateConfiguration
    /// No git repository: the marks are read from the files, and none is dated (no `git blame`).
    var undated = false

    /// Reads the facts for the checked files; `changed` is the change's file list when `--base` was given.
    func facts(
        for files: [MigrationFile],
        removed: [(name: String, key: String)],
        changed: [String]?
    ) async throws(GateError)
        -> RepositoryFacts
    {
        var facts = RepositoryFacts()
        if !removed.isEmpty {
            (facts.deprecations, facts.fileOrder) = try await deprecations(
                checked: files,
                keys: Set(removed.map(\.key))
            )
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
        for name in Set(removed.map { $0.name.lowercased() }).sorted() {
            do {
                // As written, and in camelCase (`legacyName` for legacy_name; the search ignores case).
                let spellings = Set([name, name.replacingOccurrences("_", with: "")]).sorted()
                let found = try await Git(directory: root).grepWord(spellings, pathspecs: pathspecs)
                let hits = found.filter { isCode($0.path) }.map { CodeMention(file: $0.path, line: $0.line) }
                if !hits.isEmpty { mentions[name] = hits }
            } catch {
                throw .git(String(describing: error))
            }
        }
        facts.mentions = mentions
        return facts
    }

    /// The tables and columns the files drop or rename away: the name, and its deprecation key.
    static func removed(in files: [MigrationFile]) -> [(name: String, key: String)] {
        var removed: [(name: String, key: String)] = []
        for file in files {
            for statement in file.statements {
                switch statement.kind {
                case .dropTable(let tables): removed += tables.map { ($0.name, RepositoryFacts.key(table: $0)) }
                case .alterTable(let table, let actions):
                    for action in actions {
                        switch action.action {
                        case .dropColumn(let column):
                            removed.append((column, RepositoryFacts.key(table: table, column: column)))
                        case .renameColumn(let from, _):
                            removed.append((from, RepositoryFacts.key(table: table, column: from)))
                        case .renameTable, .setSchema: removed.append((table.name, RepositoryFacts.key(table: table)))
                        default: continue
                        }
                    }
                default: continue
                }
            }
        }
        return removed
    }

    func isCode(_ repositoryPath: String) -> Bool {
        guard let dot = repositoryPath.lastIndex(of: "."), !repositoryPath.hasSuffix(configuration.deprecationsFile)
        else {
            return false
        }
        return !configuration.inMigrationFolder(repositoryPath)
            && configuration.codeExtensions.contains(String(repositoryPath[repositoryPath.index(after: dot)...]))
    }

    /// The comments on the objects `files` drop or rename away (`keys`), in the repository's
    /// migrations and its deprecations file, dated by git blame (one for each file holding some), and
    /// the place of each migration file in the order they run.
    func deprecations(
        checked: [MigrationFile],
        keys: Set<String>
    ) async throws(GateError) -> (marks: [String: [Deprecation]], fileOrder: [String: Int]) {
        var sources: [(absolute: String, file: MigrationFile)] = checked.map {
            (FileSystem.absolute($0.path, in: configuration.workingDirectory), $0)
        }
        var seen = Set(sources.map(\.absolute))
        for directory in configuration.migrationDirectories {
            let absolute = FileSystem.join(root, directory)
            guard FileSystem.isDirectory(absolute) else { continue }
            for path in FileSystem.files(under: absolute, base: "/") where FileSystem.isSQL(path) {
                guard seen.insert(path).inserted, let bytes = FileSystem.read(path) else { continue }
                sources.append((path, MigrationFile(source: SourceText(path: path, bytes: bytes))))
            }
        }
        let ranks = MigrationOrder.ranks(sources.map(\.absolute))
        var marks: [Mark] = []
        for (absolute, file) in sources {
            for statement in file.statements {
                guard case .comment(let target, let text) = statement.kind else { continue }
                let key: String
                switch target {
                case .table(let table): key = RepositoryFacts.key(table: table)
                case .column(let table, let column): key = RepositoryFacts.key(table: table, column: column)
                case .other: continue
                }
                guard keys.contains(key) else { continue }
                let offset = statement.statement.startOffset
                let first = file.source.position(of: offset).line
                let last = file.source.position(of: max(offset, statement.statement.endOffset - 1)).line
                marks.append(
                    Mark(
                        key: key,
                        absolute: absolute,
                        display: relative(absolute),
                        line: first,
                        lines: Array(first...last),
                        marks: text?.lowercased().contains("deprecat") ?? false,
                        position: ranks[absolute].map { MigrationPosition(file: $0, offset: offset) }
                    )
                )
            }
        }
        marks += try deprecationFileMarks().filter { keys.contains($0.key) }
        let result = try await dated(marks)
        var fileOrder: [String: Int] = [:]
        for file in checked {
            fileOrder[file.path] = ranks[FileSystem.absolute(file.path, in: configuration.workingDirectory)]
        }
        return (result, fileOrder)
    }

    /// The marks as deprecations, dated by git: a mark is as old as the newest of its lines (a
    /// comment's `IS '...'` line may be the one that changed), committed only when all of them are,
    /// and shipped (with `--base`) only when all their commits are in the base.
    private func dated(_ marks: [Mark]) async throws(GateError) -> [String: [Deprecation]] {
        let commits = try await lineCommits(of: marks)
        var shipped: [String: Bool] = [:]
        var result: [String: [Deprecation]] = [:]
        for mark in marks {
            let lineCommits = mark.lines.map { commits[mark.absolute]?[$0] }
            let committed = lineCommits.allSatisfy { $0 != nil } ? lineCommits.compactMap(\.self) : []
            var inBase: Bool?
            if let base = configuration.base, !committed.isEmpty {
                inBase = true
                for sha in Set(committed.map(\.sha)) {
                    if shipped[sha] == nil {
                        do {
                            shipped[sha] = try await git.isAncestor(sha, of: base)
                        } catch {
                            throw .git(String(describing: error))
                        }
                    }
                    if shipped[sha] == false { inBase = false }
                }
            }
            result[mark.key, default: []].append(
                Deprecation(
                    file: mark.display,
                    line: mark.line,
                    date: committed.map(\.time).max().map { Date(timeIntervalSince1970: TimeInterval($0)) },
                    marks: mark.marks,
                    position: mark.position,
                    shipped: inBase
                )
            )
        }
        return result
    }

    /// A comment on a dropped object, where it is.
    private struct Mark {
        var key: String
        var absolute: String
        var display: String
        /// The line shown in messages.
        var line: Int
        /// The lines that date it: all of its statement's, or its entry's.
        var lines: [Int]
        var marks = true
        /// `nil` in the deprecations file.
        var position: MigrationPosition?
    }

    /// The commit of each mark's line, by file and line: one `git blame` for each file. A file git
    /// does not track has no commits.
    private func lineCommits(of marks: [Mark]) async throws(GateError) -> [String: [Int: LineCommit]] {
        var result: [String: [Int: LineCommit]] = [:]
        if undated { return result }
        for (absolute, marks) in Dictionary(grouping: marks, by: \.absolute) {
            result[absolute] = (try? await git.lineCommits(path: absolute, lines: marks.flatMap(\.lines))) ?? [:]
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

    private func deprecationFileMarks() throws(GateError) -> [Mark] {
        let absolute = FileSystem.join(root, configuration.deprecationsFile)
        guard let bytes = FileSystem.read(absolute) else { return [] }
        let text = String(decoding: bytes, as: UTF8.self)
        let entries: [DeprecationsFile.Entry]
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
            entries = try TOMLDecoder().decode(DeprecationsFile.self, from: table).deprecation ?? []
        } catch {
            throw .badDeprecations(path: configuration.deprecationsFile, reason: "it is not valid TOML of that shape")
        }
        // A mistyped key is refused, not dropped: `colum = "legacy_name"` made the entry a whole
        // table's deprecation, and the table's drop passed once its days were up.
        let known: Set<String> = ["table", "column", "reason"]
        let unknown =
            table.keys.filter { $0 != "deprecation" }
            + (table["deprecation"]?.array ?? []).flatMap { $0.table?.keys.filter { !known.contains($0) } ?? [] }
        if let key = unknown.first {
            throw .badDeprecations(
                path: configuration.deprecationsFile,
                reason: "it has the key \"\(key)\", which no deprecation has (each [[deprecation]] takes table, "
                    + "column and reason)"
            )
        }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        // The file's last line number (a final newline ends a line; it does not start one).
        let lineCount = text.hasSuffix("\n") ? lines.count - 1 : lines.count
        // `[[deprecation]]`, however spaced.
        let headers = lines.indices.filter { lines[$0].filter { !$0.isWhitespace }.hasPrefix("[[deprecation]]") }
        // Each entry under its own header is dated by its lines, from that header to the next. Written
        // any other way (an inline array of tables), each is dated by the whole file: a newer line
        // anywhere makes every entry newer, which can delay a drop, never let one through early.
        let apart = headers.count == entries.count
        var marks: [Mark] = []
        for (index, entry) in entries.enumerated() {
            let table = ObjectName(schema: nil, name: "").with(written: entry.table)
            let key =
                entry.column.map { RepositoryFacts.key(table: table, column: Self.identifier($0)) }
                ?? RepositoryFacts.key(table: table)
            var span = 1...max(1, lineCount)
            var line = 1
            if apart {
                let end = index + 1 < headers.count ? headers[index + 1] : lineCount
                span = (headers[index] + 1)...max(headers[index] + 1, end)
                let wanted = entry.column == nil ? "table" : "column"
                line = span.first { lines[$0 - 1].drop { $0.isWhitespace }.hasPrefix(wanted) } ?? span.lowerBound
            }
            // Dated by the lines that say something: the blank line (or comment) before the next entry,
            // added with it, made this one as new as that one.
            let dated = apart ? span.filter { Self.saysSomething(lines[$0 - 1]) } : Array(span)
            marks.append(
                Mark(
                    key: key,
                    absolute: absolute,
                    display: configuration.deprecationsFile,
                    line: line,
                    lines: dated
                )
            )
        }
        return marks
    }

    /// Whether a line of the deprecations file holds a setting or a header: not blank, not a comment.
    private static func saysSomething(_ line: Substring) -> Bool {
        let text = line.drop { $0.isWhitespace }
        return !text.isEmpty && !text.hasPrefix("#")
    }

    /// A column as the deprecations file writes it: `"OldCol"` (quoted) keeps its case, as SQL
    /// keeps a quoted name's; unquoted, it is folded to lower case.
    static func identifier(_ written: String) -> String {
        guard written.count >= 2, written.hasPrefix("\""), written.hasSuffix("\"") else { return written.lowercased() }
        return String(written.dropFirst().dropLast()).replacingOccurrences("\"\"", with: "\"")
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
