/// Renders a report as Markdown to paste into chat or a document: a heading, a line in italics,
/// a bold heading per section and a bullet per loop, with details as nested bullets.
public enum MarkdownRenderer {
    /// The Markdown, ending with a newline.
    public static func render(_ document: ReportDocument) -> String {
        var lines = ["## " + document.title]
        if let subtitle = document.subtitle { lines += ["", "_\(subtitle)_"] }
        // Two trailing spaces break a Markdown line; the lead's lines stay one paragraph otherwise.
        if !document.lead.isEmpty {
            lines.append("")
            lines += document.lead.indices.map { document.lead[$0] + ($0 == document.lead.count - 1 ? "" : "  ") }
        }
        if document.isEmpty {
            lines += ["", document.empty]
        }
        for section in document.filledSections {
            lines += ["", "### " + section.heading, ""]
            for entry in section.entries {
                var line = "- "
                if let reference = entry.reference {
                    line += entry.link.map { "[\(reference)](\($0))" } ?? "**\(reference)**"
                    line += " "
                }
                line += entry.title
                if let summary = entry.summary { line += ": " + summary }
                lines.append(line)
                lines += entry.details.map { "  - " + $0 }
            }
        }
        // Titles and notes come from the ledger: escaped, a newline in one cannot start a heading.
        return lines.map(TextEscaping.escaped).joined(separator: "\n") + "\n"
    }
}
