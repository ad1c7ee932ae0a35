/// Makes text from a ledger safe to show: a title or note cannot move the cursor, change colours,
/// set a window title, ring a bell, or start a new line (and so a heading or a table row).
public enum TextEscaping {
    /// The text with every control character shown as an escape: `\n`, `\r`, `\t`, `\\e` for ESC,
    /// `\u{…}` for the rest (C0, DEL, C1, and the line and paragraph separators). Text without
    /// any comes back unchanged and uncopied.
    public static func escaped(_ text: String) -> String {
        guard mayNeedEscape(text) else { return text }
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
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

    /// The text escaped and in double quotes, for error messages.
    public static func quoted(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }

    /// Whether the text has nothing to read: empty, or only spaces, tabs and newlines.
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    /// Whether the text may hold a character to escape, read over its bytes in place: false for
    /// printable ASCII (most titles, names and messages), which is then returned without looking at
    /// its scalars. Any byte outside printable ASCII sends the text to the scalar-level check.
    static func mayNeedEscape(_ text: String) -> Bool {
        func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            for byte in bytes where byte < 0x20 || byte >= 0x7F { return true }
            return false
        }
        return text.utf8.withContiguousStorageIfAvailable(check) ?? true
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029: true
        default: false
        }
    }
}
