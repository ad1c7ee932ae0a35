import Foundation

/// Keys and event ids in one Unicode form, composed (NFC): "é" typed as one character and as "e"
/// with a combining accent (as some keyboards and macOS write it) is one text to Swift's strings, so
/// to a ledger's fold, and two to SQLite's columns. A team server kept two loops where the ledgers
/// that pulled them folded one.
public enum ComposedForm {
    /// `text` composed; ASCII text (nearly every key and id, read for each line of an import) as it is.
    public static func of(_ text: String) -> String {
        text.allBytes { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
    }
}
