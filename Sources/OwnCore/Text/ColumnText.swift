/// Counting and cutting text for aligned columns, in the columns a terminal gives it (a Chinese,
/// Japanese or Korean character, or an emoji, takes two), read over the bytes when the text is
/// ASCII (most titles, names and messages): counting otherwise walks grapheme clusters, which costs
/// the doctor and `own list` more than the rest of a row.
extension String {
    /// How many columns the text takes on a terminal: its bytes when it is ASCII with no carriage
    /// return (whose `\r\n` would be one character), else each character's `columnWidth`.
    public var columnCount: Int {
        isPlainASCII ? utf8.count : reduce(0) { $0 + $1.columnWidth }
    }

    /// The longest start of the text that takes at most `length` columns, cut over the bytes when it
    /// is ASCII; a wide character that would take the last column and one more is left out.
    public func columnPrefix(_ length: Int) -> String {
        guard isPlainASCII else {
            var used = 0
            var end = startIndex
            for index in indices {
                used += self[index].columnWidth
                if used > length { break }
                end = self.index(after: index)
            }
            return String(self[..<end])
        }
        return String(decoding: utf8.prefix(length), as: UTF8.self)
    }

    /// The text in lines of at most `columns` columns, broken at spaces (a word longer than a line
    /// is cut where the line ends); the spaces a line is broken at are left out.
    public func wrapped(toColumns columns: Int) -> [String] {
        precondition(columns > 0)
        var lines: [String] = []
        var line = ""
        var used = 0
        for word in split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            var count = word.columnCount
            if used > 0, used + 1 + count <= columns {
                line += " " + word
                used += 1 + count
                continue
            }
            if used > 0 { lines.append(line) }
            while count > columns {
                let cut = word.columnPrefix(columns)
                // A wide character in the last column of a one-column line: shown whole.
                let head = cut.isEmpty ? String(word.prefix(1)) : cut
                lines.append(head)
                word.removeFirst(head.count)
                count = word.columnCount
            }
            (line, used) = (word, count)
        }
        if used > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Whether every byte is ASCII and none is a carriage return, read in place.
    private var isPlainASCII: Bool {
        utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where byte >= 0x80 || byte == 0x0D { return false }
            return true
        } ?? false
    }
}

extension Character {
    /// The columns a terminal gives the character: two for the East Asian wide and full-width
    /// blocks and the emoji pictographs (by its first scalar, as terminals decide), else one.
    public var columnWidth: Int {
        guard let first = unicodeScalars.first?.value, first >= 0x1100 else { return 1 }
        switch first {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
