import Foundation
import OwnCore
import Testing

@Suite("Slack payload")
struct SlackRendererTests {
    static let reports: [Report] = [
        .standup(StandupTests.standup()), .weekly(WeeklyTests.weekly()), .brag(BragTests.brag()),
    ]

    @Test("text, then blocks: a header, a context line, mrkdwn sections under Slack's limits", arguments: reports)
    func structure(report: Report) throws {
        let payload = try #require(try JSONParser.parse(report.rendered(as: .slack)).objectValue)
        #expect(Set(payload.keys) == ["text", "blocks"])
        #expect(payload["text"]?.stringValue?.isEmpty == false)
        let blocks = try #require(payload["blocks"]?.arrayValue).compactMap(\.objectValue)
        #expect(blocks.first?["type"] == .string("header"))
        #expect(blocks.first?["text"]?.objectValue?["type"] == .string("plain_text"))
        #expect(blocks.dropFirst().first?["type"] == .string("context"))
        let sections = blocks.filter { $0["type"] == .string("section") }
        #expect(sections.count == report.document.filledSections.count)
        for section in sections {
            let text = try #require(section["text"]?.objectValue)
            #expect(text["type"] == .string("mrkdwn"))
            #expect((text["text"]?.stringValue?.count ?? 0) <= 3000)
        }
        #expect(blocks.count <= 50)
    }

    @Test("Slack's control characters are escaped, links use its own form")
    func escaping() throws {
        var document = ReportDocument(
            title: "T",
            sections: [
                .init(heading: "S", entries: [.init(reference: "#1", link: "https://x/1", title: "a < b & c > d")])
            ],
            empty: ""
        )
        document.subtitle = nil
        let output = JSONWriter.string(SlackRenderer.payload(document))
        #expect(output.contains("<https://x/1|#1> a &lt; b &amp; c &gt; d"))
    }

    /// A note with a newline stays one bullet in Slack, escaped as the text and Markdown forms show
    /// it; in Markdown a title's `*` and `[a](url)` read as written, not as emphasis or a link.
    @Test("Ledger text cannot break a bullet or add formatting")
    func ledgerTextStaysText() throws {
        let document = ReportDocument(
            title: "Notice: k_1 *bold* <!channel>",
            sections: [
                .init(
                    heading: "S",
                    entries: [
                        .init(reference: "k_1", title: "*bold* [x](http://evil)", details: ["line1\nline2"])
                    ]
                )
            ],
            empty: ""
        )
        let payload = try #require(SlackRenderer.payload(document).objectValue)
        let section = payload["blocks"]?.arrayValue?.last?.objectValue?["text"]?.objectValue?["text"]?.stringValue
        #expect(section == "*S*\n• *k_1* *bold* [x](http://evil)\n    ◦ line1\\nline2")
        let markdown = MarkdownRenderer.render(document)
        // The heading too: a notice's holds the loop's title.
        #expect(markdown.hasPrefix("## Notice: k\\_1 \\*bold\\* \\<!channel\\>\n"), "\(markdown)")
        #expect(markdown.contains("- **k\\_1** \\*bold\\* \\[x\\](http://evil)\n  - line1\\nline2\n"), "\(markdown)")
        // An entity and a strikethrough read as written too.
        #expect(MarkdownRenderer.escape("Fix &amp; ~x~") == "Fix \\&amp; \\~x\\~")
    }

    @Test("The notification's text escapes them too: a title cannot ping the channel")
    func textEscaping() throws {
        let document = ReportDocument(
            title: "Approval asked: pay-1 <!channel> & <@U123>",
            subtitle: "from <!here>",
            sections: [],
            empty: ""
        )
        let payload = try #require(SlackRenderer.payload(document).objectValue)
        let text = try #require(payload["text"]?.stringValue)
        #expect(text == "Approval asked: pay-1 &lt;!channel&gt; &amp; &lt;@U123&gt; (from &lt;!here&gt;)")
    }

    @Test("A long section is split to stay under 3,000 characters")
    func split() throws {
        let entries = (1...100).map {
            ReportDocument.Entry(reference: "#\($0)", title: String(repeating: "x", count: 80))
        }
        let document = ReportDocument(title: "T", sections: [.init(heading: "S", entries: entries)], empty: "")
        let blocks = try #require(SlackRenderer.payload(document).objectValue?["blocks"]?.arrayValue)
        #expect(blocks.count > 3)
    }

    @Test("A report too long for Slack is cut at 50 blocks, and says so")
    func blockLimit() throws {
        let entries = (1...2000).map {
            ReportDocument.Entry(reference: "#\($0)", title: String(repeating: "y", count: 90))
        }
        let document = ReportDocument(title: "T", sections: [.init(heading: "S", entries: entries)], empty: "")
        let blocks = try #require(SlackRenderer.payload(document).objectValue?["blocks"]?.arrayValue)
        #expect(blocks.count == 50)
        let last = try #require(blocks.last?.objectValue?["text"]?.objectValue?["text"]?.stringValue)
        #expect(last.contains("more blocks not shown"))
    }
}
