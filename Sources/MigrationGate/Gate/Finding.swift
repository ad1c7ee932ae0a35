/// How serious a finding is; `--fail-on` compares against it.
public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    /// Worth knowing; never fails a run unless asked.
    case info
    /// Risky; fails only with `--fail-on warning`.
    case warning
    /// Unsafe; fails the run by default.
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    /// Orders by seriousness.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// One problem the gate found, with where it is and what to do instead.
public struct Finding: Sendable, Hashable, Codable {
    /// The file, as given on the command line.
    public var file: String
    /// The first line, from 1.
    public var line: Int
    /// The first column, from 1.
    public var column: Int
    /// The last line.
    public var endLine: Int
    /// The column just past the end.
    public var endColumn: Int
    /// The rule's kebab-case name.
    public var rule: String
    /// How serious it is.
    public var severity: Severity
    /// What is wrong.
    public var message: String
    /// The safe alternative, in one line.
    public var help: String

    /// Creates a finding.
    public init(
        file: String,
        line: Int,
        column: Int,
        endLine: Int,
        endColumn: Int,
        rule: String,
        severity: Severity,
        message: String,
        help: String
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.rule = rule
        self.severity = severity
        self.message = message
        self.help = help
    }
}

/// An `-- own:allow RULE because REASON` comment and what it silenced.
public struct Allow: Sendable, Hashable, Codable {
    /// The file holding the comment.
    public var file: String
    /// The comment's line.
    public var line: Int
    /// The rule it names.
    public var rule: String
    /// The reason given after `because`; empty when missing.
    public var reason: String
    /// The findings it silenced.
    public var silenced: [Finding]
}

/// The outcome of a gate run: the findings that count, and the exceptions that were taken.
public struct GateReport: Sendable {
    /// Findings not silenced by an allow, in file and line order.
    public var findings: [Finding]
    /// Every allow comment met, with its reason and what it silenced.
    public var allows: [Allow]
    /// How many migration files were checked.
    public var fileCount: Int
    /// The folder the findings' relative paths start from (absolute), when the gate ran in one.
    public var directory: String?

    /// Creates a report.
    public init(findings: [Finding], allows: [Allow], fileCount: Int) {
        self.findings = findings
        self.allows = allows
        self.fileCount = fileCount
    }

    /// Whether any finding is at or above `threshold`.
    public func fails(at threshold: Severity) -> Bool { findings.contains { $0.severity >= threshold } }
}
