public import Foundation

/// An explicit "not mine": work someone was asked to take on and said no to, with the reason and who
/// was told. Recorded as a `declined` event under the reserved key `@declined`, which is no loop.
public struct Decline: Sendable, Equatable {
    /// The event's id.
    public var id: String
    /// What was declined.
    public var title: String
    /// Who declined it.
    public var person: String
    /// When.
    public var at: Date
    /// Why.
    public var reason: String?
    /// Who was told.
    public var told: [String]

    /// The ledger key under which declines are recorded; the ledger keeps no loop for it.
    public static let ledgerKey = "@declined"

    /// A decline from its parts.
    public init(id: String, title: String, person: String, at: Date, reason: String?, told: [String]) {
        self.id = id
        self.title = title
        self.person = person
        self.at = at
        self.reason = reason
        self.told = told
    }

    /// The `declined` event that records it.
    public var event: Event {
        var fields: EventFields = ["title": .string(title), "person": .string(person)]
        if let reason { fields["reason"] = .string(reason) }
        if !told.isEmpty { fields["told"] = .array(told.map(JSONValue.string)) }
        return Event(id: id, loop: Self.ledgerKey, at: at, by: person, type: .declined, fields: fields)
    }

    /// The declines among some events, in the order given.
    public static func all(in events: some Sequence<Event>) -> [Decline] {
        // A decline taken back (`own undo`) never happened.
        Event.withoutRetracted(events).compactMap { event in
            guard event.type == .declined, let title = event.string("title") else { return nil }
            return Decline(
                id: event.id,
                title: title,
                person: event.string("person") ?? event.by,
                at: event.at,
                reason: event.string("reason"),
                told: event.strings("told")
            )
        }
    }

    /// Its JSON object, with the `declined` event's fields: `own decline --list --json`, and the
    /// weekly's `notTakingOn`.
    public var json: JSONValue {
        .object([
            "id": .string(id), "title": .string(title), "person": .string(person),
            "at": .string(Timestamp.format(at)), "reason": reason.map(JSONValue.string) ?? .null,
            "told": .array(told.map(JSONValue.string)),
        ])
    }

    /// The line under "Not taking on": `no capacity until Q2 (told lead)`.
    public var summary: String {
        var text = reason ?? "no reason given"
        if !told.isEmpty { text += " (told \(told.joined(separator: ", ")))" }
        return text
    }
}

extension Event {
    /// The reserved keys of facts about people rather than loops: time off and declines. The ledger
    /// keeps their events (they are exported and imported like any other) but no loop for them.
    public static let personalKeys: Set<String> = [TimeOff.ledgerKey, Decline.ledgerKey]
}
