/// A line and column in a source file, both counted from 1; columns count Unicode scalars.
public struct SourcePosition: Sendable, Hashable, Comparable, Codable {
    /// The line, from 1.
    public var line: Int
    /// The column, from 1.
    public var column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Orders positions as they appear in the file.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// The text of one migration file with a table of line starts, so offsets map to positions fast.
public struct SourceText: Sendable {
    /// The path shown in findings.
    public var path: String
    /// The file's UTF-8 bytes.
    public var bytes: [UInt8]
    private var lineStarts: [Int]
    /// The Unicode scalars before each `block` bytes: a column is counted from the nearest, not from
    /// its line's start (a one-line migration of 20,000 findings counted its whole line for each).
    private var scalarsBefore: [Int]
    private static let block = 1024

    /// Creates a source text from a string.
    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// Creates a source text from UTF-8 bytes.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        // A byte-order mark takes no column (line 1 was reported a column to the right), and a lone
        // carriage return (an old Mac's line end) ends a line as a line feed does (the whole file was
        // line 1).
        var starts = [bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0]
        var scalars = 0
        var before: [Int] = []
        before.reserveCapacity(bytes.count / Self.block + 1)
        for (offset, byte) in bytes.enumerated() {
            if offset % Self.block == 0 { before.append(scalars) }
            if byte & 0xC0 != 0x80 { scalars += 1 }
            if byte == 0x0A || (byte == 0x0D && (offset + 1 == bytes.count || bytes[offset + 1] != 0x0A)) {
                starts.append(offset + 1)
            }
        }
        if bytes.count % Self.block == 0 { before.append(scalars) }
        self.lineStarts = starts
        self.scalarsBefore = before
    }

    /// The Unicode scalars that start before a byte offset.
    private func scalars(before offset: Int) -> Int {
        var count = scalarsBefore[offset / Self.block]
        var i = offset - offset % Self.block
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// The position of a byte offset.
    public func position(of offset: Int) -> SourcePosition {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let start = min(lineStarts[low], bytes.count)
        let stop = max(min(offset, bytes.count), start)
        return SourcePosition(line: low + 1, column: 1 + scalars(before: stop) - scalars(before: start))
    }

    /// The text between two offsets.
    public func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[max(0, start)..<min(end, bytes.count)], as: UTF8.self)
    }

    /// The text of a token.
    public func text(of token: Token) -> String { text(token.start, token.end) }

    /// The text of a line, without its newline.
    public func line(_ number: Int) -> String {
        guard number >= 1 && number <= lineStarts.count else { return "" }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return text(start, end)
    }
}
