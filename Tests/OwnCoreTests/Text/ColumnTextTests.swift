import OwnCore
import Testing

@Suite("Column text counts and cuts characters as the terminal shows them")
struct ColumnTextTests {
    @Test(arguments: ["plain title", "", "naïve — ünïcode ✓", "e\u{301}cole", "a\r\nb", "👩‍👩‍👧 family"])
    func countingAndCuttingAgreeWithCharacters(text: String) {
        #expect(text.columnCount == text.count)
        for length in 0...text.count + 1 {
            #expect(text.columnPrefix(length) == String(text.prefix(length)))
        }
    }
}
