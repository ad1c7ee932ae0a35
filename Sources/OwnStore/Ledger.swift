public import Foundation
public import OwnCore

/// The ledger: the append-only list of events and the loops folded from them.
///
/// Every write is one transaction: the events and the projection they change land together or not
/// at all. Reads never replay history; they read the projection.
public protocol Ledger: Sendable {
    /// Appends events, folding them into their loops' projections in the same transaction (one
    /// command's events on several loops land together or not at all), and returns the loop of the
    /// last event. `check` sees the event's loop as it is before each event and may throw to refuse
    /// the write (a command in the wrong state); then nothing is written.
    @discardableResult
    func append(_ events: [Event], check: (Loop?, Event) throws -> Void) throws -> Loop

    /// Imports events in one transaction: all or nothing, idempotent by event id. `next` yields the
    /// events one at a time (so a million-line file is never all in memory) and may throw to abandon
    /// the import, as for a bad line; then nothing is written.
    func importEvents(_ next: () throws -> ImportedEvent?) throws -> ImportSummary

    /// Writes every event, oldest first, as interchange lines.
    func exportEvents(_ write: (String) throws -> Void) throws

    /// The loop a person means by a number (`12`, `#12`) or a key, as it was at `asOf` (folded from
    /// its events at or before it; nil when it was created later), or as it is now when `asOf` is nil.
    func loop(_ reference: String, asOf: Date?) throws -> Loop?

    /// The loops that match a query, in number order, as they were at `asOf` (see `Loop.fold(_:asOf:)`),
    /// or as they are now when `asOf` is nil. The query's conditions apply to the loops as they were.
    func loops(_ query: LoopQuery, asOf: Date?) throws -> [Loop]

    /// The events of some loops, oldest first, optionally only those at or after `since` and at or
    /// before `until`.
    func events(ofLoops keys: [String], since: Date?, until: Date?) throws -> [Event]

    /// Whether some loop is, or was, `person`'s (owned, handed off by them, handed off to them or
    /// given them by an edit), or they recorded an event: a name given to --owner that none is, is
    /// probably misspelled.
    func holdsLoops(of person: String) throws -> Bool

    /// How many events the ledger holds, and whether it holds the event with this id: a sync tells a
    /// ledger restored from an older copy by them (`own sync`).
    func eventCount() throws -> Int
    func holdsEvent(id: String) throws -> Bool

    /// The retractions recorded up to the event `seq` (by place in the ledger's order) that take
    /// nothing back now, on the loops the events after it reached, each with why (`Event.voidedRetractions`): an import that
    /// brought an event someone recorded before an undo, building on what it took back, says so.
    func retractionsVoided(after seq: Int) throws -> [(retraction: Event, why: String)]
}

extension Ledger {
    /// Appends events with no check.
    @discardableResult
    public func append(_ events: [Event]) throws -> Loop {
        try append(events, check: { _, _ in })
    }

    /// Imports a list of events, all or nothing.
    public func importEvents(_ events: [ImportedEvent]) throws -> ImportSummary {
        var iterator = events.makeIterator()
        return try importEvents { iterator.next() }
    }

    /// A loop's whole history, oldest first.
    public func events(ofLoop key: String) throws -> [Event] {
        try events(ofLoops: [key], since: nil, until: nil)
    }

    /// The loop a person means, as it is now.
    public func loop(_ reference: String) throws -> Loop? {
        try loop(reference, asOf: nil)
    }

    /// The loops that match a query, as they are now.
    public func loops(_ query: LoopQuery) throws -> [Loop] {
        try loops(query, asOf: nil)
    }
}

/// An event read from an interchange file, with the line it came from for error messages.
public struct ImportedEvent: Sendable {
    /// The event.
    public var event: Event
    /// Its line number in the file (1-based).
    public var line: Int
    /// The line as read, when it is already the event's whole interchange form (it had an id):
    /// stored as it is, so the export gives back the same bytes.
    public var text: String?
    /// For a `created` event, its loop folded ahead from the run of events it begins (`FoldAhead`).
    var folded: FoldedRun? = nil
}

extension ImportedEvent {
    /// An event from a line, moved in: a copy retained each of its strings and fields once more (and
    /// released them), for every line of an import. Made by the memberwise init (this one is in an
    /// extension, which keeps it): one that set each property itself copied the event into place too.
    public init(event: consuming Event, line: Int, text: consuming String? = nil) {
        self = Self.moved(event, line: line, text: text)
    }

    private static func moved(_ event: consuming Event, line: Int, text: consuming String?) -> ImportedEvent {
        ImportedEvent(event: event, line: line, text: text, folded: nil)
    }
}

/// What an import did.
public struct ImportSummary: Sendable, Equatable {
    /// Events added.
    public var added = 0
    /// Events already in the ledger (same id, same content), skipped.
    public var skipped = 0
    /// Loops created or changed.
    public var loops = 0
    /// Events the ledger held when the import began, in its transaction: the added ones come after
    /// them in the ledger's order (`exportEvents`), before any written since.
    public var eventsBefore = 0

    /// A summary.
    public init(added: Int = 0, skipped: Int = 0, loops: Int = 0, eventsBefore: Int = 0) {
        self.added = added
        self.skipped = skipped
        self.loops = loops
        self.eventsBefore = eventsBefore
    }
}

/// Which loops to read. Every condition given must hold; nil means any.
public struct LoopQuery: Sendable {
    /// Owned by one of these people.
    public var owners: Set<String>?
    /// In one of these states.
    public var states: Set<LoopState>?
    /// Of one of these kinds.
    public var kinds: Set<Kind>?
    /// At one of these stakes.
    public var stakes: Set<Stakes>?
    /// Due by this instant (a due day counts as ending at the midnight after it in `dueZone`); loops
    /// with no due date are left out.
    public var dueBefore: Date?
    /// The zone a due day is read in for `dueBefore`: the reader's, who sees due dates in it.
    public var dueZone = TimeZone.gmt
    /// With any event at or after this instant.
    public var changedSince: Date?
    /// Done at or after this instant.
    public var doneSince: Date?
    /// Only loops the doctor may still have something to say about (`Loop.isSettled` false), or only settled ones.
    public var settled: Bool?
    /// Whose title, done-when or notes contain this text, ignoring case.
    public var text: String?
    /// In one of these projects or a sub-project of one (`LoopQuery.isWithin`: web takes in web.auth).
    public var projects: Set<String>?
    /// Carrying every one of these tags.
    public var tags: Set<String>?
    /// Carrying none of these tags.
    public var withoutTags: Set<String>?
    /// Affecting this person or team.
    public var affects: String?
    /// Without any value for these fields: no project, no tags, affecting no one (`--project none`).
    public var lacking: Set<Lacking> = []
    /// Handed off by this person (now someone else's, or waiting for them to accept it).
    public var delegatedBy: String?
    /// Handed off by anyone: loops with a delegator (`own list --delegated --owner all`).
    public var handedOff = false
    /// Not a condition: read only the members a command reads (`Loop.Reading`), so the loops come
    /// without the others. A store may ignore it, and does when `text` is given (the search reads
    /// the notes).
    public var reading = Loop.Reading.whole

    /// A field a loop may be without, for `lacking`.
    public enum Lacking: String, Sendable, Hashable {
        case project, tags, affects
    }

    /// A query; every condition defaults to "any".
    public init(
        owners: Set<String>? = nil,
        states: Set<LoopState>? = nil,
        kinds: Set<Kind>? = nil,
        stakes: Set<Stakes>? = nil,
        dueBefore: Date? = nil,
        changedSince: Date? = nil,
        doneSince: Date? = nil,
        settled: Bool? = nil,
        text: String? = nil,
        projects: Set<String>? = nil,
        tags: Set<String>? = nil,
        affects: String? = nil,
        delegatedBy: String? = nil
    ) {
        self.owners = owners
        self.states = states
        self.kinds = kinds
        self.stakes = stakes
        self.dueBefore = dueBefore
        self.changedSince = changedSince
        self.doneSince = doneSince
        self.settled = settled
        self.text = text
        self.projects = projects
        self.tags = tags
        self.affects = affects
        self.delegatedBy = delegatedBy
    }
}

extension LoopQuery {
    /// The live loops `person` handed off that are someone else's now, which the doctor judges with
    /// theirs (`unaccepted-handoff` is the delegator's to follow up): a loop started or blocked by
    /// another than its new owner is not taken up either, and `own doctor --owner` left it out.
    /// `own doctor` and the server's doctor read them alike.
    public static func handedOff(by person: String) -> LoopQuery {
        LoopQuery(states: LoopState.live, settled: false, delegatedBy: person)
    }
}
