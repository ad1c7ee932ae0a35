/// Writes JSON compactly and deterministically: object members in a given or sorted order, so the
/// same value always gives the same bytes (stable exports, golden files).
public enum JSONWriter {
    /// The compact JSON text of a value, object members sorted by name.
    public static func string(_ value: JSONValue) -> String {
        var output = ""
        write(value, into: &output)
        return output
    }

    /// Appends the compact JSON text of a value.
    public static func write(_ value: JSONValue, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number): writeNumber(number, into: &output)
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            output += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output += "," }
                write(element, into: &output)
            }
            output += "]"
        case .object(let members):
            writeObject(members, order: [], into: &output)
        }
    }

    /// The JSON text of a value laid out for people to read and diff: two-space indents, object members
    /// sorted by name, `"name" : value`, an empty array or object on three lines — the layout of
    /// Foundation's pretty-printing encoder, so files written before keep their bytes.
    public static func pretty(_ value: JSONValue) -> String {
        var output = ""
        writePretty(value, indent: "", into: &output)
        return output
    }

    private static func writePretty(_ value: JSONValue, indent: String, into output: inout String) {
        let inner = indent + "  "
        switch value {
        case .array(let elements):
            output += "[\n"
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output += ",\n" }
                output += inner
                writePretty(element, indent: inner, into: &output)
            }
            output += "\n" + indent + "]"
        case .object(let members):
            output += "{\n"
            for (offset, key) in members.keys.sorted().enumerated() {
                if offset > 0 { output += ",\n" }
                output += inner
                writeString(key, into: &output)
                output += " : "
                writePretty(members[key]!, indent: inner, into: &output)
            }
            output += "\n" + indent + "}"
        default:
            write(value, into: &output)
        }
    }

    /// Appends an object whose members named in `order` come first, in that order, then the rest sorted.
    public static func writeObject(_ members: [String: JSONValue], order: [String], into output: inout String) {
        output += "{"
        var first = true
        for key in order {
            guard let member = members[key] else { continue }
            if !first { output += "," }
            first = false
            writeString(key, into: &output)
            output += ":"
            write(member, into: &output)
        }
        for key in members.keys.sorted() where !order.contains(key) {
            if !first { output += "," }
            first = false
            writeString(key, into: &output)
            output += ":"
            write(members[key]!, into: &output)
        }
        output += "}"
    }

    /// Appends a number: integers without a fraction, others in Swift's shortest round-trip form.
    public static func writeNumber(_ number: Double, into output: inout String) {
        if number.rounded() == number, abs(number) < 1e15 {
            output += String(Int64(number))
        } else {
            output += "\(number)"
        }
    }

    /// Appends a quoted, escaped string.
    public static func writeString(_ text: String, into output: inout String) {
        output += "\""
        // Most strings need no escaping: append them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}

/// Writes one JSON object member by member, skipping absent values, in the order written.
public struct JSONObjectWriter {
    private var text = "{"
    private var empty = true

    /// An empty object, with room for `capacity` bytes before it grows.
    public init(capacity: Int = 0) {
        text.reserveCapacity(capacity)
    }

    private mutating func key(_ name: String) {
        if !empty { text += "," }
        empty = false
        JSONWriter.writeString(name, into: &text)
        text += ":"
    }

    /// Adds a string member, unless the value is nil.
    public mutating func string(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        JSONWriter.writeString(value, into: &text)
    }

    /// Adds a number member, unless the value is nil.
    public mutating func number(_ name: String, _ value: Double?) {
        guard let value else { return }
        key(name)
        JSONWriter.writeNumber(value, into: &text)
    }

    /// Adds any value.
    public mutating func value(_ name: String, _ value: JSONValue) {
        key(name)
        JSONWriter.write(value, into: &text)
    }

    /// Adds an array of strings, unless it is empty.
    public mutating func strings(_ name: String, _ values: [String]) {
        guard !values.isEmpty else { return }
        key(name)
        text += "["
        for (offset, value) in values.enumerated() {
            if offset > 0 { text += "," }
            JSONWriter.writeString(value, into: &text)
        }
        text += "]"
    }

    /// Adds an array of objects, each written by `write`, unless it is empty.
    public mutating func objects<Element>(
        _ name: String,
        _ elements: [Element],
        _ write: (Element, inout JSONObjectWriter) -> Void
    ) {
        guard !elements.isEmpty else { return }
        key(name)
        text += "["
        for (offset, element) in elements.enumerated() {
            if offset > 0 { text += "," }
            var object = JSONObjectWriter()
            write(element, &object)
            text += object.finish()
        }
        text += "]"
    }

    /// The object's text.
    public func finish() -> String {
        text + "}"
    }
}
