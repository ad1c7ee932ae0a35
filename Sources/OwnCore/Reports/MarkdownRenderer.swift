/// Renders a report as Markdown to paste into chat or a document: a heading, a line in italics,
/// a bold heading per section and a bullet per loop, with details as nested bullets.
public enum MarkdownRenderer {
    /// The Markdown, ending with a newline.
    public static func render(_ document: ReportDocument) -> String {
        var lines = ["## " + escape(document.title)]
        if let subtitle = document.subtitle { lines += ["", "_\(escape(subtitle))_"] }
        // Two trailing spaces break a Markdown line; the lead's lines stay one paragraph otherwise.
        if !document.lead.isEmpty {
            lines.append("")
            lines += document.lead.indices.map {
                escape(document.lead[$0]) + ($0 == document.lead.count - 1 ? "" : "  ")
            }
        }
        if document.isEmpty {
            lines += ["", document.empty]
        }
        for section in document.filledSections {
            lines += ["", "### " + section.heading, ""]
            for entry in section.entries {
                var line = "- "
                if let reference = entry.reference {
                    line += entry.link.map { "[\(escape(reference))](\($0))" } ?? "**\(escape(reference))**"
                    line += " "
                }
                line += escape(entry.title)
                if let summary = entry.summary { line += ": " + escape(summary) }
                lines.append(line)
                lines += entry.details.map { "  - " + escape($0) }
            }
        }
        // Titles and notes come from the ledger: escaped, a newline in one cannot start a heading.
        return lines.map(TextEscaping.escaped).joined(separator: "\n") + "\n"
    }

    /// Text from the ledger with Markdown's marks escaped: a title holding `*` or `[a](url)` reads as
    /// written, not as emphasis or a link someone slipped into the lead's weekly.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { Self.marks.contains($0) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for character in text {
            if let byte = character.asciiValue, Self.marks.contains(byte) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// `&` and `~` too: `&amp;` is an entity to CommonMark, and `~x~` strikes through on GitHub.
    private static let marks = Set("\\`*_[]<>&~".utf8)
}
