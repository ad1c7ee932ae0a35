import Foundation

/// A strict JSON parser (RFC 8259) over UTF-8 bytes: fast enough for a million-line import and
/// safe on hostile input (depth-limited, no recursion on untrusted length).
public struct JSONParser {
    /// Why a text is not JSON, with the byte offset where parsing stopped.
    public struct Failure: Error, Sendable, Equatable {
        /// What was wrong, for a person.
        public var reason: String
        /// The offset in bytes where it went wrong.
        public var offset: Int
    }

    private static let maximumDepth = 64

    /// Parses one complete JSON text.
    public static func parse(_ text: String) throws(Failure) -> JSONValue {
        var copy = text
        let result = copy.withUTF8 { buffer in Result { () throws(Failure) in try parse(buffer) } }
        return try result.get()
    }

    /// Parses one complete JSON text from UTF-8 bytes.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONValue {
        var parser = Cursor(bytes: bytes)
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == bytes.count else {
            throw Failure(reason: "unexpected text after the JSON value", offset: parser.index)
        }
        return value
    }

    /// The members a reader knows (an enumeration whose raw values are their names), in the order
    /// they are usually written, with their names as bytes.
    struct KnownNames<Member: CaseIterable & RawRepresentable<String> & Sendable>: Sendable {
        let members: [Member]
        /// The names one after another: the `i`th at `offsets[i]`, `lengths[i]` bytes long.
        let text: [UInt8]
        let offsets: [Int]
        let lengths: [Int]

        init() {
            members = Array(Member.allCases)
            var (text, offsets, lengths): ([UInt8], [Int], [Int]) = ([], [], [])
            for member in members {
                offsets.append(text.count)
                text += member.rawValue.utf8
                lengths.append(text.count - offsets[offsets.count - 1])
            }
            (self.text, self.offsets, self.lengths) = (text, offsets, lengths)
        }

        /// The place of the name whose UTF-8 is `bytes`, looked for from `next` on, then from the
        /// start, comparing bytes with each name of its length; nil for a name not among them.
        func index(of bytes: UnsafeBufferPointer<UInt8>, from next: Int = 0) -> Int? {
            guard let base = bytes.baseAddress else { return nil }
            let count = lengths.count
            return text.withUnsafeBufferPointer { known -> Int? in
                guard let names = known.baseAddress else { return nil }
                var candidate = next
                for _ in 0..<count {
                    if candidate >= count { candidate = 0 }
                    if lengths[candidate] == bytes.count, memcmp(names + offsets[candidate], base, bytes.count) == 0 {
                        return candidate
                    }
                    candidate += 1
                }
                return nil
            }
        }

        /// The member named `text`, by its bytes (`index(of:from:)`): `init(rawValue:)` runs Swift's
        /// switch over strings, about 400 instructions a look-up (the stakes, kind and stage of every
        /// created event of an import, and the channel of every report).
        func member(named text: String) -> Member? {
            var text = text
            return text.withUTF8 { index(of: $0) }.map { members[$0] }
        }
    }

    /// Reads JSON from UTF-8 bytes one value at a time. `Loop(storageJSON:)` walks an object's
    /// members with it instead of building a dictionary for each loop it reads.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        func fail(_ reason: String) -> Failure {
            Failure(reason: reason, offset: index)
        }

        mutating func value(depth: Int) throws(Failure) -> JSONValue {
            guard depth < JSONParser.maximumDepth else { throw fail("nesting is deeper than 64 levels") }
            guard index < bytes.count else { throw fail("the text ends where a value was expected") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            default: throw fail("unexpected character where a value was expected")
            }
        }

        /// The bytes of the string at the cursor when it is written in printable ASCII without an
        /// escape (a date, an id), read where they lie and the cursor moved past it: no string is
        /// made. Nil, the cursor where it was, for any other string or value.
        mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            var end = index + 1
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"),
                bytes[end] >= 0x20, bytes[end] < 0x7F
            {
                end += 1
            }
            guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
            defer { index = end + 1 }
            return UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end])
        }

        mutating func literal(_ word: StaticString) throws(Failure) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw fail("unexpected end of text") }
            let start = word.utf8Start
            for offset in 0..<count where bytes[index + offset] != start[offset] {
                throw fail("unexpected word where a value was expected")
            }
            index += count
        }

        mutating func object(depth: Int) throws(Failure) -> JSONValue {
            var result: [String: JSONValue] = [:]
            try members(depth: depth) { key, cursor throws(Failure) in
                let member = try cursor.value(depth: depth + 1)
                guard result.updateValue(member, forKey: key) == nil else {
                    throw cursor.fail("the member \"\(key)\" appears twice")
                }
            }
            return .object(result)
        }

        /// Walks the object at the cursor: `read` is given each member's name with the cursor on its
        /// value, and must read that value.
        mutating func members(
            depth: Int,
            _ read: (String, inout Cursor) throws(Failure) -> Void
        ) throws(Failure) {
            try walkMembers(depth: depth, name: { cursor throws(Failure) in try cursor.string() }, read)
        }

        /// `members`, with each name as it stands in the text (`Name`), for a reader that matches
        /// names it knows: no string is made for a name.
        mutating func namedMembers(
            depth: Int,
            _ read: (Name, inout Cursor) throws(Failure) -> Void
        ) throws(Failure) {
            try walkMembers(depth: depth, name: { cursor throws(Failure) in try cursor.name() }, read)
        }

        /// Walks the members; false when `stop` ended the walk at a member's name, its value and the
        /// rest of the object unread.
        @discardableResult
        private mutating func walkMembers<Key>(
            depth: Int,
            name readName: (inout Cursor) throws(Failure) -> Key,
            stop: (Key) -> Bool = { _ in false },
            _ read: (Key, inout Cursor) throws(Failure) -> Void
        ) throws(Failure) -> Bool {
            guard depth < JSONParser.maximumDepth else { throw fail("nesting is deeper than 64 levels") }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw fail("expected an object") }
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return true
            }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw fail("expected a quoted member name")
                }
                let key = try readName(&self)
                if stop(key) { return false }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                    throw fail("expected ':' after a member name")
                }
                index += 1
                skipSpace()
                try read(key, &self)
                skipSpace()
                guard index < bytes.count else { throw fail("the text ends inside an object") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard bytes[index] == UInt8(ascii: "}") else { throw fail("expected ',' or '}' in an object") }
                index += 1
                return true
            }
        }

        /// A member's name as it stands between its quotes, matched by `case "name":` against the
        /// names a reader knows; a name written with escapes is decoded first.
        struct Name {
            fileprivate let raw: UnsafeBufferPointer<UInt8>
            fileprivate let decoded: String?

            @inline(__always)
            static func ~= (pattern: StaticString, name: Name) -> Bool {
                if let decoded = name.decoded { return decoded == pattern.description }
                guard pattern.utf8CodeUnitCount == name.raw.count else { return false }
                let start = pattern.utf8Start
                for offset in 0..<name.raw.count where start[offset] != name.raw[offset] { return false }
                return true
            }

            /// The name as a string.
            var text: String { decoded ?? String(decoding: raw, as: UTF8.self) }

            /// The name as a string: the one `known` holds when it is among them, made otherwise.
            func text(among known: KnownTexts) -> String {
                if decoded == nil, let text = known.text(of: raw) { return text }
                return text
            }
        }

        /// For a reader of an object whose member names it knows, usually written in one order (the
        /// stored loop): the member named at the cursor, or nil for a name not among them. It is
        /// looked for from `next` on, then from the start, comparing bytes in place; a match sets
        /// `next` past it, so names in the usual order cost one comparison each.
        mutating func knownName<Member>(_ names: KnownNames<Member>, next: inout Int) throws(Failure) -> Member? {
            let start = index + 1
            // The name ends at the next quote: a known name holds no quote and no backslash, so
            // bytes that equal one up to there are that whole name, written without escapes.
            if let base = bytes.baseAddress, start < bytes.count,
                let quote = memchr(base + start, Int32(UInt8(ascii: "\"")), bytes.count - start)
            {
                let end = UnsafeRawPointer(quote) - UnsafeRawPointer(base)
                if let found = names.index(of: UnsafeBufferPointer(rebasing: bytes[start..<end]), from: next) {
                    index = end + 1
                    next = found + 1
                    return names.members[found]
                }
            }
            // A name written with escapes is compared once decoded.
            let other = try name()
            guard let decoded = other.decoded else { return nil }
            return names.members.first { $0.rawValue == decoded }
        }

        /// The string at the cursor as one of the values a reader knows (the raw values of an
        /// enumeration), compared in place as `knownName` compares names: no string is made. Nil for
        /// another string, or any other value (read all the same).
        mutating func knownValue<Value>(_ values: KnownNames<Value>, depth: Int) throws(Failure) -> Value? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                _ = try value(depth: depth)
                return nil
            }
            var next = 0
            return try knownName(values, next: &next)
        }

        /// `namedMembers` for a reader that knows its members' names (`knownName`): `read` is given
        /// each member it knows, or nil for another. The walk ends early at the first member `stop`
        /// names (its value and the rest unread, and unchecked): false then.
        @discardableResult
        mutating func knownMembers<Member>(
            depth: Int,
            _ names: KnownNames<Member>,
            stop: (Member) -> Bool = { _ in false },
            _ read: (Member?, inout Cursor) throws(Failure) -> Void
        ) throws(Failure) -> Bool {
            var next = 0
            return try walkMembers(
                depth: depth,
                name: { cursor throws(Failure) in try cursor.knownName(names, next: &next) },
                stop: { member in member.map(stop) ?? false },
                read
            )
        }

        /// The member name at the cursor, not copied unless it holds an escape or any byte but
        /// printable ASCII (read by `string`, which checks them).
        mutating func name() throws(Failure) -> Name {
            let start = index + 1
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"),
                bytes[end] >= 0x20, bytes[end] < 0x80
            {
                end += 1
            }
            guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else {
                return Name(raw: UnsafeBufferPointer(rebasing: bytes[start..<start]), decoded: try string())
            }
            index = end + 1
            return Name(raw: UnsafeBufferPointer(rebasing: bytes[start..<end]), decoded: nil)
        }

        mutating func array(depth: Int) throws(Failure) -> JSONValue {
            var result: [JSONValue] = []
            try elements(depth: depth) { cursor throws(Failure) in result.append(try cursor.value(depth: depth + 1)) }
            return .array(result)
        }

        /// Walks the array at the cursor: `read` is called with the cursor on each element, and must
        /// read it.
        mutating func elements(depth: Int, _ read: (inout Cursor) throws(Failure) -> Void) throws(Failure) {
            guard depth < JSONParser.maximumDepth else { throw fail("nesting is deeper than 64 levels") }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw fail("expected an array") }
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return
            }
            while true {
                skipSpace()
                try read(&self)
                skipSpace()
                guard index < bytes.count else { throw fail("the text ends inside an array") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard bytes[index] == UInt8(ascii: "]") else { throw fail("expected ',' or ']' in an array") }
                index += 1
                return
            }
        }

        /// Moves past the value at the cursor without keeping it, checking its brackets, commas,
        /// colons, numbers and words (a string is stepped over: `value` checked it when it was
        /// stored). One pass over the bytes, containers kept as bits, so nothing is allocated and
        /// no closure called for a member or element.
        mutating func skip(depth: Int) throws(Failure) {
            // The containers open inside the value, the innermost in the lowest bit: 1 for an object.
            var open: UInt64 = 0
            var level = 0
            while true {
                guard index < bytes.count else { throw fail("the text ends where a value was expected") }
                let byte = bytes[index]
                if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    guard depth + level < JSONParser.maximumDepth else {
                        throw fail("nesting is deeper than 64 levels")
                    }
                    let isObject = byte == UInt8(ascii: "{")
                    index += 1
                    skipSpace()
                    if index < bytes.count, bytes[index] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        index += 1
                    } else {
                        open = open << 1 | (isObject ? 1 : 0)
                        level += 1
                        if isObject { try skipMemberName() }
                        continue
                    }
                } else if byte == UInt8(ascii: "\"") {
                    try skipString()
                } else {
                    _ = try value(depth: depth + level)
                }
                // After a value: the containers it ends, up to the next value.
                while true {
                    guard level > 0 else { return }
                    skipSpace()
                    guard index < bytes.count else { throw fail("the text ends inside an object or array") }
                    let inObject = open & 1 == 1
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        skipSpace()
                        if inObject { try skipMemberName() }
                        break
                    }
                    guard bytes[index] == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                        throw fail(inObject ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array")
                    }
                    index += 1
                    open >>= 1
                    level -= 1
                }
            }
        }

        /// Steps over `"name":` at the cursor and the space after it.
        private mutating func skipMemberName() throws(Failure) {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw fail("expected a quoted member name")
            }
            try skipString()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw fail("expected ':' after a member name")
            }
            index += 1
            skipSpace()
        }

        private mutating func skipString() throws(Failure) {
            // Each quote found by `memchr` ends the string unless an odd run of backslashes
            // escapes it: one call for most strings instead of a test for every byte.
            let start = index + 1
            var from = start
            if let base = bytes.baseAddress {
                while from < bytes.count,
                    let found = memchr(base + from, Int32(UInt8(ascii: "\"")), bytes.count - from)
                {
                    let quote = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                    var before = quote
                    while before > start, base[before - 1] == UInt8(ascii: "\\") { before -= 1 }
                    if (quote - before) % 2 == 0 {
                        index = quote + 1
                        return
                    }
                    from = quote + 1
                }
            }
            index = bytes.count
            throw fail("the text ends inside a string")
        }

        /// The string at the cursor; any other value is read and gives nil.
        mutating func stringValue(depth: Int) throws(Failure) -> String? {
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") { return try string() }
            _ = try value(depth: depth)
            return nil
        }

        /// The number at the cursor; any other value is read and gives nil.
        mutating func numberValue(depth: Int) throws(Failure) -> Double? {
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || isDigit(bytes[index]) { return try number() }
            _ = try value(depth: depth)
            return nil
        }

        /// The Boolean at the cursor; any other value is read and gives nil.
        mutating func boolValue(depth: Int) throws(Failure) -> Bool? {
            if case .bool(let value) = try value(depth: depth) { return value }
            return nil
        }

        /// The strings of the array at the cursor, skipping other elements; nil when it is not an array.
        mutating func stringsValue(depth: Int) throws(Failure) -> [String]? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else {
                _ = try value(depth: depth)
                return nil
            }
            var strings: [String] = []
            try elements(depth: depth) { cursor throws(Failure) in
                if let string = try cursor.stringValue(depth: depth + 1) { strings.append(string) }
            }
            return strings
        }

        mutating func number() throws(Failure) -> Double {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("a number needs digits") }
            // Whole numbers of up to 15 digits (counts, epoch seconds) are exact without strtod.
            var whole = 0
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
            } else {
                while index < bytes.count, isDigit(bytes[index]) {
                    whole = whole &* 10 &+ Int(bytes[index] &- UInt8(ascii: "0"))
                    index += 1
                }
            }
            let negative = bytes[start] == UInt8(ascii: "-")
            if index - start - (negative ? 1 : 0) <= 15,
                index == bytes.count || (bytes[index] != UInt8(ascii: ".") && bytes[index] | 0x20 != UInt8(ascii: "e"))
            {
                return negative ? -Double(whole) : Double(whole)
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { throw fail("a fraction needs digits") }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    index += 1
                }
                guard index < bytes.count, isDigit(bytes[index]) else { throw fail("an exponent needs digits") }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let value = Double(text), value.isFinite else { throw fail("the number is out of range") }
            return value
        }

        /// Whether eight bytes of a string hold no quote, backslash, control character (below 0x20)
        /// or byte outside ASCII. `hasZero` finds a zero byte by the borrow taking one from it
        /// makes; a borrow only crosses into the next byte from a zero byte, so a word it clears
        /// has none, and one it flags has at least one.
        static func isPlainText(_ word: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let tops: UInt64 = 0x8080_8080_8080_8080
            func hasZero(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & tops }
            let control = (word &- 0x2020_2020_2020_2020) & ~word & tops
            return (control | hasZero(word ^ (ones &* 0x22)) | hasZero(word ^ (ones &* 0x5C)) | (word & tops)) == 0
        }

        func isDigit(_ byte: UInt8) -> Bool {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }

        mutating func string() throws(Failure) -> String {
            index += 1
            let start = index
            // Fast path: no escapes, valid UTF-8. ASCII needs no validating, which is most text here
            // (`String(validating:as:)` is generic and looks up its metadata on every call).
            var ascii = true
            // Eight bytes at a time while none is a quote, a backslash, a control character or
            // outside ASCII; the byte-by-byte loop takes over at the word that holds one.
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while index + 8 <= bytes.count,
                    Self.isPlainText(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                {
                    index += 8
                }
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    index += 1
                    if ascii { return String(decoding: slice, as: UTF8.self) }
                    guard let text = String(validating: slice, as: UTF8.self) else {
                        throw Failure(reason: "the text is not valid UTF-8", offset: start)
                    }
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw fail("a control character must be escaped inside a string") }
                if byte >= 0x80 { ascii = false }
                index += 1
            }
            var scalars: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    guard let text = String(validating: scalars, as: UTF8.self) else {
                        throw Failure(reason: "the text is not valid UTF-8", offset: start)
                    }
                    return text
                }
                if byte < 0x20 { throw fail("a control character must be escaped inside a string") }
                if byte != UInt8(ascii: "\\") {
                    scalars.append(byte)
                    index += 1
                    continue
                }
                index += 1
                guard index < bytes.count else { break }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""): scalars.append(0x22)
                case UInt8(ascii: "\\"): scalars.append(0x5C)
                case UInt8(ascii: "/"): scalars.append(0x2F)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                            bytes[index + 1] == UInt8(ascii: "u")
                        else { throw fail("a lone surrogate in a \\u escape") }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("a lone surrogate in a \\u escape") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw fail("a lone surrogate in a \\u escape")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw fail("an invalid \\u escape") }
                    scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    throw fail("an unknown escape in a string")
                }
            }
            throw Failure(reason: "the text ends inside a string", offset: start - 1)
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard index + 4 <= bytes.count else { throw fail("a \\u escape needs four hex digits") }
            var code: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw fail("a \\u escape needs four hex digits")
                }
                code = code << 4 | digit
                index += 1
            }
            return code
        }
    }
}
