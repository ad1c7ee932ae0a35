public import Foundation

/// The brag document: what the owner delivered in a window, grouped by kind and stakes, with
/// outcomes and links to the loops, ready to paste into a review document.
public struct Brag: Sendable, Equatable {
    /// Whose work.
    public var owner: String
    /// The window's first day.
    public var since: CivilDate
    /// The window's last day.
    public var until: CivilDate
    /// The groups: kinds in the order of `Kind`, stakes highest first within a kind.
    public var groups: [Group]
    /// Guards built in the window on the owner's delivered loops: what now prevents a repeat.
    public var guards: [Loop.Guard] = []

    /// Delivered loops of one kind at one stakes.
    public struct Group: Sendable, Equatable {
        /// The kind.
        public var kind: Kind
        /// The stakes.
        public var stakes: Stakes
        /// The loops, in the order they were done.
        public var items: [ReportItem]
        /// Links to the loops, by key, when a link template was given.
        public var links: [String: String]
    }

    /// Builds the document.
    ///
    /// - Parameters:
    ///   - owner: whose work.
    ///   - loops: the owner's loops done in the window (others are ignored).
    ///   - since: the first day, on the owner's calendar.
    ///   - until: the last day, included.
    ///   - calendar: the owner's working calendar.
    ///   - linkTemplate: a URL with `{key}` or `{number}` in it, for links to the loops.
    /// The instant a brag document over days up to `until` reads its loops as of: the window's end
    /// (or now, if sooner), as the weekly reads them. Work delivered then and reopened since was
    /// delivered in that window.
    /// The window's last instant, not the next day's first: a reopen at midnight after it is the next
    /// day's, as the weekly reads it (`Weekly.lastInstant`).
    public static func readAsOf(until: CivilDate, zone: TimeZone, now: Date) -> Date {
        min(Weekly.lastInstant(endingAt: until.adding(days: 1).start(in: zone), untilIsDay: true), now)
    }

    public init(
        owner: String,
        loops: [Loop],
        since: CivilDate,
        until: CivilDate,
        calendar: WorkingCalendar,
        linkTemplate: String? = nil
    ) {
        self.owner = owner
        self.since = since
        self.until = until
        let delivered = loops.filter { loop in
            guard loop.owner == owner, loop.state == .done, let doneAt = loop.doneAt else { return false }
            let day = calendar.day(of: doneAt)
            return day >= since && day <= until
        }
        .sorted { ($0.doneAt!, $0.key) < ($1.doneAt!, $1.key) }
        var groups: [Group] = []
        for kind in Kind.allCases {
            for stakes in Stakes.allCases.reversed() {
                let members = delivered.filter { $0.kind == kind && $0.stakes == stakes }
                guard !members.isEmpty else { continue }
                var links: [String: String] = [:]
                let items = members.map { loop in
                    let link = linkTemplate.map {
                        // A key may hold spaces, `/` or `#`: encoded, the link stays one URL.
                        $0.replacingOccurrences(of: "{key}", with: PathSegment.encoded(loop.key))
                            .replacingOccurrences(of: "{number}", with: String(loop.number))
                    }
                    links[loop.key] = link
                    var summary = loop.outcome ?? "delivered"
                    // What watches it is part of what was delivered: a review reads who owns it running.
                    let watched = loop.monitoredBy.map { "watched by \($0)" }
                    if loop.verified || watched != nil {
                        summary +=
                            " ("
                            + ([loop.verified ? "verified in production" : nil, watched].compactMap { $0 })
                            .joined(separator: ", ") + ")"
                    }
                    summary += ", " + ReportWords.day(calendar.day(of: loop.doneAt!))
                    return ReportItem(
                        loop,
                        summary: summary,
                        facts: [
                            "doneAt": ReportWords.json(loop.doneAt!),
                            "outcome": loop.outcome.map(JSONValue.string) ?? .null,
                            "verified": .bool(loop.verified),
                            "monitoredBy": loop.monitoredBy.map(JSONValue.string) ?? .null,
                            "link": link.map(JSONValue.string) ?? .null,
                        ]
                    )
                }
                groups.append(Group(kind: kind, stakes: stakes, items: items, links: links))
            }
        }
        self.groups = groups
        guards = delivered.flatMap { loop in
            loop.guards.filter { item in
                let day = calendar.day(of: item.at)
                return day >= since && day <= until
            }
        }
    }

    /// Every loop it lists, for `--mark` (channel `doc`).
    public var includedLoops: [String] { groups.flatMap { $0.items.map(\.loop) } }

    /// The JSON: `owner`, `since`, `until`, and `groups`, each with `kind`, `stakes` and `items`.
    public var json: JSONValue {
        .object([
            "owner": .string(owner), "since": .string(since.description), "until": .string(until.description),
            "guards": .array(guards.map { .string($0.text) }),
            "groups": .array(
                groups.map { group in
                    .object([
                        "kind": .string(group.kind.rawValue), "stakes": .string(group.stakes.rawValue),
                        "items": .array(group.items.map(\.json)),
                    ])
                }
            ),
        ])
    }

    /// The document laid out for people.
    public var document: ReportDocument {
        ReportDocument(
            title: "Delivered: \(owner)",
            subtitle: "\(ReportWords.dayWithYear(since)) to \(ReportWords.dayWithYear(until))",
            lead: guards.isEmpty
                ? []
                : [
                    "Guards built: \(guards.count) (" + guards.map(\.text).joined(separator: "; ")
                        + "): what now prevents a repeat."
                ],
            sections: groups.map { group in
                ReportDocument.Section(
                    heading: "\(Self.kindHeading(group.kind)), \(group.stakes.rawValue) stakes",
                    entries: group.items.map { $0.entry(link: group.links[$0.loop]) }
                )
            },
            empty: "Nothing delivered between \(ReportWords.day(since)) and \(ReportWords.day(until))."
        )
    }

    private static func kindHeading(_ kind: Kind) -> String {
        switch kind {
        case .feature: "Features"
        case .bug: "Bug fixes"
        case .test: "Tests"
        case .docs: "Documentation"
        case .debt: "Technical debt"
        case .monitoring: "Monitoring"
        case .oncall: "On-call"
        case .incident: "Incidents"
        case .review: "Reviews"
        case .help: "Helping others"
        case .process: "Process"
        case .other: "Other"
        }
    }
}
