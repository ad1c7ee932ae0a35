/// The formats `own gate --format` can write.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// `file:line:col: error: [rule] message` and a help line: for people.
    case text
    /// `file:line:col: error: message [rule]`: for editors that read compiler output.
    case gcc
    /// An array of findings (and allowed findings with their reasons).
    case json
    /// SARIF 2.1.0, for code scanning.
    case sarif
    /// GitHub Actions workflow commands (`::error file=...`).
    case github

    /// Renders a report in this format.
    public func render(_ report: GateReport) -> String {
        switch self {
        case .text: TextFormatter.render(report)
        case .gcc: GCCFormatter.render(report)
        case .json: JSONFormatter.render(report)
        case .sarif: SARIFFormatter.render(report)
        case .github: GitHubFormatter.render(report)
        }
    }
}
