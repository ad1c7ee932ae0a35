extension String {
    /// Whether every byte of the text's UTF-8 satisfies `test`, read where the string keeps them:
    /// the UTF-8 view steps an index a byte, several times the cost, and the checks of a key, an id
    /// and a name run for every line of an import.
    func allBytes(_ test: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.allSatisfy(test) } ?? utf8.allSatisfy(test)
    }

    /// The first and last bytes of the text's UTF-8, read in place (`allBytes`); nil when it is empty.
    var endBytes: (first: UInt8, last: UInt8)? {
        let ends = utf8.withContiguousStorageIfAvailable { bytes -> (UInt8, UInt8)? in
            guard let first = bytes.first, let last = bytes.last else { return nil }
            return (first, last)
        }
        if let ends { return ends }
        guard let first = utf8.first, let last = utf8.last else { return nil }
        return (first, last)
    }
}
