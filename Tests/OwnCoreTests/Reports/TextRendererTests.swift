import OwnCore
import Testing

@Suite("Report text for a terminal")
struct TextRendererTests {
    @Test("Headings, entries and indented details, one per line; what the ledger holds is escaped")
    func layout() {
        let document = ReportDocument(
            title: "Standup: ana",
            subtitle: "Monday",
            lead: ["Away Friday"],
            sections: [
                .init(heading: "Empty", entries: []),
                .init(
                    heading: "Today",
                    entries: [
                        .init(
                            reference: "loop-1",
                            title: "Red \u{1B}[31mtitle",
                            summary: "two\nlines",
                            details: ["a\tb"]
                        ),
                        .init(title: "No reference"),
                    ]
                ),
            ],
            empty: "Nothing to report."
        )
        #expect(
            TextRenderer.render(document) == """
                Standup: ana
                Monday
                Away Friday

                Today
                  loop-1 Red \\e[31mtitle - two\\nlines
                      a\\tb
                  No reference

                """
        )
        let empty = ReportDocument(title: "Weekly: bo", sections: [], empty: "Nothing to report.")
        #expect(TextRenderer.render(empty) == "Weekly: bo\n\nNothing to report.\n")
    }
}
