public import FoundationEssentials

/// Where and when a table or column was marked deprecated.
public struct Deprecation: Sendable, Hashable {
    /// The file holding the mark.
    public var file: String
    /// The line of the mark.
    public var line: Int
    /// When that line entered git history; `nil` when it is not committed yet.
    public var date: Date?

    /// Creates a deprecation.
    public init(file: String, line: Int, date: Date?) {
        self.file = file
        self.line = line
        self.date = date
    }
}

/// A line of application code that mentions a name.
public struct CodeMention: Sendable, Hashable {
    /// The code file.
    public var file: String
    /// The line, from 1.
    public var line: Int

    /// Creates a mention.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }
}

/// What git says about the change, gathered before the rules run so the rules stay pure.
public struct RepositoryFacts: Sendable {
    /// Deprecations by key: `schema.table` or `schema.table.column`.
    public var deprecations: [String: Deprecation]
    /// The text of every application code file changed since `--base`; `nil` when no base was given.
    public var changedCode: [String: String]?
    /// Mentions in application code at HEAD of dropped or renamed-away names, by lower-cased name;
    /// `nil` when no base was given.
    public var mentions: [String: [CodeMention]]?

    /// Creates facts; the defaults mean "no git information".
    public init(
        deprecations: [String: Deprecation] = [:],
        changedCode: [String: String]? = nil,
        mentions: [String: [CodeMention]]? = nil
    ) {
        self.deprecations = deprecations
        self.changedCode = changedCode
        self.mentions = mentions
    }

    /// The deprecation key of a table.
    public static func key(table: ObjectName) -> String { table.qualified }

    /// The deprecation key of a column.
    public static func key(table: ObjectName, column: String) -> String { "\(table.qualified).\(column)" }

    /// Whether any changed code file mentions `name` as a word, in snake_case, camelCase, or singular.
    public func changedCodeMentions(_ name: String) -> Bool {
        guard let changedCode else { return true }
        let variants = Self.variants(of: name)
        return changedCode.values.contains { text in
            let lowered = text.lowercased()
            return variants.contains { Self.containsWord($0, in: lowered) }
        }
    }

    /// The spellings code commonly uses for a schema name.
    static func variants(of name: String) -> [String] {
        let lower = name.lowercased()
        var result = [lower, lower.replacingOccurrences("_", with: "")]
        if lower.hasSuffix("s") && lower.count > 3 {
            let singular = String(lower.dropLast())
            result += [singular, singular.replacingOccurrences("_", with: "")]
        }
        return result
    }

    /// Whether `word` occurs in `text` with no identifier character on either side.
    static func containsWord(_ word: String, in text: String) -> Bool {
        let needle = Array(word.utf8)
        guard !needle.isEmpty else { return false }
        let haystack = Array(text.utf8)
        guard haystack.count >= needle.count else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == needle[0] {
                var k = 1
                while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count {
                    let before = i == 0 ? UInt8(ascii: " ") : haystack[i - 1]
                    let after = i + k < haystack.count ? haystack[i + k] : UInt8(ascii: " ")
                    if !isWordByte(before) && !isWordByte(after) { return true }
                }
            }
            i += 1
        }
        return false
    }

    private static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "_")
    }
}
