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
/// As of an instant (`?at=`), the loops are kept per (team, instant) the same way: only a late
/// event (at or before the instant) can still change the past, and the loop it names is folded
/// again as of the instant.
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
        /// The number the entry was read at: `touched` tells of every event after it that changed
        /// one of its loops.
        var readAt: Int64
        /// The people whose loops the followed events changed (who owned or handed off one, before
        /// or after), each with the number of the last event that did.
        var touched: [String: Int64] = [:]

        /// The people whose loops changed after `seq`; nil when the entry cannot tell (it was read
        /// after that).
        func people(touchedAfter seq: Int64) -> Set<String>? {
            guard seq >= readAt else { return nil }
            return Set(touched.filter { $0.value > seq }.keys)
        }

        /// Takes in what some events changed: each loop they touched, read again, replaces the kept
        /// one in place, is added, or is dropped when it left the window; the rest is not copied.
        /// A kept loop is found by its number (the loops are in number order), not by comparing the
        /// key of each of them.
        mutating func apply(_ changes: Changes) {
            var read: [String: Loop] = [:]
            for loop in changes.loops { read[loop.key] = loop }
            var people = Set<String>()
            for key in changes.keys {
                let loop = read[key]
                var index: Int?
                if let loop {
                    let found = loops.partitioningIndex { $0.number >= loop.number }
                    if found < loops.count && loops[found].key == key { index = found }
                }
                if index == nil { index = loops.firstIndex { $0.key == key } }
                if let index {
                    people.formUnion([loops[index].owner, loops[index].delegatedBy].compactMap(\.self))
                }
                guard let loop, !loop.isSettled || (loop.doneAt.map { $0 >= doneSince } ?? false) else {
                    if let index { loops.remove(at: index) }
                    continue
                }
                people.formUnion([loop.owner, loop.delegatedBy].compactMap(\.self))
                if let index {
                    loops[index] = loop
                } else {
                    loops.insert(loop, at: loops.partitioningIndex { $0.number > loop.number })
                }
            }
            for person in people { touched[person] = changes.seq }
            seq = max(seq, changes.seq)
        }
    }

    /// What some events changed: the loops they touched (`keys`), as read again after them
    /// (`loops`, without those that no longer exist), up to event `seq`.
    /// The loops events touched: their keys, the loops read again, and the last event read.
    struct Changes {
        var seq: Int64
        var keys = Set<String>()
        var loops: [Loop] = []
    }

    private struct AsOfKey: Hashable {
        var team: String
        var asOf: Date
    }

    private var current = RecentlyUsed<String, Entry>(capacity: teamsKept)
    private var past = RecentlyUsed<AsOfKey, Entry>(capacity: asOfEntries)

    /// The team-wide doctor's verdict at one instant, over the loops at one event number.
    private struct Judgement {
        var team: String
        var seq: Int64
        var asOf: Date?
        var now: Date
        var doctor: Doctor
        var verdict: TeamVerdict

        /// Whether it answers the same question, perhaps at another event number.
        func judges(team: String, asOf: Date?, now: Date, doctor: Doctor) -> Bool {
            self.team == team && self.asOf == asOf && self.now == now && self.doctor == doctor
        }
    }

    /// How many verdicts are kept, the most recent first: the board now, the next minute's (judged
    /// ahead) and a few instants.
    static let judgementsKept = 6
    private var judgements: [Judgement] = []
    /// The verdict being judged ahead for each team, and its instant.
    private var ahead: [String: (now: Date, task: Task<Void, Never>)] = [:]
    /// How many times the whole team was judged, ahead or on a read (every rule over every loop):
    /// what judging ahead and following events spare.
    private(set) var wholeTeamJudgements = 0

    /// The whole team's live loops, most urgent first, and the doctor's findings on its loops at
    /// `now`. The same question (team, event number, instant, policy and calendars) gets the same
    /// answer without judging again: pages judge at the minute, so a quiet board read many times a
    /// minute is judged once. After new events, the verdict at the same instant is brought up to
    /// date by judging again only the people whose loops they changed (`TeamVerdict`), not the
    /// whole team.
    func judged(
        store: any TeamStore,
        team: String,
        doctor: Doctor,
        now: Date,
        asOf: Date?
    ) async throws -> TeamVerdict {
        guard let verdict = try await verdict(store: store, team: team, doctor: doctor, now: now, asOf: asOf) else {
            preconditionFailure("a verdict that may judge the whole team is always given")
        }
        return verdict
    }

    /// The findings on each loop at `now` (not as of an instant), as `judged` gives them, when a
    /// verdict at that instant is kept (the board's, or the one judged ahead for it), perhaps some
    /// events old; nil when there is none: judging the whole team is for the board, not a page
    /// about one loop.
    func keptFindings(
        store: any TeamStore,
        team: String,
        doctor: Doctor,
        now: Date
    ) async throws -> [String: [Finding]]? {
        try await verdict(store: store, team: team, doctor: doctor, now: now, asOf: nil, wholeTeam: false)?.byLoop
    }

    /// The verdict at an instant: kept, brought up to date, or (unless `wholeTeam` is false, when
    /// it is nil instead) judged for the whole team.
    private func verdict(
        store: any TeamStore,
        team: String,
        doctor: Doctor,
        now: Date,
        asOf: Date?,
        wholeTeam: Bool = true
    ) async throws -> TeamVerdict? {
        // The verdict being judged ahead for this instant is taken up rather than judged twice.
        if asOf == nil, let pending = ahead[team], pending.now == now { await pending.task.value }
        let seq = try await store.lastSeq(team: team)
        if let index = judgements.firstIndex(where: {
            $0.seq == seq && $0.judges(team: team, asOf: asOf, now: now, doctor: doctor)
        }) {
            let kept = judgements.remove(at: index)
            judgements.insert(kept, at: 0)
            return kept.verdict
        }
        if !wholeTeam && !judgements.contains(where: { $0.judges(team: team, asOf: asOf, now: now, doctor: doctor) }) {
            return nil
        }
        let entry = try await self.entry(
            store: store,
            team: team,
            lookBackDays: doctor.lookBackDays,
            now: now,
            asOf: asOf
        )
        // Nothing awaits from here on: the earlier verdict is taken out, so it changes in place
        // rather than being copied whole.
        var verdict: TeamVerdict
        if let index = judgements.firstIndex(where: {
            $0.seq <= entry.seq && $0.judges(team: team, asOf: asOf, now: now, doctor: doctor)
        }), let people = entry.people(touchedAfter: judgements[index].seq) {
            verdict = judgements.remove(at: index).verdict
            if !people.isEmpty {
                let theirs = Self.doctors(entry, people: people, lookBackDays: doctor.lookBackDays, now: now)
                verdict.judgeAgain(people, loops: theirs.map(DashboardPages.keyed), doctor: doctor, now: now)
            }
        } else {
            guard wholeTeam else { return nil }
            let loops = Self.doctors(entry, people: nil, lookBackDays: doctor.lookBackDays, now: now)
            verdict = TeamVerdict(loops: loops.map(DashboardPages.keyed), doctor: doctor, now: now)
            wholeTeamJudgements += 1
        }
        keep(
            Judgement(
                team: team,
                seq: entry.seq,
                asOf: asOf,
                now: now,
                doctor: doctor,
                verdict: verdict
            )
        )
        return verdict
    }

    /// Starts judging the whole team at a later instant (the next minute's board) in the background,
    /// off the actor, unless it is judged or being judged already: every rule depends on the
    /// instant, so without it the first read of each minute would judge the whole team, and with it
    /// that read only judges again the people whose loops changed meanwhile. The task is returned
    /// for a caller that waits for it.
    @discardableResult
    func judgeAhead(store: any TeamStore, team: String, doctor: Doctor, now: Date) -> Task<Void, Never>? {
        guard ahead[team]?.now != now,
            !judgements.contains(where: { $0.judges(team: team, asOf: nil, now: now, doctor: doctor) })
        else { return nil }
        let task = Task {
            defer { if ahead[team]?.now == now { ahead[team] = nil } }
            guard
                let entry = try? await entry(
                    store: store,
                    team: team,
                    lookBackDays: doctor.lookBackDays,
                    now: now,
                    asOf: nil
                )
            else { return }
            let seq = entry.seq
            // Off the actor from the loops on: copying the team's loops held up the board's reads.
            let verdict = await Task.detached(priority: .utility) {
                let loops = Self.doctors(entry, people: nil, lookBackDays: doctor.lookBackDays, now: now)
                return TeamVerdict(loops: loops.map(DashboardPages.keyed), doctor: doctor, now: now)
            }.value
            wholeTeamJudgements += 1
            // A read at that instant may have judged meanwhile, at a later event number.
            guard
                !judgements.contains(where: {
                    $0.seq >= seq && $0.judges(team: team, asOf: nil, now: now, doctor: doctor)
                })
            else { return }
            keep(
                Judgement(
                    team: team,
                    seq: seq,
                    asOf: nil,
                    now: now,
                    doctor: doctor,
                    verdict: verdict
                )
            )
        }
        ahead[team] = (now, task)
        return task
    }

    /// Keeps a verdict first, as the only one for its question: the one at the last event number.
    private func keep(_ judgement: Judgement) {
        judgements.removeAll {
            $0.judges(
                team: judgement.team,
                asOf: judgement.asOf,
                now: judgement.now,
                doctor: judgement.doctor
            )
        }
        judgements.insert(judgement, at: 0)
        judgements = Array(judgements.prefix(Self.judgementsKept))
    }

    /// The doctor's loops of a team, or those of it that some people own or handed off, as
    /// `ReadRoutes.doctorLoops` reads them from the store, in number order.
    func loops(
        store: any TeamStore,
        team: String,
        people: Set<String>?,
        lookBackDays: Double,
        now: Date,
        asOf: Date?
    ) async throws -> [Loop] {
        let entry = try await entry(store: store, team: team, lookBackDays: lookBackDays, now: now, asOf: asOf)
        return Self.doctors(entry, people: people, lookBackDays: lookBackDays, now: now)
    }

    /// The doctor's loops of an entry (every unsettled loop, and the settled ones done within the
    /// policy's window), or those of them that some people own or handed off.
    private static func doctors(_ entry: Entry, people: Set<String>?, lookBackDays: Double, now: Date) -> [Loop] {
        let windowStart = now.addingTimeInterval(-lookBackDays * 86_400)
        // Indices rather than `filter`: a loop is copied only when it is one of them (a loop page
        // wants one person's few hundred of a hundred thousand).
        var loops: [Loop] = []
        for index in entry.loops.indices {
            if let people, !people.contains(entry.loops[index].owner),
                !(entry.loops[index].delegatedBy.map(people.contains) ?? false)
            {
                continue
            }
            if entry.loops[index].isSettled && !(entry.loops[index].doneAt.map { $0 >= windowStart } ?? false) {
                continue
            }
            loops.append(entry.loops[index])
        }
        return loops
    }

    /// The kept loops of a team, as of an instant or now, at the team's last event.
    private func entry(
        store: any TeamStore,
        team: String,
        lookBackDays: Double,
        now: Date,
        asOf: Date?
    ) async throws -> Entry {
        let windowStart = now.addingTimeInterval(-lookBackDays * 86_400)
        let seq = try await store.lastSeq(team: team)
        if let kept = kept(team: team, asOf: asOf), kept.doneSince <= windowStart,
            kept.doneSince >= windowStart - Self.slack, seq - kept.seq <= Self.followLimit
        {
            if kept.seq >= seq, let entry = get(team: team, asOf: asOf) { return entry }
            let changes = try await Self.changes(store: store, team: team, after: kept.seq, to: seq, asOf: asOf)
            // Nothing awaits from here on: the entry is taken out, so it changes in place rather
            // than being copied whole (unless another read moved it on meanwhile).
            if var entry = take(team: team, asOf: asOf) {
                if entry.seq == kept.seq { entry.apply(changes) }
                keep(entry, team: team, asOf: asOf)
                if entry.seq >= seq { return entry }
            }
        }
        let entry = try await Self.read(store: store, team: team, seq: seq, doneSince: windowStart, asOf: asOf)
        keep(entry, team: team, asOf: asOf)
        return entry
    }

    /// The event number and window of the kept entry, if any (not the entry: holding it while it
    /// changes would copy it).
    private func kept(team: String, asOf: Date?) -> (seq: Int64, doneSince: Date)? {
        get(team: team, asOf: asOf).map { ($0.seq, $0.doneSince) }
    }

    private func get(team: String, asOf: Date?) -> Entry? {
        asOf.map { past.get(AsOfKey(team: team, asOf: $0)) } ?? current.get(team)
    }

    private func take(team: String, asOf: Date?) -> Entry? {
        asOf.map { past.remove(AsOfKey(team: team, asOf: $0)) } ?? current.remove(team)
    }

    private func keep(_ entry: Entry, team: String, asOf: Date?) {
        if let asOf {
            past.set(AsOfKey(team: team, asOf: asOf), entry)
        } else {
            current.set(team, entry)
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
        return Entry(seq: seq, doneSince: doneSince, loops: loops, readAt: seq)
    }

    /// What the events after `seq`, up to `last`, changed: the loops they touched, read again as
    /// of `asOf` when it is given (where only a late event, at or before the instant, changes a
    /// loop). `PersonLoops` follows its entries with it too.
    static func changes(
        store: any TeamStore,
        team: String,
        after seq: Int64,
        to last: Int64,
        asOf: Date?
    ) async throws -> Changes {
        let stored = try await store.events(team: team, after: seq, limit: Int(last - seq))
        var changes = Changes(seq: max(seq, stored.last?.seq ?? seq))
        for event in stored {
            guard let parsed = try? Event(jsonLine: event.line, checkingFields: false, makeID: { "" }),
                asOf.map({ parsed.at <= $0 }) ?? true
            else { continue }
            changes.keys.insert(parsed.loop)
        }
        for key in changes.keys {
            if let loop = try await store.loop(team: team, key: key, asOf: asOf) { changes.loops.append(loop) }
        }
        return changes
    }
}
