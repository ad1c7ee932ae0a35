/// How a report is written out: for the terminal, to paste, for programs, or for a Slack webhook.
public enum ReportFormat: String, Sendable, CaseIterable, Codable {
    /// Plain text for the terminal.
    case text
    /// Markdown, to paste into chat or a document.
    case md
    /// The JSON contract in docs/reports.md.
    case json
    /// A Slack Block Kit payload (`{"text": ..., "blocks": [...]}`).
    case slack
}
