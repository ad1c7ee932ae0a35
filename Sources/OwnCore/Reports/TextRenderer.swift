/// Renders a report for the terminal: plain text, sections under their headings, details indented.
public enum TextRenderer {
    /// The text, ending with a newline.
    public static func render(_ document: ReportDocument) -> String {
        var lines = [document.title]
        if let subtitle = document.subtitle { lines.append(subtitle) }
        lines += document.lead
        if document.isEmpty {
            lines += ["", document.empty]
        }
        for section in document.filledSections {
            lines += ["", section.heading]
            for entry in section.entries {
                var line = "  " + (entry.reference.map { $0 + " " } ?? "") + entry.title
                if let summary = entry.summary { line += " - " + summary }
                lines.append(line)
                lines += entry.details.map { "      " + $0 }
            }
        }
        // Titles and notes come from the ledger: escaped, they cannot act on the terminal or add lines.
        return lines.map(TextEscaping.escaped).joined(separator: "\n") + "\n"
    }
}
