public import Foundation

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
        // JSON has no infinity and no NaN: such a figure is no number, written as null.
        if !number.isFinite {
            output += "null"
        } else if number.rounded() == number, abs(number) < 1e15 {
            output += String(Int64(number))
        } else {
            output += "\(number)"
        }
    }

    /// Appends a quoted, escaped string.
    public static func writeString(_ text: String, into output: inout String) {
        // Most strings need no escaping: append them whole.
        if !needsEscaping(text) {
            output += "\""
            output += text
            output += "\""
            return
        }
        var bytes: [UInt8] = []
        appendEscaped(text, to: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a string holds a quote, a backslash or a control character, read over its bytes in
    /// place when they are contiguous (a native string's are).
    static func needsEscaping(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(needsEscaping)
            ?? text.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
    }

    /// Whether UTF-8 bytes hold a quote, a backslash or a control character: eight bytes at a time
    /// (`holdsEscaped`), then the last few one by one.
    @inline(__always)
    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                if holdsEscaped(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { return true }
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
            index += 1
        }
        return false
    }

    /// Whether eight bytes hold a quote, a backslash or a control character (below 0x20); bytes
    /// outside ASCII are written as they are. As in `JSONParser.Cursor.isPlainText`, a byte below
    /// a bound is found by the borrow subtracting the bound makes, which only starts at such a byte
    /// (one at 0x80 or above never borrows from 0x20, and its own top bit is masked): exact for
    /// whether there is one.
    static func holdsEscaped(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let tops: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & tops }
        let control = (word &- ones &* 0x20) & ~word & tops
        return (control | hasZero(word ^ (ones &* 0x22)) | hasZero(word ^ (ones &* 0x5C))) != 0
    }

    /// Appends a quoted, escaped string's UTF-8 bytes: read once in place, and copied whole when
    /// nothing needs escaping (most strings).
    @inline(__always)
    static func appendString<Sink: JSONByteSink & ~Copyable>(_ text: String, to bytes: inout Sink) {
        let appended = text.utf8.withContiguousStorageIfAvailable { utf8 in
            if needsEscaping(utf8) { return false }
            bytes.append(0x22)
            bytes.append(bytes: utf8)
            bytes.append(0x22)
            return true
        }
        if appended != true { appendEscaped(text, to: &bytes) }
    }

    private static func appendEscaped<Sink: JSONByteSink & ~Copyable>(_ text: String, to bytes: inout Sink) {
        bytes.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes.append(static: "\\\"")
            case 0x5C: bytes.append(static: "\\\\")
            case 0x0A: bytes.append(static: "\\n")
            case 0x0D: bytes.append(static: "\\r")
            case 0x09: bytes.append(static: "\\t")
            case ..<0x20:
                let hex: StaticString = "0123456789abcdef"
                bytes.append(static: "\\u00")
                bytes.append(hex.utf8Start[Int(byte >> 4)])
                bytes.append(hex.utf8Start[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }

    /// Appends a number's bytes, as `writeNumber` writes it.
    static func appendNumber<Sink: JSONByteSink & ~Copyable>(_ number: Double, to bytes: inout Sink) {
        // JSON has no infinity and no NaN: such a figure is no number, written as null.
        guard number.isFinite else {
            var text = "null"
            text.withUTF8 { bytes.append(bytes: $0) }
            return
        }
        guard number.rounded() == number, abs(number) < 1e15 else {
            var text = "\(number)"
            text.withUTF8 { bytes.append(bytes: $0) }
            return
        }
        var whole = Int64(number)
        if whole < 0 {
            bytes.append(UInt8(ascii: "-"))
            whole = -whole
        }
        // The digits written last first, two at a time from a table, into room on the stack (an
        // Int64 has at most 19), then appended in one piece: an import writes a dozen instants of
        // every loop's body this way.
        var room: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &room) { raw in
            let digits = raw.bindMemory(to: UInt8.self)
            let pairs = Self.digitPairs.utf8Start
            var value = UInt64(whole)
            var index = digits.count
            while value >= 100 {
                let pair = Int(value % 100) &* 2
                value /= 100
                index -= 2
                digits[index] = pairs[pair]
                digits[index + 1] = pairs[pair + 1]
            }
            if value >= 10 {
                let pair = Int(value) &* 2
                index -= 2
                digits[index] = pairs[pair]
                digits[index + 1] = pairs[pair + 1]
            } else {
                index -= 1
                digits[index] = UInt8(ascii: "0") &+ UInt8(value)
            }
            bytes.append(bytes: UnsafeBufferPointer(rebasing: digits[index...]))
        }
    }

    /// "00" to "99", each two digits after the other.
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899
        """
}

/// Writes one JSON object member by member, skipping absent values, in the order written, into a
/// `JSONBuffer`: `own list --json` and an import write one object for each of thousands of loops.
public struct JSONObjectWriter: ~Copyable {
    private var bytes: JSONBuffer
    private var empty = true

    /// An empty object, with room for `capacity` bytes before it grows.
    public init(capacity: Int = 0) {
        bytes = JSONBuffer(capacity: capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    /// An object written at the end of `output`, which it takes (leaving it empty) until
    /// `finish(into:)` gives it back with the object: one run of bytes for a list of hundreds of
    /// objects, or for the objects inside one, not bytes of their own each, copied.
    public init(continuing output: inout JSONBuffer) {
        bytes = output.take()
        bytes.append(UInt8(ascii: "{"))
    }

    /// Member names are the code's own words: written as they are, never escaped.
    @inline(__always)
    private mutating func key(_ name: StaticString) {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        bytes.append(0x22)
        bytes.append(static: name)
        bytes.append(0x22)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Adds a string member, unless the value is nil.
    public mutating func string(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        JSONWriter.appendString(value, to: &bytes)
    }

    /// Adds a string member, `null` when the value is nil.
    public mutating func stringOrNull(_ name: StaticString, _ value: String?) {
        key(name)
        if let value {
            JSONWriter.appendString(value, to: &bytes)
        } else {
            bytes.append(static: "null")
        }
    }

    /// Adds a number member, unless the value is nil.
    public mutating func number(_ name: StaticString, _ value: Double?) {
        guard let value else { return }
        key(name)
        JSONWriter.appendNumber(value, to: &bytes)
    }

    /// Adds a number member, `null` when the value is nil.
    public mutating func numberOrNull(_ name: StaticString, _ value: Double?) {
        guard let value else {
            key(name)
            bytes.append(static: "null")
            return
        }
        number(name, value)
    }

    /// Adds an instant as `Timestamp.format` writes it, unless it is nil (`orNull`: `null` then),
    /// written in place: `own list --json` writes a few for each loop.
    public mutating func timestamp(_ name: StaticString, _ instant: Date?, orNull: Bool = false) {
        guard let instant else {
            if orNull {
                key(name)
                bytes.append(static: "null")
            }
            return
        }
        key(name)
        let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 22) { text in
            guard Timestamp.writeUTC(instant, into: UnsafeMutableBufferPointer(rebasing: text[1..<21])) else {
                return false
            }
            (text[0], text[21]) = (0x22, 0x22)
            bytes.append(bytes: UnsafeBufferPointer(text))
            return true
        }
        if !written { JSONWriter.appendString(Timestamp.format(instant), to: &bytes) }
    }

    /// Adds a Boolean member.
    public mutating func bool(_ name: StaticString, _ value: Bool) {
        key(name)
        bytes.append(static: value ? "true" : "false")
    }

    /// Adds an array of strings, unless it is empty (`always`: `[]` then).
    public mutating func strings(_ name: StaticString, _ values: [String], always: Bool = false) {
        guard always || !values.isEmpty else { return }
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (offset, value) in values.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Adds an array of objects, each written by `write`, unless it is empty.
    public mutating func objects<Element>(
        _ name: StaticString,
        _ elements: [Element],
        _ write: (Element, inout JSONObjectWriter) -> Void
    ) {
        guard !elements.isEmpty else { return }
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (offset, element) in elements.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            var object = JSONObjectWriter(continuing: &bytes)
            write(element, &object)
            object.finish(into: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// The object's text.
    public consuming func finish() -> String {
        bytes.append(UInt8(ascii: "}"))
        return bytes.string
    }

    /// Closes the object and gives the bytes it took (`init(continuing:)`) back to `output`, the
    /// object at their end.
    public mutating func finish(into output: inout JSONBuffer) {
        bytes.append(UInt8(ascii: "}"))
        output = bytes.take()
    }
}
