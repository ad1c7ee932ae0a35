/// The team's working agreement: every threshold the doctor applies, by its name in the rule table.
///
/// Values start at the defaults of the rule table (docs/doctor.md); a policy file or the configuration's
/// `[policy]` table overrides them (`apply`), and `sources` remembers where each value came from.
public struct Policy: Sendable, Equatable {
    /// `dark-after.<stakes>`: working days without word from the owner before a loop is going dark.
    public var darkAfter: [Stakes: Double] = [.critical: 1, .high: 2, .medium: 3, .low: 5, .routine: 10]
    /// `ask-for-help-after`: working days blocked before help should have been asked.
    public var askForHelpAfter: Double = 1
    /// `notice-within`: working hours in which a change to plan should be told or reported.
    public var noticeWithin: Double = 4
    /// `capacity`: hours of estimated work a person can do in a working day.
    public var capacity: Double = 6
    /// `capacity-horizon`: how many working days ahead due work counts against capacity.
    public var capacityHorizon: Int = 5
    /// `wip-limit`: how many loops may be active at once.
    public var wipLimit: Int = 3
    /// `report-within`: working days after done in which the work should be reported.
    public var reportWithin: Double = 5
    /// `define-within`: working days in which a loop should get its `doneWhen` and `due`.
    public var defineWithin: Double = 2
    /// `boring-window`: the look-back for cherry-picking, in calendar days (4 weeks).
    public var boringWindowDays: Double = 28
    /// `boring-share`: the smallest share of done loops that should be boring kinds.
    public var boringShare: Double = 0.2
    /// `boring-minimum`: how many done loops the window needs before the share is judged.
    public var boringMinimum: Int = 5
    /// `accept-within`: working days a new owner has to take up a loop handed to them.
    public var acceptWithin: Double = 1
    /// `away-warn-before`: working days before time off from which its uncovered loops are found.
    public var awayWarnBefore: Double = 5
    /// `handoff-before`: working hours before the end of an owner's working day in which loops that someone
    /// in an earlier time zone waits on should get a hand-off note.
    public var handoffBefore: Double = 2
    /// `earned-autonomy`: whether a person's record moves the default autonomy of new loops (off by default).
    public var earnedAutonomy = false
    /// `earned-window`: the look-back of the record that earns autonomy, in calendar days (12 weeks).
    public var earnedWindowDays: Double = 84
    /// `earned-kept-minimum`: promises judged in the window before autonomy can be earned.
    public var earnedKeptMinimum: Int = 10
    /// `earned-kept-share`: the share of promises kept, with no surprises, that earns one more autonomy.
    public var earnedKeptShare: Double = 0.9
    /// `earned-surprises`: how many surprises in the window cost one autonomy.
    public var earnedSurprises: Int = 2
    /// Where each value came from, by key; keys not here are defaults.
    public var sources: [String: String] = [:]

    /// The policy of the rule table's defaults.
    public static let defaults = Policy()

    /// The defaults.
    public init() {}

    /// The working days of silence allowed at some stakes.
    public func darkAfter(_ stakes: Stakes) -> Double {
        darkAfter[stakes] ?? 3
    }

    /// Where a key's value came from.
    public func source(of key: String) -> String {
        sources[key] ?? Self.defaultSource
    }

    /// How `own policy` names a value nobody changed.
    public static let defaultSource = "default (docs/doctor.md)"
}
