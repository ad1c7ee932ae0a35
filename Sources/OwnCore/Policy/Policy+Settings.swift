import Foundation

/// Overriding the defaults from a policy file or the configuration's `[policy]` table.
extension Policy {
    /// Applies a table of settings, checking every key and value before changing anything, and records
    /// `source` as where each given value came from.
    ///
    /// Nested tables name keys by their path: `[policy.dark-after] high = 2` and
    /// `dark-after = { high = 2 }` both set `dark-after.high`. A key's TOML-style dotted form is
    /// accepted too, as is `_` for `-`.
    public mutating func apply(_ settings: [String: PolicyValue], source: String) throws(CoreError) {
        var updated = self
        // Each key once, however it is spelled: given twice (`wip-limit` and `wip_limit`), the one
        // sorted last won without a word.
        var given: [String: String] = [:]
        for (name, value) in try Self.flatten(settings, prefix: "").sorted(by: { $0.key < $1.key }) {
            let canonical = name.replacingOccurrences(of: "_", with: "-").lowercased()
            guard let key = PolicyKey.named(canonical) else {
                throw .invalidValue(field: "policy key", value: name, accepted: PolicyKey.all.map(\.name))
            }
            if let other = given.updateValue(name, forKey: key.name) {
                throw .invalidKey(key: name, reason: "\(key.name) is given twice (as \(other) and \(name)); keep one")
            }
            key.write(&updated, try key.parse(value))
            updated.sources[key.name] = source
        }
        self = updated
    }

    /// A policy from the defaults and one table of settings.
    public init(_ settings: [String: PolicyValue], source: String) throws(CoreError) {
        self.init()
        try apply(settings, source: source)
    }

    private static func flatten(
        _ table: [String: PolicyValue],
        prefix: String
    ) throws(CoreError) -> [String: PolicyValue] {
        var flat: [String: PolicyValue] = [:]
        for (name, value) in table {
            let path = prefix.isEmpty ? name : prefix + "." + name
            if case .table(let inner) = value {
                guard !inner.isEmpty else {
                    throw .invalidValue(field: "policy key", value: path, accepted: PolicyKey.all.map(\.name))
                }
                flat.merge(try flatten(inner, prefix: path)) { _, new in new }
            } else {
                flat[path] = value
            }
        }
        return flat
    }

    /// A number as people write it: `2`, `2.5`, `0.2`.
    public static func format(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        let rounded = (number * 100).rounded() / 100
        return "\(rounded)"
    }
}
