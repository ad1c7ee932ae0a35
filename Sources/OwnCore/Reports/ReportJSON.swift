/// Writes report JSON deterministically and in the order people expect: the contract's arrays in
/// their documented order, and in every object `loop`, `number`, `title` (or `type`, `text`) first.
public enum ReportJSON {
    /// The members every nested object leads with, when it has them.
    static let leading = ["type", "loop", "number", "title", "text", "kind", "stakes"]

    /// Compact JSON for a report value whose top-level object starts with `order`.
    public static func render(_ value: JSONValue, order: [String]) -> String {
        var output = ""
        write(value, order: order, into: &output)
        return output
    }

    private static func write(_ value: JSONValue, order: [String], into output: inout String) {
        switch value {
        case .array(let elements):
            output += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output += "," }
                write(element, order: leading, into: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            let keys = order.filter { members[$0] != nil } + members.keys.sorted().filter { !order.contains($0) }
            for (offset, key) in keys.enumerated() {
                if offset > 0 { output += "," }
                JSONWriter.writeString(key, into: &output)
                output += ":"
                write(members[key]!, order: leading, into: &output)
            }
            output += "}"
        default:
            JSONWriter.write(value, into: &output)
        }
    }
}
