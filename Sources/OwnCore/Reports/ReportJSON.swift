/// Writes report JSON deterministically and in the order people expect: the contract's arrays in
/// their documented order, and in every object `loop`, `number`, `title` (or `type`, `text`) first.
public enum ReportJSON {
    /// The members every nested object leads with, when it has them.
    static let leading = ["type", "loop", "number", "title", "text", "kind", "stakes"]

    /// Compact JSON for a report value whose top-level object starts with `order`. Written as bytes
    /// and made text once: a `String +=` costs several hundred instructions, and a standup's JSON
    /// paid it some ten thousand times.
    public static func render(_ value: JSONValue, order: [String]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(16_384)
        write(value, order: order, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func write(_ value: JSONValue, order: [String], into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): JSONWriter.appendNumber(number, to: &output)
        case .string(let text): JSONWriter.appendString(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for index in elements.indices {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(elements[index], order: leading, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            var first = true
            func append(_ key: String, _ member: JSONValue) {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                JSONWriter.appendString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                write(member, order: leading, into: &output)
            }
            for key in order {
                if let member = members[key] { append(key, member) }
            }
            for key in members.keys.sorted() where !order.contains(key) {
                // swift-format-ignore: NeverForceUnwrap
                // A key of the dictionary has its member.
                append(key, members[key]!)
            }
            output.append(UInt8(ascii: "}"))
        }
    }
}
