/// An event as the server holds it: its place in the team's arrival order and its interchange line.
public struct StoredEvent: Sendable, Equatable {
    /// Its number in the team's arrival order, from 1, with no gaps.
    public var seq: Int64
    /// The event's interchange line (no newline).
    public var line: String

    /// A stored event.
    public init(seq: Int64, line: String) {
        self.seq = seq
        self.line = line
    }
}

/// What an append did.
public struct AppendResult: Sendable, Equatable {
    /// Events stored.
    public var added: Int
    /// Events already stored with the same content, skipped.
    public var skipped: Int
    /// The team's last `seq` after the append.
    public var lastSeq: Int64

    /// An append's result.
    public init(added: Int, skipped: Int, lastSeq: Int64) {
        self.added = added
        self.skipped = skipped
        self.lastSeq = lastSeq
    }
}
