/// Which data probes the gate runs. A probe evaluates expressions the migration wrote (a unique
/// index's keys and predicate, a CHECK) on a live database, before anyone has reviewed them. An
/// expression with a subquery could read any table and put its values in the finding (and so in a
/// CI log); a call to a function other than a plain built-in could act on the server
/// (`pg_terminate_backend`). Such a probe is not run, and its finding says why.
enum ProbeSafety {
    /// Built-in functions a probe may call: they read only their arguments.
    static let functions: Set<String> = [
        "abs", "btrim", "ceil", "ceiling", "char_length", "character_length", "coalesce", "concat", "date_part",
        "date_trunc", "floor", "greatest", "initcap", "least", "left", "length", "lower", "lpad", "ltrim", "md5",
        "mod", "nullif", "octet_length", "position", "replace", "reverse", "right", "round", "rpad", "rtrim", "sign",
        "split_part", "starts_with", "strpos", "substr", "substring", "trim", "trunc", "upper", "array_length",
        "cardinality", "jsonb_typeof", "json_typeof", "jsonb_array_length", "json_array_length",
    ]

    /// Words followed by a parenthesis that call nothing: operators, CASE's parts, casts and type
    /// modifiers (`varchar(10)`, `numeric(5, 2)`).
    static let notCalls: Set<String> = [
        "and", "or", "not", "in", "is", "between", "like", "ilike", "similar", "when", "then", "else", "case", "cast",
        "row", "any", "all", "some", "array", "distinct", "as", "collate", "escape", "varchar", "char", "character",
        "varying", "bpchar", "numeric", "decimal", "timestamp", "timestamptz", "time", "timetz", "interval", "bit",
        "varbit", "float", "with", "zone", "extract", "overlaps",
    ]

    /// Words that begin a subquery.
    static let subquery: Set<String> = ["select", "values", "table", "exists", "lateral"]

    /// Why `probe` is not run, or nil when it may be.
    static func refusal(of probe: DataProbe) -> String? {
        let expressions: [String]
        switch probe.question {
        case .rows(_, let condition): expressions = [condition]
        case .duplicates(_, let keys, let predicate, _): expressions = keys + (predicate.map { [$0] } ?? [])
        // Column names, and the catalog's own definitions.
        case .orphans, .dependents, .constraint: expressions = []
        }
        return expressions.lazy.compactMap(refusal(of:)).first
    }

    /// Why an expression is not evaluated on the database, or nil when it may be.
    static func refusal(of expression: String) -> String? {
        let source = SourceText(path: "", text: expression)
        let tokens = SQLLexer.tokens(of: expression).tokens.filter {
            $0.kind != .lineComment && $0.kind != .blockComment
        }
        for (index, token) in tokens.enumerated() {
            let word: String
            switch token.kind {
            case .word: word = source.text(of: token).lowercased()
            case .quotedIdentifier: word = source.text(of: token)
            default: continue
            }
            if token.kind == .word, subquery.contains(word) {
                return "its expression holds a subquery, which the gate does not run on your database"
            }
            guard index + 1 < tokens.count, source.text(of: tokens[index + 1]) == "(" else { continue }
            // A qualified name (`schema.f(`) is some schema's function, whatever its name.
            let qualified = index > 0 && source.text(of: tokens[index - 1]) == "."
            if token.kind == .quotedIdentifier || qualified || !(functions.contains(word) || notCalls.contains(word)) {
                return "its expression calls \(word)(), which the gate does not run on your database"
            }
        }
        return nil
    }
}
