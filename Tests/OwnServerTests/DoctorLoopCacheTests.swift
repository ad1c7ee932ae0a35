import Foundation
import OwnCore
import TeamStore
import Testing

@testable import OwnServer

@Suite("The dashboard's verdict follows new events person by person")
struct DoctorLoopCacheTests {
    typealias Verdict = TeamVerdict

    /// ana has four loops active (over the WIP limit of 3), raj handed a loop to kim who has not
    /// taken it up, lee has one loop in progress.
    static let seed = [
        event(.created, id: "a1", loop: "pay-a1", at: "2026-11-23T09:00:00Z", ["title": "One"]),
        event(.created, id: "a2", loop: "pay-a2", at: "2026-11-23T09:00:00Z", ["title": "Two"]),
        event(.created, id: "a3", loop: "pay-a3", at: "2026-11-23T09:00:00Z", ["title": "Three"]),
        event(.created, id: "a4", loop: "pay-a4", at: "2026-11-23T09:00:00Z", ["title": "Four"]),
        event(.started, id: "s1", loop: "pay-a1", at: "2026-11-23T10:00:00Z"),
        event(.started, id: "s2", loop: "pay-a2", at: "2026-11-23T10:00:00Z"),
        event(.started, id: "s3", loop: "pay-a3", at: "2026-11-23T10:00:00Z"),
        event(.started, id: "s4", loop: "pay-a4", at: "2026-11-23T10:00:00Z"),
        event(.created, id: "r1", loop: "pay-r1", at: "2026-11-20T09:00:00Z", by: "raj", ["title": "Handed"]),
        event(.handedOff, id: "r2", loop: "pay-r1", at: "2026-11-20T10:00:00Z", by: "raj", ["to": "kim"]),
        event(.created, id: "l1", loop: "pay-l1", at: "2026-11-26T09:00:00Z", by: "lee", ["title": "Lee's"]),
        event(.started, id: "l2", loop: "pay-l1", at: "2026-11-26T10:00:00Z", by: "lee"),
    ]

    /// ana finishes one loop, kim takes up raj's, lee hands theirs to ana, and kim starts a new one.
    static let changes = [
        event(.done, id: "c1", loop: "pay-a4", at: "2026-11-27T11:00:00Z"),
        event(.started, id: "c2", loop: "pay-r1", at: "2026-11-27T11:00:00Z", by: "kim"),
        event(.handedOff, id: "c3", loop: "pay-l1", at: "2026-11-27T11:00:00Z", by: "lee", ["to": "ana"]),
        event(.created, id: "c4", loop: "pay-k1", at: "2026-11-27T11:00:00Z", by: "kim", ["title": "Kim's"]),
    ]

    static func judge(_ cache: DoctorLoopCache, _ store: any TeamStore, asOf: Date? = nil) async throws -> Verdict {
        try await cache.judged(store: store, team: "payments", doctor: Doctor(), now: asOf ?? TestTeam.now, asOf: asOf)
    }

    /// A verdict kept and brought up to date says what one judged from scratch says.
    static func expectSame(
        _ kept: Verdict,
        _ whole: Verdict,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(kept.live == whole.live, sourceLocation: sourceLocation)
        #expect(kept.byLoop == whole.byLoop, sourceLocation: sourceLocation)
        #expect(kept.atRisk == whole.atRisk, sourceLocation: sourceLocation)
        #expect(kept.atRiskCount == whole.atRisk.count, sourceLocation: sourceLocation)
        // What the board shows: the first few, merged from each person's.
        #expect(kept.atRisk(first: 2) == Array(whole.atRisk.prefix(2)), sourceLocation: sourceLocation)
        #expect(
            kept.firstAtRisk == Array(whole.atRisk.prefix(DashboardPages.teamFindingsShown)),
            sourceLocation: sourceLocation
        )
    }

    static func rules(_ findings: [Finding]?) -> [String] {
        (findings ?? []).map { $0.rule.rawValue + " " + $0.owner }
    }

    @Test func judgingOnlyThePeopleNewEventsTouchedGivesTheWholeTeamsVerdict() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.append(Self.seed, team: "payments")
        let kept = DoctorLoopCache()
        let before = try await Self.judge(kept, team.store)
        #expect(Self.rules(before.atRisk).contains("overcommitted ana"))
        #expect(Self.rules(before.byLoop["pay-r1"]).contains("unaccepted-handoff raj"))

        _ = try await team.store.append(Self.changes, team: "payments")
        let after = try await Self.judge(kept, team.store)
        let whole = try await Self.judge(DoctorLoopCache(), team.store)
        #expect(!Self.rules(after.atRisk).contains("overcommitted ana"))
        #expect(!Self.rules(after.byLoop["pay-r1"]).contains("unaccepted-handoff raj"))
        #expect(after.live["ana"]?.map(\.key).contains("pay-l1") == true)
        #expect(after.live["lee"] == nil)
        #expect(after.live["kim"]?.map(\.key).sorted() == ["pay-k1", "pay-r1"])
        Self.expectSame(after, whole)
    }

    @Test func aVerdictJudgedAheadLeavesItsInstantsFirstReadOnlyThePeopleNewEventsTouched() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.append(Self.seed, team: "payments")
        let kept = DoctorLoopCache()
        _ = try await Self.judge(kept, team.store)
        // The verdict judged ahead is the one at that instant, four days on.
        let later = TestTeam.now.addingTimeInterval(4 * 86_400)
        await kept.judgeAhead(store: team.store, team: "payments", doctor: Doctor(), now: later)?.value
        #expect(await kept.wholeTeamJudgements == 2)
        // Asked again, it is judged already.
        #expect(await kept.judgeAhead(store: team.store, team: "payments", doctor: Doctor(), now: later) == nil)

        _ = try await team.store.append(Self.changes, team: "payments")
        let after = try await kept.judged(store: team.store, team: "payments", doctor: Doctor(), now: later, asOf: nil)
        #expect(await kept.wholeTeamJudgements == 2)
        let whole = try await DoctorLoopCache().judged(
            store: team.store,
            team: "payments",
            doctor: Doctor(),
            now: later,
            asOf: nil
        )
        // kim's new loop, still without a done-when or a due date, is an open loop four days on.
        let atNow = try await Self.judge(DoctorLoopCache(), team.store)
        #expect(!Self.rules(atNow.byLoop["pay-k1"]).contains("open-loop kim"))
        #expect(Self.rules(after.byLoop["pay-k1"]).contains("open-loop kim"))
        Self.expectSame(after, whole)
    }

    @Test func keptFindingsAreTheBoardsVerdictBroughtUpToDateAndNeverAWholeTeamJudgement() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.append(Self.seed, team: "payments")
        let kept = DoctorLoopCache()
        let none = try await kept.keptFindings(store: team.store, team: "payments", doctor: Doctor(), now: TestTeam.now)
        #expect(none == nil)
        #expect(await kept.wholeTeamJudgements == 0)

        _ = try await Self.judge(kept, team.store)
        _ = try await team.store.append(Self.changes, team: "payments")
        let findings = try await kept.keptFindings(
            store: team.store,
            team: "payments",
            doctor: Doctor(),
            now: TestTeam.now
        )
        let whole = try await Self.judge(DoctorLoopCache(), team.store)
        #expect(findings == whole.byLoop)
        let handedOff = findings.flatMap { $0["pay-r1"] }
        #expect(!Self.rules(handedOff).contains("unaccepted-handoff raj"))
        #expect(await kept.wholeTeamJudgements == 1)
        // Another instant has no verdict kept.
        let later = TestTeam.now.addingTimeInterval(60)
        #expect(try await kept.keptFindings(store: team.store, team: "payments", doctor: Doctor(), now: later) == nil)
    }

    @Test func asOfAnInstantOnlyALateEventChangesTheVerdict() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.append(Self.seed, team: "payments")
        let then = Timestamp.parse("2026-11-27T09:00:00Z")!
        let kept = DoctorLoopCache()
        let before = try await Self.judge(kept, team.store, asOf: then)
        #expect(Self.rules(before.atRisk).contains("overcommitted ana"))

        // After the instant: nothing changes then.
        _ = try await team.store.append(Self.changes, team: "payments")
        let later = try await Self.judge(kept, team.store, asOf: then)
        #expect(later.live == before.live)
        #expect(later.byLoop == before.byLoop)
        #expect(later.atRisk == before.atRisk)

        // A late event, before the instant: ana had finished a loop by then.
        _ = try await team.store.append(
            [event(.done, id: "late", loop: "pay-a3", at: "2026-11-26T09:00:00Z")],
            team: "payments"
        )
        let after = try await Self.judge(kept, team.store, asOf: then)
        let whole = try await Self.judge(DoctorLoopCache(), team.store, asOf: then)
        #expect(!Self.rules(after.atRisk).contains("overcommitted ana"))
        #expect(after.live["ana"]?.map(\.key).sorted() == ["pay-a1", "pay-a2", "pay-a4"])
        Self.expectSame(after, whole)
    }
}
