/// HTML-escapes text exactly as the templates' `{{…}}` does (`&`, `<`, `>`, `"` and `'`), byte by
/// byte, for the long texts (the standup and weekly drafts) that a template then writes as they are
/// with `{{{…}}}`. The template engine escapes character by character, which was a fifth of the
/// person page's time; every character it replaces is ASCII, so replacing bytes of UTF-8 is the same.
enum HTMLEscape {
    static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { replacement(for: $0) != nil }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + utf8.count / 8)
        for byte in utf8 {
            if let replacement = replacement(for: byte) {
                bytes += replacement.utf8
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func replacement(for byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
    }
}
