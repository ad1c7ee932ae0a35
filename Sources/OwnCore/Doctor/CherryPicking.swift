public import Foundation

/// `cherry-picking`: over the last `boring-window`, fewer than `boring-share` of an owner's done loops
/// are boring kinds, with at least `boring-minimum` done. About the owner, so `loop` is null.
public enum CherryPicking: Rule {
    /// The rule's name.
    public static let name = RuleName.cherryPicking

    /// One finding per owner; the window is calendar time, `(now - boring-window, now]`.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        let start = now.addingTimeInterval(-policy.boringWindowDays * 86_400)
        var tally: [String: (done: Int, boring: Int)] = [:]
        for index in loops.indices where loops[index].state == .done {
            guard let doneAt = loops[index].doneAt, doneAt > start, doneAt <= now else { continue }
            tally[loops[index].owner, default: (0, 0)].done += 1
            if loops[index].kind.isBoring { tally[loops[index].owner, default: (0, 0)].boring += 1 }
        }
        var findings: [Finding] = []
        for (owner, count) in tally where count.done >= policy.boringMinimum {
            // A small tolerance so that exactly the share (1 of 5 at 20 %) is not "fewer".
            guard Double(count.boring) < policy.boringShare * Double(count.done) - 1e-9 else { continue }
            let share = Int((Double(count.boring) / Double(count.done) * 100).rounded())
            // The window as it was set: in weeks when whole ("1 week", "2 weeks"), in days otherwise.
            let days = policy.boringWindowDays
            let window =
                (days / 7).rounded() == days / 7
                ? Draft.count(Int(days / 7), "week") : Policy.format(days) + (days == 1 ? " day" : " days")
            findings.append(
                Finding(
                    rule: name,
                    owner: owner,
                    severity: name.defaultSeverity,
                    since: start,
                    message: "\(count.boring) of \(Draft.count(count.done, "loop")) done in \(window) were boring "
                        + "kinds (\(share) %; at least \(Policy.format(policy.boringShare * 100)) %)",
                    suggestion: "Take the next test, docs, debt, monitoring or on-call loop, and say so in standup: "
                        + "\"Next I am taking <the boring part nobody owns>.\""
                )
            )
        }
        return findings
    }
}
