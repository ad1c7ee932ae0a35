public import Foundation

/// `unaccepted-handoff`: a loop handed off more than `accept-within` working days ago that its new
/// owner has not taken up (no event of theirs since, and not handed on): a finding for the delegator,
/// who follows it up, since a hand-off nobody took up is a dropped ball with two owners.
public enum UnacceptedHandoff: Rule {
    /// The rule's name.
    public static let name = RuleName.unacceptedHandoff

    /// One finding per live loop still waiting for its new owner, owned by whoever handed it off.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        var findings: [Finding] = []
        for index in loops.indices where loops[index].state.isLive && loops[index].acceptedAt == nil {
            guard let handedAt = loops[index].handedOffAt, let delegator = loops[index].delegatedBy else { continue }
            let loop = loops[index]
            // Working days on the new owner's calendar: theirs is the time to take it up.
            let calendar = calendars.calendar(for: loop.owner)
            let waited = calendar.workingSeconds(from: handedAt, to: now)
            guard waited > policy.acceptWithin * calendar.secondsPerWorkday else { continue }
            // Written to the new owner, whose ledger numbers its loops itself: named by key, which
            // every ledger shares, so the command in it starts this loop and not their own #N.
            let key = TextEscaping.shellWord(loop.key)
            var draft = "Hi \(loop.owner), I handed you \(loop.key) \(loop.title)"
            draft += " on \(Draft.day(handedAt, on: calendar)) and have not seen it picked up."
            if let due = loop.due { draft += " It is due \(Draft.due(due, on: calendar))." }
            // Written to a person or to a team alike (a name tells not which): to a person, asking who
            // else should take it read as if they did not own it already.
            // One waiting for approval is taken up by a word on it: a start before the approval is
            // work before it, which `needs-approval` never lets go of.
            let takeUp =
                loop.state == .proposed
                ? "`own note \(key) \"taking it\"`; it waits for approval" : "`own start \(key)`"
            draft +=
                " Can you take it (\(takeUp))? If someone else should, they make it theirs with `own edit \(key) --owner NAME`; if it is not yours at all, tell me and I will find it another owner."
            var finding = Finding(
                rule: name,
                loop: loop,
                severity: name.severity(for: loop),
                since: handedAt,
                message: "handed off to \(loop.owner) \(Draft.workingDays(waited / calendar.secondsPerWorkday)) ago, "
                    + "not taken up (follow up after \(Draft.workingDaysLimit(policy.acceptWithin)))",
                suggestion: draft
            )
            finding.owner = delegator
            findings.append(finding)
        }
        return findings
    }
}
