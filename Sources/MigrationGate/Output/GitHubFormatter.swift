import OwnCore

/// Renders GitHub Actions workflow commands, which annotate the pull request's diff. What comes from a
/// migration file is escaped, as `TextFormatter` does, before the workflow command's own escapes.
public enum GitHubFormatter {
    /// Renders a report.
    public static func render(_ report: GateReport) -> String {
        var out = ""
        for finding in report.findings {
            let command = finding.severity == .info ? "notice" : finding.severity.rawValue
            let properties = [
                "file=\(escapeProperty(finding.file))",
                "line=\(finding.line)",
                "col=\(finding.column)",
                "endLine=\(finding.endLine)",
                "endColumn=\(finding.endColumn)",
                "title=\(escapeProperty("own gate: \(finding.rule)"))",
            ]
            out +=
                "::\(command) \(properties.joined(separator: ","))::\(escapeData("\(TextEscaping.escaped(finding.message))\nhelp: \(TextEscaping.escaped(finding.help))"))\n"
        }
        return out
    }

    static func escapeData(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.append(character)
            }
        }
        return out
    }

    static func escapeProperty(_ text: String) -> String {
        var out = ""
        for character in escapeData(text) {
            switch character {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.append(character)
            }
        }
        return out
    }
}
