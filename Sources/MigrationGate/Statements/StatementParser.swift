/// A statement with its model, ready for the rules.
public struct ParsedStatement: Sendable {
    /// The statement's tokens and offsets.
    public var statement: Statement
    /// What the statement does.
    public var kind: StatementKind
    /// Why the statement could not be understood, when it could not.
    public var syntaxProblem: String?
    /// The key of a `CREATE INDEX`.
    public var index: IndexDetail?

    /// The statement's byte range.
    public var range: SourceRange { SourceRange(start: statement.startOffset, end: statement.endOffset) }
}

/// Reads the statement model out of a statement's tokens by keyword matching.
///
/// It is deliberately forgiving: anything it does not recognise becomes `.other`, and only input
/// that cannot be SQL at all becomes a syntax problem.
public struct StatementParser {
    private let source: [UInt8]
    private let tokens: [Token]
    private var i = 0
    /// Set by `CREATE INDEX`.
    private var index: IndexDetail?
    /// Set by each `ADD CONSTRAINT` action.
    private var constraint: ConstraintDetail?

    /// Parses one statement of `source`.
    public static func parse(_ statement: Statement, source: [UInt8]) -> ParsedStatement {
        var parser = StatementParser(source: source, tokens: statement.tokens)
        let problem = parser.balanceProblem() ?? parser.backtickProblem()
        let kind = parser.statementKind()
        var result = ParsedStatement(statement: statement, kind: kind, syntaxProblem: problem, index: parser.index)
        if result.syntaxProblem == nil, case .other(let command) = kind, !Self.commands.contains(command) {
            let first = statement.tokens.first.map { String(decoding: source[$0.start..<$0.end], as: UTF8.self) } ?? ""
            result.syntaxProblem =
                "`\(first.prefix(40))` does not start a SQL statement; check for a missing `;` before it"
        }
        return result
    }

    /// The first words of the SQL commands PostgreSQL knows.
    static let commands: Set<String> = [
        "abort", "alter", "analyze", "analyse", "begin", "call", "checkpoint", "close", "cluster", "comment", "commit",
        "copy", "create", "deallocate", "declare", "delete", "discard", "do", "drop", "end", "execute", "explain",
        "fetch", "grant", "import", "insert", "listen", "load", "lock", "merge", "move", "notify", "prepare",
        "reassign", "refresh", "reindex", "release", "repack", "reset", "revoke", "rollback", "savepoint", "security",
        "select",
        "set", "show", "start", "table", "truncate", "unlisten", "update", "vacuum", "values", "with", "(",
    ]

    private init(source: [UInt8], tokens: [Token]) {
        self.source = source
        self.tokens = tokens
    }

    // MARK: - Token helpers

    private func isWord(_ index: Int, _ word: StaticString) -> Bool {
        guard index < tokens.count, tokens[index].kind == .word else { return false }
        return StatementSplitter.equalsIgnoringCase(source[tokens[index].start..<tokens[index].end], word)
    }

    private func isPunct(_ index: Int, _ character: Unicode.Scalar) -> Bool {
        guard index < tokens.count, tokens[index].kind == .punctuation || tokens[index].kind == .operator else {
            return false
        }
        return tokens[index].end - tokens[index].start == 1 && source[tokens[index].start] == UInt8(ascii: character)
    }

    private func lowerText(_ index: Int) -> String {
        guard index < tokens.count else { return "" }
        return String(decoding: source[tokens[index].start..<tokens[index].end], as: UTF8.self).lowercased()
    }

    private mutating func accept(_ word: StaticString) -> Bool {
        if isWord(i, word) {
            i += 1
            return true
        }
        return false
    }

    private mutating func accept(_ words: StaticString...) -> Bool {
        let start = i
        for word in words {
            if !accept(word) {
                i = start
                return false
            }
        }
        return true
    }

    /// An identifier, folded: unquoted lower-cased, quoted unescaped.
    private func identifier(_ index: Int) -> String? {
        guard index < tokens.count else { return nil }
        let token = tokens[index]
        switch token.kind {
        case .word:
            return String(decoding: source[token.start..<token.end], as: UTF8.self).lowercased()
        case .quotedIdentifier:
            guard token.end - token.start >= 2 else { return nil }
            let inner = String(decoding: source[(token.start + 1)..<(token.end - 1)], as: UTF8.self)
            return inner.replacingOccurrences("\"\"", with: "\"")
        default:
            return nil
        }
    }

    private mutating func readIdentifier() -> String? {
        guard let name = identifier(i) else { return nil }
        i += 1
        return name
    }

    /// The dotted parts of a name: `a.b.c` is three parts.
    private mutating func readParts() -> [String] {
        guard var parts = readIdentifier().map({ [$0] }) else { return [] }
        while isPunct(i, "."), let next = identifier(i + 1) {
            parts.append(next)
            i += 2
        }
        return parts
    }

    /// A possibly qualified name: `a`, `s.a` or `db.s.a`.
    private mutating func readName() -> ObjectName? {
        let parts = readParts()
        if parts.isEmpty { return nil }
        if parts.count == 1 { return ObjectName(name: parts[0]) }
        return ObjectName(schema: parts[parts.count - 2], name: parts[parts.count - 1])
    }

    private mutating func readNameList() -> [ObjectName] {
        var names: [ObjectName] = []
        repeat {
            _ = accept("only")
            guard let name = readName() else { break }
            names.append(name)
            if isPunct(i, "*") { i += 1 }
        } while acceptComma()
        return names
    }

    private mutating func acceptComma() -> Bool {
        if isPunct(i, ",") {
            i += 1
            return true
        }
        return false
    }

    private func stringValue(_ index: Int) -> String? {
        index < tokens.count ? tokens[index].stringConstant(in: source) : nil
    }

    /// A name quoted with backticks, as MySQL and SQLite quote one: PostgreSQL reads a backtick as
    /// an operator, refuses the statement, and the rules could not read its names either.
    private func backtickProblem() -> String? {
        for index in tokens.indices.dropFirst().dropLast() where tokens[index].kind == .word {
            let (before, after) = (tokens[index - 1], tokens[index + 1])
            guard before.kind == .operator, after.kind == .operator, source[before.end - 1] == UInt8(ascii: "`"),
                source[after.start] == UInt8(ascii: "`")
            else { continue }
            let name = String(decoding: source[tokens[index].start..<tokens[index].end], as: UTF8.self)
            return "`\(name.prefix(40))` is quoted with backticks, as MySQL and SQLite quote names; PostgreSQL "
                + "refuses it: write \"\(name.prefix(40))\" (or the name alone)"
        }
        return nil
    }

    private func balanceProblem() -> String? {
        var depth = 0
        for (index, token) in tokens.enumerated() where token.kind == .punctuation {
            if isPunct(index, "(") {
                depth += 1
            } else if isPunct(index, ")") {
                depth -= 1
                if depth < 0 { return "a `)` closes nothing; remove it or add the matching `(`" }
            }
        }
        return depth > 0 ? "a `(` is never closed; add the matching `)`" : nil
    }

    /// Skips to the end of the current parenthesised group or to a top-level comma.
    private mutating func skipToActionEnd() {
        var depth = 0
        while i < tokens.count {
            if isPunct(i, "(") {
                depth += 1
            } else if isPunct(i, ")") {
                depth -= 1
            } else if depth == 0 && isPunct(i, ",") {
                return
            }
            i += 1
        }
    }

    private mutating func skipParenthesised() {
        guard isPunct(i, "(") else { return }
        var depth = 0
        repeat {
            if isPunct(i, "(") { depth += 1 } else if isPunct(i, ")") { depth -= 1 }
            i += 1
        } while i < tokens.count && depth > 0
    }

    // MARK: - Statements

    private mutating func statementKind() -> StatementKind {
        guard !tokens.isEmpty else { return .other("") }
        if isPunct(0, "(") { return .other("(") }
        let command = lowerText(0)
        i = 1
        switch command {
        case "create": return create()
        case "alter": return alter()
        case "drop": return drop()
        case "truncate":
            _ = accept("table")
            let names = readNameList()
            return .truncate(names: names, cascade: tokens.indices.contains { isWord($0, "cascade") })
        case "vacuum": return vacuum()
        case "update":
            // `UPDATE [ONLY] name [*] [[AS] alias] SET …`.
            _ = accept("only")
            return readName().map { .update(table: $0) } ?? .other(command)
        case "with":
            // `WITH [RECURSIVE] name [(columns)] AS [[NOT] MATERIALIZED] (…) [, …] UPDATE …`: the update
            // after the common table expressions writes its table as a plain one does (a backfill
            // written so went unseen).
            _ = accept("recursive")
            repeat {
                guard readName() != nil else { return .other(command) }
                skipParenthesised()
                guard accept("as") else { return .other(command) }
                _ = accept("not")
                _ = accept("materialized")
                guard isPunct(i, "(") else { return .other(command) }
                skipParenthesised()
            } while acceptComma()
            guard accept("update") else { return .other(command) }
            _ = accept("only")
            return readName().map { .update(table: $0) } ?? .other(command)
        case "cluster":
            // `CLUSTER (VERBOSE) t`, `CLUSTER VERBOSE t`, and the old `CLUSTER index ON t`.
            if isPunct(i, "(") { skipParenthesised() } else { _ = accept("verbose") }
            let first = readName()
            if first != nil, accept("on"), let table = readName() { return .cluster(table: table) }
            return .cluster(table: first)
        case "reindex": return reindex()
        case "comment": return comment()
        case "set": return set()
        case "reset": return reset()
        // `DISCARD ALL` resets every setting, as `RESET ALL` does.
        case "discard" where isWord(1, "all"): return .set(name: "all", value: "default", local: false)
        case "select": return setConfig() ?? .other(command)
        case "begin", "start": return isWord(1, "transaction") || command == "begin" ? .begin : .other(command)
        case "commit", "end", "rollback", "abort":
            // `ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name` keeps the transaction open.
            let to = isWord(1, "work") || isWord(1, "transaction") ? 2 : 1
            if isWord(1, "prepared") || isWord(to, "to") { return .other(command) }
            return command == "commit" || command == "end" ? .commit : .rollback
        default: return .other(command)
        }
    }

    private mutating func create() -> StatementKind {
        _ = accept("or", "replace")
        let unique = accept("unique")
        if accept("index") {
            let concurrently = accept("concurrently")
            _ = accept("if", "not", "exists")
            var name: String?
            if !isWord(i, "on") { name = readIdentifier() }
            guard accept("on") else { return .other("create") }
            _ = accept("only")
            guard let table = readName() else { return .other("create") }
            index = indexDetail()
            return .createIndex(name: name, table: table, unique: unique, concurrently: concurrently)
        }
        _ = accept("global") || accept("local")
        _ = accept("temporary") || accept("temp") || accept("unlogged")
        if accept("table") {
            let ifNotExists = accept("if", "not", "exists")
            if let name = readName() { return .createTable(name, ifNotExists: ifNotExists, columns: tableColumns()) }
        }
        return .other("create")
    }

    private mutating func drop() -> StatementKind {
        if accept("index") {
            let concurrently = accept("concurrently")
            _ = accept("if", "exists")
            return .dropIndex(names: readNameList(), concurrently: concurrently)
        }
        if accept("table") {
            _ = accept("if", "exists")
            return .dropTable(names: readNameList())
        }
        if accept("database") {
            _ = accept("if", "exists")
            return .dropDatabase(readIdentifier() ?? "")
        }
        if accept("schema") {
            _ = accept("if", "exists")
            return .dropSchema(readNameList().map(\.name))
        }
        return .other("drop")
    }

    private mutating func vacuum() -> StatementKind {
        var full = false
        if isPunct(i, "(") {
            let start = i
            skipParenthesised()
            // `FULL`, `FULL true`, `FULL 1`; not `FULL false`, `FULL off`, `FULL 0`, `FULL no`.
            full = (start..<i).contains {
                isWord($0, "full") && !["false", "off", "0", "no"].contains(lowerText($0 + 1))
            }
        } else {
            while accept("full") || accept("freeze") || accept("verbose") || accept("analyze") || accept("analyse") {
                if isWord(i - 1, "full") { full = true }
            }
        }
        return .vacuum(full: full, tables: readNameList())
    }

    private mutating func reindex() -> StatementKind {
        var concurrently = false
        if isPunct(i, "(") {
            // `REINDEX (VERBOSE, CONCURRENTLY) ...`; `CONCURRENTLY false` (or off, 0) turns it off.
            let start = i
            skipParenthesised()
            concurrently = (start..<i).contains {
                isWord($0, "concurrently") && !["false", "off", "0", "'false'", "'off'"].contains(lowerText($0 + 1))
            }
        }
        let target = lowerText(i)
        i += 1
        if accept("concurrently") { concurrently = true }
        return .reindex(target: target, name: readName(), concurrently: concurrently)
    }

    private mutating func comment() -> StatementKind {
        guard accept("on") else { return .other("comment") }
        var target = CommentTarget.other
        if accept("table") {
            if let name = readName() { target = .table(name) }
        } else if accept("column") {
            let parts = readParts()
            if parts.count >= 2 {
                let table = ObjectName(
                    schema: parts.count >= 3 ? parts[parts.count - 3] : nil,
                    name: parts[parts.count - 2]
                )
                target = .column(table: table, column: parts[parts.count - 1])
            }
        } else {
            while i < tokens.count && !isWord(i, "is") { i += 1 }
        }
        guard accept("is") else { return .comment(target: target, text: nil) }
        return .comment(target: target, text: stringValue(i))
    }

    private mutating func set() -> StatementKind {
        let local = !accept("session") && accept("local")
        guard let name = readIdentifier() else { return .other("set") }
        if isWord(i, "to") || isPunct(i, "=") { i += 1 }
        let value = i < tokens.count ? (stringValue(i) ?? lowerText(i)) : ""
        return .set(name: name, value: value, local: local)
    }

    /// `SELECT set_config('name', 'value', is_local)`, the function form of `SET` (`SET LOCAL` when
    /// is_local is true), when it is all the statement does; nil for any other SELECT.
    private mutating func setConfig() -> StatementKind? {
        if isWord(i, "pg_catalog") && isPunct(i + 1, ".") { i += 2 }
        guard accept("set_config"), isPunct(i, "("), let name = stringValue(i + 1), isPunct(i + 2, ","),
            let value = stringValue(i + 3), isPunct(i + 4, ","), isPunct(i + 6, ")"),
            i + 7 == tokens.count
                || (i + 8 == tokens.count && isPunct(i + 7, ";"))
        else { return nil }
        let isLocal = lowerText(i + 5)
        guard ["true", "false"].contains(isLocal) else { return nil }
        return .set(name: name.lowercased(), value: value, local: isLocal == "true")
    }

    /// `RESET name` and `RESET ALL`: the setting back to its default.
    private mutating func reset() -> StatementKind {
        if accept("all") { return .set(name: "all", value: "default", local: false) }
        guard let name = readIdentifier() else { return .other("reset") }
        return .set(name: name, value: "default", local: false)
    }

    // MARK: - ALTER TABLE

    private mutating func alter() -> StatementKind {
        if accept("type") {
            // `ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'value' [BEFORE | AFTER 'other']`.
            guard let type = readName(), accept("add", "value") else { return .other("alter") }
            _ = accept("if", "not", "exists")
            guard let value = stringValue(i) else { return .other("alter") }
            return .addEnumValue(type: type, value: value)
        }
        if accept("domain") {
            guard let domain = readName(), accept("drop", "constraint") else { return .other("alter") }
            _ = accept("if", "exists")
            return .dropDomainConstraint(domain: domain, constraint: readIdentifier() ?? "")
        }
        guard accept("table") else { return .other("alter") }
        _ = accept("if", "exists")
        _ = accept("only")
        guard let table = readName() else { return .other("alter") }
        if isPunct(i, "*") { i += 1 }
        var actions: [LocatedAction] = []
        while i < tokens.count {
            let start = i
            constraint = nil
            let action = alterAction()
            skipToActionEnd()
            let end = max(start, i - 1)
            actions.append(
                LocatedAction(
                    action: action,
                    range: SourceRange(start: tokens[start].start, end: tokens[end].end),
                    constraint: constraint
                )
            )
            if !acceptComma() { break }
        }
        return .alterTable(table: table, actions: actions)
    }

    private mutating func alterAction() -> AlterAction {
        let first = lowerText(i)
        if accept("add") {
            if isWord(i, "constraint") || isWord(i, "check") || isWord(i, "unique") || isWord(i, "primary")
                || isWord(i, "foreign") || isWord(i, "exclude")
            {
                return tableConstraint()
            }
            _ = accept("column")
            _ = accept("if", "not", "exists")
            guard let column = columnDefinition() else { return .other("add") }
            return .addColumn(column)
        }
        if accept("drop") {
            if accept("constraint") {
                _ = accept("if", "exists")
                return .dropConstraint(readIdentifier() ?? "")
            }
            _ = accept("column")
            _ = accept("if", "exists")
            return .dropColumn(readIdentifier() ?? "")
        }
        if accept("alter") {
            _ = accept("column")
            guard let column = readIdentifier() else { return .other("alter") }
            if accept("type") || accept("set", "data", "type") {
                let start = i
                skipToActionEnd()
                let type = (start..<i).map { lowerText($0) }.joined(separator: " ")
                i = start
                return .alterColumnType(column: column, type: type)
            }
            if accept("set", "not", "null") { return .setNotNull(column) }
            if accept("drop", "not", "null") { return .dropNotNull(column) }
            return .other("alter column")
        }
        if accept("validate", "constraint") { return .validateConstraint(readIdentifier() ?? "") }
        if accept("set", "schema") { return .setSchema(readIdentifier() ?? "") }
        if accept("set", "tablespace") { return .rewrite("SET TABLESPACE") }
        if accept("set", "logged") { return .rewrite("SET LOGGED") }
        if accept("set", "unlogged") { return .rewrite("SET UNLOGGED") }
        if accept("rename") {
            if accept("to") { return .renameTable(to: readIdentifier() ?? "") }
            if accept("constraint") {
                let from = readIdentifier() ?? ""
                _ = accept("to")
                return .renameConstraint(from: from, to: readIdentifier() ?? "")
            }
            _ = accept("column")
            let from = readIdentifier() ?? ""
            _ = accept("to")
            return .renameColumn(from: from, to: readIdentifier() ?? "")
        }
        if accept("detach", "partition") {
            // CONCURRENTLY comes after the partition's name (and may be followed by nothing else).
            let start = i
            skipToActionEnd()
            let concurrently = (start..<i).contains { isWord($0, "concurrently") }
            i = start
            return .other(concurrently ? "detach partition concurrently" : "detach partition")
        }
        return .other(first)
    }

    private mutating func tableConstraint() -> AlterAction {
        var name: String?
        if accept("constraint") { name = readIdentifier() }
        let kind: ConstraintKind
        if accept("check") {
            kind = .check
        } else if accept("unique") {
            kind = .unique
        } else if accept("primary", "key") {
            kind = .primaryKey
        } else if accept("foreign", "key") {
            kind = .foreignKey
        } else if accept("exclude") {
            kind = .exclude
        } else {
            return .other("add constraint")
        }
        let start = i
        skipToActionEnd()
        var notValid = false
        var usingIndex = false
        for index in start..<i {
            if isWord(index, "not") && isWord(index + 1, "valid") { notValid = true }
            if isWord(index, "using") && isWord(index + 1, "index") && (index == start || kind != .exclude) {
                usingIndex = index == start
            }
        }
        i = start
        constraint = constraintDetail(kind)
        i = start
        return .addConstraint(name: name, kind: kind, notValid: notValid, usingIndex: usingIndex)
    }

    /// The text of the tokens in `range`, as written.
    private func text(_ range: Range<Int>) -> String? {
        guard !range.isEmpty, range.upperBound <= tokens.count else { return nil }
        return String(
            decoding: source[tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end],
            as: UTF8.self
        )
    }

    /// A parenthesised list of identifiers: `(a, "B")`.
    private mutating func readColumnList() -> [String] {
        guard isPunct(i, "(") else { return [] }
        i += 1
        var columns: [String] = []
        while let column = readIdentifier() {
            columns.append(column)
            if !acceptComma() { break }
        }
        if isPunct(i, ")") { i += 1 }
        return columns
    }

    /// The columns each term of a top-level AND in `range` proves not NULL: `a IS NOT NULL`,
    /// `NOT a IS NULL`, either in parentheses.
    private func notNullColumns(in range: Range<Int>) -> [String] {
        var terms: [Range<Int>] = []
        var depth = 0
        var start = range.lowerBound
        for index in range {
            if isPunct(index, "(") { depth += 1 }
            if isPunct(index, ")") { depth -= 1 }
            if depth == 0, isWord(index, "and") {
                terms.append(start..<index)
                start = index + 1
            }
        }
        terms.append(start..<range.upperBound)
        return terms.compactMap { term in
            var term = term
            // `(a IS NOT NULL)` as a term: its inside.
            while term.count > 2, isPunct(term.lowerBound, "("), isPunct(term.upperBound - 1, ")") {
                term = (term.lowerBound + 1)..<(term.upperBound - 1)
            }
            let words = term.map { lowerText($0) }
            if words.count == 4, words[1...] == ["is", "not", "null"] { return identifier(term.lowerBound) }
            if words.count == 4, words[0] == "not", words[2...] == ["is", "null"] {
                return identifier(term.lowerBound + 1)
            }
            if words.count == 6, words[0] == "not", words[1] == "(", words[3...] == ["is", "null", ")"] {
                return identifier(term.lowerBound + 2)
            }
            return nil
        }
    }

    /// The inside of the parenthesised group at `i`, moving past it.
    private mutating func readParenthesised() -> Range<Int>? {
        guard isPunct(i, "(") else { return nil }
        let open = i
        skipParenthesised()
        return (open + 1)..<(i - 1)
    }

    private mutating func constraintDetail(_ kind: ConstraintKind) -> ConstraintDetail {
        var detail = ConstraintDetail()
        switch kind {
        case .check:
            guard let inside = readParenthesised() else { break }
            detail.expression = text(inside)
            detail.notNullColumns = notNullColumns(in: inside)
        case .unique, .primaryKey:
            detail.nullsNotDistinct = accept("nulls", "not", "distinct")
            detail.columns = readColumnList()
        case .foreignKey:
            detail.columns = readColumnList()
            if accept("references") {
                detail.referencedTable = readName()
                detail.referencedColumns = readColumnList()
            }
        case .exclude:
            break
        }
        return detail
    }

    /// `[USING method] (key, ...) ... [WHERE predicate]` after `CREATE INDEX ... ON table`.
    private mutating func indexDetail() -> IndexDetail? {
        if accept("using") { i += 1 }
        guard isPunct(i, "(") else { return nil }
        i += 1
        var keys: [String] = []
        while i < tokens.count && !isPunct(i, ")") {
            // A column, a call such as `lower(email)`, or a parenthesised expression; then skip what follows
            // (collation, operator class, ASC/DESC, NULLS FIRST/LAST) up to the next key.
            let start = i
            if isPunct(i, "(") {
                skipParenthesised()
            } else {
                i += 1
                if isPunct(i, "(") { skipParenthesised() }
            }
            if let key = text(start..<i) { keys.append(key) }
            var depth = 0
            while i < tokens.count {
                if isPunct(i, "(") {
                    depth += 1
                } else if isPunct(i, ")") {
                    if depth == 0 { break }
                    depth -= 1
                } else if depth == 0 && isPunct(i, ",") {
                    break
                }
                i += 1
            }
            if !acceptComma() { break }
        }
        i += 1
        var nullsNotDistinct = false
        while i < tokens.count && !isWord(i, "where") {
            if accept("nulls", "not", "distinct") {
                nullsNotDistinct = true
            } else {
                i += 1
            }
        }
        let predicate = accept("where") ? text(i..<tokens.count) : nil
        return IndexDetail(keys: keys, predicate: predicate, nullsNotDistinct: nullsNotDistinct)
    }

    /// The words that begin an element of a `CREATE TABLE` list that is no column.
    private static let tableElementStarts: Set<String> = [
        "constraint", "primary", "unique", "check", "foreign", "exclude", "like",
    ]

    /// The columns of a `CREATE TABLE`'s list with their types, read up to its closing parenthesis;
    /// its constraints and `LIKE` are passed over.
    private mutating func tableColumns() -> [TableColumn] {
        guard isPunct(i, "(") else { return [] }
        i += 1
        var columns: [TableColumn] = []
        while i < tokens.count {
            if !Self.tableElementStarts.contains(lowerText(i)), let name = readIdentifier() {
                let type = typeName()
                if !type.isEmpty { columns.append(TableColumn(name: name, typeName: type)) }
            }
            // To the element's end: a comma, or the list's closing parenthesis.
            var depth = 0
            while i < tokens.count, depth > 0 || !isPunct(i, ",") {
                if isPunct(i, "(") {
                    depth += 1
                } else if isPunct(i, ")") {
                    if depth == 0 { return columns }
                    depth -= 1
                }
                i += 1
            }
            i += 1
        }
        return columns
    }

    private static let constraintStarts: Set<String> = [
        "not", "null", "default", "constraint", "primary", "unique", "check", "references", "generated", "collate",
    ]

    /// A column's type, read up to its first constraint, a comma or the end of its list: lower-cased
    /// tokens separated by spaces (`varchar ( 50 )`).
    private mutating func typeName() -> String {
        var words: [String] = []
        var depth = 0
        while i < tokens.count {
            if depth == 0 && (isPunct(i, ",") || Self.constraintStarts.contains(lowerText(i))) { break }
            if isPunct(i, "(") { depth += 1 } else if isPunct(i, ")") { depth -= 1 }
            if depth < 0 { break }
            words.append(lowerText(i))
            i += 1
        }
        return words.joined(separator: " ")
    }

    private mutating func columnDefinition() -> ColumnDefinition? {
        guard let name = readIdentifier() else { return nil }
        var column = ColumnDefinition(name: name, typeName: typeName())
        while i < tokens.count && !isPunct(i, ",") {
            if accept("not", "null") {
                column.notNull = true
            } else if accept("null") {
                continue
            } else if accept("default") {
                let start = i
                var depth = 0
                while i < tokens.count {
                    if depth == 0 && (isPunct(i, ",") || Self.constraintStarts.contains(lowerText(i))) { break }
                    if isPunct(i, "(") { depth += 1 } else if isPunct(i, ")") { depth -= 1 }
                    i += 1
                }
                if i > start {
                    column.defaultText = String(
                        decoding: source[tokens[start].start..<tokens[i - 1].end],
                        as: UTF8.self
                    )
                    column.volatileDefault = volatileFunction(in: start..<i)
                }
            } else if accept("generated") {
                let start = i
                while i < tokens.count && !isPunct(i, ",") && !isPunct(i, "(") && !isWord(i, "identity") { i += 1 }
                if accept("identity") {
                    column.identity = true
                    if isPunct(i, "(") { skipParenthesised() }
                } else {
                    skipParenthesised()
                    if accept("stored") { column.generatedStored = true }
                }
                _ = start
            } else if accept("primary", "key") {
                column.primaryKey = true
            } else if accept("unique") {
                column.unique = true
            } else if accept("references") {
                column.references = readName()
                if isPunct(i, "(") { skipParenthesised() }
            } else if accept("check") {
                column.check = true
                if isPunct(i, "(") { skipParenthesised() }
            } else if isPunct(i, "(") {
                skipParenthesised()
            } else {
                i += 1
            }
        }
        return column
    }

    /// Functions PostgreSQL marks stable or immutable (and SQL's own forms written as calls, such as
    /// COALESCE and EXTRACT) that defaults commonly call: a default of them alone is evaluated once,
    /// and ADD COLUMN stays instant (checked on PostgreSQL 15: the table's file is the same after).
    /// Like squawk, any other call is taken to be volatile: a function of the database's own may be.
    static let stableFunctions: Set<String> = [
        "now", "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp",
        "statement_timestamp", "transaction_timestamp", "current_user", "current_schema", "session_user",
        "current_database", "version", "pg_backend_pid", "current_role", "user",
        // SQL's forms that read as calls.
        "coalesce", "nullif", "greatest", "least", "extract", "overlay", "position", "trim",
        // Text.
        "lower", "upper", "initcap", "btrim", "ltrim", "rtrim", "substring", "substr", "left", "right", "length",
        "char_length", "character_length", "octet_length", "lpad", "rpad", "repeat", "replace", "concat",
        "concat_ws", "format", "md5", "split_part", "translate", "reverse", "to_hex", "chr", "ascii",
        // Numbers.
        "abs", "round", "floor", "ceil", "ceiling", "trunc", "mod", "power", "sqrt", "sign", "div",
        // Dates and times.
        "date_part", "date_trunc", "date_bin", "make_date", "make_time", "make_timestamp", "make_timestamptz",
        "make_interval", "to_char", "to_date", "to_timestamp", "to_number", "age", "timezone", "justify_days",
        "justify_hours", "justify_interval",
        // JSON and arrays.
        "jsonb_build_object", "jsonb_build_array", "json_build_object", "json_build_array", "to_jsonb",
        "to_json", "jsonb_object", "json_object", "array_fill", "array_append", "array_prepend", "array_cat",
        "cardinality", "array_length",
    ]

    /// Functions PostgreSQL marks volatile that defaults call most: named before any other call that
    /// only may be volatile (`md5(random()::text)` is volatile for `random`, not `md5`).
    static let volatileFunctions: Set<String> = [
        "random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v4", "clock_timestamp", "timeofday",
        "nextval", "setseed", "random_normal",
    ]

    private func volatileFunction(in range: Range<Int>) -> String? {
        var first: String?
        var typeWords: [Range<Int>] = []
        // A quoted name is the same function (`"random"()` is random()), read as PostgreSQL folds it.
        for index in range where [.word, .quotedIdentifier].contains(tokens[index].kind) && isPunct(index + 1, "(") {
            guard let name = identifier(index) else { continue }
            if typeWords.contains(where: { $0.contains(index) }) { continue }
            if name == "cast" {
                // `CAST(expression AS type)` is not a call: the type after the last top-level AS may have a
                // modifier, such as `varchar(10)`, that is not one either.
                if let type = castType(at: index + 1) { typeWords.append(type) }
                continue
            }
            if name == "array" || name == "row" { continue }
            // A type with a modifier after a cast, such as `::varchar(10)`, is not a call.
            if index > 0 && tokens[index - 1].kind == .operator && lowerText(index - 1) == "::" { continue }
            if Self.volatileFunctions.contains(name) { return name }
            // Its arguments are calls of their own, checked in turn (`md5(random()::text)`).
            if first == nil, !Self.stableFunctions.contains(name) { first = name }
        }
        return first
    }
}

extension StatementParser {
    /// The tokens of the type in `CAST(expression AS type)`, given the index of the opening parenthesis.
    fileprivate func castType(at open: Int) -> Range<Int>? {
        var depth = 0
        var lastAs: Int?
        var index = open
        while index < tokens.count {
            if isPunct(index, "(") {
                depth += 1
            } else if isPunct(index, ")") {
                depth -= 1
                if depth == 0 { return lastAs.map { ($0 + 1)..<index } }
            } else if depth == 1 && isWord(index, "as") {
                lastAs = index
            }
            index += 1
        }
        return nil
    }
}

extension String {
    /// Replaces every occurrence of `target` without Foundation.
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
