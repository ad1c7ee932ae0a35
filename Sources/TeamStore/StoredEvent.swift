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

/// A page of a team's events as a pull answers it: their lines as one text, in arrival order.
public struct EventPage: Sendable, Equatable {
    /// How many events the page holds.
    public var count: Int
    /// The number of its last event; nil for an empty page.
    public var lastSeq: Int64?
    /// Their interchange lines, each ending in a newline (empty for an empty page).
    public var lines: String

    /// A page.
    public init(count: Int, lastSeq: Int64?, lines: String) {
        self.count = count
        self.lastSeq = lastSeq
        self.lines = lines
    }

    /// The page of these events.
    public init(_ events: [StoredEvent]) {
        var lines = ""
        lines.reserveCapacity(events.reduce(0) { $0 + $1.line.utf8.count + 1 })
        for event in events {
            lines += event.line
            lines += "\n"
        }
        self.init(count: events.count, lastSeq: events.last?.seq, lines: lines)
    }
}
