import Foundation

/// One named threshold of the policy: its key as people write it, its unit, and what it means.
public struct PolicyKey: Sendable {
    /// The unit a key's number is in, which also decides what a valid value is.
    public enum Unit: Sendable {
        /// Working days on the owner's calendar; more than 0, at most 2,600; `2` or `"2d"`.
        case workingDays
        /// Working hours on the owner's calendar; more than 0, at most 20,800; `4` or `"4h"`.
        case workingHours
        /// Working hours at the end of a working day; more than 0, at most 24; `2` or `"2h"`.
        case hoursOfADay
        /// Hours of work per working day; more than 0, at most 24; `6` or `"6h"`.
        case hoursPerDay
        /// A whole count, 1 or more.
        case count
        /// Calendar weeks; more than 0, at most 520; `4`, `"4w"` or `"28d"`.
        case weeks
        /// A share from 0 to 1; `0.2` or `"20%"`.
        case share
        /// On or off: `true` or `false`.
        case flag

        /// What a valid value looks like, for error messages.
        var accepted: String {
            switch self {
            case .workingDays:
                "a number of working days greater than 0 and at most 2600 (ten years), such as 2 or \"2d\""
            case .workingHours:
                "a number of working hours greater than 0 and at most 20800 (ten years), such as 4 or \"4h\""
            case .hoursOfADay: "a number of working hours greater than 0 and at most 24, such as 2 or \"2h\""
            case .hoursPerDay: "hours of work per working day, greater than 0 and at most 24, such as 6"
            case .count: "a whole number, 1 or more"
            case .weeks: "a number of weeks greater than 0 and at most 520 (ten years), such as 4, \"4w\" or \"28d\""
            case .share: "a share from 0 to 1, such as 0.2 or \"20%\""
            case .flag: "true or false"
            }
        }
    }

    /// The key, as in the rule table of docs/doctor.md: `dark-after.high`, `wip-limit`.
    public var name: String
    /// Its unit.
    public var unit: Unit
    /// What it means, in a few words.
    public var meaning: String
    let read: @Sendable (Policy) -> Double
    let write: @Sendable (inout Policy, Double) -> Void

    /// Every key, in the order `own policy` prints them.
    public static let all: [PolicyKey] =
        Stakes.allCases.reversed().map { stakes in
            PolicyKey(
                name: "dark-after.\(stakes.rawValue)",
                unit: .workingDays,
                meaning: "silence from the owner before a \(stakes.rawValue)-stakes loop is going dark",
                read: { $0.darkAfter(stakes) },
                write: { $0.darkAfter[stakes] = $1 }
            )
        } + [
            PolicyKey(
                name: "ask-for-help-after",
                unit: .workingDays,
                meaning: "blocked time before help should have been asked",
                read: { $0.askForHelpAfter },
                write: { $0.askForHelpAfter = $1 }
            ),
            PolicyKey(
                name: "notice-within",
                unit: .workingHours,
                meaning: "time to tell or report a change to plan",
                read: { $0.noticeWithin },
                write: { $0.noticeWithin = $1 }
            ),
            PolicyKey(
                name: "capacity",
                unit: .hoursPerDay,
                meaning: "estimated hours a person can deliver per working day",
                read: { $0.capacity },
                write: { $0.capacity = $1 }
            ),
            PolicyKey(
                name: "capacity-horizon",
                unit: .count,
                meaning: "working days ahead whose due work counts against capacity",
                read: { Double($0.capacityHorizon) },
                write: { $0.capacityHorizon = Int($1) }
            ),
            PolicyKey(
                name: "wip-limit",
                unit: .count,
                meaning: "loops active at once",
                read: { Double($0.wipLimit) },
                write: { $0.wipLimit = Int($1) }
            ),
            PolicyKey(
                name: "report-within",
                unit: .workingDays,
                meaning: "time after done to report the work",
                read: { $0.reportWithin },
                write: { $0.reportWithin = $1 }
            ),
            PolicyKey(
                name: "define-within",
                unit: .workingDays,
                meaning: "time to give a new loop its done-when and due",
                read: { $0.defineWithin },
                write: { $0.defineWithin = $1 }
            ),
            PolicyKey(
                name: "boring-window",
                unit: .weeks,
                meaning: "look-back over done loops for cherry-picking",
                read: { $0.boringWindowDays / 7 },
                write: { $0.boringWindowDays = $1 * 7 }
            ),
            PolicyKey(
                name: "boring-share",
                unit: .share,
                meaning: "smallest share of done loops that should be boring kinds",
                read: { $0.boringShare },
                write: { $0.boringShare = $1 }
            ),
            PolicyKey(
                name: "boring-minimum",
                unit: .count,
                meaning: "done loops in the window before the share is judged",
                read: { Double($0.boringMinimum) },
                write: { $0.boringMinimum = Int($1) }
            ),
            PolicyKey(
                name: "earned-autonomy",
                unit: .flag,
                meaning: "whether a person's record moves the default autonomy of their new loops up or down one",
                read: { $0.earnedAutonomy ? 1 : 0 },
                write: { $0.earnedAutonomy = $1 != 0 }
            ),
            PolicyKey(
                name: "earned-window",
                unit: .weeks,
                meaning: "look-back over a person's record for earned autonomy",
                read: { $0.earnedWindowDays / 7 },
                write: { $0.earnedWindowDays = $1 * 7 }
            ),
            PolicyKey(
                name: "earned-kept-minimum",
                unit: .count,
                meaning: "promises judged in the window before a record can earn autonomy",
                read: { Double($0.earnedKeptMinimum) },
                write: { $0.earnedKeptMinimum = Int($1) }
            ),
            PolicyKey(
                name: "earned-kept-share",
                unit: .share,
                meaning: "smallest share of promises kept, with no surprises, to earn one more autonomy",
                read: { $0.earnedKeptShare },
                write: { $0.earnedKeptShare = $1 }
            ),
            PolicyKey(
                name: "earned-surprises",
                unit: .count,
                meaning: "surprises in the window (missed dates, untold changes, blockers sat on, going dark, "
                    + "untold drops) that cost one autonomy",
                read: { Double($0.earnedSurprises) },
                write: { $0.earnedSurprises = Int($1) }
            ),
            PolicyKey(
                name: "away-warn-before",
                unit: .workingDays,
                meaning: "time before someone's time off to hand off or get a backup for their loops",
                read: { $0.awayWarnBefore },
                write: { $0.awayWarnBefore = $1 }
            ),
            PolicyKey(
                name: "handoff-before",
                unit: .hoursOfADay,
                meaning: "time before the end of the owner's working day to leave a hand-off note for people who "
                    + "start work before the owner is back",
                read: { $0.handoffBefore },
                write: { $0.handoffBefore = $1 }
            ),
            PolicyKey(
                name: "accept-within",
                unit: .workingDays,
                meaning: "time a new owner has to take up a loop handed to them before its delegator follows up",
                read: { $0.acceptWithin },
                write: { $0.acceptWithin = $1 }
            ),
        ]

    /// The key with a name, if there is one.
    public static func named(_ name: String) -> PolicyKey? {
        all.first { $0.name == name }
    }

    /// The key's value in a policy as `own policy --json` gives it: a number, or `true`/`false` for
    /// a switch, as a policy file takes it (a switch read 0 or 1).
    public func json(in policy: Policy) -> JSONValue {
        unit == .flag ? .bool(read(policy) != 0) : .number(read(policy))
    }

    /// The key's value in a policy as `own policy` prints it, with its unit.
    public func text(in policy: Policy) -> String {
        let number = read(policy)
        switch unit {
        case .workingDays: return Policy.format(number) + " working " + (number == 1 ? "day" : "days")
        case .workingHours, .hoursOfADay:
            return Policy.format(number) + " working " + (number == 1 ? "hour" : "hours")
        case .hoursPerDay: return Policy.format(number) + " h per working day"
        case .count: return Policy.format(number)
        case .weeks: return Policy.format(number) + " " + (number == 1 ? "week" : "weeks")
        case .share: return Policy.format(number * 100) + " %"
        case .flag: return number != 0 ? "true" : "false"
        }
    }

    /// Reads a value for this key, or throws an error naming the key and what it accepts.
    func parse(_ value: PolicyValue) throws(CoreError) -> Double {
        let bad = CoreError.invalidSetting(key: name, value: value.description, expected: unit.accepted)
        let number: Double
        switch value {
        case .number(let given):
            number = unit == .share && given > 1 ? .nan : given
        case .text(let text) where unit == .flag:
            guard text == "true" || text == "false" else { throw bad }
            number = text == "true" ? 1 : 0
        case .text(let text):
            guard let read = Self.number(text, unit: unit) else { throw bad }
            number = read
        case .other(let text) where unit == .flag && (text == "true" || text == "false"):
            number = text == "true" ? 1 : 0
        case .table, .other:
            throw bad
        }
        guard number.isFinite else { throw bad }
        switch unit {
        // At most ten years: a window or a silence longer than that is a typo, and past about 1e16
        // seconds the dates it is counted from trapped when they were made.
        case .workingDays:
            guard number > 0, number <= 2_600 else { throw bad }
        case .workingHours:
            guard number > 0, number <= 20_800 else { throw bad }
        case .weeks:
            guard number > 0, number <= 520 else { throw bad }
        case .hoursPerDay, .hoursOfADay:
            guard number > 0, number <= 24 else { throw bad }
        case .count:
            guard number >= 1, number.rounded() == number, number < 1_000_000 else { throw bad }
        case .share:
            guard number >= 0, number <= 1 else { throw bad }
        case .flag:
            guard number == 0 || number == 1 else { throw bad }
        }
        return number
    }

    /// A number written with its unit: `"2d"`, `"2 days"`, `"4h"`, `"4w"`, `"28d"` (weeks), `"20%"`.
    private static func number(_ text: String, unit: Unit) -> Double? {
        let trimmed = text.trimming(.spaces).lowercased()
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        guard !digits.isEmpty, let number = Double(digits) else { return nil }
        let suffix = trimmed.dropFirst(digits.count).trimming(.spaces)
        switch (unit, suffix) {
        case (.workingDays, "d"), (.workingDays, "day"), (.workingDays, "days"), (.workingDays, ""):
            return number
        case (.workingHours, "h"), (.workingHours, "hour"), (.workingHours, "hours"), (.workingHours, ""),
            (.hoursPerDay, "h"), (.hoursPerDay, ""), (.hoursOfADay, "h"), (.hoursOfADay, "hour"),
            (.hoursOfADay, "hours"), (.hoursOfADay, ""):
            return number
        case (.weeks, "w"), (.weeks, "week"), (.weeks, "weeks"), (.weeks, ""):
            return number
        case (.weeks, "d"), (.weeks, "day"), (.weeks, "days"):
            return number / 7
        case (.share, "%"):
            return number / 100
        case (.share, ""), (.count, ""):
            return number
        default:
            return nil
        }
    }
}
