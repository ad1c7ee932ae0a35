import OwnCore

/// Folds an import's loops on the thread that reads the file (see `ReadAhead`), so the thread that
/// writes mostly binds and steps. Into a ledger with no loops only: each run of events for one loop
/// (a file holds a loop's events together) is folded and its projection's body encoded as
/// `Importer` would, numbered in order of first appearance, and handed over on the run's first
/// event. The importer takes the fold only where it is sure to match its own (a loop it has not
/// seen, under the number it would give), and folds the events itself otherwise.
struct FoldAhead {
    /// Events gathered for one run at most: a longer run is passed on unfolded, and memory stays
    /// a few runs whatever the file's size.
    static let longestRun = 1_024

    /// A loop folded ahead, held by reference: the events queued between the threads stay small.
    final class Folded: Sendable {
        let entry: Importer.Touched
        init(_ entry: Importer.Touched) { self.entry = entry }
    }

    private let source: () throws -> ImportedEvent?
    /// The run being handed over, reversed (events are moved out from the end).
    private var ready: [ImportedEvent] = []
    /// The first event of the next run, read to know the previous one had ended.
    private var pending: ImportedEvent?
    /// The source has ended; its error, when it failed, is thrown after the events before it.
    private var ended = false
    private var failure: (any Error)?
    private var seen: Set<String> = []
    private var nextNumber = 1

    init(_ source: @escaping () throws -> ImportedEvent?) {
        self.source = source
    }

    mutating func next() throws -> ImportedEvent? {
        if ready.isEmpty { try gather() }
        return ready.popLast()
    }

    /// Reads the next run into `ready`, folded when it is whole and its loop is new.
    private mutating func gather() throws {
        if pending == nil, !ended { pending = read() }
        guard let first = pending else {
            if let failure {
                self.failure = nil
                throw failure
            }
            return
        }
        pending = nil
        let key = first.event.loop
        var run = [first]
        while !ended, run.count < Self.longestRun {
            guard let event = read() else { break }
            if event.event.loop != key {
                pending = event
                break
            }
            run.append(event)
        }
        // Facts about people (`Event.personalKeys`) are no loop and take no number.
        let new = seen.insert(key).inserted
        let number = new && !Event.personalKeys.contains(key) ? nextNumber : 0
        if number != 0 { nextNumber += 1 }
        // A run cut short, or ended by an unreadable line, is folded by the importer.
        let whole = pending != nil || (ended && failure == nil)
        if whole, new, var folded = fold(run), var loop = folded.loop {
            loop.number = number
            if !folded.needsRefold { folded.body = loop.storageJSON }
            folded.loop = loop
            run[0].folded = Folded(folded)
        }
        run.reverse()
        ready = run
    }

    private mutating func read() -> ImportedEvent? {
        do {
            if let event = try source() { return event }
        } catch {
            failure = error
        }
        ended = true
        return nil
    }

    /// The importer's fold of a new loop's events (`Importer.run`), as if every one is added; nil
    /// where it refuses one, for the importer to refuse at the same line.
    private func fold(_ run: [ImportedEvent]) -> Importer.Touched? {
        var entry = Importer.Touched(isNew: true, firstLine: run[0].line)
        for imported in run {
            guard (try? Importer.add(imported.event, line: imported.line, to: &entry)) != nil else { return nil }
        }
        return entry
    }
}
