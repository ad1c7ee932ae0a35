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

extension ComposedForm {
    /// What filing a store's events under composed keys and ids takes (the ledger's v10, the team
    /// store's v16; the same plan on every engine): each event written in another form, by its place
    /// in the store, is filed composed, or deleted when its composed id is held already (the same
    /// event, pulled back composed); and each composed key whose events were filed otherwise, with
    /// every form they were filed under, for its loops to be made one. Forms are told apart by their
    /// bytes: Swift's strings take the two forms for one text.
    public struct Refiling {
        public private(set) var moved: [(seq: Int64, id: String, loop: String)] = []
        public private(set) var deleted: [Int64] = []
        public private(set) var forms: [String: [String]] = [:]

        /// SQLite's test that a text column holds a byte beyond ASCII, which finds a store's rows to
        /// plan for: its length in characters and in bytes differ. A scan of a million lines with it
        /// takes a tenth of the time GLOB's `*[^ -~]*`, tried at every position, took (4.8 s).
        public static func nonASCII(_ column: String) -> String {
            "length(\(column)) <> length(CAST(\(column) AS BLOB))"
        }

        /// The plan for `rows` (the events whose id or key holds a byte beyond ASCII); `holds` says
        /// whether the store holds an event of that id already.
        public init(_ rows: [(seq: Int64, id: String, loop: String)], holds: (String) throws -> Bool) rethrows {
            var filed = Set<String>()
            for row in rows {
                let (id, key) = (ComposedForm.of(row.id), ComposedForm.of(row.loop))
                let sameID = id.utf8.elementsEqual(row.id.utf8)
                guard !sameID || !key.utf8.elementsEqual(row.loop.utf8) else { continue }
                var written = forms[key] ?? [key]
                if !written.contains(where: { $0.utf8.elementsEqual(row.loop.utf8) }) { written.append(row.loop) }
                forms[key] = written
                if !sameID, try filed.contains(id) || holds(id) {
                    deleted.append(row.seq)
                } else {
                    moved.append((row.seq, id, key))
                    filed.insert(id)
                }
            }
        }
    }
}
