public import Foundation

/// A person's record over a window, from the ledger alone: the promises they kept, and the times the
/// autonomy contract broke (surprises, going dark, loops dropped without telling anyone). Each count
/// names the loops behind it.
///
/// - A **promise** is a loop with a due date that was done in the window, or whose deadline passed in
///   the window while it was still open. It is **kept** when it was done by its deadline and every
///   due date moved later was moved before the old deadline with a notice (someone named as told, or
///   a report within `notice-within`).
/// - **Surprises**: a deadline that passed with the loop still open and no earlier due change
///   (`missedDates`); a scope or due change nobody was told or sent a report about within
///   `notice-within` (`untoldChanges`), on a loop whose changes need telling
///   (`Loop.planChangesNeedTelling`, as the doctor's `uncommunicated-change` judges); a block with no help asked within `ask-for-help-after`
///   (`stuckAlone`).
/// - **Going dark**: a live loop silent longer than `dark-after` for its stakes.
/// - **Dropped untold**: a loop its owner dropped with nobody named as told.
///
/// Working time is counted on the owner's calendar, time off included.
public struct Record: Sendable, Equatable {
    /// One loop behind a count: when it happened and what, in a few words.
    public struct Entry: Sendable, Equatable {
        /// The loop's key.
        public var loop: String
        /// The loop's number.
        public var number: Int
        /// The loop's title.
        public var title: String
        /// When it happened.
        public var at: Date
        /// What happened.
        public var detail: String

        /// An entry from its parts.
        public init(loop: String, number: Int, title: String, at: Date, detail: String) {
            self.loop = loop
            self.number = number
            self.title = title
            self.at = at
            self.detail = detail
        }

        /// `#12`, or the key before the ledger numbered the loop.
        public var reference: String { number > 0 ? "#\(number)" : loop }

        /// The JSON object: `loop`, `number`, `title`, `at`, `detail`.
        public var json: JSONValue {
            .object([
                "loop": .string(loop), "number": .number(Double(number)), "title": .string(title),
                "at": .string(Timestamp.format(at)), "detail": .string(detail),
            ])
        }
    }

    /// Whose record.
    public var owner: String
    /// The window's start.
    public var since: Date
    /// The window's end.
    public var until: Date
    /// Promises kept.
    public var kept: [Entry] = []
    /// Promises broken: done late, re-dated late or without a notice, or still open past the deadline.
    public var broken: [Entry] = []
    /// Deadlines passed with the loop open and no due change before them.
    public var missedDates: [Entry] = []
    /// Scope or due changes nobody was told about.
    public var untoldChanges: [Entry] = []
    /// Blocks with no help asked in time.
    public var stuckAlone: [Entry] = []
    /// Silences longer than the stakes allow.
    public var goingDark: [Entry] = []
    /// Loops dropped with nobody told.
    public var droppedUntold: [Entry] = []

    /// Every promise judged.
    public var promises: Int { kept.count + broken.count }

    /// The surprises: missed dates, untold changes and blockers sat on, oldest first.
    public var surprises: [Entry] { (missedDates + untoldChanges + stuckAlone).sorted { $0.at < $1.at } }

    /// Everything that breaks the contract: the surprises, going dark and untold drops.
    public var breaches: [Entry] { (surprises + goingDark + droppedUntold).sorted { $0.at < $1.at } }

    /// Builds the record.
    ///
    /// - Parameters:
    ///   - owner: whose record.
    ///   - loops: the owner's loops with any event in the window (others are ignored).
    ///   - events: every event of those loops, any order.
    ///   - policy: the thresholds.
    ///   - calendar: the owner's working calendar.
    ///   - since: the window's start.
    ///   - now: the window's end.
    public init(
        owner: String,
        loops: [Loop],
        events: [Event],
        policy: Policy,
        calendar: WorkingCalendar,
        since: Date,
        now: Date
    ) {
        self.owner = owner
        self.since = since
        until = now
        var byLoop: [String: [Event]] = [:]
        for event in Event.withoutRetracted(events) where event.at <= now {
            byLoop[event.loop, default: []].append(event)
        }
        for loop in loops.sorted(by: { ($0.number, $0.key) < ($1.number, $1.key) }) where loop.owner == owner {
            let history = (byLoop[loop.key] ?? []).sorted { $0.at < $1.at }
            judge(loop, history, policy: policy, calendar: calendar)
        }
    }

    private mutating func judge(_ loop: Loop, _ events: [Event], policy: Policy, calendar: WorkingCalendar) {
        func entry(_ at: Date, _ detail: String) -> Entry {
            Entry(loop: loop.key, number: loop.number, title: loop.title, at: at, detail: detail)
        }
        func inWindow(_ at: Date) -> Bool { at >= since && at <= until }
        // A loop whose changes no one needs told (low stakes, affecting no one but its owner) has
        // none untold, as the doctor's `uncommunicated-change` finds none on it.
        let needsTelling = loop.planChangesNeedTelling
        func told(_ event: Event) -> Bool {
            guard needsTelling, event.strings("told").isEmpty else { return true }
            return events.contains { other in
                other.type == .reported && other.at >= event.at
                    && calendar.workingHours(from: event.at, to: other.at) <= policy.noticeWithin
            }
        }
        let allowedDark = policy.darkAfter(loop.stakes) * calendar.secondsPerWorkday
        let allowedBlock = policy.askForHelpAfter * calendar.secondsPerWorkday
        var due: Due?
        var live = true
        var missed: Entry?
        var brokenPromise = false
        var untold: Entry?
        var stuck: Entry?
        var dark: Entry?
        var lastWord: Date?
        var blockedAt: Date?
        var helpAsked = false
        // Ended by a drop: a later `done` (synced from someone who had not seen the drop) ends it done,
        // as the fold does.
        var dropped = false
        // Reopened: when it was live again. A deadline that passed while it was done or dropped was
        // no promise open then (the record judges deadlines that pass while the loop is open).
        var liveSince: Date?
        func promised(_ due: Due) -> Bool { liveSince.map { due.deadline(in: calendar.zone) >= $0 } ?? true }

        func passDeadline(before instant: Date) {
            guard live, let current = due, missed == nil, promised(current) else { return }
            let deadline = current.deadline(in: calendar.zone)
            // Past from the deadline itself (Saturday 00:00 for a loop due Friday), as the doctor's
            // `overdue` and `own list` say: done at that instant is done late.
            guard deadline <= instant, inWindow(deadline) else { return }
            missed = entry(deadline, "due \(Draft.due(current, on: calendar)) passed with no new date")
            brokenPromise = true
        }
        func checkSilence(until instant: Date) {
            guard live, let last = lastWord, dark == nil, inWindow(instant) else { return }
            let silent = calendar.workingSeconds(from: last, to: instant)
            if silent > allowedDark {
                dark = entry(
                    last,
                    "silent \(Draft.workingDays(silent / calendar.secondsPerWorkday)) from \(Draft.day(last, on: calendar))"
                )
            }
        }
        func checkBlock(until instant: Date) {
            guard let blocked = blockedAt, !helpAsked, stuck == nil, inWindow(instant) else { return }
            let waited = calendar.workingSeconds(from: blocked, to: instant)
            if waited > allowedBlock {
                stuck = entry(blocked, "blocked \(Draft.day(blocked, on: calendar)), no help asked in time")
            }
        }

        for event in events {
            passDeadline(before: event.at)
            let communicates = event.type.isCommunication && event.by == loop.owner
            // A silence that ends with the loop (done, dropped, handed on) was dark all the same: only
            // one broken by a word counted, so writing the late update made the record worse.
            if communicates || [.done, .dropped, .handedOff].contains(event.type) { checkSilence(until: event.at) }
            switch event.type {
            case .created, .edited:
                if let text = event.string("due") { due = Due(json: text) }
            case .dueChanged:
                let new = event.string("due").flatMap(Due.init(json:))
                let old = due
                // A date removed (`due` null) is the promise moved out of sight: later, as a move is.
                let removed = event.fields["due"] == .null
                let later: Bool =
                    if let old, let new { new.deadline(in: calendar.zone) > old.deadline(in: calendar.zone) } else {
                        old != nil && removed
                    }
                if later, live, let old, promised(old) {
                    let lateChange = event.at >= old.deadline(in: calendar.zone)
                    if lateChange || !told(event) { brokenPromise = true }
                    if !told(event), untold == nil, inWindow(event.at) {
                        let moved = removed ? "due date removed" : "due moved to \(event.string("due") ?? "?")"
                        untold = entry(event.at, "\(moved) with nobody told")
                    }
                }
                due = removed ? nil : new ?? due
            case .scopeChanged:
                if !told(event), untold == nil, inWindow(event.at) {
                    untold = entry(event.at, "scope changed with nobody told")
                }
            case .blocked:
                blockedAt = event.at
                helpAsked = false
            case .helpAsked:
                checkBlock(until: event.at)
                helpAsked = true
            case .unblocked:
                checkBlock(until: event.at)
                blockedAt = nil
            case .done:
                checkBlock(until: event.at)
                if dropped { (live, dropped) = (true, false) }
                if live, let current = due, inWindow(event.at), promised(current) {
                    // At the deadline itself is late, as `passDeadline` and the doctor's `overdue` have it.
                    let late = event.at >= current.deadline(in: calendar.zone)
                    if late || brokenPromise {
                        broken.append(entry(event.at, late ? "done after its due date" : "re-dated late or untold"))
                    } else {
                        kept.append(entry(event.at, "done by \(Draft.due(current, on: calendar))"))
                    }
                } else if brokenPromise, let missed {
                    broken.append(missed)
                }
                live = false
                blockedAt = nil
            case .dropped:
                // Someone else's drop is no breach of the owner's.
                if live, event.by == loop.owner, event.strings("told").isEmpty, inWindow(event.at) {
                    droppedUntold.append(entry(event.at, "dropped with nobody told"))
                }
                if live, brokenPromise, let missed { broken.append(missed) }
                if live { dropped = true }
                live = false
                blockedAt = nil
            case .reopened where !live:
                // Live again: the promise is judged when it ends again, once.
                kept.removeAll { $0.loop == loop.key }
                broken.removeAll { $0.loop == loop.key }
                (live, dropped, liveSince) = (true, false, event.at)
            case .handedOff where event.string("to") == loop.owner:
                // Handed to this owner: the promise is theirs from here; what went before was someone else's.
                (live, missed, brokenPromise, untold, stuck, dark) = (true, nil, false, nil, nil, nil)
                (lastWord, blockedAt, helpAsked) = (event.at, nil, false)
            case .handedOff:
                if live, brokenPromise, let missed { broken.append(missed) }
                live = false
                blockedAt = nil
            default:
                break
            }
            if communicates || lastWord == nil { lastWord = max(lastWord ?? event.at, event.at) }
        }
        if live {
            passDeadline(before: until)
            checkSilence(until: until)
            checkBlock(until: until)
            if let missed { broken.append(missed) }
        }
        if let missed { missedDates.append(missed) }
        if let untold { untoldChanges.append(untold) }
        if let stuck { stuckAlone.append(stuck) }
        if let dark { goingDark.append(dark) }
    }
}
