/// A loop named by the start of its key (`own approve i0of` for `i0ofq2v8xk`): at least
/// `minimumLength` characters, naming one loop only. Pure, so every store resolves prefixes alike:
/// the store finds the keys that start with the prefix, this decides what they mean.
public enum KeyPrefix {
    /// The fewest characters that name a loop by the start of its key.
    public static let minimumLength = 4

    /// What a message that found no loop adds for a reference too short to be a key's start (and no
    /// number): ` (a key's start names a loop from 4 characters)`, else nothing.
    public static func tooShort(_ reference: String) -> String {
        reference.count < minimumLength && !reference.allSatisfy({ $0.isNumber || $0 == "#" })
            ? " (a key's start names a loop from \(minimumLength) characters)" : ""
    }

    /// How many keys a store needs to fetch to resolve a prefix and list the candidates of an ambiguous
    /// one: the candidates an error names, and one more to tell whether there are others.
    public static let candidatesFetched = 6

    /// The one key `reference` names among `keys` (those the store found starting with it, in key
    /// order): the reference itself when it is a whole key; else the only key it starts, if it is
    /// long enough; nil when it names none. Throws when it starts several keys, naming them.
    public static func resolve(_ reference: String, among keys: [String]) throws(CoreError) -> String? {
        if keys.contains(reference) { return reference }
        guard reference.count >= minimumLength else { return nil }
        let matching = keys.filter { $0.hasPrefix(reference) }
        guard matching.count > 1 else { return matching.first }
        throw .ambiguousKey(prefix: reference, keys: matching)
    }
}
