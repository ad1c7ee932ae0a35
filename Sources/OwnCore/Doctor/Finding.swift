public import Foundation

/// What the doctor reports: a rule, the loop (or, for owner-level rules, only the owner), since when,
/// why, and a drafted message that would fix it.
public struct Finding: Sendable, Equatable {
    /// The rule that fired.
    public var rule: RuleName
    /// The loop's key; nil for a finding about an owner as a whole.
    public var loop: String?
    /// The loop's short number; nil for owner-level findings or loops not yet stored.
    public var number: Int?
    /// The loop's title; nil for owner-level findings.
    public var title: String?
    /// The owner judged.
    public var owner: String
    /// How much it matters.
    public var severity: Severity
    /// Since when the problem holds.
    public var since: Date
    /// What is wrong, in one line.
    public var message: String
    /// A drafted message or action that would fix it.
    public var suggestion: String

    /// A finding about a loop.
    /// Inlined where a rule makes one: a loop in an array given to a call was copied first, every
    /// field retained, for the four read here.
    @inline(__always)
    public init(
        rule: RuleName,
        loop: borrowing Loop,
        severity: Severity,
        since: Date,
        message: String,
        suggestion: String
    ) {
        self.rule = rule
        self.loop = loop.key
        self.number = loop.number > 0 ? loop.number : nil
        self.title = loop.title
        self.owner = loop.owner
        self.severity = severity
        self.since = since
        self.message = message
        self.suggestion = suggestion
    }

    /// A finding about an owner as a whole.
    public init(rule: RuleName, owner: String, severity: Severity, since: Date, message: String, suggestion: String) {
        self.rule = rule
        self.owner = owner
        self.severity = severity
        self.since = since
        self.message = message
        self.suggestion = suggestion
    }

    /// The JSON object of the `own doctor --json` contract.
    public var json: JSONValue {
        .object([
            "rule": .string(rule.rawValue),
            "loop": loop.map(JSONValue.string) ?? .null,
            "number": number.map { .number(Double($0)) } ?? .null,
            "title": title.map(JSONValue.string) ?? .null,
            "owner": .string(owner),
            "severity": .string(severity.rawValue),
            "since": .string(Timestamp.format(since)),
            "message": .string(message),
            "suggestion": .string(suggestion),
        ])
    }

    /// Appends the JSON object of the contract, members in `jsonOrder`, as UTF-8 bytes, without
    /// building a `JSONValue` (the doctor may print tens of thousands).
    public func writeJSON(into output: inout [UInt8]) {
        output.append(utf8: "{\"rule\":\"")
        output.append(utf8: rule.rawValue)
        output.append(utf8: "\",\"loop\":")
        if let loop { JSONWriter.appendString(loop, to: &output) } else { output.append(utf8: "null") }
        output.append(utf8: ",\"number\":")
        output.append(utf8: number.map(String.init) ?? "null")
        output.append(utf8: ",\"title\":")
        if let title { JSONWriter.appendString(title, to: &output) } else { output.append(utf8: "null") }
        output.append(utf8: ",\"owner\":")
        JSONWriter.appendString(owner, to: &output)
        output.append(utf8: ",\"severity\":\"")
        output.append(utf8: severity.rawValue)
        output.append(utf8: "\",\"since\":\"")
        output.append(utf8: Timestamp.format(since))
        output.append(utf8: "\",\"message\":")
        JSONWriter.appendString(message, to: &output)
        output.append(utf8: ",\"suggestion\":")
        JSONWriter.appendString(suggestion, to: &output)
        output.append(UInt8(ascii: "}"))
    }

    /// The order of the JSON members: the contract's first, then the additions.
    public static let jsonOrder = [
        "rule", "loop", "number", "title", "owner", "severity", "since", "message", "suggestion",
    ]
}
