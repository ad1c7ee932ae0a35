public import Foundation

/// What lands in a person's inbox on the team server: a notice on a loop that affects them, a loop
/// handed off to them, an approval they are asked for, the answer to one of theirs, or their loop
/// ended or reopened by someone else.
public struct InboxItem: Sendable, Equatable {
    /// What kind of thing it is.
    public enum Kind: String, Sendable, CaseIterable {
        /// A change to scope, timeline or risk on a loop that affects the person.
        case notice
        /// A loop handed off to the person.
        case handoff
        /// A loop waiting for the person's approval (they lead its team).
        case approvalRequest = "approval-request"
        /// A lead approved the person's loop.
        case approvalAnswer = "approval-answer"
        /// Someone else ended the person's loop (done, dropped) or reopened it.
        case changed
    }

    /// Its number in the store; 0 before it is stored.
    public var id: Int64
    /// The team.
    public var team: String
    /// Whose inbox.
    public var person: String
    /// What makes it unique in that inbox (`notice:<event id>`): adding the same key twice keeps one.
    public var key: String
    /// What kind of thing it is.
    public var kind: Kind
    /// The loop's key.
    public var loop: String
    /// One line saying what happened, naming the loop by key.
    public var text: String
    /// Who did it (the loop's owner, the lead who approved, who handed off).
    public var from: String
    /// When it arrived.
    public var at: Date
    /// When the person marked it read; nil while unread.
    public var readAt: Date?

    /// An item.
    public init(
        id: Int64 = 0,
        team: String,
        person: String,
        key: String,
        kind: Kind,
        loop: String,
        text: String,
        from: String,
        at: Date,
        readAt: Date? = nil
    ) {
        self.id = id
        self.team = team
        self.person = person
        self.key = key
        self.kind = kind
        self.loop = loop
        self.text = text
        self.from = from
        self.at = at
        self.readAt = readAt
    }
}
