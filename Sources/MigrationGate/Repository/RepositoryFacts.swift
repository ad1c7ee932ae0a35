public import FoundationEssentials

/// A comment on a table or column in a migration (or an entry in the deprecations file): one that
/// marks it deprecated, or a later one that takes the mark off.
public struct Deprecation: Sendable, Hashable {
    /// The file holding the mark.
    public var file: String
    /// The line of the mark.
    public var line: Int
    /// When that line entered git history; `nil` when it is not committed yet.
    public var date: Date?
    /// False for a comment that does not say deprecated (or `IS NULL`): the object is no longer marked.
    public var marks: Bool
    /// Where the comment runs among the migrations; `nil` for the deprecations file, which holds
    /// whatever the order.
    public var position: MigrationPosition?
    /// Whether the commit that wrote the line is in `--base`'s history; `nil` with no base, or
    /// when the line is not committed.
    public var shipped: Bool?

    /// Creates a deprecation.
    public init(
        file: String,
        line: Int,
        date: Date?,
        marks: Bool = true,
        position: MigrationPosition? = nil,
        shipped: Bool? = nil
    ) {
        self.file = file
        self.line = line
        self.date = date
        self.marks = marks
        self.position = position
        self.shipped = shipped
    }
}

/// Where a statement runs among all the repository's migrations: its file's place in their order,
/// then its offset in the file.
public struct MigrationPosition: Sendable, Hashable, Comparable {
    /// The file's place among the migration files (`MigrationOrder`).
    public var file: Int
    /// The statement's first byte in the file.
    public var offset: Int

    /// Creates a position.
    public init(file: Int, offset: Int) {
        self.file = file
        self.offset = offset
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.file, lhs.offset) < (rhs.file, rhs.offset) }
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
    /// The comments that mark (or unmark) each dropped object deprecated, by key: `schema.table` or
    /// `schema.table.column`.
    public var deprecations: [String: [Deprecation]]
    /// The place of each checked file (by its path as checked) among the migrations, to tell the
    /// comments that run before a drop from those after it.
    public var fileOrder: [String: Int]
    /// The text of every application code file changed since `--base`; `nil` when no base was given.
    public var changedCode: [String: String]?
    /// Mentions in application code at HEAD of dropped or renamed-away names, by lower-cased name;
    /// `nil` when no base was given.
    public var mentions: [String: [CodeMention]]?
    /// For each checked migration that the merge base had already (by its path as checked), its
    /// statements there (`ChangedMigration.statements`); empty with no base.
    public var appliedStatements: [String: [String: Int]] = [:]
    /// The base the change is judged against (`--base`), for messages.
    public var base: String?
    /// No git repository holds the files: the marks were read from them, and none has a date.
    public var undated = false

    /// Creates facts; the defaults mean "no git information".
    public init(
        deprecations: [String: [Deprecation]] = [:],
        fileOrder: [String: Int] = [:],
        changedCode: [String: String]? = nil,
        mentions: [String: [CodeMention]]? = nil
    ) {
        self.deprecations = deprecations
        self.fileOrder = fileOrder
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
        for singular in singulars(of: lower) {
            result += [singular, singular.replacingOccurrences("_", with: "")]
        }
        return result
    }

    /// The singular forms an English plural name may have (`categories`: category; `boxes`: box;
    /// `people`: person), with the plain one less `s` beside them.
    static func singulars(of lower: String) -> [String] {
        guard lower.count > 3 else { return [] }
        if lower.hasSuffix("people") { return [String(lower.dropLast(6)) + "person"] }
        guard lower.hasSuffix("s") else { return [] }
        var forms = [String(lower.dropLast())]
        if lower.hasSuffix("ies") { forms.append(String(lower.dropLast(3)) + "y") }
        if ["ses", "xes", "zes", "ches", "shes"].contains(where: { lower.hasSuffix($0) }) {
            forms.append(String(lower.dropLast(2)))
        }
        return forms
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
