import OwnCore

/// Renders findings for a terminal: the location, severity, rule and message, then the safe alternative.
/// What comes from a migration file (a statement's first words, a name) is escaped: a control
/// character in a file cannot act on the terminal or the CI log.
public enum TextFormatter {
    /// Renders a report.
    public static func render(_ report: GateReport) -> String {
        var out = ""
        for finding in report.findings {
            out +=
                "\(TextEscaping.escaped(finding.file)):\(finding.line):\(finding.column): \(finding.severity.rawValue): "
                + "[\(finding.rule)] \(TextEscaping.escaped(finding.message))\n"
            out += "  help: \(TextEscaping.escaped(finding.help))\n"
        }
        let errors = report.findings.filter { $0.severity == .error }.count
        let warnings = report.findings.filter { $0.severity == .warning }.count
        let allowed = report.allows.reduce(0) { $0 + $1.silenced.count }
        let files = report.fileCount == 1 ? "1 file" : "\(report.fileCount) files"
        let notes = report.findings.filter { $0.severity == .info }.count
        var summary =
            "\(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")"
        // Counted when there are any: `--fail-on info` fails on them, and the summary said nothing.
        if notes > 0 { summary += ", \(notes) info" }
        summary += " in \(files)"
        if allowed > 0 { summary += " (\(allowed) allowed)" }
        out += summary + "\n"
        return out
    }
}
