extension LoopReference {
    /// The fewest characters of a key that name a loop by prefix.
    public static let minimumPrefixLength = 4

    /// The key a reference names as a prefix, from the keys that start with it: nil when it is shorter
    /// than `minimumPrefixLength` or starts no key, the key when it starts exactly one. It is only
    /// asked once no loop has the reference as its whole key (an exact key always wins), and two
    /// matching keys are enough to tell, so a store reads at most two.
    ///
    /// Every path that names a loop (the CLI's ledger, the team server) decides through this one rule.
    public static func key(byPrefix reference: String, among keys: [String]) throws(CoreError) -> String? {
        guard reference.count >= minimumPrefixLength else { return nil }
        let matching = keys.filter { $0.hasPrefix(reference) }
        guard let first = matching.first else { return nil }
        guard matching.count == 1 else { throw .ambiguousLoop(prefix: reference) }
        return first
    }
}
