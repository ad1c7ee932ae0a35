import Foundation
import OwnCore

/// A scheduled message written for a channel: Slack Block Kit through the reports' Slack renderer, or
/// plain JSON for a generic webhook. Loops are named by key, as everything shown to other people is.
struct DigestMessage {
    /// What the message holds.
    enum Content {
        /// A person's standup draft and their doctor findings.
        case standup(Standup, findings: [Finding])
        /// The hand-off notes an owner should leave before their day ends.
        case handoff(findings: [Finding])
        /// The team's weekly summary.
        case weekly(Weekly)
    }

    let send: DigestSend
    let content: Content
    /// The zone of the person whose day the send follows, to say when a late one was due.
    let zone: TimeZone

    /// The body to POST to a channel of this kind.
    func body(slack: Bool) -> String {
        slack ? JSONWriter.string(SlackRenderer.payload(document)) : JSONWriter.string(json)
    }

    /// The message laid out for people.
    var document: ReportDocument {
        var document: ReportDocument
        switch content {
        case .standup(let standup, let findings):
            document = standup.document
            if !findings.isEmpty { document.sections.append(Self.section("Doctor", findings)) }
        case .handoff(let findings):
            document = ReportDocument(
                title: "Hand-off before you leave: \(send.slot.person)",
                subtitle: "Someone starts work before you are back; a note now saves their morning.",
                sections: [Self.section("Loops", findings)],
                empty: "nothing to hand off"
            )
        case .weekly(let weekly):
            document = weekly.document
            document.title = "Weekly summary: team \(send.slot.team)"
        }
        if send.late { document.lead.insert(lateLine, at: 0) }
        return document
    }

    /// `Late: due 09:00 Europe/Berlin; not sent then (no server was running, or the settings came later).`
    /// Either may be why: the server cannot tell which.
    var lateLine: String {
        let clock = Timestamp.format(send.at, in: zone).dropFirst(11).prefix(5)
        return
            "Late: due \(clock) \(zone.shownName); not sent then (no server was running, or the settings came later)."
    }

    /// The message as plain JSON: what it is, for whom, whether it is late, and the report's own JSON.
    var json: JSONValue {
        var object: [String: JSONValue] = [
            "kind": .string(send.slot.kind.messageKind),
            "team": .string(send.slot.team),
            "person": .string(send.slot.person),
            "day": .string(send.slot.day.description),
            "due": .string(Timestamp.format(send.at)),
            "late": .bool(send.late),
        ]
        switch content {
        case .standup(let standup, let findings):
            object["standup"] = standup.json
            object["findings"] = .array(findings.map(Self.json))
        case .handoff(let findings):
            object["findings"] = .array(findings.map(Self.json))
        case .weekly(let weekly):
            object["weekly"] = weekly.json
        }
        return .object(object)
    }

    /// A finding as the message's JSON: the doctor's, with no `number` when it is about no loop.
    static func json(_ finding: Finding) -> JSONValue {
        guard finding.loop == nil, case .object(var members) = finding.json else { return finding.json }
        members["number"] = nil
        return .object(members)
    }

    /// Findings as report entries: the loop's key and title, the rule and message, the drafted fix.
    static func section(_ heading: String, _ findings: [Finding]) -> ReportDocument.Section {
        ReportDocument.Section(
            heading: heading,
            entries: findings.map { finding in
                ReportDocument.Entry(
                    reference: finding.loop,
                    title: finding.title ?? finding.owner,
                    summary: "\(finding.rule.rawValue): \(finding.message)",
                    details: [finding.suggestion]
                )
            }
        )
    }
}
