public import Foundation

/// `needs-approval`: a loop at autonomy 3 or below that was started, noted or done before someone other
/// than its owner approved it.
public enum NeedsApproval: Rule {
    /// The rule's name.
    public static let name = RuleName.needsApproval

    /// One finding per such loop. It stays after a late approval: the agreement was broken when the work
    /// began, and the ledger never counts such a loop as settled.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        var findings: [Finding] = []
        for index in loops.indices where loops[index].actedBeforeApprovalAt != nil && loops[index].autonomy <= 3 {
            guard let acted = loops[index].actedBeforeApprovalAt, loops[index].state != .dropped,
                loops[index].state != .handedOff
            else { continue }
            let loop = loops[index]
            let calendar = calendars.calendar(for: loop.owner)
            var message = "work recorded \(Draft.day(acted, on: calendar)) before approval (autonomy \(loop.autonomy))"
            var request = "Approval request for \(Draft.named(loop)) (stakes \(loop.stakes.rawValue)): "
            request += "I recommend <the approach>. Done when: \(loop.doneWhen ?? "<end state>")."
            request += " Due: \(loop.due.map { Draft.due($0, on: calendar) } ?? "<date>")."
            request += " If it fails: \(loop.ifItFails ?? "<what happens, and how we roll back>")."
            request += " Already started: <what was done so far>. OK to go ahead?"
            if let approvedAt = loop.approvedAt, let approvedBy = loop.approvedBy {
                message += "; approved by \(approvedBy) \(Draft.day(approvedAt, on: calendar))"
                request =
                    "Next time at autonomy \(loop.autonomy), send the recommendation before starting, e.g.: "
                    + request
            }
            findings.append(
                Finding(
                    rule: name,
                    loop: loop,
                    severity: name.severity(for: loop),
                    since: acted,
                    message: message,
                    suggestion: request
                )
            )
        }
        return findings
    }
}
