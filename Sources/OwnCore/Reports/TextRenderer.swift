/// Renders a report for the terminal: plain text, sections under their headings, details indented.
public enum TextRenderer {
    /// The text, ending with a newline. Written as bytes and made text once: a `String +=` costs
    /// several hundred instructions, and a report paid it a few times for every line.
    public static func render(_ document: ReportDocument) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(8_192)
        // Titles and notes come from the ledger: escaped, they cannot act on the terminal or add
        // lines. Escaping goes character by character, so escaping each piece escapes the line.
        func append(_ text: String) { output.append(contentsOf: TextEscaping.escaped(text).utf8) }
        func endLine() { output.append(UInt8(ascii: "\n")) }
        append(document.title)
        endLine()
        if let subtitle = document.subtitle {
            append(subtitle)
            endLine()
        }
        for lead in document.lead {
            append(lead)
            endLine()
        }
        if document.isEmpty {
            endLine()
            append(document.empty)
            endLine()
        }
        for section in document.filledSections {
            endLine()
            append(section.heading)
            endLine()
            for entry in section.entries {
                append("  ")
                if let reference = entry.reference {
                    append(reference)
                    append(" ")
                }
                append(entry.title)
                if let summary = entry.summary {
                    append(" - ")
                    append(summary)
                }
                endLine()
                for detail in entry.details {
                    append("      ")
                    append(detail)
                    endLine()
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
