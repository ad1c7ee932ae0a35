/// squawk's comments, honoured so a migration written for squawk needs no edits:
/// `-- squawk-ignore RULE[, RULE]` before a statement, `-- squawk-ignore-file [RULE, ...]`, and
/// `-- squawk-disable-assume-in-transaction`.
///
/// squawk's rule names map to the rules that list them as their squawk equivalent; a name with no
/// equivalent here (a style rule the gate does not have) silences nothing and is not reported. squawk's
/// comments carry no reason, so the allow they make records the comment itself as the reason.
public enum SquawkDirectives {
    /// One squawk ignore comment.
    struct Directive {
        var line: Int
        var range: SourceRange
        /// The squawk rule names; empty means every rule.
        var squawkRules: [String]
        /// Whether it covers the whole file (`squawk-ignore-file`).
        var wholeFile: Bool
        var text: String
    }

    /// Whether the file says it does not run in the runner's transaction.
    public static func disablesAssumedTransaction(_ file: MigrationFile) -> Bool {
        file.comments.contains { comment in
            guard comment.kind == .lineComment else { return false }
            let body = body(of: comment, in: file)
            // The runners' own words for a file they do not wrap: goose's `-- +goose NO TRANSACTION`,
            // dbmate's `-- migrate:up transaction:false`.
            let words = body.lowercased().split(whereSeparator: \.isWhitespace)
            return body.hasPrefix("squawk-disable-assume-in-transaction")
                || words.starts(with: ["+goose", "no", "transaction"])
                || (words.first == "migrate:up" && words.contains("transaction:false"))
        }
    }

    /// Removes the findings squawk comments ignore and records an allow for each rule they silenced.
    public static func apply(to findings: [Finding], in file: MigrationFile) -> (findings: [Finding], allows: [Allow]) {
        let directives = parse(file)
        guard !directives.isEmpty else { return (findings, []) }
        var remaining = findings
        var allows: [Allow] = []
        for directive in directives {
            let rules: Set<String>? =
                directive.squawkRules.isEmpty
                ? nil
                : Set(Rules.all.filter { !Set($0.squawkRules).isDisjoint(with: directive.squawkRules) }.map(\.name))
            var covered: ParsedStatement?
            if !directive.wholeFile {
                let target = AllowDirectives.Directive(
                    line: directive.line,
                    rule: "",
                    reason: "",
                    range: directive.range
                )
                guard let statement = AllowDirectives.statement(after: target, in: file) else { continue }
                covered = statement
            }
            var silenced: [String: [Finding]] = [:]
            remaining.removeAll { finding in
                let hit =
                    (covered.map { AllowDirectives.isIn($0, finding, file) } ?? true)
                    && (rules?.contains(finding.rule) ?? true)
                    && finding.rule != "syntax"
                if hit { silenced[finding.rule, default: []].append(finding) }
                return hit
            }
            for (rule, found) in silenced.sorted(by: { $0.key < $1.key }) {
                allows.append(
                    Allow(file: file.path, line: directive.line, rule: rule, reason: directive.text, silenced: found)
                )
            }
        }
        return (remaining, allows)
    }

    static func body(of comment: Token, in file: MigrationFile) -> Substring {
        file.source.text(of: comment).dropFirst(2).drop { $0 == " " || $0 == "\t" }
    }

    static func parse(_ file: MigrationFile) -> [Directive] {
        var result: [Directive] = []
        for comment in file.comments where comment.kind == .lineComment {
            let text = body(of: comment, in: file)
            let wholeFile: Bool
            let rest: Substring
            if text.hasPrefix("squawk-ignore-file") {
                wholeFile = true
                rest = text.dropFirst("squawk-ignore-file".count)
            } else if text.hasPrefix("squawk-ignore") {
                wholeFile = false
                rest = text.dropFirst("squawk-ignore".count)
            } else {
                continue
            }
            guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { continue }
            let names = rest.split { $0 == "," || $0 == " " || $0 == "\t" }.map { String($0) }
            result.append(
                Directive(
                    line: file.source.position(of: comment.start).line,
                    range: SourceRange(start: comment.start, end: comment.end),
                    squawkRules: names,
                    wholeFile: wholeFile,
                    text: "-- " + String(text).trimmedWhitespace()
                )
            )
        }
        return result
    }
}
