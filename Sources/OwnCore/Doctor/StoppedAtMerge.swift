public import Foundation

/// `stopped-at-merge`: done at stakes medium or above but not verified in production, or at stakes high
/// or above with nothing named as monitoring it.
public enum StoppedAtMerge: Rule {
    /// The rule's name.
    public static let name = RuleName.stoppedAtMerge

    /// One finding per such loop, naming what is missing.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        var findings: [Finding] = []
        for index in loops.indices where loops[index].state == .done && loops[index].stakes >= .medium {
            let unmonitored = loops[index].stakes >= .high && loops[index].monitoredBy == nil
            guard !loops[index].verified || unmonitored else { continue }
            let loop = loops[index]
            let calendar = calendars.calendar(for: loop.owner)
            let doneAt = loop.doneAt ?? loop.lastEventAt
            var missing: [String] = []
            if !loop.verified { missing.append("not verified in production") }
            if unmonitored { missing.append("nothing named as monitoring it") }
            let how = loop.verified ? "" : "Verified \(Draft.reference(loop)) in production: <how you checked>. "
            let monitor = "Monitored by \(loop.monitoredBy ?? "<the alert or dashboard that would notice>")."
            findings.append(
                Finding(
                    rule: name,
                    loop: loop,
                    severity: name.severity(for: loop),
                    since: doneAt,
                    message: "done \(Draft.day(doneAt, on: calendar)) at stakes \(loop.stakes.rawValue): "
                        + missing.joined(separator: "; "),
                    suggestion: "Close the loop in production, then record: \"\(how)\(monitor)\" "
                        + "(`own edit \(loop.commandReference)"
                        + (loop.verified ? "" : " --verified") + (unmonitored ? " --monitored-by \"…\"" : "") + "`)"
                )
            )
        }
        return findings
    }
}
