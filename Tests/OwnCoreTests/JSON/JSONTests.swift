import OwnCore
import Testing

@Suite("JSON parsing and writing")
struct JSONTests {
    @Test func roundTripsValues() throws {
        let text = #"{"a":[1,2.5,-3e2,true,false,null],"b":"x\"y\\z\n\u00e9\ud83d\ude00","c":{}}"#
        let value = try JSONParser.parse(text)
        #expect(value.objectValue?["b"]?.stringValue == "x\"y\\z\né😀")
        #expect(try JSONParser.parse(JSONWriter.string(value)) == value)
        #expect(JSONWriter.string(.number(6)) == "6")
        #expect(JSONWriter.string(.number(1.5)) == "1.5")
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "01", "1.", "\"\\x\"", "\"\\ud800\"", "tru", "{\"a\":1}x",
        "\"a\u{01}b\"", "{\"a\":1,\"a\":2}", String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
    ])
    func refusesMalformedText(text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }
}
