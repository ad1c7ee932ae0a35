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
    /// The loops they owned some time in the window (made by them, handed to them, or theirs still),
    /// as of the window's end: the evidence `Readiness` reads, a loop handed on included.
    public var owned: [Loop] = []

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
    ///   - loops: loops the owner owned at some time, with any event in the window (the others, and
    ///     the stretches of a loop's history when someone else owned it, are not theirs to judge).
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
        for loop in loops.sorted(by: Loop.inReportOrder) {
            judge(loop, Event.inFoldOrder(byLoop[loop.key] ?? []), policy: policy, calendar: calendar)
        }
    }

    /// Judges the stretches of a loop's history when the record's person owned it, as the fold has
    /// its owner: a deadline that passed before it came to them was whoever owned it then's, and one
    /// that passed before they handed it on stays theirs.
    private mutating func judge(_ loop: Loop, _ events: [Event], policy: Policy, calendar: WorkingCalendar) {
        func entry(_ at: Date, _ detail: String) -> Entry {
            Entry(loop: loop.key, number: loop.number, title: loop.title, at: at, detail: detail)
        }
        func inWindow(_ at: Date) -> Bool { at >= since && at <= until }
        // A loop whose changes no one needs told (low stakes, affecting no one but its owner) has
        // none untold, as the doctor's `uncommunicated-change` finds none on it.
        let needsTelling = loop.planChangesNeedTelling
        // Told as the doctor has it (`Loop.wasTold`: someone other than its author named, a later
        // change that names someone, a report that told of it), and in time: within `notice-within`.
        let whole = Loop.fold(events)
        func told(_ event: Event) -> Bool {
            guard needsTelling, let whole, let change = whole.changes.first(where: { $0.id == event.id }) else {
                return true
            }
            func inTime(_ at: Date) -> Bool {
                at >= change.at && calendar.workingHours(from: change.at, to: at) <= policy.noticeWithin
            }
            if change.toldSomeone { return true }
            if let later = whole.toldLater(than: change), inTime(later.at) { return true }
            return whole.reports.contains { $0.told(change.id, at: change.at) && inTime($0.at) }
        }
        // Each loop counts at most once in each line.
        func add(_ entry: Entry, to list: inout [Entry]) {
            if !list.contains(where: { $0.loop == entry.loop }) { list.append(entry) }
        }
        let allowedDark = policy.darkAfter(loop.stakes) * calendar.secondsPerWorkday
        let allowedBlock = policy.askForHelpAfter * calendar.secondsPerWorkday
        // The loop as folded so far: who owns it at each event.
        var folded: Loop?
        var mine = false
        // Whether a stretch of theirs ended in the window.
        var ownedInWindow = false
        var due: Due?
        var live = true
        var missed: Entry?
        var brokenPromise = false
        // How a re-dating broke it, as the line after the table says it: the record knows which.
        var redated: String?
        var untold: Entry?
        var stuck: Entry?
        var dark: Entry?
        var lastWord: Date?
        var blockedAt: Date?
        var helpAsked = false
        // Ended by a drop: a later `done` (synced from someone who had not seen the drop) ends it done,
        // as the fold does.
        var dropped = false
        // Reopened, or come to this owner: from then on. A deadline that passed while it was done or
        // dropped, or someone else's, was no promise of theirs open then.
        var judgedFrom: Date?
        func promised(_ due: Due) -> Bool { judgedFrom.map { due.deadline(in: calendar.zone) >= $0 } ?? true }
        // A verdict of theirs a reopen took back: the promise is judged again at the loop's next end,
        // its deadline passed or not (done on time, reopened after it and done again is late).
        var verdictTakenBack = false

        func passDeadline(before instant: Date) {
            guard mine, live, let current = due, missed == nil, promised(current) else { return }
            let deadline = current.deadline(in: calendar.zone)
            // Past from the deadline itself (Saturday 00:00 for a loop due Friday), as the doctor's
            // `overdue` and `own list` say: done at that instant is done late.
            guard deadline <= instant, inWindow(deadline) else { return }
            missed = entry(deadline, "due \(Draft.due(current, on: calendar)) passed with no new date")
            brokenPromise = true
        }
        func checkSilence(until instant: Date) {
            guard mine, live, let last = lastWord, dark == nil, inWindow(instant) else { return }
            let silent = calendar.workingSeconds(from: last, to: instant)
            if silent > allowedDark {
                dark = entry(
                    last,
                    "silent \(Draft.workingDays(silent / calendar.secondsPerWorkday)) from \(Draft.day(last, on: calendar))"
                )
            }
        }
        func checkBlock(until instant: Date) {
            guard mine, let blocked = blockedAt, !helpAsked, stuck == nil, inWindow(instant) else { return }
            let waited = calendar.workingSeconds(from: blocked, to: instant)
            if waited > allowedBlock {
                stuck = entry(blocked, "blocked \(Draft.day(blocked, on: calendar)), no help asked in time")
            }
        }
        // Their stretch ends (handed on, or the window's end): what it found is kept.
        func settle() {
            if let missed { add(missed, to: &missedDates) }
            if let untold { add(untold, to: &untoldChanges) }
            if let stuck { add(stuck, to: &stuckAlone) }
            if let dark { add(dark, to: &goingDark) }
            (missed, brokenPromise, untold, stuck, dark, redated) = (nil, false, nil, nil, nil, nil)
            (lastWord, blockedAt, helpAsked) = (nil, nil, false)
        }

        for event in events {
            if folded == nil { folded = Loop(first: event) } else { folded?.apply(event) }
            let ownsAfter = folded?.owner == owner
            passDeadline(before: event.at)
            let communicates = mine && event.type.isCommunication && event.by == owner
            // A silence that ends with the loop (done, dropped, handed on) was dark all the same: only
            // one broken by a word counted, so writing the late update made the record worse.
            if communicates || [.done, .dropped].contains(event.type) || !ownsAfter { checkSilence(until: event.at) }
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
                if mine, later, live, let old, promised(old) {
                    let lateChange = event.at >= old.deadline(in: calendar.zone)
                    if lateChange || !told(event) { brokenPromise = true }
                    if lateChange {
                        redated = "re-dated after its due date"
                    } else if !told(event), redated == nil {
                        redated = "re-dated with nobody told in time"
                    }
                    if !told(event), untold == nil, inWindow(event.at) {
                        let moved =
                            removed
                            ? "due date removed"
                            : "due moved to \(ReportWords.due(stored: event.string("due") ?? "?", calendar: calendar))"
                        untold = entry(event.at, "\(moved) with nobody told")
                    }
                }
                due = removed ? nil : new ?? due
            case .scopeChanged:
                if mine, !told(event), untold == nil, inWindow(event.at) {
                    untold = entry(event.at, "scope changed with nobody told")
                }
            case .blocked where live:
                // (A block pulled after the loop ended blocks nothing, as the fold has it.)
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
                if mine, live, let current = due, inWindow(event.at), promised(current) || verdictTakenBack {
                    // Judged at its last end, once: a verdict of an earlier stretch of theirs (handed
                    // away and back) gives way to this one.
                    kept.removeAll { $0.loop == loop.key }
                    broken.removeAll { $0.loop == loop.key }
                    // At the deadline itself is late, as `passDeadline` and the doctor's `overdue` have it.
                    let late = event.at >= current.deadline(in: calendar.zone)
                    if late || brokenPromise {
                        add(
                            entry(event.at, late ? "done after its due date" : redated ?? "re-dated late or untold"),
                            to: &broken
                        )
                    } else {
                        add(entry(event.at, "done by \(Draft.due(current, on: calendar))"), to: &kept)
                    }
                } else if mine, brokenPromise, let missed {
                    add(missed, to: &broken)
                }
                live = false
                blockedAt = nil
                verdictTakenBack = false
            case .dropped:
                // Someone else's drop is no breach of the owner's.
                if mine, live, event.by == owner,
                    !Loop.PlanChange.tellsSomeone(event.strings("told"), by: event.by), inWindow(event.at)
                {
                    add(entry(event.at, "dropped with nobody told"), to: &droppedUntold)
                }
                if mine, live, brokenPromise, let missed { add(missed, to: &broken) }
                if live { dropped = true }
                live = false
                blockedAt = nil
            case .reopened where !live:
                // Live again: the promise is judged when it ends again, once.
                if mine,
                    kept.contains(where: { $0.loop == loop.key }) || broken.contains(where: { $0.loop == loop.key })
                {
                    kept.removeAll { $0.loop == loop.key }
                    broken.removeAll { $0.loop == loop.key }
                    verdictTakenBack = true
                }
                (live, dropped, judgedFrom, blockedAt) = (true, false, event.at, nil)
            default:
                break
            }
            // A stretch of theirs that ended in the window (handed on).
            if mine, !ownsAfter, inWindow(event.at) { ownedInWindow = true }
            if mine, !ownsAfter {
                // Handed on: a promise it broke while theirs stays broken.
                if live, brokenPromise, let missed { add(missed, to: &broken) }
                settle()
            } else if !mine, ownsAfter {
                // Theirs from here (made by them, handed or given to them); what went before was
                // someone else's.
                settle()
                if event.type != .created { judgedFrom = event.at }
                lastWord = event.at
            }
            mine = ownsAfter
            if communicates { lastWord = max(lastWord ?? event.at, event.at) }
        }
        if mine, live {
            passDeadline(before: until)
            checkSilence(until: until)
            checkBlock(until: until)
            if let missed { add(missed, to: &broken) }
        }
        if mine { settle() }
        // Or theirs still, and changed in the window.
        if ownedInWindow || (mine && events.contains { inWindow($0.at) }) { owned.append(loop) }
    }
}
