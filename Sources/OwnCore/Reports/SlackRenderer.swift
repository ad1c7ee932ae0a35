import Foundation

/// Renders a report as a Slack incoming-webhook payload: `text` (the notification's fallback) and
/// Block Kit `blocks`: a header, a context line, one mrkdwn section per report section. Everything
/// Slack reads as mrkdwn, `text` included, goes through one `escape`.
public enum SlackRenderer {
    /// Slack refuses a section's text beyond 3,000 characters; longer sections are split.
    static let sectionLimit = 3000
    /// Slack refuses a header beyond 150 characters.
    static let headerLimit = 150
    /// Slack refuses a message with more than 50 blocks.
    static let blockLimit = 50

    /// The payload as JSON.
    public static func payload(_ document: ReportDocument) -> JSONValue {
        var blocks: [JSONValue] = [
            .object([
                "type": .string("header"),
                "text": .object([
                    "type": .string("plain_text"),
                    "text": .string(String(TextEscaping.escaped(document.title).prefix(headerLimit))),
                ]),
            ])
        ]
        var context = document.subtitle.map { [escape($0)] } ?? []
        context += document.lead.map(escape)
        if !context.isEmpty {
            blocks.append(
                .object([
                    "type": .string("context"),
                    "elements": .array(context.map { .object(["type": .string("mrkdwn"), "text": .string($0)]) }),
                ])
            )
        }
        if document.isEmpty {
            blocks.append(section(escape(document.empty)))
        }
        for part in document.filledSections {
            var chunk = "*\(escape(part.heading))*"
            for entry in part.entries {
                let line = "\n" + bullet(entry)
                if chunk.count + line.count > sectionLimit {
                    blocks.append(section(chunk))
                    chunk = ""
                }
                chunk += line
            }
            blocks.append(section(chunk))
        }
        if blocks.count > blockLimit {
            // Better a message cut short, and saying so, than one Slack refuses whole.
            let dropped = blocks.count - (blockLimit - 1)
            blocks = Array(blocks.prefix(blockLimit - 1))
            blocks.append(section("_\(dropped) more blocks not shown: Slack takes at most \(blockLimit)._"))
        }
        // The notification's text is mrkdwn too: a title holding `<!channel>` would ping everyone.
        var text = escape(document.title)
        if let subtitle = document.subtitle { text += " (\(escape(subtitle)))" }
        return .object(["text": .string(text), "blocks": .array(blocks)])
    }

    private static func bullet(_ entry: ReportDocument.Entry) -> String {
        var line = "• "
        if let reference = entry.reference {
            line += entry.link.map { "<\($0)|\(escape(reference))>" } ?? "*\(escape(reference))*"
            line += " "
        }
        line += escape(entry.title)
        if let summary = entry.summary { line += ": " + escape(summary) }
        for detail in entry.details { line += "\n    ◦ " + escape(detail) }
        // One entry longer than a section is cut rather than refused by Slack.
        return String(line.prefix(sectionLimit - 100))
    }

    private static func section(_ text: String) -> JSONValue {
        .object(["type": .string("section"), "text": .object(["type": .string("mrkdwn"), "text": .string(text)])])
    }

    /// Slack's mrkdwn treats `&`, `<` and `>` as control characters.
    static func escape(_ text: String) -> String {
        // Control characters shown escaped, as every form shows them: a newline in a note cannot
        // break the list.
        TextEscaping.escaped(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
            of: "<",
            with: "&lt;"
        )
        .replacingOccurrences(of: ">", with: "&gt;")
    }
}
