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
