public import Foundation
import Synchronization

/// Runs every rule over the loops and lists the findings in a stable order.
public struct Doctor: Sendable, Equatable {
    /// The thresholds.
    public var policy: Policy
    /// Everyone's working calendar.
    public var calendars: Calendars
    /// The people judged by thresholds of their own (a team server's person settings): their loops,
    /// and their follow-up of the loops they handed off, by theirs; everyone else's by `policy`.
    public var policies: [String: Policy]

    /// Every rule, in the order of the rule table (docs/doctor.md).
    public static let rules: [any Rule.Type] = [
        GoingDark.self, StuckAlone.self, UncommunicatedChange.self, Overcommitted.self, InvisibleWork.self,
        OpenLoop.self, Overdue.self, NeedsApproval.self, CherryPicking.self, StoppedAtMerge.self, Unexamined.self,
        NoGuard.self, UncoveredWhileAway.self, TimezoneHandoff.self, UnacceptedHandoff.self,
    ]

    /// How many loops make the rules worth running side by side: below it, starting threads costs
    /// more than it saves. (Over every live loop of the 100,000-loop benchmark ledger, 17,700, the
    /// rules take about 45% of the doctor's work.)
    public static let loopsJudgedInParallel = 1_000

    /// A doctor with a policy and calendars, and people's own policies.
    public init(policy: Policy = .defaults, calendars: Calendars = Calendars(), policies: [String: Policy] = [:]) {
        self.policy = policy
        self.calendars = calendars
        self.policies = policies
    }

    /// How far back settled loops matter (the widest `boring-window` of the policies): a store reads
    /// the loops done since then for the rules that look back.
    public var lookBackDays: Double {
        policies.values.reduce(policy.boringWindowDays) { max($0, $1.boringWindowDays) }
    }

    /// The findings over some loops (each given once), only about `owner` when one is given: their
    /// loops, and the loops they handed off (whose follow-up is theirs).
    ///
    /// Each person is judged by their own policy when they have one, so the whole team's findings
    /// are those of each person's read put together.
    ///
    /// Sorted by rule (the table's order), then loop number, key and owner, so output is stable.
    public func findings(in loops: [Loop], now: Date, owner: String? = nil) -> [Finding] {
        if let owner { return findings(in: loops, now: now, owner: owner, policy: policies[owner] ?? policy) }
        guard !policies.isEmpty else { return findings(in: loops, now: now, owner: nil, policy: policy) }
        var findings = findings(in: loops, now: now, owner: nil, policy: policy).filter { policies[$0.owner] == nil }
        for (person, theirs) in policies {
            findings += self.findings(in: loops, now: now, owner: person, policy: theirs)
        }
        findings.sort(by: Self.precedes)
        return findings
    }

    private func findings(in loops: [Loop], now: Date, owner: String?, policy: Policy) -> [Finding] {
        let judged = owner.map { person in loops.filter { $0.owner == person || $0.delegatedBy == person } } ?? loops
        var findings: [Finding] = []
        if judged.count < Self.loopsJudgedInParallel {
            for rule in Self.rules {
                findings += rule.findings(in: judged, policy: policy, calendars: calendars, now: now)
            }
        } else {
            // The rules are pure functions of values: each runs on whichever core is free, and their
            // findings join in the table's order as before.
            let found = Mutex([[Finding]](repeating: [], count: Self.rules.count))
            DispatchQueue.concurrentPerform(iterations: Self.rules.count) { index in
                let some = Self.rules[index].findings(in: judged, policy: policy, calendars: calendars, now: now)
                found.withLock { $0[index] = some }
            }
            findings = found.withLock { $0.flatMap { $0 } }
        }
        if let owner { findings.removeAll { $0.owner != owner } }
        findings.sort(by: Self.precedes)
        return findings
    }

    /// The order of the findings: by rule (the table's order), then loop number, key and owner.
    /// Field by field rather than as tuples, so that comparing copies no strings.
    public static func precedes(_ a: Finding, _ b: Finding) -> Bool {
        if a.rule != b.rule { return a.rule < b.rule }
        let left = a.number ?? Int.max
        let right = b.number ?? Int.max
        if left != right { return left < right }
        if a.loop != b.loop { return (a.loop ?? "") < (b.loop ?? "") }
        return a.owner < b.owner
    }
}
