/// The values a column type change cannot keep: integers out of range, text too long, numbers too wide.
enum TypeLimits {
    /// A type as the parser keeps it (its tokens spaced: `varchar ( 10 )`) written as people write
    /// it: `varchar(10)`, `numeric(5, 2)`.
    static func display(_ type: String) -> String {
        type.replacingOccurrences(" ( ", with: "(").replacingOccurrences(" )", with: ")")
            .replacingOccurrences(" ,", with: ",").replacingOccurrences(" [ ]", with: "[]")
    }

    /// A SQL condition true for a value of `column` the new `type` cannot hold, or `nil` when the gate
    /// cannot tell (other types, or a `USING` expression).
    ///
    /// `type` is the statement's type as the parser keeps it: lower-cased words separated by spaces,
    /// such as `varchar ( 50 )`.
    static func violation(of column: String, becoming type: String) -> String? {
        let words = type.split(separator: " ").map(String.init)
        // An array's elements are what must fit, which the text of the whole array says nothing of.
        if words.contains("using") || words.contains("[") || words.contains("array") { return nil }
        let numbers = words.compactMap { Int($0) }
        let name = words.prefix { $0 != "(" }.joined(separator: " ")
        switch name {
        case "smallint", "int2":
            // Rounded first, as PostgreSQL casts a fraction: 32767.4 becomes 32767.
            return "round(\(column)::numeric) NOT BETWEEN -32768 AND 32767"
        case "integer", "int", "int4":
            return "round(\(column)::numeric) NOT BETWEEN -2147483648 AND 2147483647"
        case "varchar", "character varying", "char", "character", "bpchar":
            guard let length = numbers.first else { return nil }
            // Excess characters that are all spaces are cut off, not refused.
            return "char_length(rtrim(\(column)::text)) > \(length)"
        case "numeric", "decimal":
            guard let precision = numbers.first else { return nil }
            let scale = numbers.count > 1 ? numbers[1] : 0
            // Rounded to the new scale first, as PostgreSQL stores it: 999.999 becomes 1000.00.
            return "abs(round(\(column)::numeric, \(scale))) >= 1e\(precision - scale)"
        default:
            return nil
        }
    }
}
