import Foundation
public import OwnCore

extension LoopQuery {
    /// Whether a loop meets every condition of the query, the same conditions `LoopQuerySQL` gives
    /// SQLite: for loops folded in memory, as for a read as of an instant.
    public func matches(_ loop: Loop) -> Bool {
        if let owners, !owners.contains(loop.owner) { return false }
        if let states, !states.contains(loop.state) { return false }
        if let kinds, !kinds.contains(loop.kind) { return false }
        if let stakes, !stakes.contains(loop.stakes) { return false }
        if let dueBefore {
            guard let due = loop.due, due.deadline(in: dueZone) <= dueBefore else { return false }
        }
        if let changedSince, loop.lastEventAt < changedSince { return false }
        if let doneSince {
            guard let doneAt = loop.doneAt, doneAt >= doneSince else { return false }
        }
        if let settled, loop.isSettled != settled { return false }
        if let projects {
            // Composed, as the fold keeps projects (and `LoopQuerySQL` reads them): compared byte for byte.
            guard let project = loop.project,
                projects.contains(where: { Self.isWithin(project, ComposedForm.of($0)) })
            else {
                return false
            }
        }
        if let tags, !tags.allSatisfy(loop.tags.contains) { return false }
        if let withoutTags, loop.tags.contains(where: withoutTags.contains) { return false }
        if let affects, !loop.affects.contains(affects) { return false }
        if lacking.contains(.project), loop.project != nil { return false }
        if lacking.contains(.tags), !loop.tags.isEmpty { return false }
        if lacking.contains(.affects), !loop.affects.isEmpty { return false }
        if let delegatedBy, loop.delegatedBy != delegatedBy { return false }
        if handedOff, loop.delegatedBy == nil { return false }
        if let text, !Self.mentions(loop, text) { return false }
        return true
    }

    /// Whether the query has conditions a store's columns do not hold (text, projects, tags,
    /// affects, fields a loop is without, who handed it off): a store whose SQL does not apply them keeps the rows `matches`
    /// keeps.
    public var looksInsideLoops: Bool {
        text != nil || projects != nil || tags != nil || withoutTags != nil || affects != nil || delegatedBy != nil
            || handedOff || !lacking.isEmpty || (dueBefore != nil && dueZone != .gmt)
    }

    /// Whether the ledger's SQL only narrows the query (a text searched for; a due day read in a zone
    /// other than UTC), so the loops it reads go through `matches` too.
    public var sqlOnlyNarrows: Bool {
        text != nil || (dueBefore != nil && dueZone != .gmt)
    }

    /// The bound on the stored `due` column (a due day's deadline in UTC) that keeps every loop due by
    /// `dueBefore` in `dueZone`: a day ends up to 14 hours before its UTC midnight in a zone east of
    /// UTC, so SQL only narrows and `matches` decides (`looksInsideLoops`).
    public var storedDueBound: Double? {
        dueBefore.map { $0.timeIntervalSince1970 + (dueZone == .gmt ? 0 : 14 * 3600) }
    }

    /// Whether `project` is the project `name` or one of its sub-projects, which a dot separates as
    /// Taskwarrior writes them: web takes in web and web.auth, not website. Byte for byte, as SQLite
    /// compares them (`LoopQuerySQL`).
    public static func isWithin(_ project: String, _ name: String) -> Bool {
        let (project, name) = (project.utf8, name.utf8)
        return project.starts(with: name)
            && (project.count == name.count || project.dropFirst(name.count).first == UInt8(ascii: "."))
    }

    /// Whether the loop's words contain the text, ignoring case: its title, done-when and notes, and
    /// the words it keeps of its changes to plan (`own risk`, `scope`, `due`), its block and its drop.
    static func mentions(_ loop: Loop, _ text: String) -> Bool {
        func has(_ field: String?) -> Bool {
            field.map { $0.range(of: text, options: .caseInsensitive) != nil } ?? false
        }
        return has(loop.title) || has(loop.doneWhen) || loop.notes.contains(where: has)
            || loop.changes.contains { has($0.note) } || has(loop.blockReason) || has(loop.closeReason)
    }
}
