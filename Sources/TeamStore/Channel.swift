public import Foundation
import OwnCore

/// Where a team's messages go: a Slack incoming webhook (Block Kit) or a generic webhook (JSON),
/// with how its deliveries have gone lately.
public struct Channel: Sendable, Equatable {
    /// How messages are written for it.
    public enum Kind: String, Sendable, CaseIterable {
        /// A Slack incoming webhook: Block Kit.
        case slack
        /// Any HTTP endpoint: the message as plain JSON.
        case webhook
    }

    /// The team it belongs to.
    public var team: String
    /// Its name within the team (`slack`, `ops-hook`).
    public var name: String
    /// How messages are written for it.
    public var kind: Kind
    /// Where messages are POSTed: http or https. It may hold a secret (Slack's do): it is shown to
    /// administrators only, never in a message.
    public var url: String
    /// When it was added.
    public var createdAt: Date
    /// The last delivery error, if any.
    public var lastError: String?
    /// Since when a message to it has been given up on, while no later one got through; nil while it works.
    public var failingSince: Date?
    /// Whether a message to it waits for another attempt: it has not delivered since its last error.
    /// Read from the outbox when channels are listed (a new channel with a bad URL read "recovered").
    public var retrying = false

    /// A channel.
    public init(
        team: String,
        name: String,
        kind: Kind,
        url: String,
        createdAt: Date,
        lastError: String? = nil,
        failingSince: Date? = nil,
        retrying: Bool = false
    ) {
        self.team = team
        self.name = name
        self.kind = kind
        self.url = url
        self.createdAt = createdAt
        self.lastError = lastError
        self.failingSince = failingSince
        self.retrying = retrying
    }

    /// The SQL, in either engine, of whether the channel of a `channels` row has a message waiting
    /// for another attempt (`retrying`).
    static let retryingSQL = """
        EXISTS (SELECT 1 FROM outbox o WHERE o.team = channels.team AND o.channel = channels.name \
        AND o.attempts > 0 AND o.state IN ('pending', 'sending'))
        """

    /// Whether a name can name a channel: the rule for people's names, since a person's own channel is
    /// the channel named after them (a team's rule, a-z only, left `Ben` without one).
    public static func isValidName(_ name: String) -> Bool {
        PersonSettings.isValidName(name) && !PersonSettings.isReserved(name)
    }

    /// Whether a URL can be a channel's (`HTTPAddress`).
    public static func isValidURL(_ text: String) -> Bool { HTTPAddress.isValid(text) }

    /// Throws `invalidChannel` unless the name and URL can be a channel's.
    func validate() throws {
        guard Self.isValidName(name) else {
            throw TeamStoreError.invalidChannel(
                "\"\(name)\" cannot name a channel: use 1 to 64 characters, no spaces or control characters, "
                    + "and none of all, none, nobody and own-server"
            )
        }
        guard Self.isValidURL(url) else {
            throw TeamStoreError.invalidChannel(
                "a channel's URL must be " + HTTPAddress.rule
            )
        }
    }
}
