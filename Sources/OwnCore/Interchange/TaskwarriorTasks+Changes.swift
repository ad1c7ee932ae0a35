public import Foundation

extension TaskwarriorTasks {
    /// The events of an export imported again: a task renamed, re-dated, re-prioritized or re-tagged in
    /// Taskwarrior since its loop was imported has a `created` event whose id the ledger holds with
    /// other content. That event is replaced by an `edited` event of what Taskwarrior changed: the
    /// fields that differ from the task as Taskwarrior last gave it (its `created` and the edits
    /// earlier imports made, `tw-<uuid>-edited-…`), so what was set or changed with own's commands
    /// (a done-when, a due date, stakes) stays unless Taskwarrior changed that field too. The edit is
    /// dated when Taskwarrior last modified the task (`modified`, by key) and named after both
    /// (`tw-<uuid>-edited-<digest>`): importing the same export again adds nothing, a later change
    /// adds one more edit, and the latest wins. An export no newer than the task as last imported
    /// (the `modified` its `created` recorded, or its last edit from Taskwarrior) adds nothing: an
    /// older export imported after a newer one would otherwise put the older values back. The stored
    /// `created` is given back in the replaced one's place, so it counts as already present; so is
    /// any stored event the export makes again as someone else (another person importing the same
    /// export). A start Taskwarrior gives at another time (stopped and started) keeps the first; a
    /// done or drop at another time (done again after being taken back) and an annotation matched by
    /// neither place nor time and text are one more event, named after what they say. A start or end
    /// the ledger holds from an earlier import that the export no longer has
    /// is refused (`CoreError.invalidEvent`) while the loop still stands on it (active, done or
    /// dropped): own keeps history, and once own's commands have moved the loop on (`own reopen`,
    /// `own block`) the export is taken. An annotation no longer there stays a note, said in
    /// `notes`. `stored` gives a ledger's events of a loop; every other event is kept as it is (one
    /// that changed stays a conflict).
    public static func reconciled(
        _ events: [Event],
        modified: [String: Date],
        notes: inout [String],
        stored: (_ key: String) throws -> [Event]
    ) throws -> [Event] {
        var histories: [String: [Event]] = [:]
        func history(_ key: String) throws -> [Event] {
            if let known = histories[key] { return known }
            let events = try stored(key)
            histories[key] = events
            return events
        }
        // What an event says: not who imported it, nor when Taskwarrior last modified the task.
        func said(_ event: Event) -> Event {
            var said = event
            said.by = ""
            said.fields[modifiedField] = nil
            return said
        }
        // Each event of the export as the ledger may hold it already: by its id, an annotation by its
        // time and text (one removed before it in Taskwarrior moves it to another place), a done or a
        // drop again by what it says.
        func held(_ event: Event) throws -> Event? {
            let history = try history(event.loop)
            if let old = history.first(where: { $0.id == event.id }) {
                if said(event) == said(old) || event.type == .created { return old }
            }
            switch event.type {
            case .noted:
                return history.first { $0.type == .noted && $0.at == event.at && $0.fields == event.fields }
            case .done, .dropped:
                // Done (or deleted) again, as imported before, whoever imported it: by what it says
                // (its id, from an older `own`, was named after its importer too).
                var says = said(event)
                return history.first { stored in
                    says.id = stored.id
                    return stored.id.hasPrefix(event.id + "-") && said(stored) == says
                }
            default:
                return nil
            }
        }
        // Done again, or an annotation at another place: one more event, named after what it says.
        func again(_ event: Event) -> String { event.id + "-" + Fingerprint.of(said(event).jsonLine) }
        var incoming: Set<String> = []
        for event in events {
            let same = try held(event)
            if let same { incoming.insert(same.id) }
            // An annotation at a place that held another one: that other one is no longer there. A
            // start or an end stands at its place (done again, the first completion is history still).
            if try event.type != .noted || (same == nil && !history(event.loop).contains { $0.id == event.id }) {
                incoming.insert(event.id)
            }
            if [.done, .dropped, .noted].contains(event.type) { incoming.insert(again(event)) }
        }
        // When the task as imported was last changed in Taskwarrior: before the import that made the
        // loop (the `modified` its created event recorded), by an edit from a later import, or by a
        // start, end or annotation an import brought (ids after the task's key, not own's own events),
        // which was in Taskwarrior by then (a drop knows when the task was deleted).
        func importedAsOf(_ key: String) throws -> Date? {
            let history = try history(key)
            guard let created = history.first(where: { $0.id == key + "-created" }) else { return nil }
            func modifiedAt(_ event: Event) -> Date {
                event.string(modifiedField).flatMap { Timestamp.parse($0) } ?? event.at
            }
            // (An edit records the `modified` it came from: one before the task's entry, from a clock
            // set back, is later than the one before it all the same.)
            let lastEdit = history.filter { $0.type == .edited && $0.id.hasPrefix(key + "-edited-") }
                .sorted(by: Event.foldsBefore).last.map(modifiedAt)
            let brought = history.lazy.filter {
                $0.id.hasPrefix(key + "-") && $0.type != .created && $0.type != .edited
            }.map(modifiedAt).max()
            let recorded = modifiedAt(created)
            return max(recorded, lastEdit ?? recorded, brought ?? recorded)
        }
        // An export older than the task as imported changes nothing, and is no removal of the start,
        // end or notes a newer one brought. One of the same second may be the newer (a change made in
        // the second of the import before): its values are compared.
        func isOlder(_ key: String) throws -> Bool {
            guard let incoming = modified[key], let asOf = try importedAsOf(key) else { return false }
            return incoming < asOf
        }
        // Ended as dropped in this export: a completion no longer in it is no removal to refuse. Ended
        // at all: nor is a start (Taskwarrior takes a task's start away when it completes it).
        let dropped = Set(events.filter { $0.type == .dropped }.map(\.loop))
        let ended = dropped.union(events.filter { $0.type == .done }.map(\.loop))
        return try events.flatMap { event -> [Event] in
            let history = try history(event.loop)
            // Its start, end or notes too (an older export of a task deleted since has its completion).
            if event.type != .created, try isOlder(event.loop) { return try held(event).map { [$0] } ?? [] }
            guard let old = history.first(where: { $0.id == event.id }) else { return [event] }
            guard event.type == .created else {
                if let same = try held(event) { return [same] }
                switch event.type {
                case .started:
                    // Stopped and started again in Taskwarrior: the loop's first start stands.
                    return [old]
                case .done, .dropped, .noted:
                    // Done again after being taken back, or an annotation at another place: one more
                    // event, named after what it says (importing the same export again adds nothing).
                    var renamed = event
                    renamed.id = again(event)
                    return [history.first { $0.id == renamed.id } ?? renamed]
                default:
                    return [event]
                }
            }
            let edits = history.filter { $0.type == .edited && $0.id.hasPrefix(event.loop + "-edited-") }
                .sorted(by: Event.foldsBefore)
            if try isOlder(event.loop) { return [old] }
            notes += try refuseRemoved(
                from: history,
                incoming: incoming,
                key: event.loop,
                dropped: dropped,
                ended: ended
            )
            var previous = old.fields
            for edit in edits {
                for (name, value) in edit.fields { previous[name] = value == .null ? nil : value }
            }
            var changed: EventFields = [:]
            for (name, value) in event.fields where name != modifiedField && previous[name] != value {
                changed[name] = value
            }
            for (name, value) in previous where name != modifiedField && event.fields[name] == nil {
                if Loop.clearableFields.contains(name) {
                    changed[name] = .null
                } else if let list = value.arrayValue, !list.isEmpty {
                    changed[name] = .array([])
                }
            }
            // A lower priority is no approval: an import's edit does not lower the stakes of a loop
            // awaiting approval, whoever imports (its owner's edit may not, as `own edit` refuses it;
            // anyone else's would approve the loop, which a Taskwarrior priority never means, and a
            // team server refuses the whole edit from someone other than a lead). Left out, and said;
            // imported again once the loop is approved, it is taken.
            let loop = Loop.fold(history)
            if let wanted = changed["stakes"]?.stringValue, let loop, loop.editApproves(changed) {
                changed["stakes"] = nil
                // An ended loop is approved by no one: a lead other than its owner changes its stakes.
                notes.append(
                    "task \(event.loop.dropFirst("tw-".count)): its new priority (\(wanted) stakes) was not taken: "
                        + (loop.state.isLive
                            ? "the loop awaits approval at \(loop.stakes.rawValue) stakes, and an import does not "
                                + "lower them; once someone approves it (`own approve \(loop.key)`), import the "
                                + "export again"
                            : "the loop ended never approved at \(loop.stakes.rawValue) stakes, and an import does "
                                + "not lower them; a lead can, with `own edit \(loop.key) --stakes \(wanted)`")
                )
            }
            // Nothing changed since: the created event itself, already present (or, written otherwise
            // than it was, nothing at all). A rename back to the first title is a change.
            guard !changed.isEmpty else { return [old] }
            if let incoming = modified[event.loop] { changed[modifiedField] = .string(Timestamp.format(incoming)) }
            var at = max(modified[event.loop] ?? old.at, old.at)
            // Stakes left out before the loop was approved are taken after it: dated before the approval,
            // the edit would fold while the loop still waited, and be left out again. At its instant, the
            // edit folds after it (`Event.foldsBefore`: by id, and `tw-` sorts after own's and the server's).
            if changed["stakes"] != nil, let approvedAt = loop?.approvedAt, at < approvedAt { at = approvedAt }
            // Named after what it changes too: the same export imported again once a priority left out
            // can be taken makes another edit.
            let digest = Fingerprint.of(
                JSONWriter.string(.object(event.fields.dictionary)) + Timestamp.format(at)
                    + JSONWriter.string(.object(changed.dictionary))
            )
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

    /// Refuses an export that no longer has a start or end an earlier import recorded, while the loop
    /// stands on it and the export does not end it (`dropped`, `ended`: the loops it drops, and those it
    /// drops or completes); returns what to say of annotations no longer there.
    private static func refuseRemoved(
        from history: [Event],
        incoming: Set<String>,
        key: String,
        dropped: Set<String>,
        ended: Set<String>
    ) throws(CoreError) -> [String] {
        let state = Loop.fold(history)?.state
        var notes: [String] = []
        for event in history where event.id.hasPrefix(key + "-") && !incoming.contains(event.id) {
            let what: String
            let instead: String
            switch event.type {
            case .started where state == .active && !ended.contains(key):
                what = "its start was"
                instead = "`own block \(TextEscaping.shellWord(key)) REASON` says why work stopped"
            case .done where state == .done && !dropped.contains(key), .dropped where state == .dropped:
                what = event.type == .done ? "its completion was" : "its deletion was"
                instead = "`own reopen \(TextEscaping.shellWord(key)) REASON` takes the loop back"
            case .noted:
                notes.append(
                    "task \(key.dropFirst("tw-".count)): annotation \(event.id.dropFirst(key.count + "-note-".count)) "
                        + "is no longer in Taskwarrior; own keeps it as a note"
                )
                continue
            default: continue
            }
            throw .invalidEvent(
                "task \(key.dropFirst("tw-".count)): \(what) removed in Taskwarrior since it was imported "
                    + "(event \(event.id)); own keeps history, so record the change with own's commands (\(instead)), "
                    + "then import again"
            )
        }
        return notes
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
}
