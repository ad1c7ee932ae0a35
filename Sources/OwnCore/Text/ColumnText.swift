/// Counting and cutting text for aligned columns, in characters as the terminal shows them, read over
/// the bytes when the text is ASCII (most titles, names and messages): counting characters otherwise
/// walks grapheme clusters, which costs the doctor and `own list` more than the rest of a row.
extension String {
    /// How many characters the text has (`count`), without walking its graphemes when it is ASCII with
    /// no carriage return (whose `\r\n` would be one character).
    public var columnCount: Int {
        isPlainASCII ? utf8.count : count
    }

    /// The text's first `length` characters (`prefix(length)`), cut over the bytes when it is ASCII.
    public func columnPrefix(_ length: Int) -> String {
        guard isPlainASCII else { return String(prefix(length)) }
        return String(decoding: utf8.prefix(length), as: UTF8.self)
    }

    /// Whether every byte is ASCII and none is a carriage return, read in place.
    private var isPlainASCII: Bool {
        utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where byte >= 0x80 || byte == 0x0D { return false }
            return true
        } ?? false
    }
}
