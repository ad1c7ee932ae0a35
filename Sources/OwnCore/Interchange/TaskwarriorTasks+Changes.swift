public import Foundation

extension TaskwarriorTasks {
    /// The events of an export imported again: a task renamed, re-dated, re-prioritized or re-tagged in
    /// Taskwarrior since its loop was imported has a `created` event whose id the ledger holds with
    /// other content. That event is replaced by an `edited` event with what differs from the loop as
    /// it stands (its `created` and the edits since), dated when Taskwarrior last modified the task
    /// (`modified`, by key) and named after both (`tw-<uuid>-edited-<digest>`): importing the same
    /// export again adds nothing, a later change adds one more edit, and the latest wins. An export
    /// no newer than the loop as it stands (the `modified` its `created` recorded, or its last edit)
    /// adds nothing: an older export imported after a newer one would otherwise put the older
    /// values back. The stored `created` is given back in the replaced one's place, so it counts
    /// as already present. `stored` gives a ledger's events of a loop; every other event is kept as
    /// it is (one that changed stays a conflict).
    public static func reconciled(
        _ events: [Event],
        modified: [String: Date],
        stored: (_ key: String) throws -> [Event]
    ) rethrows -> [Event] {
        try events.flatMap { event -> [Event] in
            guard event.type == .created else { return [event] }
            let history = try stored(event.loop)
            guard let old = history.first(where: { $0.id == event.id }), old.by == event.by else { return [event] }
            let edits = history.filter({ $0.type == .edited }).sorted(by: Event.foldsBefore)
            // When the loop as it stands was last changed: by Taskwarrior before the import that made
            // it (the `modified` its created event recorded), or by an edit since.
            let recorded = old.string(modifiedField).flatMap { Timestamp.parse($0) } ?? old.at
            let asOf = max(recorded, edits.last?.at ?? old.at)
            if let incoming = modified[event.loop], incoming <= asOf { return [old] }
            var current = old.fields
            for edit in edits {
                for (name, value) in edit.fields { current[name] = value == .null ? nil : value }
            }
            var changed: [String: JSONValue] = [:]
            for (name, value) in event.fields where name != modifiedField && current[name] != value {
                changed[name] = value
            }
            for (name, value) in current where name != modifiedField && event.fields[name] == nil {
                if Loop.clearableFields.contains(name) {
                    changed[name] = .null
                } else if let list = value.arrayValue, !list.isEmpty {
                    changed[name] = .array([])
                }
            }
            // Nothing changed since: the created event itself, already present (or, written otherwise
            // than it was, nothing at all). A rename back to the first title is a change.
            guard !changed.isEmpty else { return [old] }
            let at = max(modified[event.loop] ?? old.at, old.at)
            let digest = fingerprint(JSONWriter.string(.object(event.fields)) + Timestamp.format(at))
            return [
                old,
                Event(
                    id: "\(event.loop)-edited-\(digest)",
                    loop: event.loop,
                    at: at,
                    by: event.by,
                    type: .edited,
                    fields: changed
                ),
            ]
        }
    }

    /// The member of a task's `created` event that records when Taskwarrior last modified the task
    /// before the import that made the loop.
    static let modifiedField = "modified"

    /// When Taskwarrior last modified each task of an export (`modified`), by loop key.
    public static func modifiedTimes(of tasks: [JSONValue]) -> [String: Date] {
        var times: [String: Date] = [:]
        for task in tasks {
            guard let fields = task.objectValue, let uuid = fields["uuid"]?.stringValue,
                let modified = fields["modified"]?.stringValue.flatMap(instant)
            else { continue }
            times["tw-" + uuid] = modified
        }
        return times
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
