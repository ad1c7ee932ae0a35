extension Array where Element == UInt8 {
    /// Appends the text's UTF-8 bytes, copied from where they lie. Output of thousands of lines is
    /// written into bytes and made a `String` once: appending to a `String` costs several hundred
    /// instructions a piece, which the doctor paid about a million times over its findings.
    public mutating func append(utf8 text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { append(contentsOf: $0) }
        if copied == nil { append(contentsOf: text.utf8) }
    }

    /// Appends `count` spaces (none when `count` is zero or less): the padding of aligned columns.
    public mutating func append(spaces count: Int) {
        if count > 0 { append(contentsOf: repeatElement(UInt8(ascii: " "), count: count)) }
    }
}
