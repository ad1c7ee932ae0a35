/// An `own:allow` comment with no reason: exceptions must say why.
public struct AllowWithoutReason: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "allow-without-reason" }
    /// One line on what it stops.
    public var summary: String { "an own:allow comment gives no reason" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { [] }
    /// The long explanation.
    public var explanation: String {
        """
        `-- own:allow RULE because <reason>` on the line before a statement silences RULE for that statement \
        only. Without `because <reason>` it silences nothing and is an error: exceptions are owned decisions, \
        and the reason is what the JSON and SARIF output show to reviewers.
        """
    }

    /// Allow comments are judged by the gate, not per file.
    public func check(_ context: RuleContext) -> [Finding] { [] }
}

/// An `own:allow` comment that silenced nothing.
public struct UnusedAllow: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "unused-allow" }
    /// One line on what it stops.
    public var summary: String { "an own:allow comment silences nothing" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { [] }
    /// The long explanation.
    public var explanation: String {
        """
        An allow that names a rule which did not fire on the next statement (or a rule that does not exist) \
        is stale: remove it, so the remaining exceptions stay meaningful.
        """
    }

    /// Allow comments are judged by the gate, not per file.
    public func check(_ context: RuleContext) -> [Finding] { [] }
}
