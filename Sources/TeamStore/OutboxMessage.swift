public import Foundation

/// A message to put in the outbox.
public struct NewOutboxMessage: Sendable, Equatable {
    /// The team whose channel it goes to.
    public var team: String
    /// The channel's name.
    public var channel: String
    /// What makes it unique on its channel (`notice:<event id>`, `digest:ana:2026-12-01`).
    public var dedupeKey: String
    /// The body to POST, as written for the channel's kind.
    public var body: String
    /// When it was made, and when it is first due.
    public var createdAt: Date

    /// A message to enqueue.
    public init(team: String, channel: String, dedupeKey: String, body: String, createdAt: Date) {
        self.team = team
        self.channel = channel
        self.dedupeKey = dedupeKey
        self.body = body
        self.createdAt = createdAt
    }
}

/// A message in the outbox, as stored.
public struct OutboxMessage: Sendable, Equatable {
    /// Where it stands.
    public enum State: String, Sendable {
        /// Waiting until `nextAt`.
        case pending
        /// Claimed by a sender until `leaseUntil`.
        case sending
        /// Delivered.
        case sent
        /// Given up on.
        case failed
    }

    /// Its number in the outbox.
    public var id: Int64

    /// The channel it goes to, named within its team: `team` and `channel` joined by U+001F, as a
    /// claim's `excluding` names channels.
    public var channelKey: String { message.team + "\u{1F}" + message.channel }
    /// What it is.
    public var message: NewOutboxMessage
    /// Its channel's URL, for the sender (never part of a message).
    public var url: String
    /// Where it stands.
    public var state: State
    /// When it is next due (while pending).
    public var nextAt: Date
    /// How many attempts were made.
    public var attempts: Int
    /// When it was delivered.
    public var sentAt: Date?

    /// A stored message.
    public init(
        id: Int64,
        message: NewOutboxMessage,
        url: String,
        state: State,
        nextAt: Date,
        attempts: Int,
        sentAt: Date?
    ) {
        self.id = id
        self.message = message
        self.url = url
        self.state = state
        self.nextAt = nextAt
        self.attempts = attempts
        self.sentAt = sentAt
    }
}

/// One try at delivering a message: when, the HTTP status when there was one, and the error when
/// it failed (nil when it was delivered).
public struct DeliveryAttempt: Sendable, Equatable {
    /// The message.
    public var message: Int64
    /// When the attempt ended.
    public var at: Date
    /// The HTTP status, when a response came.
    public var status: Int?
    /// Why it failed; nil when delivered.
    public var error: String?

    /// Whether it was delivered.
    public var delivered: Bool { error == nil }

    /// An attempt.
    public init(message: Int64, at: Date, status: Int?, error: String?) {
        self.message = message
        self.at = at
        self.status = status
        self.error = error
    }
}
