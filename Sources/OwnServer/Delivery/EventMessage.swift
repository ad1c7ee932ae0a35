import Foundation
import OwnCore

/// A message the notifier writes because an event arrived: a notice of a change to plan, an alert on
/// an incident loop, a request for a lead's approval, or the answer to one. Slack gets Block Kit
/// through the reports' Slack renderer; a generic webhook gets plain JSON. Loops are named by key,
/// and nothing quotes a token or a channel's URL.
struct EventMessage {
    /// What the message holds.
    enum Content {
        /// A change to scope, timeline or risk, in the form of `own notice`.
        case notice(Notice)
        /// Something happened on a monitor's incident loop: `what` says it in words.
        case alert(Alert)
        /// A loop waits for a lead's approval.
        case approvalRequest(loop: Loop, leads: [String], asker: String)
        /// A lead approved a loop.
        case approvalAnswer(loop: Loop, by: String, at: Date)
    }

    /// An incident loop's news: the monitor, who owns it, the loop, and what happened.
    struct Alert {
        /// The monitor's name.
        var monitor: String
        /// Who owns the monitor and the incident.
        var owner: String
        /// The incident loop.
        var loop: Loop
        /// `down`, `failing`, `up`, `resolved`, `reopened` or `note`.
        var status: String
        /// What happened, in words (the event's title, note or outcome).
        var what: String
        /// When it happened.
        var at: Date
    }

    /// The team the message goes to.
    let team: String
    /// What it holds.
    let content: Content

    /// The message's kind, as the JSON's `kind` says it.
    var kind: String {
        switch content {
        case .notice: "notice"
        case .alert: "alert"
        case .approvalRequest: "approval-request"
        case .approvalAnswer: "approval-answer"
        }
    }

    /// The body to POST to a channel of this kind.
    func body(slack: Bool) -> String {
        slack ? JSONWriter.string(SlackRenderer.payload(document)) : JSONWriter.string(json)
    }

    /// The message laid out for people.
    var document: ReportDocument {
        switch content {
        case .notice(let notice):
            return notice.document
        case .alert(let alert):
            return ReportDocument(
                title: "Alert: \(alert.monitor) \(alert.status)",
                subtitle: "monitor \(alert.monitor), its incident owned by \(alert.owner)",
                lead: [
                    "Incident loop: \(alert.loop.key) (\(alert.loop.stakes.rawValue) stakes, \(alert.loop.state.rawValue))"
                ],
                sections: [
                    .init(
                        heading: "What happened",
                        entries: [.init(title: alert.what, details: ["at \(Timestamp.format(alert.at))"])]
                    ),
                    .init(
                        heading: "Next",
                        entries: [
                            .init(
                                title:
                                    "\(alert.owner) owns \(alert.loop.key); `own show \(TextEscaping.shellWord(alert.loop.key))` has its history"
                            )
                        ]
                    ),
                ],
                empty: ""
            )
        case .approvalRequest(let loop, let leads, let asker):
            let from =
                loop.kind == .incident
                ? "an incident of \(loop.owner)'s"
                : asker == loop.owner ? "from \(asker)" : "from \(asker), for \(loop.owner)'s loop"
            return ReportDocument(
                title: "Approval asked: \(loop.key) \(loop.title)",
                subtitle: from
                    + ", for \(leads.isEmpty ? "a lead of team \(team)" : Self.list(leads))",
                lead: ["Autonomy \(loop.autonomy): a lead approves before work starts."],
                sections: [
                    .init(heading: "The loop", entries: [Self.entry(loop)]),
                    .init(
                        heading: "To approve",
                        entries: [
                            .init(
                                title: "`own approve \(TextEscaping.shellWord(loop.key))`, "
                                    + "or the dashboard's approvals page"
                            )
                        ]
                    ),
                ],
                empty: ""
            )
        case .approvalAnswer(let loop, let by, _):
            return ReportDocument(
                title: "Approved: \(loop.key) \(loop.title)",
                subtitle: "by \(by), for \(loop.owner)",
                sections: [.init(heading: "The loop", entries: [Self.entry(loop)])],
                empty: ""
            )
        }
    }

    /// The message as plain JSON: its kind and team, and what it is about.
    var json: JSONValue {
        var object: [String: JSONValue] = ["kind": .string(kind), "team": .string(team)]
        switch content {
        case .notice(let notice):
            object["loop"] = .string(notice.item.loop)
            object["notice"] = notice.json
        case .alert(let alert):
            object["loop"] = .string(alert.loop.key)
            object["number"] = .number(Double(alert.loop.number))
            object["monitor"] = .string(alert.monitor)
            object["owner"] = .string(alert.owner)
            object["status"] = .string(alert.status)
            object["what"] = .string(alert.what)
            object["at"] = .string(Timestamp.format(alert.at))
            object["stakes"] = .string(alert.loop.stakes.rawValue)
            object["state"] = .string(alert.loop.state.rawValue)
        case .approvalRequest(let loop, let leads, let asker):
            object["loop"] = .string(loop.key)
            object["number"] = .number(Double(loop.number))
            object["title"] = .string(loop.title)
            object["owner"] = .string(loop.owner)
            object["askedBy"] = .string(loop.kind == .incident ? loop.owner : asker)
            object["autonomy"] = .number(Double(loop.autonomy))
            object["leads"] = .array(leads.map(JSONValue.string))
        case .approvalAnswer(let loop, let by, let at):
            object["loop"] = .string(loop.key)
            object["number"] = .number(Double(loop.number))
            object["title"] = .string(loop.title)
            object["owner"] = .string(loop.owner)
            object["approvedBy"] = .string(by)
            object["at"] = .string(Timestamp.format(at))
        }
        return .object(object)
    }

    /// A loop as one entry: its key and title, owner, stakes and what done means.
    private static func entry(_ loop: Loop) -> ReportDocument.Entry {
        var details = ["owner \(loop.owner), \(loop.stakes.rawValue) stakes"]
        if let doneWhen = loop.doneWhen { details.append("done when: \(doneWhen)") }
        return .init(reference: loop.key, title: loop.title, details: details)
    }

    private static func list(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
    }
}
