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

    /// JSON has no infinity and no NaN: such a figure is written as null, so the text stays JSON.
    @Test func aNumberThatIsNoNumberIsWrittenAsNull() throws {
        let text = JSONWriter.string(.object(["a": .number(.infinity), "b": .number(-.infinity), "c": .number(.nan)]))
        #expect(text == #"{"a":null,"b":null,"c":null}"#)
        #expect(try JSONParser.parse(text).objectValue?["a"] == .null)
    }

    @Test func readsWholeNumbersAndPlainTextExactly() throws {
        let text = #"[0,-0,7,-42,1795795200,999999999999999,9999999999999999,1.25,"plain","café","a\u0000b"]"#
        let values = try #require(try JSONParser.parse(text).arrayValue)
        #expect(values.prefix(8).map(\.numberValue) == [0, 0, 7, -42, 1_795_795_200, 999_999_999_999_999, 1e16, 1.25])
        #expect(values[1].numberValue?.sign == .minus)
        #expect(values.suffix(3).map(\.stringValue) == ["plain", "café", "a\u{0}b"])
    }

    @Test(arguments: [
        "\"\u{FF}\"", "\"caf\u{C3}\"",
    ])
    func refusesInvalidUTF8(text: String) {
        // The strings are built from bytes that are not UTF-8 on their own.
        let bytes = Array(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        #expect(throws: JSONParser.Failure.self) {
            try bytes.withUnsafeBufferPointer { buffer throws(JSONParser.Failure) in try JSONParser.parse(buffer) }
        }
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "01", "1.", "\"\\x\"", "\"\\ud800\"", "tru", "{\"a\":1}x",
        "\"a\u{01}b\"", "{\"a\":1,\"a\":2}", String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
    ])
    func refusesMalformedText(text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    /// The writers check eight bytes at a time for what must be escaped: each such byte, at every
    /// offset of strings of every length up to two words and a bit, among ASCII and non-ASCII text,
    /// is escaped, and text without one is copied as it is.
    @Test func escapesEachSpecialByteWhereverItFallsInAWord() throws {
        func reference(_ text: String) -> String {
            var output = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": output += "\\\""
                case "\\": output += "\\\\"
                case "\n": output += "\\n"
                case "\r": output += "\\r"
                case "\t": output += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u00" + (hex.count == 1 ? "0" + hex : hex)
                default: output.unicodeScalars.append(scalar)
                }
            }
            return output + "\""
        }
        let specials: [Character] = ["\"", "\\", "\n", "\u{0}", "\u{1F}", "\t"]
        let plain: [Character] = ["a", "~", " ", "é", "\u{7F}", "!", "]"]
        for length in 0...19 {
            for filler in plain {
                let text = String(repeating: filler, count: length)
                #expect(JSONWriter.string(.string(text)) == reference(text))
                for offset in 0..<length {
                    for special in specials {
                        var characters = Array(text)
                        characters[offset] = special
                        let escaped = String(characters)
                        #expect(JSONWriter.string(.string(escaped)) == reference(escaped), "\(length) \(offset)")
                        var object = JSONObjectWriter()
                        object.string("k", escaped)
                        #expect(object.finish() == "{\"k\":" + reference(escaped) + "}")
                    }
                }
            }
        }
    }
}
