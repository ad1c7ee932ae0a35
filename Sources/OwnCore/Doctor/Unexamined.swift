public import Foundation

/// `unexamined`: a loop at stakes high or above that started without the three questions answered.
public enum Unexamined: Rule {
    /// The rule's name.
    public static let name = RuleName.unexamined

    /// One finding per such loop. Answering later does not clear it (the work began unexamined, and the
    /// ledger never counts such a loop as settled), but the suggestion then says so.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        var findings: [Finding] = []
        for index in loops.indices where loops[index].startedWithoutQuestions && loops[index].stakes >= .high {
            let loop = loops[index]
            guard loop.state != .dropped, loop.state != .handedOff else { continue }
            let calendar = calendars.calendar(for: loop.owner)
            let started = loop.startedAt ?? loop.createdAt
            let questions: [(name: String, answer: String?, ask: String)] = [
                ("--ux", loop.ux, "Who is affected, and how will they notice?"),
                ("--touches", loop.touches, "What does it touch (systems, data, other teams)?"),
                ("--if-it-fails", loop.ifItFails, "What happens if it fails, and how do we roll back?"),
            ]
            let missing = questions.filter { $0.answer == nil }
            var message = "stakes \(loop.stakes.rawValue), started \(Draft.day(started, on: calendar)) without "
            let suggestion: String
            if missing.isEmpty {
                message += "the three questions answered (answered since)"
                suggestion =
                    "The questions for \(Draft.named(loop)) are answered now; next time, answer them "
                    + "before starting."
            } else {
                message += "answers to " + missing.map(\.name).joined(separator: ", ")
                suggestion =
                    "Before going further on \(Draft.named(loop)), answer: "
                    + missing.map(\.ask).joined(separator: " ")
            }
            findings.append(
                Finding(
                    rule: name,
                    loop: loop,
                    severity: name.severity(for: loop),
                    since: started,
                    message: message,
                    suggestion: suggestion
                )
            )
        }
        return findings
    }
}
