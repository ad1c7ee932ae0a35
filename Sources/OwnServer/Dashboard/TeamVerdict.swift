import Foundation
import OwnCore

/// The doctor's verdict on a team's loops at one instant, held person by person so that new events
/// are judged again only for the people they touch.
///
/// Every rule but two judges one loop alone, and its finding is about the loop's owner (or, for
/// `unaccepted-handoff`, about who handed it off); `overcommitted` and `cherry-picking` judge one
/// owner's loops together. So the team's findings are the union of each person's
/// (`Doctor.findings(in:now:owner:)`), and a person's depend only on the loops they own or handed
/// off: when some loops change, judging again the people who owned or handed them off, before and
/// after, gives the verdict judging the whole team would give. All rules depend on the instant, so
/// a verdict is only ever brought up to date at its own instant, with the same policy and calendars.
struct TeamVerdict {
    /// Each owner's live loops, most urgent first.
    private(set) var live: [String: [Loop]] = [:]
    /// The findings on each loop, in the doctor's order.
    private(set) var byLoop: [String: [Finding]] = [:]
    /// How many findings are at warning or above.
    private(set) var atRiskCount = 0
    /// The first findings of `atRisk`, as many as the board shows: merged again when the verdict
    /// changes, not on each read (merging copies findings).
    private(set) var firstAtRisk: [Finding] = []
    /// The findings about each person, in the doctor's order.
    private var about: [String: [Finding]] = [:]
    /// The findings about each person at warning or above, critical first, then in the doctor's
    /// order: kept person by person, so that judging one person again copies none of the others'
    /// (a list of the whole team's copied twenty thousand findings on every new event).
    private var riskyAbout: [String: [Finding]] = [:]

    /// Judges the whole team: `loops` are the doctor's loops of every owner.
    init(loops: [Loop], doctor: Doctor, now: Date) {
        let findings = doctor.findings(in: loops, now: now)
        live = Dictionary(
            grouping: Loop.byUrgency(loops.filter { $0.state.isLive }, now: now, calendars: doctor.calendars),
            by: \.owner
        )
        about = Dictionary(grouping: findings, by: \.owner)
        byLoop = Dictionary(grouping: findings.filter { $0.loop != nil }, by: { $0.loop ?? "" })
        let risky = findings.filter { $0.severity == .critical } + findings.filter { $0.severity == .warning }
        riskyAbout = Dictionary(grouping: risky, by: \.owner)
        atRiskCount = risky.count
        firstAtRisk = Array(risky.prefix(DashboardPages.teamFindingsShown))
    }

    /// The findings at warning or above, critical first, then in the doctor's order.
    var atRisk: [Finding] { atRisk(first: atRiskCount) }

    /// The first `limit` findings of `atRisk`, merged from each person's: what a page shows, without
    /// putting the whole team's together.
    func atRisk(first limit: Int) -> [Finding] {
        var lists = riskyAbout.values.map { (findings: $0, next: 0) }
        var merged: [Finding] = []
        merged.reserveCapacity(min(limit, atRiskCount))
        while merged.count < limit {
            var best: Int?
            for index in lists.indices where lists[index].next < lists[index].findings.count {
                let finding = lists[index].findings[lists[index].next]
                if let chosen = best, !Self.riskier(finding, than: lists[chosen].findings[lists[chosen].next]) {
                    continue
                }
                best = index
            }
            guard let best else { break }
            merged.append(lists[best].findings[lists[best].next])
            lists[best].next += 1
        }
        return merged
    }

    /// Judges `people` again over `loops`, which hold at least every doctor's loop that one of them
    /// owns or handed off; everyone else's verdict stays.
    mutating func judgeAgain(_ people: Set<String>, loops: [Loop], doctor: Doctor, now: Date) {
        var touchedLoops = Set<String>()
        for person in people {
            for finding in about[person] ?? [] {
                if let key = finding.loop { touchedLoops.insert(key) }
            }
            about[person] = nil
            live[person] = nil
            atRiskCount -= riskyAbout.removeValue(forKey: person)?.count ?? 0
        }
        let theirs = loops.filter { people.contains($0.owner) || $0.delegatedBy.map(people.contains) == true }
        var fresh: [Finding] = []
        for person in people {
            let findings = doctor.findings(in: theirs, now: now, owner: person)
            if !findings.isEmpty { about[person] = findings }
            let risky = findings.filter { $0.severity >= .warning }.sorted(by: Self.riskier)
            if !risky.isEmpty { riskyAbout[person] = risky }
            atRiskCount += risky.count
            fresh += findings
            let ordered = Loop.byUrgency(
                theirs.filter { $0.owner == person && $0.state.isLive },
                now: now,
                calendars: doctor.calendars
            )
            if !ordered.isEmpty { live[person] = ordered }
        }
        let freshByLoop = Dictionary(grouping: fresh.filter { $0.loop != nil }, by: { $0.loop ?? "" })
        touchedLoops.formUnion(freshByLoop.keys)
        for key in touchedLoops {
            var findings = (byLoop[key] ?? []).filter { !people.contains($0.owner) }
            findings += freshByLoop[key] ?? []
            findings.sort(by: Doctor.precedes)
            byLoop[key] = findings.isEmpty ? nil : findings
        }
        firstAtRisk = atRisk(first: DashboardPages.teamFindingsShown)
    }

    /// The order of `atRisk`: critical before warning, then the doctor's order.
    private static func riskier(_ a: Finding, than b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        return Doctor.precedes(a, b)
    }
}
