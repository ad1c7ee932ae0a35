extension Event {
    /// Whether `a` folds before `b`: the one order every ledger and the team server fold a loop's
    /// events in, so two stores that hold the same events show the same loop whatever order the
    /// events arrived in.
    ///
    /// By `at`; at the same instant the loop's `created` event first (nothing can happen to a loop
    /// before it exists), then by `id`. Event ids that `own` makes sort in the order they were
    /// recorded (`EventID`), so a script's `add`, `start` and `done` at one `--now` fold in the order
    /// it ran them, on every machine.
    public static func foldsBefore(_ a: Event, _ b: Event) -> Bool {
        if a.at != b.at { return a.at < b.at }
        if (a.type == .created) != (b.type == .created) { return a.type == .created }
        return a.id < b.id
    }

    /// Whether `a` was recorded before `b`, on any loops: by `id` when `own` made both (they sort in the
    /// order they were recorded, whatever instant each is dated: a note dated back an hour, recorded
    /// after a done, was recorded last), else by `at`, then `id`. What a person did last is the event
    /// recorded last: `own undo` asks this across loops and declines.
    public static func recordedBefore(_ a: Event, _ b: Event) -> Bool {
        if EventID.isMade(a.id), EventID.isMade(b.id) { return a.id < b.id }
        return a.at != b.at ? a.at < b.at : a.id < b.id
    }

    /// The events in fold order (`foldsBefore`). An array, not any sequence: a generic sort called
    /// from another module is not specialized, and moved each event through its value witnesses
    /// (5k instructions an event of a report's reading).
    public static func inFoldOrder(_ events: [Event]) -> [Event] {
        events.sorted(by: foldsBefore)
    }
}
