import OwnCore

/// Renders findings in the format compilers use, which editors and CI log parsers understand. What
/// comes from a migration file is escaped, as `TextFormatter` does.
public enum GCCFormatter {
    /// Renders a report.
    public static func render(_ report: GateReport) -> String {
        var out = ""
        for finding in report.findings {
            let level = finding.severity == .info ? "note" : finding.severity.rawValue
            out +=
                "\(TextEscaping.escaped(finding.file)):\(finding.line):\(finding.column): \(level): "
                + "\(TextEscaping.escaped(finding.message)) [\(finding.rule)]\n"
        }
        return out
    }
}
