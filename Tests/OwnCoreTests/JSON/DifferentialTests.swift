import Foundation
import OwnCore
import Testing

/// A small seeded generator, so every run checks the same inputs and a failure can be replayed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("The hand-written JSON reader and writer and the ISO-8601 parser agree with Foundation")
struct DifferentialTests {
    static let alphabet: [String] = [
        "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{1B}", "\u{7F}", "\u{0}", "é", "ß", "中", "😀", "\u{2028}",
        "👩‍👩‍👧", "Ω", "ْ",
    ]
    static let numbers: [Double] = [
        0, -0.0, 1, -1, 0.5, 1e-7, 6.02e23, 1e308, 9_007_199_254_740_992, 9_007_199_254_740_993,
        12_345_678_901_234_567_890, -9_223_372_036_854_775_808, 4_294_967_296, 1.5, 123.456, 1e21, 1e20,
    ]

    /// Each character that ends or changes a string's fast scan (quote, backslash, a control
    /// character, DEL, non-ASCII), at every place in strings of lengths around a word, after plain
    /// ASCII or after another: the reader gives back what Foundation writes.
    @Test func aStringReadsTheSameWhereverItsSpecialCharacterFalls() throws {
        let specials = ["\"", "\\", "\n", "\u{1F}", "\u{0}", "\u{7F}", "é", "😀", "!", "#", "[", "]", "~", " "]
        for length in [1, 7, 8, 9, 15, 16, 17, 24] {
            for place in 0..<length {
                for special in specials {
                    for after in ["a", "\"", "é"] {
                        var text = String(repeating: "a", count: place) + special
                        text += String(repeating: "b", count: max(0, length - place - 1)) + after
                        let data = try JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])
                        let parsed = try data.withUnsafeBytes { raw in
                            try JSONParser.parse(raw.bindMemory(to: UInt8.self))
                        }
                        #expect(parsed == .array([.string(text)]), "\(text.debugDescription)")
                    }
                }
                // A control character written raw, not escaped, is refused wherever it falls.
                for control: UInt8 in [0x00, 0x0A, 0x1F] {
                    var bytes =
                        Array("[\"".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: length) + Array("\"]".utf8)
                    bytes[2 + place] = control
                    #expect(throws: JSONParser.Failure.self, "\(bytes)") {
                        try bytes.withUnsafeBufferPointer { try JSONParser.parse($0) }
                    }
                }
            }
        }
    }

    static func string(_ random: inout SeededRandom) -> String {
        (0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
    }

    static func number(_ random: inout SeededRandom) -> Double {
        switch Int.random(in: 0...3, using: &random) {
        case 0: numbers.randomElement(using: &random)!
        case 1: Double(Int64.random(in: -(1 << 53)...(1 << 53), using: &random))
        case 2: Double(Int.random(in: -1000...1000, using: &random)) / 8
        default: Double.random(in: -1e9...1e9, using: &random)
        }
    }

    static func value(_ random: inout SeededRandom, depth: Int = 0) -> JSONValue {
        switch Int.random(in: 0...(depth > 3 ? 3 : 5), using: &random) {
        case 0: .null
        case 1: .bool(Bool.random(using: &random))
        case 2: .number(number(&random))
        case 3: .string(string(&random))
        case 4: .array((0..<Int.random(in: 0...4, using: &random)).map { _ in value(&random, depth: depth + 1) })
        default:
            .object(
                Dictionary(
                    (0..<Int.random(in: 0...4, using: &random)).map { _ in
                        (string(&random), value(&random, depth: depth + 1))
                    },
                    uniquingKeysWith: { $1 }
                )
            )
        }
    }

    /// Foundation's form of a value: integers as Int64 where they fit, so large ones go through its
    /// integer path.
    static func foundation(_ value: JSONValue) -> Any {
        switch value {
        case .null: NSNull()
        case .bool(let flag): flag
        case .number(let number):
            number == number.rounded() && abs(number) < 9.2e18 && !(number == 0 && number.sign == .minus)
                ? Int64(number) as Any : number as Any
        case .string(let text): text
        case .array(let items): items.map(foundation)
        case .object(let members): members.mapValues(foundation)
        }
    }

    /// Whether what Foundation read is the value.
    static func same(_ value: JSONValue, _ read: Any) -> Bool {
        switch value {
        case .null: return read is NSNull
        // Linux Foundation reads true and false as NSNumber 1 and 0.
        case .bool(let flag): return (read as? Bool) == flag || (read as? NSNumber)?.boolValue == flag
        case .number(let number):
            guard let read = read as? NSNumber else { return false }
            // Linux Foundation keeps some fractions as decimals, whose doubleValue can differ in the
            // last bit; integers (the large ones included) must be exact.
            if number == number.rounded(), abs(number) < 9e15 { return read.doubleValue == number }
            return abs(read.doubleValue - number) <= abs(number) * 4e-16
        case .string(let text): return (read as? String) == text
        case .array(let items):
            guard let read = read as? [Any], read.count == items.count else { return false }
            return zip(items, read).allSatisfy { same($0, $1) }
        case .object(let members):
            guard let read = read as? [String: Any], read.count == members.count else { return false }
            return members.allSatisfy { key, member in read[key].map { same(member, $0) } ?? false }
        }
    }

    @Test func whatTheWriterWritesFoundationReadsBackTheSame() throws {
        var random = SeededRandom(state: 10)
        for _ in 0..<2000 {
            let value = Self.value(&random)
            let text = JSONWriter.string(value)
            let read = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            #expect(Self.same(value, read), "\(text)")
        }
    }

    /// A value as Foundation's encoder sees it, to compare the pretty layouts.
    struct Encoded: Encodable {
        var value: JSONValue
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        func encode(to encoder: any Encoder) throws {
            switch value {
            case .null:
                var single = encoder.singleValueContainer()
                try single.encodeNil()
            case .bool(let flag):
                var single = encoder.singleValueContainer()
                try single.encode(flag)
            case .number(let number):
                var single = encoder.singleValueContainer()
                try single.encode(Int64(number))
            case .string(let text):
                var single = encoder.singleValueContainer()
                try single.encode(text)
            case .array(let items):
                var list = encoder.unkeyedContainer()
                for item in items { try list.encode(Encoded(value: item)) }
            case .object(let members):
                var object = encoder.container(keyedBy: Key.self)
                for (key, member) in members {
                    try object.encode(Encoded(value: member), forKey: Key(stringValue: key))
                }
            }
        }
    }

    /// Integers, printable text and plain keys: the values the gate's SARIF and sizes files hold.
    static func printable(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number(let number):
            .number(number.magnitude < 1e15 ? number.rounded(.towardZero) : 7)
        case .string(let text):
            .string(String(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\t" }))
        case .array(let items): .array(items.map(printable))
        case .object(let members):
            .object(
                Dictionary(
                    members.enumerated().map { offset, member in
                        ("k\(offset)" + String(member.key.filter(\.isLetter).prefix(3)), printable(member.value))
                    },
                    uniquingKeysWith: { $1 }
                )
            )
        default: value
        }
    }

    @Test func prettyTextIsWhatFoundationsPrettyEncoderWrites() throws {
        var random = SeededRandom(state: 40)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var containers = 0
        for _ in 0..<2000 {
            let value = Self.printable(Self.value(&random))
            if case .array = value { containers += 1 } else if case .object = value { containers += 1 }
            let theirs = String(decoding: try encoder.encode(Encoded(value: value)), as: UTF8.self)
            #expect(JSONWriter.pretty(value) == theirs)
        }
        #expect(containers > 500)
    }

    @Test func whatFoundationWritesTheParserReadsTheSame() throws {
        var random = SeededRandom(state: 20)
        for _ in 0..<2000 {
            let value = Self.value(&random)
            let data = try JSONSerialization.data(withJSONObject: Self.foundation(value), options: [.fragmentsAllowed])
            let text = String(decoding: data, as: UTF8.self)
            #expect(try JSONParser.parse(text) == value, "\(text)")
        }
    }

    @Test(arguments: [
        "12345678901234567890", "-9223372036854775809", "9007199254740993", "1e308", "-0", "0.1", "1E-7",
        "123456789012345678901234567890", "\"\\u00e9\\ud83d\\ude00\"", "\"中文 ñ\"", "[1,2.5,-3e2]",
    ])
    func numbersAndTextReadAsFoundationReadsThem(text: String) throws {
        let ours = try JSONParser.parse(text)
        let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        #expect(Self.same(ours, theirs), "\(text): \(ours) vs \(theirs)")
    }

    @Test func timestampsReadAsFoundationReadsThem() throws {
        var random = SeededRandom(state: 30)
        for _ in 0..<3000 {
            let seconds = Double(Int64.random(in: 0...4_102_444_800, using: &random))
            let withFraction = Bool.random(using: &random)
            let millis = withFraction ? Double(Int.random(in: 0...999, using: &random)) / 1000 : 0
            let offsetMinutes = Int.random(in: -56...56, using: &random) * 15
            let zone = try #require(TimeZone(secondsFromGMT: offsetMinutes * 60))
            let instant = Date(timeIntervalSince1970: seconds + millis)
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = zone
            formatter.formatOptions =
                withFraction ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
            let text = formatter.string(from: instant)
            let foundation = try #require(formatter.date(from: text), "\(text)")
            let ours = try #require(Timestamp.parse(text), "\(text)")
            #expect(abs(ours.timeIntervalSince(foundation)) < 0.0005, "\(text)")
            let written = Timestamp.format(ours)
            let reader = ISO8601DateFormatter()
            reader.formatOptions =
                written.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
            let back = try #require(reader.date(from: written), "\(written)")
            // The ledger writes whole seconds.
            let whole = ours.timeIntervalSince1970.rounded(.down)
            #expect(abs(back.timeIntervalSince1970 - whole) < 0.0005, "\(written)")
        }
    }
}
