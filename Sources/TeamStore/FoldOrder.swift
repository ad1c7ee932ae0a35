public import OwnCore

/// The order every engine folds a loop's events in: OwnCore's one rule (`Event.foldsBefore`: by `at`,
/// a loop's `created` first at its instant, then by `id`), the CLI's ledger's too, so that two
/// stores that hold the same events show the same loop whatever order the events arrived in.
public enum FoldOrder {
    /// Whether `a` folds before `b`.
    public static func precedes(_ a: Event, _ b: Event) -> Bool {
        Event.foldsBefore(a, b)
    }

    /// Folds events in fold order, keeping a loop's number.
    public static func fold(_ events: [Event], number: Int) -> Loop? {
        var loop = Loop.fold(events.sorted(by: precedes))
        loop?.number = number
        return loop
    }
}
