import OwnCore

/// Renders a JSON array of findings.
///
/// Each element has `file`, `line`, `column`, `endLine`, `endColumn`, `rule`, `severity`, `message` and
/// `help`. Findings silenced by an `own:allow` comment are listed too, with `severity` `"allowed"` and an
/// `allowed` object holding the comment's `line` and `reason`, so every exception is visible.
public enum JSONFormatter {
    /// Renders a report.
    public static func render(_ report: GateReport) -> String {
        var elements: [String] = report.findings.map { object($0, severity: $0.severity.rawValue, allowed: nil) }
        for allow in report.allows {
            for finding in allow.silenced {
                elements.append(object(finding, severity: "allowed", allowed: allow))
            }
        }
        if elements.isEmpty { return "[]\n" }
        return "[\n" + elements.joined(separator: ",\n") + "\n]\n"
    }

    private static func object(_ finding: Finding, severity: String, allowed: Allow?) -> String {
        var fields = [
            "\"file\": \(quote(finding.file))",
            "\"line\": \(finding.line)",
            "\"column\": \(finding.column)",
            "\"endLine\": \(finding.endLine)",
            "\"endColumn\": \(finding.endColumn)",
            "\"rule\": \(quote(finding.rule))",
            "\"severity\": \(quote(severity))",
            "\"message\": \(quote(finding.message))",
            "\"help\": \(quote(finding.help))",
        ]
        if let allowed {
            fields.append("\"allowed\": {\"line\": \(allowed.line), \"reason\": \(quote(allowed.reason))}")
        }
        return "  {" + fields.joined(separator: ", ") + "}"
    }

    /// A JSON string literal.
    static func quote(_ text: String) -> String {
        var out = ""
        JSONWriter.writeString(text, into: &out)
        return out
    }
}
