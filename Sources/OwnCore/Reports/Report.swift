public import Foundation

/// Any of the four reports, so the CLI can render, post and mark them the same way.
public enum Report: Sendable, Equatable {
    /// The daily update.
    case standup(Standup)
    /// The weekly summary.
    case weekly(Weekly)
    /// An immediate notice.
    case notice(Notice)
    /// The brag document.
    case brag(Brag)

    /// The report laid out for people.
    public var document: ReportDocument {
        switch self {
        case .standup(let report): report.document
        case .weekly(let report): report.document
        case .notice(let report): report.document
        case .brag(let report): report.document
        }
    }

    /// The report as JSON.
    public var json: JSONValue {
        switch self {
        case .standup(let report): report.json
        case .weekly(let report): report.json
        case .notice(let report): report.json
        case .brag(let report): report.json
        }
    }

    /// The order of the JSON object's first members.
    public var jsonOrder: [String] {
        switch self {
        case .standup: Standup.jsonOrder
        case .weekly: Weekly.jsonOrder
        case .notice: ["loop", "number", "title", "owner", "to"]
        case .brag: ["owner", "since", "until", "groups"]
        }
    }

    /// The loops it includes, each once, for `--mark`.
    public var includedLoops: [String] {
        switch self {
        case .standup(let report): report.includedLoops
        case .weekly(let report): report.includedLoops
        case .notice(let report): report.includedLoops
        case .brag(let report): report.includedLoops
        }
    }

    /// The news of a loop (`Notice.news`) on record at `instant` that the report told of, as `--mark`
    /// records it (`covers`): a notice tells of all of it; a standup and a weekly of the changes
    /// they showed, and of the loop's latest block when they showed it blocked; a brag document of
    /// none. A standup that did not show Monday's scope change no longer marked it told, which
    /// cleared `uncommunicated-change` without anyone hearing of it.
    public func covers(of loop: Loop, events: [Event], at instant: Date) -> [String] {
        let (changes, blocked): (Set<String>, Bool)
        switch self {
        case .notice: return Notice.covers(of: loop, events: events, at: instant)
        case .brag: return []
        case .standup(let report):
            (changes, blocked) = (report.toldChanges[loop.key] ?? [], report.blockers.contains { $0.loop == loop.key })
        case .weekly(let report):
            let shownBlocked = report.risks.contains {
                $0.loop == loop.key && $0.facts["risks"]?.arrayValue?.contains("blocked") == true
            }
            (changes, blocked) = (report.toldChanges[loop.key] ?? [], shownBlocked)
        }
        let news = Notice.news(of: loop, events: events).filter { $0.at <= instant }
        let latestBlock = blocked ? news.last(where: { $0.type == .blocked })?.id : nil
        return news.filter { changes.contains($0.id) || $0.id == latestBlock }.map(\.id)
    }

    /// The channel a `reported` event names when the report is marked.
    public var channel: ReportChannel {
        switch self {
        case .standup: .standup
        case .weekly: .weekly
        case .notice: .notice
        case .brag: .doc
        }
    }

    /// The report written in a format, ending with a newline.
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .text: TextRenderer.render(document)
        case .md: MarkdownRenderer.render(document)
        case .json: ReportJSON.render(json, order: jsonOrder) + "\n"
        case .slack: ReportJSON.render(SlackRenderer.payload(document), order: ["text", "blocks"]) + "\n"
        }
    }
}
