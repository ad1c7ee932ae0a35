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
}
