import OwnCore
import Testing

@Suite("Text from a ledger cannot act on a terminal or a Markdown page")
struct TextEscapingTests {
    @Test(arguments: [
        ("plain title", "plain title"), ("naïve — ünïcode ✓", "naïve — ünïcode ✓"),
        ("red \u{1B}[31mtext", "red \\e[31mtext"), ("title\u{1B}]0;owned\u{07}", "title\\e]0;owned\\u{7}"),
        ("a\nb", "a\\nb"), ("a\r\nb", "a\\r\\nb"), ("tab\tstop", "tab\\tstop"), ("del\u{7F}", "del\\u{7f}"),
        ("c1\u{9B}31m", "c1\\u{9b}31m"), ("sep\u{2028}x", "sep\\u{2028}x"),
    ])
    func controlCharactersAreShownEscaped(text: String, shown: String) {
        #expect(TextEscaping.escaped(text) == shown)
        #expect(!TextEscaping.escaped(text).unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }

    @Test func quotingEscapes() {
        #expect(TextEscaping.quoted("a\u{1B}b") == "\"a\\eb\"")
    }

    @Test(arguments: [("", true), ("   ", true), (" \n\t\r\n", true), ("\u{3000}", true), (" x ", false), (".", false)])
    func blankTextIsOnlyWhiteSpace(text: String, blank: Bool) {
        #expect(TextEscaping.isBlank(text) == blank)
    }
}
