import Foundation

/// One line of a report about one loop: who it is, a short summary, details under it, and the facts
/// the JSON contract carries.
public struct ReportItem: Sendable, Equatable {
    /// The loop's key (the JSON contract's `loop`).
    public var loop: String
    /// The loop's number, 0 when the ledger has not assigned one.
    public var number: Int
    /// The loop's title.
    public var title: String
    /// What a person reads after the title.
    public var summary: String?
    /// Lines under the item: notes, commits.
    public var details: [String]
    /// The section's facts, beyond `loop`, `number` and `title`, for JSON.
    public var facts: [String: JSONValue]

    /// An item about a loop.
    public init(
        _ loop: Loop,
        summary: String? = nil,
        details: [String] = [],
        facts: [String: JSONValue] = [:]
    ) {
        self.loop = loop.key
        self.number = loop.number
        self.title = loop.title
        self.summary = summary
        self.details = details
        self.facts = facts
    }

    /// How a report names the loop: its key. Reports are read by other people, whose ledgers (and the
    /// team server) number loops differently; the key is the one name every ledger shares.
    public var reference: String { loop }

    /// The JSON object: `loop`, `number`, `title`, then the facts by name.
    public var json: JSONValue {
        var members = facts
        members["loop"] = .string(loop)
        members["number"] = .number(Double(number))
        members["title"] = .string(title)
        return .object(members)
    }

    /// The entry the text, Markdown and Slack renderers write.
    func entry(link: String? = nil) -> ReportDocument.Entry {
        ReportDocument.Entry(reference: reference, link: link, title: title, summary: summary, details: details)
    }
}

extension ReportItem {
    /// A loop that became its owner's commitment in a report's window (`start...end`), for its "New"
    /// section: when and how (opened, or handed over by whom), its state, stakes and due date. Nil
    /// when it came before the window. A loop handed over came when it was handed over, not when
    /// someone else opened it: that was their doing, not its new owner's. New to a project
    /// (`toProject`, a project update) is opened: a hand-off within it brings the project nothing.
    static func new(
        _ loop: Loop,
        from start: Date,
        to end: Date,
        calendar: WorkingCalendar,
        toProject: Bool = false
    ) -> ReportItem? {
        let handedOver =
            toProject ? nil : loop.delegatedBy.flatMap { from in loop.handedOffAt.map { (from: from, at: $0) } }
        // When it became its owner's (`ownedSince`: a hand-off, or an edit of its owner, such as the
        // take of a hand-off to a team); a loop stored before it was kept, by its hand-off.
        let given = toProject ? nil : loop.ownedSince.map { (from: loop.ownedFrom ?? "", at: $0) }
        let came = given?.at ?? handedOver?.at ?? loop.createdAt
        guard came >= start, came <= end else { return nil }
        // Owned by its hand-off: the same instant and the same giver. A hand-off to a team taken up in
        // its second is the take, from the team (it read as handed over by the delegator).
        let byHandOff = given.map { $0.at == handedOver?.at && $0.from == handedOver?.from } ?? true
        let how =
            if let given, !byHandOff {
                // Given by its owner, or taken by the new one (a hand-off to a team): whose it was.
                "from \(given.from) "
            } else {
                handedOver.map { "handed over by \($0.from) " } ?? "opened "
            }
        var parts = [how + ReportWords.day(calendar.day(of: came)), loop.state.rawValue]
        parts.append("\(loop.stakes.rawValue) stakes")
        // A loop already closed has no date to set.
        if let due = loop.due {
            parts.append("due " + ReportWords.due(due, calendar: calendar))
        } else if loop.state.isLive {
            parts.append("no due date yet")
        }
        var facts: [String: JSONValue] = [
            "created": ReportWords.json(loop.createdAt), "state": .string(loop.state.rawValue),
            "stakes": .string(loop.stakes.rawValue), "due": loop.due.map { .string($0.json) } ?? .null,
        ]
        // The hand-off that made it theirs only: one to a team someone took up by an edit was not to them.
        if let handedOver, byHandOff {
            facts["handedOverBy"] = .string(handedOver.from)
            facts["handedOverAt"] = ReportWords.json(handedOver.at)
        }
        if let given, !byHandOff {
            facts["ownedFrom"] = .string(given.from)
            facts["ownedSince"] = ReportWords.json(given.at)
        }
        return ReportItem(loop, summary: parts.joined(separator: ", "), facts: facts)
    }

    /// The instant an item's loop is due (its `due` fact) on a calendar's zone, for ordering by
    /// urgency: a date alone at its end, after any time that day; no due date last.
    static func deadline(_ item: ReportItem, zone: TimeZone) -> Double {
        item.facts["due"]?.stringValue.flatMap(Due.init(json:)).map { $0.deadline(in: zone).timeIntervalSince1970 }
            ?? .infinity
    }
}
