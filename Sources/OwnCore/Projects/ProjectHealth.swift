public import Foundation

/// A project's health, derived from its loops, always with the reasons in words.
///
/// - **Off track**: a loop overdue, or more estimated hours left on live loops than the owners'
///   capacity (`capacity` hours per working day) until the latest due date.
/// - **At risk**: a loop blocked with no help asked for longer than `ask-for-help-after`, a loop going
///   dark (`dark-after`), or the remaining estimate above 80 % of that capacity.
/// - **On track**: none of these.
public struct ProjectHealth: Sendable, Equatable {
    /// How a project stands.
    public enum Status: String, Sendable, Comparable {
        case onTrack = "on track"
        case atRisk = "at risk"
        case offTrack = "off track"

        private var rank: Int {
            switch self {
            case .onTrack: 0
            case .atRisk: 1
            case .offTrack: 2
            }
        }

        public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }
    }

    /// The share of the capacity left above which the remaining estimate puts a project at risk.
    public static let tightShare = 0.8

    /// The project's name.
    public var name: String
    /// How it stands: the worst of its reasons.
    public var status: Status
    /// Why, in words, worst first; one line saying all is well when on track.
    public var reasons: [String]
    /// Its live loops, in number order.
    public var live: [Loop]
    /// How many of its loops are done.
    public var done: Int
    /// The latest due date among its live loops.
    public var latestDue: Due?
    /// Estimated hours left on its live loops.
    public var remainingHours: Double
    /// Working hours of capacity its owners have until the latest due date.
    public var capacityHours: Double

    /// The health of one project from its loops (any state). `naming` names a loop in the reasons: by
    /// its number (`own project show`), or by its key in a report, which every ledger shares.
    public init(
        name: String,
        loops: [Loop],
        policy: Policy,
        calendars: Calendars,
        now: Date,
        naming: (Loop) -> String = Draft.reference
    ) {
        self.name = name
        live = loops.filter(\.state.isLive).sorted(by: Loop.inReportOrder)
        done = loops.filter { $0.state == .done }.count
        var problems: [(Status, String)] = []
        for loop in live {
            let calendar = calendars.calendar(for: loop.owner)
            if let due = loop.due, now >= due.deadline(in: calendar.zone) {
                problems.append(
                    (.offTrack, "\(naming(loop)) overdue (was due \(Draft.due(due, on: calendar)))")
                )
            }
        }
        let live = live
        func named(_ finding: Finding) -> String {
            live.first { $0.key == finding.loop }.map(naming) ?? finding.loop ?? "?"
        }
        for finding in StuckAlone.findings(in: live, policy: policy, calendars: calendars, now: now)
            + GoingDark.findings(in: live, policy: policy, calendars: calendars, now: now)
        {
            problems.append((.atRisk, "\(named(finding)) \(finding.message)"))
        }
        // With its owner's calendar: the deadline is said as the loop's own line says it.
        let latest = live.compactMap { loop in
            let calendar = calendars.calendar(for: loop.owner)
            return loop.due.map { (due: $0, deadline: $0.deadline(in: calendar.zone), calendar: calendar) }
        }
        .max { $0.deadline < $1.deadline }
        latestDue = latest?.due
        remainingHours = live.compactMap(\.estimateHours).reduce(0, +)
        var capacity = 0.0
        if let latest {
            for owner in Set(live.map(\.owner)) {
                let calendar = calendars.calendar(for: owner)
                capacity += calendar.workingDays(from: now, to: latest.deadline) * policy.capacity
            }
        }
        capacityHours = capacity
        if remainingHours > 0, let latest {
            let words =
                "\(Draft.amount(remainingHours)) h estimated left, \(Draft.amountBelow(capacity)) h of capacity "
                + "to \(Draft.due(latest.due, on: latest.calendar))"
            if remainingHours > capacity {
                problems.append((.offTrack, words))
            } else if remainingHours > capacity * Self.tightShare {
                problems.append((.atRisk, words))
            }
        }
        let worst = problems.map(\.0).max() ?? .onTrack
        status = worst
        if problems.isEmpty {
            var line =
                live.isEmpty
                ? "nothing open; \(Draft.count(done, "loop")) done"
                : "\(Draft.count(live.count, "live loop")): none overdue, blocked alone or dark"
            if remainingHours > 0 {
                // With no due date there is no capacity to weigh it against ("500 h left of 0 h").
                line +=
                    latest == nil
                    ? "; \(Draft.amount(remainingHours)) h estimated left, and no due date to weigh it against"
                    : "; \(Draft.amount(remainingHours)) h estimated left of \(Draft.amountBelow(capacity)) h"
            }
            reasons = [line]
        } else {
            reasons = problems.filter { $0.0 == .offTrack }.map(\.1) + problems.filter { $0.0 == .atRisk }.map(\.1)
        }
    }

    /// Every project the loops name, by name.
    public static func all(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [ProjectHealth] {
        Dictionary(grouping: loops.filter { $0.project != nil }) { $0.project ?? "" }
            .map { ProjectHealth(name: $0.key, loops: $0.value, policy: policy, calendars: calendars, now: now) }
            .sorted { $0.name < $1.name }
    }

    /// The JSON object: `project`, `status`, `reasons`, `live` (numbers), `done`, `latestDue`,
    /// `remainingHours`, `capacityHours`.
    public var json: JSONValue {
        .object([
            "project": .string(name), "status": .string(status.rawValue),
            "reasons": .array(reasons.map(JSONValue.string)),
            "live": .array(live.map { .number(Double($0.number)) }), "done": .number(Double(done)),
            // To a thousandth of an hour: sums of working time carried binary noise (12.975000000000001).
            "latestDue": latestDue.map { .string($0.json) } ?? .null,
            "remainingHours": .number((remainingHours * 1000).rounded() / 1000),
            "capacityHours": .number((capacityHours * 1000).rounded() / 1000),
        ])
    }
}
