/// Makes text from a ledger safe to show: a title or note cannot move the cursor, change colours,
/// set a window title, ring a bell, start a new line (and so a heading or a table row), or turn the
/// text after it right to left (a bidirectional override, embedding or isolate).
public enum TextEscaping {
    /// The text with every control character shown as an escape: `\n`, `\r`, `\t`, `\\e` for ESC,
    /// `\u{…}` for the rest (C0, DEL, C1, the line and paragraph separators, and the bidirectional
    /// embeddings, overrides and isolates U+202A to U+202E and U+2066 to U+2069). Text without
    /// any comes back unchanged and uncopied.
    public static func escaped(_ text: String) -> String {
        guard needsEscape(text) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{1B}": result += "\\e"
            default: result += "\\u{" + String(scalar.value, radix: 16) + "}"
            }
        }
        return result
    }

    /// The text with only its bidirectional embeddings, overrides and isolates shown as escapes, for
    /// a page whose lines and spaces are markup's: an override in a title turned the rest of its
    /// line (a drafted update quoting it) right to left.
    public static func bidiEscaped(_ text: String) -> String {
        // Looked for in the UTF-8 bytes (E2 80 AA to AE, E2 81 A6 to A9): a page is long, and holds none.
        let holds =
            text.utf8.withContiguousStorageIfAvailable { bytes in
                var index = 0
                while index + 2 < bytes.count {
                    if bytes[index] == 0xE2,
                        (bytes[index + 1] == 0x80 && (0xAA...0xAE).contains(bytes[index + 2]))
                            || (bytes[index + 1] == 0x81 && (0xA6...0xA9).contains(bytes[index + 2]))
                    {
                        return true
                    }
                    index += 1
                }
                return false
            } ?? text.unicodeScalars.contains(where: isBidiControl)
        guard holds else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if isBidiControl(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// The text escaped and in double quotes, for error messages.
    public static func quoted(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }

    /// Whether a text is one line a person can read: not blank, and no control character (a line
    /// break, a tab, a bell). A monitor's name is, in `own monitor add` and the API alike: it titles
    /// its incidents.
    public static func isOneLine(_ text: String) -> Bool {
        !isBlank(text) && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Whether the text has nothing to read: empty, or only the blanks `trimming` takes.
    public static func isBlank(_ text: String) -> Bool {
        // Most texts start with a visible ASCII character: told from their first byte, read in place
        // (every title of an import is checked).
        if let (first, _) = text.endBytes, (0x21..<0x7F).contains(first) { return false }
        // The blanks `trimming` takes: Unicode's white space, and the zero-width space, which shows nothing.
        return text.unicodeScalars.allSatisfy(Blank.spacesAndNewlines.contains)
    }

    /// Whether the text holds a character to escape, read over its UTF-8 bytes in place.
    static func needsEscape(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(needsEscape) ?? text.unicodeScalars.contains(where: needsEscape)
    }

    /// The check over UTF-8 bytes: C0 and DEL are single bytes, C1 is C2 80 to C2 9F, the line and
    /// paragraph separators and the embeddings and overrides are E2 80 A8 to E2 80 AE, and the
    /// isolates E2 81 A6 to E2 81 A9. Printable ASCII, most of any title, is
    /// passed over eight bytes at a time: a byte is outside it when its top bit is set (0x80 and
    /// up), when taking 0x20 from it borrows (below 0x20), or when adding one sets its top bit
    /// (0x7F). A borrow or carry only crosses into the next byte from a byte itself outside, so a
    /// word with none is all printable.
    static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var index = 0
        while index < count {
            if index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if (word | (word &- 0x2020_2020_2020_2020) | (word &+ 0x0101_0101_0101_0101))
                    & 0x8080_8080_8080_8080 == 0
                {
                    index += 8
                    continue
                }
            }
            let byte = base[index]
            if byte < 0x20 || byte == 0x7F { return true }
            if byte == 0xC2, index + 1 < count, base[index + 1] >= 0x80, base[index + 1] <= 0x9F { return true }
            if byte == 0xE2, index + 2 < count,
                (base[index + 1] == 0x80 && (0xA8...0xAE).contains(base[index + 2]))
                    || (base[index + 1] == 0x81 && (0xA6...0xA9).contains(base[index + 2]))
            {
                return true
            }
            index += 1
        }
        return false
    }

    /// The longest start of escaped text (`escaped(_:)`'s) in at most `columns` columns, with an
    /// escape the cut falls in left out whole: a cut `\n` showed a lone backslash, a cut `\u{7f}` an
    /// unclosed `\u{7`. (A backslash the text holds is not escaped: `C:\users` is left whole.)
    public static func prefix(ofEscaped text: String, columns: Int) -> String {
        let cut = text.columnPrefix(columns)
        let bytes = Array(cut.utf8)
        guard bytes.count < text.utf8.count, let slash = bytes.lastIndex(of: UInt8(ascii: "\\")) else { return cut }
        let tail = bytes[(slash + 1)...]
        let partial: Bool
        if tail.isEmpty {
            partial = true
        } else if tail.first == UInt8(ascii: "u") {
            let rest = tail.dropFirst()
            partial =
                rest.isEmpty
                || (rest.first == UInt8(ascii: "{") && !rest.contains(UInt8(ascii: "}"))
                    && rest.dropFirst().allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        } else {
            partial = false
        }
        return partial ? String(decoding: bytes[..<slash], as: UTF8.self) : cut
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0, 0x2028...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
