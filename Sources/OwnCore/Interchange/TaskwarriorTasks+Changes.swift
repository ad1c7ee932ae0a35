extension TaskwarriorTasks {
    /// The events of an export imported again: a task renamed, re-dated, re-prioritized or re-tagged in
    /// Taskwarrior since its loop was imported has a `created` event whose id the ledger holds with
    /// other content. That event is replaced by an `edited` event with what changed, dated as the loop's
    /// creation and named after its content (`tw-<uuid>-edited-<digest>`), so importing the same export
    /// again adds nothing, and a later change adds one more edit. `stored` finds a ledger's event by id
    /// in a loop; every other event is kept as it is (one that changed stays a conflict).
    public static func reconciled(
        _ events: [Event],
        stored: (_ id: String, _ key: String) throws -> Event?
    )
        rethrows -> [Event]
    {
        try events.map { event in
            guard event.type == .created, let old = try stored(event.id, event.loop), old.by == event.by,
                old.jsonLine != event.jsonLine
            else { return event }
            var changed: [String: JSONValue] = [:]
            for (name, value) in event.fields where old.fields[name] != value { changed[name] = value }
            for (name, value) in old.fields where event.fields[name] == nil {
                if Loop.clearableFields.contains(name) {
                    changed[name] = .null
                } else if value.arrayValue != nil {
                    changed[name] = .array([])
                }
            }
            guard !changed.isEmpty else { return event }
            let digest = fingerprint(JSONWriter.string(.object(event.fields)))
            return Event(
                id: "\(event.loop)-edited-\(digest)",
                loop: event.loop,
                at: old.at,
                by: event.by,
                type: .edited,
                fields: changed
            )
        }
    }

    /// FNV-1a over the text's UTF-8, as 16 hex digits: the same on every machine and run (Swift's
    /// `Hasher` is seeded per process).
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
