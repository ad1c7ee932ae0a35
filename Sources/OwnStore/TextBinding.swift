import Foundation
import GRDB
import GRDBSQLite

/// Texts bound with SQLite's own calls from their strings' UTF-8 where the strings keep them: no C
/// string is made of each, and SQLite copies none (an import binds a few hundred thousand).
enum TextBinding {
    /// Binds `text` as parameter `index` (nil binds NULL) and returns what `then` returns, run while
    /// the text's bytes are valid: a statement's texts are bound in calls nested around its step, and
    /// its bindings cleared after it. (A list of the texts, freed through the runtime's code for any
    /// tuple, cost about 1,800 instructions for each loop an import writes.)
    static func with(_ handle: SQLiteStatement, _ index: Int32, _ text: String?, _ then: () -> Int32) -> Int32 {
        guard let text else {
            sqlite3_bind_null(handle, index)
            return then()
        }
        return withBytes(of: text) { bytes in
            bind(handle, index, bytes)
            return then()
        }
    }

    /// Calls `body` with the string's UTF-8 where the string keeps it (a copy only of a string that
    /// keeps it otherwise).
    static func withBytes<T>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }

    /// Binds text from UTF-8 bytes, which must stay valid until the statement's step is done. The
    /// text ends at its first NUL, as a C string does, since GRDB binds text that way everywhere
    /// else and lookups must find what was stored.
    static func bind(_ handle: SQLiteStatement, _ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else {
            sqlite3_bind_text(handle, index, "", 0, nil)
            return
        }
        let length = memchr(base, 0, bytes.count).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
        sqlite3_bind_text(
            handle,
            index,
            UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
            Int32(length ?? bytes.count),
            nil
        )
    }
}
