import Foundation
import OwnCore
import Testing

@Suite("The byte buffer JSON objects are written into")
struct JSONBufferTests {
    /// Bytes appended one at a time and in runs of every length up to 300, from no memory at all
    /// and from a little, come out as an array given the same appends holds them: across each
    /// growth, nothing lost or moved.
    @Test(arguments: [0, 1, 7])
    func appendsKeepEveryByteInOrderAcrossGrowth(capacity: Int) {
        var buffer = JSONBuffer(capacity: capacity)
        var expected: [UInt8] = []
        for length in 0...300 {
            let run = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ length) }
            if length % 2 == 0 {
                run.withUnsafeBufferPointer { buffer.append(bytes: $0) }
            } else {
                for byte in run { buffer.append(byte) }
            }
            expected += run
            #expect(buffer.count == expected.count)
        }
        buffer.withBytes { #expect(Array($0) == expected) }
        buffer.removeAll()
        #expect(buffer.count == 0)
        buffer.append(UInt8(ascii: "x"))
        #expect(buffer.string == "x")
    }

    /// A number member is written as the value writer writes the number: whole numbers without a
    /// fraction (zero, negative, fifteen digits), others and the very large in Swift's own form.
    @Test func numbersAreWrittenAsTheValueWriterWritesThem() {
        // Every count of digits, each side of a power of ten (the digits go two at a time).
        let edges = (0...15).flatMap { power -> [Double] in
            let ten = Double((0..<power).reduce(1) { value, _ in value * 10 })
            return [ten - 1, ten, ten + 1, -ten, 1_764_368_344]
        }
        for number in [0, -0.0, 7, -7, 10, 999_999_999_999_999, -999_999_999_999_999, 1e15, 0.5, -2.25, 1e-7] + edges {
            var object = JSONObjectWriter()
            object.number("n", number)
            #expect(object.finish() == "{\"n\":" + JSONWriter.string(.number(number)) + "}", "\(number)")
        }
    }

    /// An instant member is the text `Timestamp.format` gives, written in place in the usual years
    /// and as that text outside them (before year 0, after 9999); a missing one is left out, or
    /// `null` when asked.
    @Test func instantsAreWrittenAsTimestampFormatsThem() {
        let instants = [
            0, -1, 1_764_368_344.75, 86_399.999, 253_402_300_799, 253_402_300_800, -62_167_219_200, -62_167_219_201,
        ].map(Date.init(timeIntervalSince1970:))
        for instant in instants {
            var object = JSONObjectWriter()
            object.timestamp("at", instant)
            #expect(object.finish() == "{\"at\":\"\(Timestamp.format(instant))\"}", "\(instant)")
        }
        var object = JSONObjectWriter()
        object.timestamp("left", nil)
        object.timestamp("null", nil, orNull: true)
        #expect(object.finish() == "{\"null\":null}")
    }

    /// Objects written one after another into one buffer, with objects nested in them (which take
    /// the buffer and give it back), read back as the values written.
    @Test func objectsContinuingABufferAreEachWholeJSON() throws {
        var output = JSONBuffer()
        for number in 0..<40 {
            if number > 0 { output.append(UInt8(ascii: ",")) }
            var object = JSONObjectWriter(continuing: &output)
            object.number("n", Double(number))
            object.string("text", String(repeating: "é\"", count: number))
            object.objects("inner", Array(0..<(number % 3))) { index, inner in inner.number("i", Double(index)) }
            object.finish(into: &output)
        }
        let objects = try #require(try JSONParser.parse("[" + output.string + "]").arrayValue)
        #expect(objects.count == 40)
        for (number, object) in objects.enumerated() {
            let inner = (0..<(number % 3)).map { JSONValue.object(["i": .number(Double($0))]) }
            var members: [String: JSONValue] = [
                "n": .number(Double(number)), "text": .string(String(repeating: "é\"", count: number)),
            ]
            if !inner.isEmpty { members["inner"] = .array(inner) }
            #expect(object == .object(members))
        }
    }
}
