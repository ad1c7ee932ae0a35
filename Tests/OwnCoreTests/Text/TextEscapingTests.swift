import Foundation
import Testing

@testable import OwnCore

@Suite("Text from a ledger cannot act on a terminal or a Markdown page")
struct TextEscapingTests {
    @Test(arguments: [
        ("plain title", "plain title"), ("naïve — ünïcode ✓", "naïve — ünïcode ✓"),
        ("red \u{1B}[31mtext", "red \\e[31mtext"), ("title\u{1B}]0;owned\u{07}", "title\\e]0;owned\\u{7}"),
        ("a\nb", "a\\nb"), ("a\r\nb", "a\\r\\nb"), ("tab\tstop", "tab\\tstop"), ("del\u{7F}", "del\\u{7f}"),
        ("c1\u{9B}31m", "c1\\u{9b}31m"), ("sep\u{2028}x", "sep\\u{2028}x"),
        // A right-to-left override turned the rest of its line around: "exe.png" read as "gnp.exe".
        ("\u{202E}evil gnp.exe", "\\u{202e}evil gnp.exe"), ("a\u{2066}b\u{2069}", "a\\u{2066}b\\u{2069}"),
        ("mark\u{200F}kept", "mark\u{200F}kept"),
    ])
    func controlCharactersAreShownEscaped(text: String, shown: String) {
        #expect(TextEscaping.escaped(text) == shown)
        #expect(!TextEscaping.escaped(text).unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }

    /// The check over bytes against the one over scalars, for every ASCII character and the edges
    /// of C1 and the separators, at every place in printable text of lengths around eight bytes,
    /// alone and after another (whose borrow or carry must not hide or invent one).
    @Test func theByteCheckAgreesWithTheScalarRule() {
        let scalars =
            (0...0xA0).compactMap(Unicode.Scalar.init) + [
                "\u{FF}", "\u{100}", "\u{2027}", "\u{2028}", "\u{2029}", "\u{202A}", "\u{202E}", "\u{202F}",
                "\u{2065}", "\u{2066}", "\u{2069}", "\u{206A}", "\u{1F600}", "\u{E280}",
            ]
        func rule(_ text: String) -> Bool {
            text.unicodeScalars.contains {
                $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) || (0x2028...0x202E).contains($0.value)
                    || (0x2066...0x2069).contains($0.value)
            }
        }
        for length in [1, 7, 8, 9, 16, 17] {
            for place in 0..<length {
                for scalar in scalars {
                    for before in ["a", "\u{1F}", "\u{7F}", "\u{9F}", "é", "\u{2028}"] where place > 0 || before == "a"
                    {
                        var text = String(repeating: "a", count: max(0, place - 1)) + (place > 0 ? before : "")
                        text.unicodeScalars.append(scalar)
                        text += String(repeating: "~", count: length - place - 1)
                        #expect(TextEscaping.needsEscape(text) == rule(text), "\(text.unicodeScalars.map(\.value))")
                    }
                }
            }
        }
        #expect(!TextEscaping.needsEscape(""))
    }

    /// For a page whose lines are markup's: only the bidirectional controls are escaped, found in
    /// place in a long text.
    @Test func aPageHasItsBidirectionalControlsEscapedOnly() {
        let page = String(repeating: "<li>a … b</li>\n", count: 1000)
        #expect(TextEscaping.bidiEscaped(page) == page)
        #expect(TextEscaping.bidiEscaped(page + "\u{202E}x\u{2069}\n") == page + "\\u{202e}x\\u{2069}\n")
    }

    @Test func quotingEscapes() {
        #expect(TextEscaping.quoted("a\u{1B}b") == "\"a\\eb\"")
    }

    @Test(arguments: [("", true), ("   ", true), (" \n\t\r\n", true), ("\u{3000}", true), (" x ", false), (".", false)])
    func blankTextIsOnlyWhiteSpace(text: String, blank: Bool) {
        #expect(TextEscaping.isBlank(text) == blank)
    }

    /// A suggested command names a key a shell reads back whole: plain keys as they are, the rest
    /// quoted (a key may hold spaces, quotes, `$` or `%`). Checked through /bin/sh itself.
    @Test(arguments: ["pay-ask", "i0ofq2v8xk", "café mig %", "it's $HOME", "a\"b`c`", "#5", "--x", "é"])
    func aShellWordReadsBackAsTheKey(_ key: String) throws {
        let word = TextEscaping.shellWord(key)
        if key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), !key.hasPrefix("-") { #expect(word == key) }
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "printf '%s' " + word]
        let output = Pipe()
        shell.standardOutput = output
        try shell.run()
        let read = output.fileHandleForReading.readDataToEndOfFile()
        shell.waitUntilExit()
        #expect(String(decoding: read, as: UTF8.self) == key, "\(word)")
    }

    @Test func aLoopIsNamedByNumberInALedgerAndByKeyOnTheServer() {
        var loop = Loop(
            key: "db migration",
            firstEvent: Event(id: "e", loop: "db migration", at: Date(), by: "ana", type: .noted)
        )
        #expect(loop.commandReference == "'db migration'")
        loop.number = 7
        #expect(loop.commandReference == "7")
    }

    /// A column cut to its width keeps an escape whole or leaves it out whole: never a lone backslash
    /// or an unclosed `\u{7f`; a backslash the title holds is text, left as it is (but for a cut right
    /// after `\u`, which cannot be told from an escape's start).
    @Test(arguments: [
        ("AAAA\nsecond", 5, "AAAA"), ("AAAA\nsecond", 6, "AAAA\\n"), ("AAAA\nsecond", 7, "AAAA\\ns"),
        ("ab\u{7F}cd", 4, "ab"), ("ab\u{7F}cd", 7, "ab"), ("ab\u{7F}cd", 8, "ab\\u{7f}"),
        (#"C:\users\x"#, 5, #"C:\us"#), (#"C:\users\x"#, 4, "C:"), ("short", 10, "short"),
        ("日本\n語", 5, "日本"),
    ])
    func aCutLeavesNoHalfEscape(title: String, columns: Int, shown: String) {
        #expect(TextEscaping.prefix(ofEscaped: TextEscaping.escaped(title), columns: columns) == shown)
    }
}
