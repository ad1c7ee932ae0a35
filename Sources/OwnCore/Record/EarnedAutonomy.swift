/// The autonomy contract enforced both ways: with `earned-autonomy = true`, the default autonomy for a
/// loop's stakes moves up one for a strong record and down one after surprises, never above 5 nor
/// below 1.
///
/// - Up: at least `earned-kept-minimum` promises judged in the window, at least `earned-kept-share` of
///   them kept, and nothing that breaks the contract (no surprise, no going dark, no untold drop).
/// - Down: at least `earned-surprises` breaches in the window.
public struct EarnedAutonomy: Sendable, Equatable {
    /// The autonomy the loop gets.
    public var autonomy: Int
    /// The default for the stakes.
    public var base: Int
    /// The move: -1, 0 or +1.
    public var change: Int
    /// Why, as `own add` says it: `autonomy 4 (high stakes 3, +1 earned: 14 of 15 kept, no surprises since Sep 2)`.
    public var explanation: String

    /// The autonomy a new loop at `stakes` gets from a record under a policy.
    public init(stakes: Stakes, record: Record, policy: Policy, calendar: WorkingCalendar) {
        base = stakes.defaultAutonomy
        let breaches = record.breaches
        let sinceDay = Draft.day(record.since, on: calendar)
        let keptShare = record.promises == 0 ? 0 : Double(record.kept.count) / Double(record.promises)
        var move = 0
        var why = ""
        if breaches.count >= policy.earnedSurprises {
            move = -1
            let references = breaches.map(\.reference)
            var seen = Set<String>()
            let unique = references.filter { seen.insert($0).inserted }
            why = "\(Draft.count(breaches.count, "surprise")) since \(sinceDay): \(unique.joined(separator: ", "))"
        } else if breaches.isEmpty, record.promises >= policy.earnedKeptMinimum, keptShare >= policy.earnedKeptShare {
            move = 1
            why = "\(record.kept.count) of \(record.promises) kept, no surprises since \(sinceDay)"
        }
        autonomy = min(5, max(1, base + move))
        change = autonomy - base
        let head = "autonomy \(autonomy) (\(stakes.rawValue) stakes \(base)"
        switch change {
        case 1: explanation = head + ", +1 earned: \(why))"
        case -1: explanation = head + ", -1 earned: \(why))"
        default:
            explanation = head + (move == 0 ? ")" : ", already at the \(move > 0 ? "top" : "bottom"): \(why))")
        }
    }
}
