public import Foundation

/// Evidence of a person's readiness to step up, not a verdict: the widest scope they have owned over
/// a window, which of the team's lead duties they have owned a loop in, their record and their share
/// of the boring parts; then the gaps to close, each with a suggested next loop.
///
/// Scopes, narrowest first (the seed's progression), judged from loops owned in the window:
/// 1. **own tasks**: any loop;
/// 2. **project**: a loop that names a project or affects someone;
/// 3. **team delivery**: a loop of kind incident, oncall, process or review, or in a lead duty;
/// 4. **cross-team outcomes**: a loop that affects two or more people or teams;
/// 5. **organizational results**: a loop at critical stakes that affects someone.
public struct Readiness: Sendable, Equatable {
    /// The scopes of the progression, narrowest first.
    public enum Scope: Int, Sendable, CaseIterable, Comparable {
        case ownTasks = 1
        case project, teamDelivery, crossTeam, organization

        /// The scope in words.
        public var words: String {
            switch self {
            case .ownTasks: "your own tasks"
            case .project: "your project"
            case .teamDelivery: "your team's delivery"
            case .crossTeam: "cross-team outcomes"
            case .organization: "organizational results"
            }
        }

        public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Whose readiness.
    public var owner: String
    /// The widest scope owned, with the loops that show it; nil when nothing was owned.
    public var widest: Scope?
    /// The loops behind each scope reached.
    public var scopes: [Scope: [Loop]]
    /// Each lead duty, with the loops owned in it (empty when none).
    public var duties: [(duty: String, loops: [Loop])]
    /// The record over the window.
    public var record: Record
    /// Done loops in the window, and how many were boring kinds.
    public var doneCount: Int
    /// How many of those were boring kinds.
    public var boringCount: Int
    /// What to close next, each with a suggested loop.
    public var gaps: [String]

    /// Builds the evidence from the loops the owner owned in the window (`Record.owned`: a loop handed
    /// on counts for the scope and duties it showed; `record` covers the same window). The done ones
    /// count for the share of boring work when they were theirs at the end.
    public init(owner: String, loops: [Loop], duties: [String], record: Record, policy: Policy) {
        self.owner = owner
        self.record = record
        let mine = loops.sorted(by: Loop.inReportOrder)
        // The duty's words as words: "prerelease checks" is no release.
        func inDuty(_ loop: Loop, _ duty: String) -> Bool {
            let title = loop.title
            var from = title.startIndex
            while let found = title.range(
                of: duty,
                options: [.caseInsensitive, .diacriticInsensitive],
                range: from..<title.endIndex
            ) {
                let before = found.lowerBound == title.startIndex ? nil : title[title.index(before: found.lowerBound)]
                // Its last word in the plural counts too: "Stakeholder updates" is the duty
                // "stakeholder update" (it was "never owned").
                var end = found.upperBound
                if end < title.endIndex, title[end] == "s" || title[end] == "S" {
                    let next = title.index(after: end)
                    if next == title.endIndex || !(title[next].isLetter || title[next].isNumber) { end = next }
                }
                let after = end == title.endIndex ? nil : title[end]
                if !(before?.isLetter ?? false || before?.isNumber ?? false)
                    && !(after?.isLetter ?? false || after?.isNumber ?? false)
                {
                    return true
                }
                from = title.index(after: found.lowerBound)
            }
            return false
        }
        var scopes: [Scope: [Loop]] = [:]
        for loop in mine {
            var reached: [Scope] = [.ownTasks]
            // Whom it affects besides its owner: a loop that names only its owner affects no one.
            let others = loop.othersAffected
            if loop.project != nil || !others.isEmpty { reached.append(.project) }
            if [.incident, .oncall, .process, .review].contains(loop.kind)
                || duties.contains(where: { inDuty(loop, $0) })
            {
                reached.append(.teamDelivery)
            }
            if Set(others).count >= 2 { reached.append(.crossTeam) }
            if loop.stakes == .critical, !others.isEmpty { reached.append(.organization) }
            for scope in reached { scopes[scope, default: []].append(loop) }
        }
        self.scopes = scopes
        widest = scopes.keys.max()
        self.duties = duties.map { duty in (duty, mine.filter { inDuty($0, duty) }) }
        let done = mine.filter { loop in
            loop.owner == owner && loop.state == .done && (loop.doneAt.map { $0 >= record.since } ?? false)
        }
        let boring = done.filter(\.kind.isBoring).count
        doneCount = done.count
        boringCount = boring

        var gaps: [String] = []
        let reached = scopes.keys.max()
        if let next = Scope.allCases.first(where: { scope in reached.map { scope > $0 } ?? true }) {
            gaps.append("Scope: nothing yet at \(next.words). Next loop: \(Self.suggestion(for: next))")
        }
        for (duty, loops) in duties.map({ duty in (duty, mine.filter { inDuty($0, duty) }) }) where loops.isEmpty {
            gaps.append(
                "Lead duty \"\(duty)\": never owned. Next loop: own add \"\(duty.prefix(1).uppercased() + duty.dropFirst()) for <the next one>\" --done-when \"…\" --due <date>"
            )
        }
        if !record.breaches.isEmpty {
            // By number, each once: #2 before #10.
            var seen: Set<String> = []
            let references = record.breaches.sorted { ($0.number, $0.loop) < ($1.number, $1.loop) }.map(\.reference)
                .filter { seen.insert($0).inserted }
            gaps.append(
                "Record: \(Draft.count(record.breaches.count, "surprise")) (\(references.joined(separator: ", "))). Next: re-date before the deadline with --told, ask for help within a day of a block, and send an update before the silence gets long."
            )
        }
        if !done.isEmpty, Double(boring) / Double(done.count) < policy.boringShare {
            gaps.append(
                "Boring parts: \(boring) of \(done.count) done loops were tests, docs, debt, monitoring or on-call. Next loop: own add \"<a test, doc or debt item nobody owns>\" --kind debt"
            )
        }
        self.gaps = gaps
    }

    private static func suggestion(for scope: Scope) -> String {
        switch scope {
        case .ownTasks: "own add \"<something you will do>\" --done-when \"…\" --due <date>"
        case .project: "own add \"<a piece of your project>\" --project <name> --affects <who depends on it>"
        case .teamDelivery: "own add \"<the next release, rota or incident review>\" --kind process"
        case .crossTeam: "own add \"<an outcome another team depends on>\" --affects <team-a>,<team-b>"
        case .organization: "own add \"<a result the organization tracks>\" --stakes critical --affects <who>"
        }
    }

    public static func == (lhs: Readiness, rhs: Readiness) -> Bool {
        lhs.owner == rhs.owner && lhs.widest == rhs.widest && lhs.gaps == rhs.gaps && lhs.record == rhs.record
    }
}
