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

    /// The text in lines of at most `columns` columns, broken at spaces; a word longer than a line
    /// has a line of its own, whole (a name or a key cut in two could not be copied). The spaces a
    /// line is broken at are left out.
    public func wrapped(toColumns columns: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var used = 0
        for word in split(separator: " ", omittingEmptySubsequences: true) {
            let count = String(word).columnCount
            if used > 0, used + 1 + count <= columns {
                line += " " + word
                used += 1 + count
                continue
            }
            if used > 0 { lines.append(line) }
            (line, used) = (String(word), count)
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
    /// blocks and the emoji shown as pictures (by its first scalar, as terminals decide, or any
    /// character asking for emoji presentation with U+FE0F, and flags), none for one that shows
    /// nothing (a zero-width space or joiner, a direction mark, a byte-order mark), else one.
    public var columnWidth: Int {
        guard let first = unicodeScalars.first?.value, first >= 0x1100 else { return 1 }
        if unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if unicodeScalars.allSatisfy(\.properties.isDefaultIgnorableCodePoint) { return 0 }
        switch first {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F1E6...0x1F1FF, 0x1F200...0x1F2FF,
            0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF,
            0x20000...0x3FFFD:
            return 2
        // The emoji of the older blocks that are wide (East Asian Width W): a watch, a check mark,
        // a star, a cross.
        case 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3, 0x25FD...0x25FE,
            0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE,
            0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705,
            0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0,
            0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55:
            return 2
        default:
            return 1
        }
    }
}
