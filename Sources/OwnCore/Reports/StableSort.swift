extension Array {
    /// The elements ordered by a key worked out once for each, ties kept in their order. Report
    /// items are large values: sorting their indices moves integers, not strings and dictionaries.
    func stablySorted<Key: Comparable>(by key: (Element) -> Key) -> [Element] {
        let keys = map(key)
        return indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map { self[$0] }
    }
}
