/// Applies `-- own:allow RULE because REASON` comments to a file's findings.
public enum AllowDirectives {
    /// One allow comment as written.
    struct Directive {
        var line: Int
        var rule: String
        var reason: String
        var range: SourceRange
    }

    /// Splits findings into those that still count and the allows that silenced some; adds
    /// `allow-without-reason` and `unused-allow` findings.
    public static func apply(to findings: [Finding], in file: MigrationFile) -> (findings: [Finding], allows: [Allow]) {
        let directives = parse(file)
        guard !directives.isEmpty else { return (findings, []) }
        let context = RuleContext(file: file)
        var remaining = findings
        var allows: [Allow] = []
        var extra: [Finding] = []
        for directive in directives {
            guard !directive.rule.isEmpty else {
                extra.append(
                    context.finding(
                        AllowWithoutReason(),
                        .error,
                        at: directive.range,
                        message: "own:allow names no rule, so it silences nothing",
                        help: "write -- own:allow RULE because "
                            + (directive.reason.isEmpty ? "<why this is safe here>" : directive.reason)
                            + " (own gate --explain all lists the rules)"
                    )
                )
                continue
            }
            guard !directive.reason.isEmpty else {
                extra.append(
                    context.finding(
                        AllowWithoutReason(),
                        .error,
                        at: directive.range,
                        message: "own:allow \(directive.rule) gives no reason, so it silences nothing",
                        help: "write -- own:allow \(directive.rule) because <why this is safe here>"
                    )
                )
                continue
            }
            var silenced: [Finding] = []
            let covered = statement(after: directive, in: file)
            // A statement the gate cannot read may swallow the rest of the file (an unterminated
            // quote): silenced, every statement after it went unchecked. Never allowed, as with
            // squawk-ignore.
            if let statement = covered, directive.rule != "syntax" {
                remaining.removeAll { finding in
                    let hit = finding.rule == directive.rule && Self.isIn(statement, finding, file)
                    if hit { silenced.append(finding) }
                    return hit
                }
            }
            allows.append(
                Allow(
                    file: file.path,
                    line: directive.line,
                    rule: directive.rule,
                    reason: directive.reason,
                    silenced: silenced
                )
            )
            if silenced.isEmpty {
                let known = Rules.named(directive.rule) != nil
                // An allow covers the statement right under it, with only comments between.
                let apart =
                    covered == nil && file.statements.contains { $0.statement.startOffset >= directive.range.end }
                // Written after a statement on its line, as a trailing comment: it covers the next one.
                let trailing = file.statements.contains { statement in
                    statement.statement.endOffset <= directive.range.start
                        && file.source.position(
                            of: max(statement.statement.startOffset, statement.statement.endOffset - 1)
                        )
                        .line == directive.line
                }
                let message =
                    !known
                    ? "own:allow \(directive.rule) names no rule the gate knows"
                    : directive.rule == "syntax"
                        ? "own:allow syntax silences nothing: the gate cannot read the statement, so it cannot tell "
                            + "what it, or anything after it, does; fix the statement (PostgreSQL refuses what it "
                            + "cannot parse too)"
                        : trailing
                            ? "own:allow \(directive.rule) (because \(directive.reason)) silences nothing: it covers the "
                                + "statement under it, not the one it follows on its line"
                            : apart
                                ? "own:allow \(directive.rule) (because \(directive.reason)) silences nothing: it covers the "
                                    + "statement right under it, and a blank line or other text lies between them"
                                : "own:allow \(directive.rule) (because \(directive.reason)) silences nothing: the next "
                                    + "statement does not trigger it"
                extra.append(
                    context.finding(
                        UnusedAllow(),
                        .warning,
                        at: directive.range,
                        message: message,
                        help: !known
                            ? "check the rule name with own gate --explain"
                            : apart || trailing
                                ? "put the allow on the line above the statement" : "remove the stale allow"
                    )
                )
            }
        }
        let all = (remaining + extra).sorted { ($0.line, $0.column, $0.rule) < ($1.line, $1.column, $1.rule) }
        return (all, allows)
    }

    /// Whether a finding lies in a statement, by line and column: a second statement on the same line
    /// is another statement (an allow above `CREATE INDEX a …; CREATE INDEX b …;` silenced both).
    static func isIn(_ statement: ParsedStatement, _ finding: Finding, _ file: MigrationFile) -> Bool {
        let start = file.source.position(of: statement.statement.startOffset)
        let end = file.source.position(of: statement.statement.endOffset)
        let at = (finding.line, finding.column)
        return at >= (start.line, start.column) && at <= (end.line, end.column)
    }

    /// The statement an allow applies to: the first one after it, when only comment lines lie between.
    static func statement(after directive: Directive, in file: MigrationFile) -> ParsedStatement? {
        guard let next = file.statements.first(where: { $0.statement.startOffset >= directive.range.end }) else {
            return nil
        }
        let line = file.source.position(of: next.statement.startOffset).line
        // An allow in a `/* … */` over several lines covers the statement under its last line.
        let last = file.source.position(of: max(directive.range.start, directive.range.end - 1)).line
        guard line > last else { return nil }
        // The lines of block comments: a line of one holds nothing else when it begins one (or lies
        // inside it) and ends one (or lies inside it).
        let blocks = file.comments.filter { $0.kind == .blockComment }.map {
            (
                first: file.source.position(of: $0.start).line,
                last: file.source.position(of: max($0.start, $0.end - 1)).line
            )
        }
        for between in (last + 1)..<line {
            let text = file.source.line(between).drop { $0 == " " || $0 == "\t" }
            // A comment line: `-- …`, or the lines of a `/* … */` (another allow, stacked).
            let trimmed = text.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            let inBlock = blocks.contains { block in
                (block.first < between || (block.first == between && text.hasPrefix("/*")))
                    && (between < block.last || (between == block.last && trimmed.starts(with: "*/".reversed())))
            }
            if !text.hasPrefix("--") && !inBlock { return nil }
        }
        return next
    }

    static func parse(_ file: MigrationFile) -> [Directive] {
        var result: [Directive] = []
        // In any case, and in a /* block */ comment too: `-- OWN:ALLOW …` and `/* own:allow … */` were
        // dropped without a word, and the author never learned the allow did nothing.
        for comment in file.comments where comment.isComment {
            var body = file.source.text(of: comment).dropFirst(2)
            if comment.kind == .blockComment, body.hasSuffix("*/") { body = body.dropLast(2) }
            // A block comment is read from its line that begins with the allow (after the blanks and
            // the `*` that lead each line: `/** own:allow …`, ` * own:allow …` under a heading line)
            // to its end, as one line.
            if comment.kind == .blockComment {
                let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { String($0.drop { $0 == " " || $0 == "\t" || $0 == "*" }).trimmedWhitespace() }
                guard let first = lines.firstIndex(where: { $0.prefix(9).lowercased() == "own:allow" }) else {
                    continue
                }
                body = Substring(lines[first...].filter { !$0.isEmpty }.joined(separator: " "))
            }
            let text = body.drop { $0 == " " || $0 == "\t" }
            guard text.prefix(9).lowercased() == "own:allow" else { continue }
            let rest = text.dropFirst("own:allow".count).drop { $0 == " " || $0 == "\t" }
            // `own:allow a b because …` and `own:allow a, b because …` allow each rule named before
            // `because`, for the same reason; with no `because`, the first word is the rule.
            let words = rest.split(whereSeparator: { $0.isWhitespace || $0 == "," })
            var rules = [words.first.map { $0.lowercased() } ?? ""]
            var reason = ""
            if let because = words.firstIndex(where: { $0.lowercased() == "because" }) {
                // `own:allow because …` names no rule: one with no name, which allows nothing.
                rules = because > 0 ? words[..<because].map { $0.lowercased() } : [""]
                reason = String(rest[words[because].endIndex...]).trimmedWhitespace()
            }
            for rule in rules {
                result.append(
                    Directive(
                        line: file.source.position(of: comment.start).line,
                        rule: rule,
                        reason: reason,
                        range: SourceRange(start: comment.start, end: comment.end)
                    )
                )
            }
        }
        return result
    }
}

extension String {
    func trimmedWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
