import Foundation
import OwnCore
import Testing

@Suite("own record: promises kept, surprises, going dark, untold drops, and earned autonomy")
struct RecordTests {
    static let now = "2026-11-30T12:00:00Z"

    /// Folds each loop's events and builds the record over 12 weeks before `now`.
    func record(
        _ histories: [[Event]],
        of owner: String = "ana",
        now: String = Self.now,
        policy: Policy = .defaults
    ) -> Record {
        let loops = histories.map { folded($0) }
        return Record(
            owner: owner,
            loops: loops,
            events: histories.flatMap { $0 },
            policy: policy,
            calendar: .standard,
            since: instant(now).addingTimeInterval(-84 * 86_400),
            now: instant(now)
        )
    }

    /// A loop due Friday 2026-11-06 (deadline Saturday 00:00 UTC), noted daily so it never goes dark.
    func due6(_ key: String, _ more: Event...) -> [Event] {
        [created("2026-11-02T09:00:00Z", loop: key, ["due": "2026-11-06"])] + more
    }

    /// Done at the deadline itself (Saturday 00:00) is late, as the doctor says overdue from then.
    @Test(arguments: [("2026-11-06T23:59:59Z", true), ("2026-11-07T00:00:00Z", false), ("2026-11-07T00:00:01Z", false)])
    func doneByTheDeadlineIsKept(doneAt: String, kept: Bool) {
        let result = record([due6("L1", event(.done, doneAt, loop: "L1"))])
        #expect(result.kept.map(\.loop) == (kept ? ["L1"] : []))
        #expect(result.broken.map(\.loop) == (kept ? [] : ["L1"]))
        #expect(result.missedDates.map(\.loop) == (kept ? [] : ["L1"]))
        #expect(result.promises == 1)
    }

    /// A deadline that passed while ana owned the loop is hers, whoever owns it now: bob, who was
    /// handed it overdue, is not charged with it, and a loop handed away and back counts once.
    @Test func aMissedDeadlineStaysWithWhoOwnedTheLoopThen() {
        let handed = due6(
            "L1",
            event(.noted, "2026-11-05T10:00:00Z", loop: "L1", ["note": "close"]),
            event(.handedOff, "2026-11-09T10:00:00Z", loop: "L1", ["to": "bob", "note": "yours"])
        )
        let back = due6(
            "L2",
            event(.noted, "2026-11-05T10:00:00Z", loop: "L2", ["note": "close"]),
            event(.handedOff, "2026-11-09T10:00:00Z", loop: "L2", ["to": "bob", "note": "yours"]),
            event(.handedOff, "2026-11-10T10:00:00Z", loop: "L2", by: "bob", ["to": "ana", "note": "back"]),
            event(.noted, "2026-11-11T10:00:00Z", loop: "L2", ["note": "on it"])
        )
        let ana = record([handed, back], now: "2026-11-12T10:00:00Z")
        #expect(ana.broken.map(\.loop) == ["L1", "L2"], "\(ana.broken)")
        #expect(ana.missedDates.map(\.loop) == ["L1", "L2"])
        #expect(ana.promises == 2)
        let bob = record([handed, back], of: "bob", now: "2026-11-12T10:00:00Z")
        #expect(bob.promises == 0 && bob.missedDates.isEmpty, "\(bob)")
        // A date of bob's own, moved while the loop is his and then missed, is his.
        let redated =
            handed + [
                event(
                    .dueChanged,
                    "2026-11-09T11:00:00Z",
                    loop: "L1",
                    by: "bob",
                    ["due": "2026-11-10", "told": ["ana"]]
                )
            ]
        let later = record([redated], of: "bob", now: "2026-11-12T10:00:00Z")
        #expect(later.missedDates.map(\.loop) == ["L1"] && later.broken.map(\.loop) == ["L1"], "\(later)")
        #expect(record([redated], now: "2026-11-12T10:00:00Z").missedDates.map(\.loop) == ["L1"])
    }

    /// Judged at its last end: handed away with its date missed, back, re-dated and done in time, it
    /// is one promise (kept), not one kept and one broken; a block pulled after the loop ended blocks
    /// nothing, as the fold has it.
    @Test func aLoopIsOnePromiseAndAnEndedLoopIsInNoBlock() {
        let back = due6(
            "L1",
            event(.noted, "2026-11-05T10:00:00Z", loop: "L1", ["note": "close"]),
            event(.handedOff, "2026-11-09T10:00:00Z", loop: "L1", ["to": "bob", "note": "yours"]),
            event(.handedOff, "2026-11-10T10:00:00Z", loop: "L1", by: "bob", ["to": "ana", "note": "back"]),
            event(.dueChanged, "2026-11-10T11:00:00Z", loop: "L1", ["due": "2026-11-20", "told": ["lee"]]),
            event(.done, "2026-11-12T10:00:00Z", loop: "L1")
        )
        let result = record([back], now: "2026-11-13T10:00:00Z")
        #expect(result.promises == 1, "\(result.kept) \(result.broken)")
        #expect(result.missedDates.map(\.loop) == ["L1"])
        let blockedLate = due6(
            "L2",
            event(.done, "2026-11-05T10:00:00Z", loop: "L2"),
            event(.blocked, "2026-11-05T11:00:00Z", loop: "L2", by: "lee", ["reason": "late news"]),
            event(.reopened, "2026-11-05T12:00:00Z", loop: "L2", ["reason": "again"]),
            event(.noted, "2026-11-12T10:00:00Z", loop: "L2", ["note": "on it"])
        )
        #expect(record([blockedLate], now: "2026-11-13T10:00:00Z").stuckAlone.isEmpty)
    }

    /// Told as the doctor's `uncommunicated-change` has it: naming only yourself tells no one, and a
    /// report tells of the changes it covers only (a brag document covers none).
    @Test func aChangeIsToldAsTheDoctorSays() {
        func redated(_ key: String, told: [String] = [], report covers: [String]?) -> [Event] {
            var events = due6(
                key,
                event(
                    .dueChanged,
                    "2026-11-05T10:00:00Z",
                    loop: key,
                    id: "\(key)-moved",
                    ["due": "2026-11-13", "told": .array(told.map(JSONValue.string))]
                )
            )
            if let covers {
                events.append(
                    event(
                        .reported,
                        "2026-11-05T11:00:00Z",
                        loop: key,
                        ["channel": "doc", "covers": .array(covers.map(JSONValue.string))]
                    )
                )
            }
            return events + [event(.done, "2026-11-12T10:00:00Z", loop: key)]
        }
        let result = record([
            redated("L1", told: ["ana"], report: nil),
            redated("L2", report: []),
            redated("L3", report: ["L3-moved"]),
            redated("L4", told: ["ana", "lee"], report: nil),
        ])
        #expect(result.untoldChanges.map(\.loop) == ["L1", "L2"], "\(result.untoldChanges)")
        #expect(result.kept.map(\.loop) == ["L3", "L4"])
        #expect(result.broken.map(\.loop) == ["L1", "L2"])
    }

    /// Done at the deadline itself is said to be late, not "re-dated late or untold" (never re-dated).
    @Test func doneAtTheDeadlineIsSaidToBeLate() {
        let result = record([due6("L1", event(.done, "2026-11-07T00:00:00Z", loop: "L1"))])
        #expect(result.broken.map(\.detail) == ["done after its due date"], "\(result.broken)")
    }

    /// A re-dated promise says how it broke, which the record knows: re-dated after its due date (told
    /// or not), or before it with nobody told in time. It said "re-dated late or untold" of both.
    @Test func aReDatedPromiseSaysHowItBroke() {
        let late = due6(
            "L1",
            event(.dueChanged, "2026-11-09T10:00:00Z", loop: "L1", ["due": "2026-11-20", "told": ["lee"]]),
            event(.done, "2026-11-19T10:00:00Z", loop: "L1")
        )
        let untold = due6(
            "L2",
            event(.dueChanged, "2026-11-05T10:00:00Z", loop: "L2", ["due": "2026-11-20"]),
            event(.done, "2026-11-19T10:00:00Z", loop: "L2")
        )
        let result = record([late, untold])
        #expect(
            result.broken.map(\.detail) == ["re-dated after its due date", "re-dated with nobody told in time"],
            "\(result.broken)"
        )
    }

    /// A silence that ends with the loop is dark as one a word breaks: done or dropped after 14 silent
    /// working days at low stakes (5 allowed) counts, as the same silence followed by a note did.
    @Test(arguments: [EventType.done, .dropped, .noted])
    func aSilenceEndedByTheLoopsEndIsDarkToo(_ end: EventType) {
        let history = [
            created("2026-11-02T10:00:00Z", loop: "X", ["stakes": "low", "due": "2026-12-20"]),
            event(end, "2026-11-20T10:00:00Z", loop: "X", end == .noted ? ["note": "finally"] : [:]),
        ]
        #expect(record([history]).goingDark.map(\.loop) == ["X"], "\(end)")
    }

    @Test func reDatedBeforeTheDeadlineWithANoticeIsKept() {
        let told = due6(
            "L1",
            event(.dueChanged, "2026-11-05T10:00:00Z", loop: "L1", ["due": "2026-11-13", "told": ["lee"]]),
            event(.done, "2026-11-12T10:00:00Z", loop: "L1")
        )
        let reported = due6(
            "L2",
            event(.dueChanged, "2026-11-05T10:00:00Z", loop: "L2", ["due": "2026-11-13"]),
            event(.reported, "2026-11-05T14:00:00Z", loop: "L2", ["channel": "notice"]),
            event(.done, "2026-11-12T10:00:00Z", loop: "L2")
        )
        let untold = due6(
            "L3",
            event(.dueChanged, "2026-11-05T10:00:00Z", loop: "L3", ["due": "2026-11-13"]),
            event(.reported, "2026-11-05T14:00:01Z", loop: "L3", ["channel": "notice"]),
            event(.done, "2026-11-12T10:00:00Z", loop: "L3")
        )
        let late = due6(
            "L4",
            event(.dueChanged, "2026-11-09T10:00:00Z", loop: "L4", ["due": "2026-11-13", "told": ["lee"]]),
            event(.done, "2026-11-12T10:00:00Z", loop: "L4")
        )
        let result = record([told, reported, untold, late])
        #expect(result.kept.map(\.loop) == ["L1", "L2"])
        #expect(result.broken.map(\.loop) == ["L3", "L4"])
        #expect(result.untoldChanges.map(\.loop) == ["L3"], "a report 4 working hours and 1 s later is too late")
        #expect(result.missedDates.map(\.loop) == ["L4"], "the date passed before the new one was set")
        #expect(result.missedDates.first?.at == instant("2026-11-07T00:00:00Z"))
    }

    /// The loops the doctor asks to tell about a change (someone else affected, or medium stakes or
    /// above) are those whose untold change the record counts: a low-stakes loop of one's own moved
    /// quietly is no surprise to anyone, and no broken promise.
    @Test func anUntoldChangeCountsWhereTheDoctorWouldAskForANotice() {
        func lowStakes(_ key: String, _ fields: EventFields) -> [Event] {
            [
                created(
                    "2026-11-02T09:00:00Z",
                    loop: key,
                    EventFields(["due": "2026-11-06", "stakes": "low"].merging(fields.dictionary) { $1 })
                ),
                event(.dueChanged, "2026-11-05T10:00:00Z", loop: key, ["due": "2026-11-13"]),
                event(.done, "2026-11-12T10:00:00Z", loop: key),
            ]
        }
        let result = record([lowStakes("MINE", [:]), lowStakes("SHARED", ["affects": ["lee"]])])
        #expect(result.untoldChanges.map(\.loop) == ["SHARED"])
        #expect(result.kept.map(\.loop) == ["MINE"])
        #expect(result.broken.map(\.loop) == ["SHARED"])
    }

    /// A loop dropped (with someone told) before its deadline and reopened after it: the deadline
    /// passed while it was dropped, so it was no promise open then, missed or broken.
    @Test func aDeadlinePassedWhileDroppedIsNoPromiseAfterAReopen() {
        let history = [
            created("2026-11-20T09:00:00Z", loop: "R", ["due": "2026-11-24"]),
            event(.dropped, "2026-11-20T10:00:00Z", loop: "R", ["reason": "not needed", "told": ["lee"]]),
            event(.reopened, "2026-11-30T10:30:00Z", loop: "R", ["reason": "needed after all"]),
        ]
        let result = record([history])
        #expect(result.promises == 0)
        #expect(result.missedDates.isEmpty && result.broken.isEmpty)
        // Done later, with no new date: still no promise of that date.
        let done = record([history + [event(.done, "2026-11-30T11:00:00Z", loop: "R")]])
        #expect(done.broken.isEmpty && done.kept.isEmpty)
    }

    @Test func aDeadlinePassingQuietlyOnAnOpenLoopIsASurprise() {
        let result = record([due6("L1")])
        #expect(result.missedDates.map(\.loop) == ["L1"])
        #expect(result.broken.map(\.loop) == ["L1"])
        #expect(result.surprises.count == 1)
        let before = record(
            [due6("L1", event(.noted, "2026-11-06T16:00:00Z", loop: "L1"))],
            now: "2026-11-06T16:30:00Z"
        )
        #expect(before.missedDates.isEmpty && before.promises == 0)
    }

    @Test(arguments: [("2026-11-03T10:00:00Z", false), ("2026-11-03T10:01:00Z", true)])
    func blockersSatOn(helpAt: String, stuck: Bool) {
        let history = [
            created("2026-11-02T09:00:00Z", loop: "L1"),
            event(.blocked, "2026-11-02T10:00:00Z", loop: "L1", ["reason": "no access"]),
            event(.helpAsked, helpAt, loop: "L1", ["from": "lee"]),
            event(.unblocked, "2026-11-03T12:00:00Z", loop: "L1"),
            event(.done, "2026-11-03T13:00:00Z", loop: "L1"),
        ]
        #expect(record([history]).stuckAlone.map(\.loop) == (stuck ? ["L1"] : []))
    }

    @Test(arguments: [("2026-11-05T09:00:00Z", false), ("2026-11-05T09:01:00Z", true)])
    func goingDark(noteAt: String, dark: Bool) {
        // Medium stakes allow 3 working days: Monday 09:00 to Thursday 09:00 is exactly that.
        let history = [
            created("2026-11-02T09:00:00Z", loop: "L1"),
            event(.noted, noteAt, loop: "L1", ["note": "progress"]),
            event(.done, "2026-11-05T10:00:00Z", loop: "L1"),
        ]
        let result = record([history])
        #expect(result.goingDark.map(\.loop) == (dark ? ["L1"] : []))
        #expect(result.breaches.count == (dark ? 1 : 0))
    }

    @Test func dropsWithNobodyToldAndOutsideTheWindow() {
        let untold = [created("2026-11-02T09:00:00Z", loop: "L1"), event(.dropped, "2026-11-03T09:00:00Z", loop: "L1")]
        let told = [
            created("2026-11-02T09:00:00Z", loop: "L2"),
            event(.dropped, "2026-11-03T09:00:00Z", loop: "L2", ["told": ["lee"]]),
        ]
        let old = [
            created("2026-08-03T09:00:00Z", loop: "L3", ["due": "2026-08-07"]),
            event(.done, "2026-08-10T09:00:00Z", loop: "L3"),
        ]
        let result = record([untold, told, old])
        #expect(result.droppedUntold.map(\.loop) == ["L1"])
        #expect(result.promises == 0, "a promise broken before the window does not count")
    }

    /// A teammate's drop is no breach of the owner's; a `done` that comes after it (synced from the
    /// owner, who had not seen it) ends the loop done, as the fold does, and is judged as a promise.
    /// A loop done, reopened and done again is one promise, judged at its last end.
    @Test func someoneElsesDropIsNotTheOwnersAndADoneAfterItIsAPromise() {
        let droppedByBo = due6(
            "L1",
            event(.dropped, "2026-11-04T09:00:00Z", loop: "L1", by: "bo", ["reason": "vendor"]),
            event(.done, "2026-11-04T10:00:00Z", loop: "L1")
        )
        let reopened = due6(
            "L2",
            event(.done, "2026-11-03T09:00:00Z", loop: "L2"),
            event(.reopened, "2026-11-03T12:00:00Z", loop: "L2", ["reason": "it broke"]),
            event(.done, "2026-11-09T09:00:00Z", loop: "L2")
        )
        let result = record([droppedByBo, reopened])
        #expect(result.droppedUntold.isEmpty)
        #expect(result.kept.map(\.loop) == ["L1"])
        #expect(result.broken.map(\.loop) == ["L2"], "done again after its due date")
        #expect(result.promises == 2)
        // Reopened after its deadline this time: the verdict the reopen took back is given again at the
        // next end (it vanished from the record, in neither line).
        let reopenedLate = due6(
            "L4",
            event(.done, "2026-11-05T09:00:00Z", loop: "L4"),
            event(.reopened, "2026-11-09T12:00:00Z", loop: "L4", ["reason": "it broke"]),
            event(.done, "2026-11-10T09:00:00Z", loop: "L4")
        )
        let late = record([reopenedLate])
        #expect(late.broken.map(\.loop) == ["L4"] && late.kept.isEmpty && late.promises == 1)
        #expect(late.broken.first?.detail == "done after its due date")
        let ownDrop = [
            created("2026-11-02T09:00:00Z", loop: "L3"), event(.dropped, "2026-11-03T09:00:00Z", loop: "L3"),
        ]
        #expect(record([ownDrop]).droppedUntold.map(\.loop) == ["L3"])
    }

    /// A record with `kept` promises kept, `broken` broken, and `breaches` missed dates.
    func made(kept: Int, broken: Int = 0, breaches: Int = 0) -> Record {
        var result = record([])
        let entry = Record.Entry(loop: "k", number: 7, title: "t", at: instant("2026-11-02T09:00:00Z"), detail: "d")
        result.kept = Array(repeating: entry, count: kept)
        result.broken = Array(repeating: entry, count: broken)
        result.missedDates = Array(repeating: entry, count: breaches)
        return result
    }

    @Test(arguments: [
        (10, 0, 0, Stakes.high, 4), (9, 0, 0, .high, 3), (9, 1, 0, .high, 4), (8, 2, 0, .high, 3),
        (10, 0, 1, .high, 3), (10, 0, 2, .high, 2), (20, 0, 0, .routine, 5), (0, 0, 5, .critical, 2),
    ])
    func earnedAutonomy(kept: Int, broken: Int, breaches: Int, stakes: Stakes, autonomy: Int) {
        let earned = EarnedAutonomy(
            stakes: stakes,
            record: made(kept: kept, broken: broken, breaches: breaches),
            policy: .defaults,
            calendar: .standard
        )
        #expect(earned.autonomy == autonomy)
    }

    @Test func earnedAutonomySaysWhy() {
        let up = EarnedAutonomy(
            stakes: .high,
            record: made(kept: 14, broken: 1),
            policy: .defaults,
            calendar: .standard
        )
        #expect(up.explanation == "autonomy 4 (high stakes 3, +1 earned: 14 of 15 kept, no surprises since Sep 7)")
        let down = EarnedAutonomy(
            stakes: .medium,
            record: made(kept: 3, breaches: 2),
            policy: .defaults,
            calendar: .standard
        )
        #expect(down.explanation == "autonomy 3 (medium stakes 4, -1 earned: 2 surprises since Sep 7: #7)")
        let top = EarnedAutonomy(stakes: .routine, record: made(kept: 14), policy: .defaults, calendar: .standard)
        #expect(
            top.explanation
                == "autonomy 5 (routine stakes 5, already at the top: 14 of 14 kept, no surprises since Sep 7)"
        )
        let none = EarnedAutonomy(stakes: .high, record: made(kept: 1), policy: .defaults, calendar: .standard)
        #expect(none.explanation == "autonomy 3 (high stakes 3)")
    }

    @Test func policyKeys() throws {
        #expect(!Policy.defaults.earnedAutonomy)
        var policy = try Policy(["earned-autonomy": .other("true"), "earned-surprises": .number(1)], source: "test")
        #expect(policy.earnedAutonomy && policy.earnedSurprises == 1)
        #expect(PolicyKey.named("earned-autonomy")?.text(in: policy) == "true")
        #expect(throws: CoreError.self) { try policy.apply(["earned-autonomy": .text("yes")], source: "test") }
        #expect(throws: CoreError.self) { try policy.apply(["earned-autonomy": .number(2)], source: "test") }
    }
}
