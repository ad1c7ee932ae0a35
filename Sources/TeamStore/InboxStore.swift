public import Foundation

/// Each person's inbox on the team server, with read marks, and the bookkeeping that makes the
/// server say each thing once on any number of servers: the notifier's place in each team's events
/// (how far it has read them) and the scheduled sends skipped (logged once, never sent late).
public protocol InboxStore: Sendable {
    /// The last event number the notifier has handled for a team; nil before it first looked.
    func notifiedSeq(team: String) async throws -> Int64?

    /// Moves the notifier's place for a team forward to `seq`; never back. Throws `unknownTeam`.
    func advanceNotified(team: String, to seq: Int64) async throws

    /// Adds an item to a person's inbox; false (and nothing changes) when their inbox already holds
    /// one with its key. Throws `unknownTeam`.
    @discardableResult
    func addToInbox(_ item: InboxItem) async throws -> Bool

    /// A person's inbox, newest first, at most `limit` items; only the unread ones when `unreadOnly`.
    func inbox(team: String, person: String, unreadOnly: Bool, limit: Int) async throws -> [InboxItem]

    /// Marks items of a person's inbox read at `at`: those with these ids, or all when `ids` is nil.
    /// Items already read keep their first mark; ids not in the inbox are ignored. Returns how many
    /// were marked.
    @discardableResult
    func markRead(team: String, person: String, ids: [Int64]?, at: Date) async throws -> Int

    /// Records that a scheduled send (by its dedupe key) was skipped at `at`; false when it already
    /// was. Throws `unknownTeam`.
    @discardableResult
    func recordSkip(team: String, key: String, at: Date) async throws -> Bool

    /// The dedupe keys of a team's skipped sends.
    func skippedKeys(team: String) async throws -> Set<String>
}
