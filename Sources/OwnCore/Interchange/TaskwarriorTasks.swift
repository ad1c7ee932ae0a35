public import Foundation

/// Turns Taskwarrior 2.6 `task export` output into events, one loop per task.
///
/// Mapping: `uuid` → loop key `tw-<uuid>`; `description` → title; `entry` → created (or the task's start
/// or end, when earlier: `task log … end:` records past work); `start` → started;
/// `annotations` → notes; `end` with `completed` → done, with `deleted` → dropped; `due` → due;
/// `priority` H/M/L → stakes high/medium/low (none → routine); a tag naming a kind (`+bug`, `+docs`)
/// → kind; `project`, `tags`, `depends` (as loop keys), `wait`, `scheduled`, `until` and `modified` are kept as
/// extra fields on the created event. A recurring template (`status: recurring`) is not a loop: its
/// instances are. Event ids derive from the task's uuid, so importing the same export again adds nothing.
public enum TaskwarriorTasks {
    /// The events for every task in an export (a JSON array, or one object per line).
    public static func events(fromExport text: String, by person: String) throws(CoreError) -> [Event] {
        try events(for: try tasks(fromExport: text), by: person)
    }

    /// The tasks of an export (a JSON array, or one object per line), read once for both the events
    /// and the times each task was last modified (`modifiedTimes`).
    public static func tasks(fromExport text: String) throws(CoreError) -> [JSONValue] {
        let trimmed = text.trimming(.spacesAndNewlines)
        if trimmed.hasPrefix("[") {
            do {
                return try JSONParser.parse(trimmed).arrayValue ?? []
            } catch {
                throw .invalidEvent(
                    "not a Taskwarrior export: \(error.reason) (\(place(error.offset, of: trimmed, in: text)))"
                )
            }
        }
        var tasks: [JSONValue] = []
        // At "\n" and "\r\n", which is one character, that a split at "\n" never found (a U+2028 in a
        // description is no line end).
        let lines = trimmed.split { $0 == "\n" || $0 == "\r\n" }
        for (index, line) in lines.enumerated() where !line.isEmpty {
            // With `json.array=off` Taskwarrior ends every task but the last with a comma.
            var line = line.trimming(.spacesAndNewlines)
            if line.hasSuffix(",") { line.removeLast() }
            do {
                tasks.append(try JSONParser.parse(line))
            } catch {
                throw .invalidEvent("the file's task \(index + 1) is not JSON: \(error.reason)")
            }
        }
        return tasks
    }

    /// The events for every task of an export (`tasks(fromExport:)`).
    public static func events(for tasks: [JSONValue], by person: String) throws(CoreError) -> [Event] {
        var events: [Event] = []
        // One task per uuid: two exports run together hold some twice, which read as a task changed
        // since an import in a way own cannot take.
        var seen: [String: Int] = [:]
        for (index, task) in tasks.enumerated() {
            let uuid = task.objectValue?["uuid"]?.stringValue?.trimming(.spacesAndNewlines)
            if let uuid {
                if let first = seen[uuid] {
                    throw .invalidEvent(
                        "uuid \(uuid) is given twice (the file's tasks \(first) and \(index + 1)); give each task once"
                    )
                }
                seen[uuid] = index + 1
            }
            do throws(CoreError) {
                events += try self.events(for: task, by: person)
            } catch {
                // Named by its uuid, as the other messages name a task: Taskwarrior's `task 2` is the
                // task whose id is 2, not the file's second.
                let name = uuid.map { "task \($0)" } ?? "the file's task \(index + 1) (it has no uuid)"
                throw .invalidEvent("\(name): \(error)")
            }
        }
        return events
    }

    /// What an import of these tasks leaves behind, said so a migration loses nothing unawares: the
    /// members no loop keeps (user-defined attributes, UDAs) and the priorities read as routine.
    public static func unmapped(in tasks: [JSONValue]) -> [String] {
        var members: Set<String> = []
        var priorities: Set<String> = []
        var mistyped: Set<String> = []
        for fields in tasks.compactMap(\.objectValue) {
            members.formUnion(fields.keys.filter { !mappedMembers.contains($0) })
            for (member, isTaskwarriors) in typedMembers {
                if let value = fields[member], value != .null, !isTaskwarriors(value) { mistyped.insert(member) }
            }
            if let priority = fields["priority"]?.stringValue?.trimming(.spaces), !["H", "M", "L"].contains(priority) {
                priorities.insert(priority)
            }
        }
        var notes: [String] = []
        if !members.isEmpty {
            notes.append(
                "not imported, as no loop keeps them: \(members.sorted().joined(separator: ", ")) "
                    + "(Taskwarrior's user-defined attributes)"
            )
        }
        if !mistyped.isEmpty {
            notes.append(
                "not imported, as their values are not what Taskwarrior writes: "
                    + mistyped.sorted().joined(separator: ", ")
                    + " (a text for priority and project, a list of texts for tags, uuids for depends, "
                    + "entries with a description for annotations)"
            )
        }
        // Recurring templates are no loop (`isTemplate`): only the tasks imported count.
        let later = tasks.compactMap(\.objectValue).filter { isLater($0["due"]) && !isTemplate($0) }.count
        if later > 0 {
            notes.append(
                "\(later == 1 ? "1 task is" : "\(later) tasks are") due later or someday (9999-12-30) in Taskwarrior: "
                    + "imported with no due date"
            )
        }
        if !priorities.isEmpty {
            notes.append(
                "priority \(priorities.sorted().joined(separator: ", ")) read as routine stakes (own reads H, M and L)"
            )
        }
        return notes
    }

    /// The members an import reads, with the shape Taskwarrior writes them in: one of another shape is
    /// left out of the loop, and said (`unmapped`), where it was left out without a word.
    static let typedMembers: [(String, @Sendable (JSONValue) -> Bool)] = [
        ("priority", { $0.stringValue != nil }),
        ("project", { $0.stringValue != nil }),
        ("tags", { $0.arrayValue?.allSatisfy { $0.stringValue != nil } == true }),
        ("depends", { $0.stringValue != nil || $0.arrayValue?.allSatisfy { $0.stringValue != nil } == true }),
        (
            "annotations",
            { $0.arrayValue?.allSatisfy { $0.objectValue?["description"]?.stringValue != nil } == true }
        ),
    ]

    /// The members of a task an import reads, or Taskwarrior computes (`id`, `urgency`, the
    /// recurrence's bookkeeping).
    static let mappedMembers: Set<String> = [
        "uuid", "description", "entry", "start", "end", "status", "due", "priority", "project", "tags", "depends",
        "wait", "scheduled", "until", "modified", "annotations", "recur", "parent", "mask", "imask", "rtype",
        "urgency", "id",
    ]

    /// Whether a task is the template of a recurring task, which only makes instances: no loop.
    static func isTemplate(_ fields: [String: JSONValue]) -> Bool {
        fields["status"]?.stringValue == "recurring" || (fields["recur"] != nil && fields["parent"] == nil)
    }

    /// Whether a task's date is Taskwarrior's `later` or `someday`: 9999-12-30 at midnight in the zone
    /// it was given in, so any instant of the year 9999.
    static func isLater(_ value: JSONValue?) -> Bool {
        guard let instant = value?.stringValue.flatMap(instant) else { return false }
        return instant >= Date(timeIntervalSince1970: 253_370_764_800)  // 9999-01-01T00:00:00Z
    }

    /// Reads Taskwarrior's compact instants: `20261129T141551Z`.
    public static func instant(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else {
            return Timestamp.parse(text)
        }
        let iso =
            String(decoding: bytes[0..<4], as: UTF8.self) + "-" + String(decoding: bytes[4..<6], as: UTF8.self) + "-"
            + String(decoding: bytes[6..<8], as: UTF8.self) + "T" + String(decoding: bytes[9..<11], as: UTF8.self) + ":"
            + String(decoding: bytes[11..<13], as: UTF8.self) + ":" + String(decoding: bytes[13..<15], as: UTF8.self)
            + "Z"
        return Timestamp.parse(iso)
    }

    private static func events(for task: JSONValue, by person: String) throws(CoreError) -> [Event] {
        guard let fields = task.objectValue else { throw .invalidEvent("a task must be a JSON object") }
        // Blanks around a uuid, a tag or a project are no part of them: a padded uuid made a second loop
        // of the same task, and a padded tag one no `own list --tag` found.
        guard let uuid = fields["uuid"]?.stringValue?.trimming(.spacesAndNewlines), !uuid.isEmpty else {
            // An `own export` read as Taskwarrior's: its events have a loop and a type, and no uuid.
            if fields["loop"] != nil, fields["type"] != nil {
                throw .invalidEvent(
                    "a task needs a uuid; this is an own event: import the file without --from taskwarrior"
                )
            }
            throw .invalidEvent("a task needs a uuid")
        }
        // The template of a recurring task only makes instances; each instance is a task of its own
        // (with a `parent`). A template deleted to end the recurrence is still no loop.
        if isTemplate(fields) {
            return []
        }
        guard let description = fields["description"]?.stringValue, !TextEscaping.isBlank(description) else {
            throw .invalidEvent("a task needs a description")
        }
        // `checked`: a date own dates an event or a loop by, which a ledger keeps from 1970 to 3999.
        // `wait`, `scheduled` and `until` are only kept: Taskwarrior's `someday` (9999-12-30) is taken.
        func time(_ name: String, checked: Bool = true) throws(CoreError) -> Date? {
            guard let value = fields[name] else { return nil }
            guard let text = value.stringValue, let instant = instant(text) else {
                throw .invalidEvent("\"\(name)\" is not a Taskwarrior date like 20261129T141551Z")
            }
            // Said in the task's words: refused later, it read as own's format, not this value.
            guard !checked || Timestamp.years.contains(instant) else {
                throw .invalidEvent(
                    "\"\(name)\" \(text) is outside the years 1970 to 3999, which own keeps; change it in Taskwarrior"
                )
            }
            return instant
        }
        guard let entry = try time("entry") else { throw .invalidEvent("a task needs an entry date") }
        let key = "tw-" + uuid
        var created: EventFields = ["title": .string(description)]
        switch fields["priority"]?.stringValue?.trimming(.spaces) {
        case "H": created["stakes"] = .string(Stakes.high.rawValue)
        case "M": created["stakes"] = .string(Stakes.medium.rawValue)
        case "L": created["stakes"] = .string(Stakes.low.rawValue)
        default: created["stakes"] = .string(Stakes.routine.rawValue)
        }
        // A blank tag names nothing (`own list --tag ""` is refused): left out; a tag given twice is kept once.
        var tags: [String] = []
        for tag in fields["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
            let tag = tag.trimming(.spacesAndNewlines)
            if !TextEscaping.isBlank(tag), !tags.contains(tag) { tags.append(tag) }
        }
        created["kind"] = .string((tags.lazy.compactMap { Kind(rawValue: $0.lowercased()) }.first ?? .other).rawValue)
        // Taskwarrior's `due:later` (and `someday`) is 9999-12-30: no due date yet (said by `unmapped`).
        if let due = try time("due", checked: !isLater(fields["due"])) {
            if !isLater(fields["due"]) { created["due"] = .string(Timestamp.format(due)) }
        }
        for name in ["wait", "scheduled", "until"] {
            if let instant = try time(name, checked: false) { created[name] = .string(Timestamp.format(instant)) }
        }
        if let project = fields["project"]?.stringValue?.trimming(.spacesAndNewlines), !project.isEmpty {
            created["project"] = .string(project)
        }
        if !tags.isEmpty { created["tags"] = .array(tags.map(JSONValue.string)) }
        let depends: [String] =
            if let list = fields["depends"]?.arrayValue {
                list.compactMap { $0.stringValue?.trimming(.spacesAndNewlines) }
            } else {
                fields["depends"]?.stringValue?.split(separator: ",").map { $0.trimming(.spacesAndNewlines) } ?? []
            }
        if !depends.isEmpty { created["dependsOn"] = .array(depends.map { .string("tw-" + $0) }) }
        let modified = try time("modified")
        // What the loop's values are as of: an older export imported later changes nothing (`reconciled`).
        if let modified { created[modifiedField] = .string(Timestamp.format(modified)) }
        var events = [Event(id: key + "-created", loop: key, at: entry, by: person, type: .created, fields: created)]
        if let start = try time("start") {
            events.append(Event(id: key + "-started", loop: key, at: start, by: person, type: .started))
        }
        for (index, annotation) in (fields["annotations"]?.arrayValue ?? []).enumerated() {
            guard let note = annotation.objectValue?["description"]?.stringValue,
                let text = annotation.objectValue?["entry"]?.stringValue, let at = instant(text)
            else { throw .invalidEvent("annotation \(index + 1) needs an entry date and a description") }
            // A blank annotation says nothing: a blank note is refused everywhere else.
            if TextEscaping.isBlank(note) { continue }
            events.append(
                Event(
                    id: key + "-note-\(index + 1)",
                    loop: key,
                    at: at,
                    by: person,
                    type: .noted,
                    fields: ["note": .string(note)]
                )
            )
        }
        let ended = try time("end")
        let end = ended ?? modified ?? entry
        switch fields["status"]?.stringValue {
        case "completed":
            events.append(Event(id: key + "-done", loop: key, at: end, by: person, type: .done))
        case "deleted":
            var fields: EventFields = ["reason": .string("deleted in Taskwarrior")]
            // A completed task deleted keeps its completion's end, so the drop is dated then: when it
            // was deleted is its `modified`, kept for an older export imported later (`reconciled`).
            if let modified, modified > end { fields[modifiedField] = .string(Timestamp.format(modified)) }
            events.append(Event(id: key + "-dropped", loop: key, at: end, by: person, type: .dropped, fields: fields))
        case "pending", "waiting", nil: break
        case let other?: throw .invalidEvent("unknown status \"\(other)\"")
        }
        // A start or end dated before the task's entry (`task log … end:` records past work, `modify
        // start:` backdates one) was the task's already: created no later than its first date.
        // (An annotation is added to a task that exists: one dated before its entry is refused.)
        if let first = events.filter({ $0.type != .noted }).map(\.at).min(), first < entry { events[0].at = first }
        return events.sorted { $0.at < $1.at }
    }
}

/// Where byte `offset` of `part` (`text` trimmed) lies in `text`, as an editor says it: "line 3,
/// column 14" (a column counts characters). A Taskwarrior export is one array over many lines.
private func place(_ offset: Int, of part: String, in text: String) -> String {
    let start = text.range(of: part)?.lowerBound ?? text.startIndex
    let utf8 = text.utf8
    let end = utf8.index(start, offsetBy: offset, limitedBy: utf8.endIndex) ?? utf8.endIndex
    let before = text[..<end]
    let line = before.reduce(1) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 }
    let column = before.reversed().prefix { $0 != "\n" && $0 != "\r\n" }.count + 1
    return "line \(line), column \(column)"
}
