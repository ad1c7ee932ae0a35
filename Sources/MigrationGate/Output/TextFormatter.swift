/// Renders findings for a terminal: the location, severity, rule and message, then the safe alternative.
public enum TextFormatter {
    /// Renders a report.
    public static func render(_ report: GateReport) -> String {
        var out = ""
        for finding in report.findings {
            out +=
                "\(finding.file):\(finding.line):\(finding.column): \(finding.severity.rawValue): [\(finding.rule)] \(finding.message)\n"
            out += "  help: \(finding.help)\n"
        }
        let errors = report.findings.filter { $0.severity == .error }.count
        let warnings = report.findings.filter { $0.severity == .warning }.count
        let allowed = report.allows.reduce(0) { $0 + $1.silenced.count }
        let files = report.fileCount == 1 ? "1 file" : "\(report.fileCount) files"
        var summary =
            "\(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings") in \(files)"
        if allowed > 0 { summary += " (\(allowed) allowed)" }
        out += summary + "\n"
        return out
    }
}
