/// The blank characters `trimming` takes from both ends of a text: the same sets as Foundation's
/// `CharacterSet.whitespaces`, `.newlines` and `.whitespacesAndNewlines`, named here by their
/// scalars. Foundation's trimming bridged to `NSString` and looked up two protocol conformances in
/// every type of the program the first time, about 860,000 instructions of a command's start-up
/// (a third of what `own list` costs above a bare query).
public enum Blank: Sendable {
    /// Tabs, Unicode's space separators (general category Zs) and the zero-width space, as
    /// Foundation has it.
    case spaces
    /// Line feed to carriage return, next line, and the line and paragraph separators.
    case newlines
    /// Both.
    case spacesAndNewlines

    public func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch self {
        case .spaces: Self.isSpace(scalar.value)
        case .newlines: Self.isNewline(scalar.value)
        case .spacesAndNewlines: Self.isSpace(scalar.value) || Self.isNewline(scalar.value)
        }
    }

    private static func isSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    private static func isNewline(_ value: UInt32) -> Bool {
        switch value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}

extension StringProtocol {
    /// The text without the `blank` characters at its start and end.
    public func trimming(_ blank: Blank) -> String {
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !blank.contains($0) }),
            let last = scalars.lastIndex(where: { !blank.contains($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
