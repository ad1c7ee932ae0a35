import Foundation
import OwnCore
import OwnStore
import TeamStore

/// The loops the doctor judges on the dashboard (every unsettled loop, and the settled ones done
/// within the policy's window), kept in memory per team and brought up to date by the team's
/// event numbers: a page reads the events after the number it last saw and re-reads only the
/// loops they touched, so it never decodes the whole team's loops twice, and it is never stale (a
/// page first asks the store for the team's last number).
///
/// As of an instant (`?at=`), the loops are kept per (team, instant, last number): a late event can
/// still change the past, and then the last number moves on and the entry is read again.
actor DoctorLoopCache {
    /// Past this many new events, reading the loops again is cheaper than following the events.
    static let followLimit = 2_000
    /// How many teams' present loops are kept, the most recently used: a server with many teams
    /// holds the few whose boards are being read, not all of them.
    static let teamsKept = 8
    /// How many as-of views are kept, the most recently used.
    static let asOfEntries = 4
    /// How far back of the window the kept settled loops may reach before the entry is rebuilt.
    static let slack: TimeInterval = 7 * 86_400

    private struct Entry {
        var seq: Int64
        /// Settled loops done at or after this instant are kept, beside every unsettled one.
        var doneSince: Date
        /// The loops in number order (sorted once, when they change, not on every page).
        var loops: [Loop]
    }

    private struct AsOfKey: Hashable {
        var team: String
        var asOf: Date
    }

    private var current = RecentlyUsed<String, Entry>(capacity: teamsKept)
    private var past = RecentlyUsed<AsOfKey, Entry>(capacity: asOfEntries)

    /// The team-wide doctor's verdict at one instant, over the loops at one event number.
    private struct Judgement {
        /// Its number among the verdicts this cache gave: the same number, the same verdict.
        var number: UInt64
        var team: String
        var seq: Int64
        var asOf: Date?
        var now: Date
        var policy: Policy
        var calendars: Calendars
        /// Each owner's live loops, most urgent first.
        var live: [String: [Loop]]
        /// The findings on each loop, in the doctor's order.
        var byLoop: [String: [Finding]]
        /// The findings at warning or above, critical first, then in the doctor's order.
        var atRisk: [Finding]
    }

    /// How many verdicts are kept, the most recent first: the board now and a few instants.
    static let judgementsKept = 4
    private var judgements: [Judgement] = []
    private var lastJudgement: UInt64 = 0

    /// The whole team's live loops, most urgent first, and the doctor's findings on its loops at
    /// `now`, with the verdict's number. The same question (team, event number, instant, policy and
    /// calendars) within a page's instant gets the same answer, and number, without judging again:
    /// pages judge at the minute, so a board read many times a minute is judged once.
    func judged(
        store: any TeamStore,
        team: String,
        doctor: Doctor,
        now: Date,
        asOf: Date?
    ) async throws -> (number: UInt64, live: [String: [Loop]], byLoop: [String: [Finding]], atRisk: [Finding]) {
        let seq = try await store.lastSeq(team: team)
        if let index = judgements.firstIndex(where: {
            $0.team == team && $0.seq == seq && $0.asOf == asOf && $0.now == now && $0.policy == doctor.policy
                && $0.calendars == doctor.calendars
        }) {
            let kept = judgements.remove(at: index)
            judgements.insert(kept, at: 0)
            return (kept.number, kept.live, kept.byLoop, kept.atRisk)
        }
        let loops = try await self.loops(
            store: store,
            team: team,
            owner: nil,
            policy: doctor.policy,
            now: now,
            asOf: asOf
        ).map(DashboardPages.keyed)
        let findings = doctor.findings(in: loops, now: now)
        let live = Dictionary(
            grouping: Loop.byUrgency(loops.filter { $0.state.isLive }, now: now, calendars: doctor.calendars),
            by: \.owner
        )
        let byLoop = Dictionary(grouping: findings.filter { $0.loop != nil }, by: { $0.loop ?? "" })
        let atRisk =
            findings.filter { $0.severity == .critical } + findings.filter { $0.severity == .warning }
        lastJudgement += 1
        judgements.insert(
            Judgement(
                number: lastJudgement,
                team: team,
                seq: seq,
                asOf: asOf,
                now: now,
                policy: doctor.policy,
                calendars: doctor.calendars,
                live: live,
                byLoop: byLoop,
                atRisk: atRisk
            ),
            at: 0
        )
        judgements = Array(judgements.prefix(Self.judgementsKept))
        return (lastJudgement, live, byLoop, atRisk)
    }

    /// The doctor's loops of a team, or of one owner in it, as `ReadRoutes.doctorLoops` reads them
    /// from the store, in number order.
    func loops(
        store: any TeamStore,
        team: String,
        owner: String?,
        policy: Policy,
        now: Date,
        asOf: Date?
    ) async throws -> [Loop] {
        let windowStart = now.addingTimeInterval(-policy.boringWindowDays * 86_400)
        let seq = try await store.lastSeq(team: team)
        let entry: Entry
        if let asOf {
            let key = AsOfKey(team: team, asOf: asOf)
            if let kept = past.get(key), kept.seq == seq, kept.doneSince <= windowStart {
                entry = kept
            } else {
                entry = try await Self.read(store: store, team: team, seq: seq, doneSince: windowStart, asOf: asOf)
                past.set(key, entry)
            }
        } else {
            var kept = current.get(team)
            if let have = kept, have.doneSince > windowStart || have.doneSince < windowStart - Self.slack {
                kept = nil
            }
            if var have = kept, have.seq < seq {
                if seq - have.seq > Self.followLimit {
                    kept = nil
                } else {
                    try await Self.follow(&have, store: store, team: team, to: seq)
                    kept = have
                }
            }
            if let kept {
                entry = kept
            } else {
                entry = try await Self.read(store: store, team: team, seq: seq, doneSince: windowStart, asOf: nil)
            }
            current.set(team, entry)
        }
        return entry.loops.filter { loop in
            (owner == nil || loop.owner == owner)
                && (!loop.isSettled || (loop.doneAt.map { $0 >= windowStart } ?? false))
        }
    }

    /// Reads the loops from the store, as they stood at `asOf` or now.
    private static func read(
        store: any TeamStore,
        team: String,
        seq: Int64,
        doneSince: Date,
        asOf: Date?
    ) async throws -> Entry {
        var loops = try await store.loops(team: team, query: LoopQuery(settled: false), asOf: asOf)
        loops += try await store.loops(team: team, query: LoopQuery(doneSince: doneSince, settled: true), asOf: asOf)
        loops.sort { $0.number < $1.number }
        return Entry(seq: seq, doneSince: doneSince, loops: loops)
    }

    /// Brings an entry of the present up to `seq`: re-reads the loops the new events touched.
    private static func follow(_ entry: inout Entry, store: any TeamStore, team: String, to seq: Int64) async throws {
        let stored = try await store.events(team: team, after: entry.seq, limit: Int(seq - entry.seq))
        var keys = Set<String>()
        for event in stored {
            guard let parsed = try? Event(jsonLine: event.line, checkingFields: false, makeID: { "" }) else { continue }
            keys.insert(parsed.loop)
        }
        var changed: [Loop] = []
        for key in keys {
            if let loop = try await store.loop(team: team, key: key, asOf: nil),
                !loop.isSettled || (loop.doneAt.map { $0 >= entry.doneSince } ?? false)
            {
                changed.append(loop)
            }
        }
        if !keys.isEmpty {
            entry.loops.removeAll { keys.contains($0.key) }
            entry.loops += changed
            entry.loops.sort { $0.number < $1.number }
        }
        entry.seq = max(entry.seq, stored.last?.seq ?? entry.seq)
    }
}
