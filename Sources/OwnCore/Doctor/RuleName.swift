/// The doctor's rules, by their names in docs/doctor.md, in the order of its rule table (also the order
/// findings are listed in).
public enum RuleName: String, Sendable, CaseIterable, Comparable {
    /// Silence from the owner longer than the stakes allow.
    case goingDark = "going-dark"
    /// Blocked with no help asked.
    case stuckAlone = "stuck-alone"
    /// A change to plan nobody heard about.
    case uncommunicatedChange = "uncommunicated-change"
    /// More work due soon than capacity, or more active loops than the WIP limit.
    case overcommitted
    /// Done and never reported.
    case invisibleWork = "invisible-work"
    /// No defined end state or due date.
    case openLoop = "open-loop"
    /// Past due and still live.
    case overdue
    /// Work begun before the approval its autonomy asks for.
    case needsApproval = "needs-approval"
    /// Too little of the boring work.
    case cherryPicking = "cherry-picking"
    /// Done but not verified or not monitored.
    case stoppedAtMerge = "stopped-at-merge"
    /// Risky work started without the three questions.
    case unexamined
    /// An incident or an overdue loop closed with nothing built to prevent a repeat.
    case noGuard = "no-guard"
    /// Loops left without an owner while their owner is away.
    case uncoveredWhileAway = "uncovered-while-away"
    /// A loop someone in an earlier time zone waits on, left at the end of the owner's day with no word.
    case timezoneHandoff = "timezone-handoff"
    /// A hand-off its recipient has not taken up: the delegator follows up.
    case unacceptedHandoff = "unaccepted-handoff"

    /// The severity a finding of this rule has, before the loop's stakes raise it.
    public var defaultSeverity: Severity {
        switch self {
        case .invisibleWork, .openLoop, .cherryPicking, .noGuard: .info
        default: .warning
        }
    }

    /// Whether its findings are about an owner, not a loop: no loop's stakes raise their severity.
    public var isOwnerLevel: Bool { self == .overcommitted || self == .cherryPicking }

    /// Whether a finding of it on a loop at critical stakes is critical (`severity(for:)`).
    public var escalatesAtCriticalStakes: Bool { defaultSeverity == .warning && !isOwnerLevel }

    /// The severity of a finding on a loop: a warning on a loop at critical stakes is critical, since
    /// that is the work whose slipping hurts most (and `--fail-on critical` in cron should catch it).
    @inline(__always)
    public func severity(for loop: borrowing Loop) -> Severity {
        defaultSeverity == .warning && loop.stakes == .critical ? .critical : defaultSeverity
    }

    /// What the rule checks, in one sentence.
    public var checks: String {
        switch self {
        case .goingDark:
            "An open, active, blocked or proposed loop with no word from its owner (a note, block, help request, "
                + "unblock, risk, scope or due change, stage, report, reopen, or its creation) for longer than the "
                + "silence its stakes allow."
        case .stuckAlone:
            "A blocked loop for which nobody has asked for help since it was blocked (its owner or anyone "
                + "else), for longer than ask-for-help-after."
        case .uncommunicatedChange:
            "A scope change, a due date moved later, or a risk, on a loop that affects someone or has stakes "
                + "medium or above, that named nobody as told and was not reported within notice-within."
        case .overcommitted:
            "An owner whose open and active loops due in the next capacity-horizon working days need more "
                + "estimated hours than capacity allows, or who has more loops active than wip-limit."
        case .invisibleWork:
            "A done loop at autonomy 4 or below that nobody reported within report-within after it was done."
        case .openLoop:
            "A live loop still missing its done-when or its due date after define-within."
        case .overdue:
            "A loop past its due date (the end of the due day on the owner's calendar) that is not done or "
                + "dropped; a handed-off loop is its new owner's."
        case .needsApproval:
            "A loop at autonomy 3 or below that was started, noted or done before someone other than its "
                + "owner approved it."
        case .cherryPicking:
            "An owner with at least boring-minimum loops done in the last boring-window, fewer than "
                + "boring-share of them boring kinds (test, docs, debt, monitoring, oncall)."
        case .stoppedAtMerge:
            "A done loop at stakes medium or above not verified in production, or at stakes high or above "
                + "with nothing named as monitoring it."
        case .unexamined:
            "A loop at stakes high or above that was started before the three questions had answers: who is "
                + "affected and how (ux), what it touches, and what happens if it fails."
        case .uncoveredWhileAway:
            "From away-warn-before working days before someone's time off until it ends: each live loop of "
                + "theirs due during it, or active or blocked at stakes medium or above, when nobody covers the "
                + "day it is due (or, for an active or blocked loop, some day away): a day is covered by a backup, "
                + "other than themselves, named by any time off of theirs that holds it and not away that day too."
        case .timezoneHandoff:
            "In the last handoff-before working hours of the owner's working day: each live loop that affects "
                + "someone whose next working day starts before the owner is back, when the owner has not "
                + "updated it today."
        case .unacceptedHandoff:
            "A live loop handed off more than accept-within working days ago (on the new owner's calendar) that "
                + "its new owner has not acted on (started, noted, or any event of theirs) or handed on: a finding "
                + "for the person who handed it off."
        case .noGuard:
            "A done loop at stakes medium or above that was an incident or was done after its due date, "
                + "with no guard recorded (`own done --guard` or `own guard`): an alert, a check, a gate, a test."
        }
    }

    /// Why it matters, in one sentence.
    public var why: String {
        switch self {
        case .goingDark:
            "Silence makes others guess; a short update costs a minute and keeps the trust that lets you work alone."
        case .stuckAlone:
            "A blocker you sit on alone costs days; asking early costs a message."
        case .uncommunicatedChange:
            "People who depend on the work plan around the old promise until they hear; late news is a broken promise."
        case .overcommitted:
            "Saying yes to more than fits guarantees slipping something; renegotiate now, not on the due date."
        case .invisibleWork:
            "Work nobody hears about did not happen, as far as the team can tell; one line in the update fixes it."
        case .openLoop:
            "A loop with no end state or date never closes; defining both is what turns a remark into a commitment."
        case .overdue:
            "A missed date is news for everyone who planned around it; say the new date and why."
        case .needsApproval:
            "At this autonomy the agreement is recommend, then act; acting first spends trust you may need later."
        case .cherryPicking:
            "Tests, docs, debt and on-call are ownership too; leaving them to others leaves the system weaker."
        case .stoppedAtMerge:
            "Merged is not done: the loop closes when it works in production and something would notice if it broke."
        case .unexamined:
            "Risky work started without thinking through who it hurts and how it fails is how incidents begin."
        case .uncoveredWhileAway:
            "Time off is not going dark, but work that needs someone while you are away needs a name on it before you go."
        case .timezoneHandoff:
            "Your end of day is their blocked morning: a note before you leave turns a lost day into a head start."
        case .unacceptedHandoff:
            "Delegating is not dropping: until someone takes the loop up, it is still yours to follow up."
        case .noGuard:
            "Recovering from a dropped ball is half the job; building the system that stops the same drop is the other half."
        }
    }

    /// The thresholds in force for this rule, as `--explain` prints them.
    public func thresholds(in policy: Policy) -> [(key: String, value: String)] {
        let names: [String] =
            switch self {
            case .goingDark: Stakes.allCases.reversed().map { "dark-after.\($0.rawValue)" }
            case .stuckAlone: ["ask-for-help-after"]
            case .uncommunicatedChange: ["notice-within"]
            case .overcommitted: ["capacity", "capacity-horizon", "wip-limit"]
            case .invisibleWork: ["report-within"]
            case .openLoop: ["define-within"]
            case .overdue, .needsApproval, .stoppedAtMerge, .unexamined, .noGuard: []
            case .cherryPicking: ["boring-window", "boring-share", "boring-minimum"]
            case .uncoveredWhileAway: ["away-warn-before"]
            case .timezoneHandoff: ["handoff-before"]
            case .unacceptedHandoff: ["accept-within"]
            }
        return names.compactMap { name in
            PolicyKey.named(name).map { (key: name, value: $0.text(in: policy)) }
        }
    }

    /// The position in the table; a switch, since findings are sorted by it thousands of times.
    private var rank: Int {
        switch self {
        case .goingDark: 0
        case .stuckAlone: 1
        case .uncommunicatedChange: 2
        case .overcommitted: 3
        case .invisibleWork: 4
        case .openLoop: 5
        case .overdue: 6
        case .needsApproval: 7
        case .cherryPicking: 8
        case .stoppedAtMerge: 9
        case .unexamined: 10
        case .noGuard: 11
        case .uncoveredWhileAway: 12
        case .timezoneHandoff: 13
        case .unacceptedHandoff: 14
        }
    }

    public static func < (lhs: RuleName, rhs: RuleName) -> Bool { lhs.rank < rhs.rank }
}
