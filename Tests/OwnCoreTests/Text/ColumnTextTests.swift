import OwnCore
import Testing

@Suite("Column text counts and cuts characters as the terminal shows them")
struct ColumnTextTests {
    @Test(arguments: ["plain title", "", "naïve — ünïcode ✓", "e\u{301}cole", "a\r\nb"])
    func narrowTextCountsAndCutsByCharacter(text: String) {
        #expect(text.columnCount == text.count)
        for length in 0...text.count + 1 {
            #expect(text.columnPrefix(length) == String(text.prefix(length)))
        }
    }

    /// A wide character takes two columns: a row of them was cut at twice the terminal's width
    /// and pushed the next columns out of line.
    @Test func wideCharactersTakeTwoColumnsAndAreNeverCutInHalf() {
        #expect("日本語".columnCount == 6)
        #expect("张伟".columnCount == 4)
        #expect("👩‍👩‍👧 family".columnCount == 9)
        #expect("한국어 ok".columnCount == 9)
        #expect("日本語".columnPrefix(4) == "日本")
        #expect("日本語".columnPrefix(5) == "日本", "the third would take columns 5 and 6")
        #expect("a日b".columnPrefix(2) == "a")
        #expect("ｆｕｌｌ".columnCount == 8)
    }

    /// What shows nothing takes no column (a terminal draws a zero-width space as nothing): a title
    /// holding one was counted a column wider than it showed, and its row's next column moved left.
    @Test func charactersThatShowNothingTakeNoColumn() {
        #expect("a\u{200B}b".columnCount == 2)
        #expect("\u{FEFF}title".columnCount == 5)
        #expect("left\u{200E} mark".columnCount == 9)
        #expect("a\u{200B}b".columnPrefix(1) == "a\u{200B}", "nothing shown is cut after what it follows")
        #expect("日\u{2060}本".columnCount == 4)
    }

    /// The doctor's messages wrapped to the terminal: broken at spaces, no line wider than asked
    /// but a word longer than a line, which has one of its own, whole; every word kept in order.
    @Test func wrapsAtSpacesKeepingEveryWordWhole() {
        #expect(
            "due Dec 1, 5.4 working days late".wrapped(toColumns: 12) == ["due Dec 1,", "5.4 working", "days late"]
        )
        #expect("fits".wrapped(toColumns: 10) == ["fits"])
        #expect("".wrapped(toColumns: 10) == [""])
        #expect("a  b".wrapped(toColumns: 10) == ["a b"], "runs of spaces are where lines may break")
        #expect(
            "to someone-with-a-very-long-name now".wrapped(toColumns: 8) == [
                "to", "someone-with-a-very-long-name", "now",
            ]
        )
        #expect("日本語のタイトル ok".wrapped(toColumns: 5) == ["日本語のタイトル", "ok"])
        let message = "no word in 3.0 working days on a high-stakes loop (every 2 on high stakes)"
        for columns in 1...40 {
            let lines = message.wrapped(toColumns: columns)
            #expect(lines.allSatisfy { $0.columnCount <= columns || !$0.contains(" ") }, "\(columns): \(lines)")
            #expect(lines.joined(separator: " ") == message, "\(columns)")
        }
    }

    /// Emoji drawn as pictures take two columns: a check mark, a star, a planet, a flag, a heart
    /// asking for emoji presentation; a heart without it, one.
    @Test func pictureEmojiTakeTwoColumns() {
        for emoji in ["✅", "⭐", "⌛", "🪐", "🟢", "🇫🇷", "❤️", "☕", "⚡"] {
            #expect(Character(emoji).columnWidth == 2, "\(emoji)")
        }
        for narrow in ["❤", "→", "✓", "é", "a", "…"] {
            #expect(Character(narrow).columnWidth == 1, "\(narrow)")
        }
    }
}
