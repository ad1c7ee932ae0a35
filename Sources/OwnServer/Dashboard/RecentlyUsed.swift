/// A dictionary that holds at most `capacity` entries: adding one past it drops the entry read or
/// written least recently. The dashboard's caches use it so they hold a few teams, not every team
/// a server has.
struct RecentlyUsed<Key: Hashable, Value> {
    let capacity: Int
    private var entries: [Key: (value: Value, used: UInt64)] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a cache holds at least one entry")
        self.capacity = capacity
    }

    /// How many entries it holds.
    var count: Int { entries.count }

    /// The value under `key`, now the most recently used; nil when there is none.
    mutating func get(_ key: Key) -> Value? {
        guard let entry = entries[key] else { return nil }
        clock += 1
        entries[key] = (entry.value, clock)
        return entry.value
    }

    /// Takes the value under `key` out; nil when there is none. Changing a value taken out does not
    /// copy it, as changing one still held would.
    mutating func remove(_ key: Key) -> Value? {
        entries.removeValue(forKey: key)?.value
    }

    /// Sets the value under `key`, the most recently used; drops the least recently used entry
    /// when that makes one too many.
    mutating func set(_ key: Key, _ value: Value) {
        clock += 1
        entries[key] = (value, clock)
        if entries.count > capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used }) {
            entries[oldest.key] = nil
        }
    }
}
