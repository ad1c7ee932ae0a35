import Foundation
import OwnCore
import Testing

@Suite("The fold: each event type's effect on a loop")
struct FoldTests {
    let created = event(
        .created,
        "2026-11-23T09:00:00Z",
        ["title": "Fix the flaky deploy", "stakes": "medium", "kind": "debt"]
    )

    func fold(_ rest: Event...) -> Loop {
        Loop.fold([created] + rest)!
    }

    /// ana starts, hands off to bob, who takes it up days later: bob's start is his taking it up.
    @Test func theOwnersStartOfAHandedOffLoopIsWhenTheyTookItUp() {
        let started = event(.started, "2026-11-23T10:00:00Z", by: "ana")
        let handed = event(.handedOff, "2026-11-24T10:00:00Z", by: "ana", ["to": "bob"])
        #expect(fold(started).startedByOwnerAt == instant("2026-11-23T10:00:00Z"))
        #expect(fold(started, handed).startedByOwnerAt == nil)
        let takenUp = fold(started, handed, event(.noted, "2026-11-26T09:00:00Z", by: "bob", ["note": "on it"]))
        #expect(takenUp.startedByOwnerAt == instant("2026-11-26T09:00:00Z"))
        // Handed off before anyone started it: the start is the new owner's.
        let later = fold(handed, event(.started, "2026-11-25T09:00:00Z", by: "bob"))
        #expect(later.startedByOwnerAt == instant("2026-11-25T09:00:00Z"))
    }

    /// An approval by whoever owns the loop where it folds (lee's, recorded offline after lee handed
    /// it to ana and ana handed it back) approves nothing, and `own show` says so; ana's approval of
    /// lee's loop stands.
    @Test func anApprovalByTheOwnerThenChangesNothing() {
        let proposed = event(.created, "2026-11-23T09:00:00Z", by: "lee", ["title": "Rotate keys", "autonomy": 2])
        let handed = event(.handedOff, "2026-11-23T10:00:00Z", by: "lee", ["to": "ana"])
        let back = event(.handedOff, "2026-11-23T11:00:00Z", by: "ana", ["to": "lee"])
        let own = event(.approved, "2026-11-23T12:00:00Z", by: "lee")
        let theirs = event(.approved, "2026-11-23T10:30:00Z", by: "ana")
        let events = [proposed, handed, back, own]
        #expect(Loop.fold(events)?.state == .proposed)
        #expect(
            Loop.eventsChangingNothing(events) == [
                own.id: "lee owned it then, and an approval counts only from someone else"
            ]
        )
        let approved = [proposed, handed, theirs, back]
        #expect(
            Loop.fold(approved)?.approvedBy == nil && Loop.eventsChangingNothing(approved).keys.sorted() == [theirs.id]
        )
        let byAna = [proposed, event(.approved, "2026-11-23T09:30:00Z", by: "ana")]
        #expect(Loop.fold(byAna)?.approvedBy == "ana" && Loop.eventsChangingNothing(byAna).isEmpty)
    }

    /// Offline changes of owner, folded where they fall: a take of a hand-off its new owner had taken up,
    /// a give by someone who may only take, and a hand-off by someone who does not own the loop change
    /// nothing; a take while the hand-off waits stands.
    @Test func anOwnerChangeBySomeoneWhoMayNotMakeItChangesNothing() {
        let handed = event(.handedOff, "2026-11-24T09:05:00Z", by: "ana", ["to": "ben"])
        let started = event(.started, "2026-11-25T10:00:00Z", by: "ben")
        let taken = event(.edited, "2026-11-25T11:00:00Z", by: "dee", ["owner": "dee"])
        let late = fold(handed, started, taken)
        #expect(late.owner == "ben" && late.state == .active && late.delegatedBy == "ana")
        var early = taken
        early.at = instant("2026-11-25T09:00:00Z")
        #expect(fold(handed, early, started).owner == "dee")
        let given = event(.edited, "2026-11-25T09:00:00Z", by: "dee", ["owner": "cy", "title": "Renamed"])
        let other = fold(handed, given)
        #expect(other.owner == "ben" && other.title == "Renamed")
        let stray = event(.handedOff, "2026-11-25T12:00:00Z", by: "dee", ["to": "cy"])
        let strayed = fold(handed, started, stray)
        #expect(strayed.owner == "ben" && strayed.delegatedBy == "ana")
        // `own show` says which changed nothing, and why.
        #expect(
            Loop.eventsChangingNothing([created, handed, started, taken, stray]) == [
                taken.id: "ben had taken it up already", stray.id: "ben owned it then, and only its owner hands it off",
            ]
        )
        #expect(Loop.eventsChangingNothing([created, handed, early, started]).isEmpty)
        // Taken back by whoever handed it off, before anyone took it up: theirs again, delegated to no one.
        let back = fold(handed, event(.edited, "2026-11-24T09:40:00Z", by: "ana", ["owner": "ana"]))
        #expect(back.owner == "ana" && back.delegatedBy == nil && back.handedOffAt == nil)
        // Its owner's edit of the owner still moves it.
        #expect(fold(event(.edited, "2026-11-24T09:00:00Z", by: "ana", ["owner": "cy"])).owner == "cy")
    }

    /// Done by one person and dropped by another offline, in either order: the last ending stands
    /// alone, not beside the first one's outcome or reason (a dropped loop with an outcome counted
    /// in `own record` as a promise kept).
    @Test func aLoopEndedTwiceKeepsTheLastEndingOnly() {
        let done = event(.done, "2026-11-24T09:00:00Z", by: "ana", ["outcome": "shipped", "verified": true])
        let dropped = event(.dropped, "2026-11-24T09:00:01Z", by: "lee", ["reason": "not needed"])
        let droppedLast = Loop.fold([created, done, dropped])!
        #expect(droppedLast.state == .dropped && droppedLast.closeReason == "not needed")
        #expect(droppedLast.doneAt == nil && droppedLast.outcome == nil && !droppedLast.verified)
        var later = done
        later.at = Timestamp.parse("2026-11-24T09:00:02Z")!
        let doneLast = Loop.fold([created, dropped, later])!
        #expect(doneLast.state == .done && doneLast.outcome == "shipped")
        #expect(doneLast.closedAt == nil && doneLast.closeReason == nil)
    }

    @Test func createdSetsFieldsAndDefaults() {
        let loop = fold()
        #expect(loop.title == "Fix the flaky deploy")
        #expect(loop.owner == "ana")
        #expect(loop.stakes == .medium)
        #expect(loop.kind == .debt)
        #expect(loop.autonomy == 4)
        #expect(loop.state == .open)
        #expect(loop.lastCommunicationAt == instant("2026-11-23T09:00:00Z"))
    }

    @Test(arguments: [
        (Stakes.routine, 5, LoopState.open), (.low, 4, .open), (.medium, 4, .open), (.high, 3, .proposed),
        (.critical, 3, .proposed),
    ])
    func stakesSetAutonomyAndWhetherApprovalIsNeeded(stakes: Stakes, autonomy: Int, state: LoopState) {
        let loop = Loop.fold([
            event(.created, "2026-11-23T09:00:00Z", ["title": "x", "stakes": .string(stakes.rawValue)])
        ])!
        #expect(loop.autonomy == autonomy)
        #expect(loop.state == state)
    }

    @Test func anOwnAutonomyOverridesTheStakes() {
        let loop = Loop.fold([
            event(.created, "2026-11-23T09:00:00Z", ["title": "x", "stakes": "critical", "autonomy": 5])
        ])!
        #expect(loop.autonomy == 5)
        #expect(loop.state == .open)
    }

    @Test func approvalByAnotherOpensAProposedLoopButTheOwnersDoesNot() {
        let high = event(.created, "2026-11-23T09:00:00Z", ["title": "Migrate", "stakes": "high"])
        let selfApproved = Loop.fold([high, event(.approved, "2026-11-23T10:00:00Z", by: "ana")])!
        #expect(selfApproved.state == .proposed)
        #expect(selfApproved.approvedAt == nil)
        let approved = Loop.fold([high, event(.approved, "2026-11-23T10:00:00Z", by: "lee")])!
        #expect(approved.state == .open)
        #expect(approved.approvedBy == "lee")
    }

    /// The CLI and the server refuse it; an import (a Taskwarrior priority lowered from H to M, a
    /// line of JSON) carried it, and the loop was open with no one's approval.
    @Test func theOwnersEditNeverTakesALoopOutOfWaitingForApproval() {
        let high = event(.created, "2026-11-23T09:00:00Z", ["title": "Migrate", "stakes": "high"])
        let lowered = Loop.fold([
            high, event(.edited, "2026-11-23T10:00:00Z", ["stakes": "medium", "title": "Migrate the ledger"]),
        ])!
        #expect(lowered.state == .proposed && lowered.stakes == .high && lowered.title == "Migrate the ledger")
        let raised = Loop.fold([high, event(.edited, "2026-11-23T10:00:00Z", ["autonomy": 5])])!
        #expect(raised.state == .proposed && raised.autonomy == 3)
        // Someone else's edit is an approval (a team server takes it from a lead only).
        let byLead = Loop.fold([high, event(.edited, "2026-11-23T10:00:00Z", by: "lee", ["stakes": "medium"])])!
        #expect(byLead.state == .open && byLead.stakes == .medium)
        // Once approved, its owner may lower the stakes.
        let approved = Loop.fold([
            high, event(.approved, "2026-11-23T10:00:00Z", by: "lee"),
            event(.edited, "2026-11-23T11:00:00Z", ["stakes": "medium"]),
        ])!
        #expect(approved.state == .open && approved.stakes == .medium)
    }

    @Test func startingBeforeApprovalIsRemembered() {
        let high = event(.created, "2026-11-23T09:00:00Z", ["title": "Migrate", "stakes": "high"])
        let loop = Loop.fold([
            high, event(.started, "2026-11-23T10:00:00Z"), event(.approved, "2026-11-23T11:00:00Z", by: "lee"),
        ])!
        #expect(loop.state == .active)
        #expect(loop.actedBeforeApprovalAt == instant("2026-11-23T10:00:00Z"))
        #expect(loop.startedWithoutQuestions)
    }

    /// Only the owner's work comes before approval: the server's note on a proposed incident ("failed
    /// again") or a teammate's is not theirs, and never settles into a finding against them.
    @Test func othersNotesBeforeApprovalAreNotTheOwnersWork() {
        let high = event(.created, "2026-11-23T09:00:00Z", ["title": "Migrate", "stakes": "high"])
        let loop = Loop.fold([
            high, event(.noted, "2026-11-23T09:00:01Z", by: "own-server", ["note": "failed again"]),
            event(.noted, "2026-11-23T09:30:00Z", by: "lee", ["note": "seen it"]),
            event(.approved, "2026-11-23T11:00:00Z", by: "lee"),
        ])!
        #expect(loop.actedBeforeApprovalAt == nil)
        #expect(loop.state == .open)
    }

    @Test func startMakesItActiveAndCountsAsProgressNotCommunication() {
        let loop = fold(event(.started, "2026-11-24T09:00:00Z"))
        #expect(loop.state == .active)
        #expect(loop.startedAt == instant("2026-11-24T09:00:00Z"))
        #expect(loop.lastProgressAt == instant("2026-11-24T09:00:00Z"))
        #expect(loop.lastCommunicationAt == instant("2026-11-23T09:00:00Z"))
    }

    @Test func aNoteByTheOwnerIsCommunicationAndByAnotherIsNot() {
        let own = fold(event(.noted, "2026-11-24T09:00:00Z", ["note": "x"]))
        #expect(own.lastCommunicationAt == instant("2026-11-24T09:00:00Z"))
        let other = fold(event(.noted, "2026-11-24T09:00:00Z", by: "lee", ["note": "x"]))
        #expect(other.lastCommunicationAt == instant("2026-11-23T09:00:00Z"))
    }

    @Test func blockAskUnblockCycle() {
        var loop = fold(
            event(.started, "2026-11-24T09:00:00Z"),
            event(.blocked, "2026-11-24T10:00:00Z", ["reason": "runner image"])
        )
        #expect(loop.state == .blocked)
        #expect(loop.blockReason == "runner image")
        #expect(loop.helpAskedAt == nil)
        loop.apply(event(.helpAsked, "2026-11-24T11:00:00Z", ["from": "infra"]))
        #expect(loop.helpAskedAt == instant("2026-11-24T11:00:00Z"))
        #expect(loop.helpAskedFrom == "infra")
        loop.apply(event(.unblocked, "2026-11-25T09:00:00Z"))
        #expect(loop.state == .active)
        #expect(loop.blockedAt == nil)
        loop.apply(event(.blocked, "2026-11-26T09:00:00Z", ["reason": "again"]))
        #expect(loop.helpAskedAt == nil, "help asked for an earlier block does not count for a new one")
    }

    /// An ended loop is in no block: its end clears the block, and a block pulled after its end (two
    /// people's offline work) blocks nothing, reopened or not.
    @Test(arguments: [EventType.done, .dropped])
    func anEndedLoopIsInNoBlock(_ end: EventType) {
        var loop = fold(
            event(.blocked, "2026-11-24T10:00:00Z", ["reason": "runner image"]),
            event(end, "2026-11-24T11:00:00Z", end == .done ? ["outcome": "ok"] : ["reason": "moot"])
        )
        #expect(loop.blockedAt == nil && loop.blockReason == nil)
        loop.apply(event(.blocked, "2026-11-24T12:00:00Z", by: "lee", ["reason": "late news"]))
        #expect(loop.state == (end == .done ? .done : .dropped) && loop.blockedAt == nil && loop.blockReason == nil)
        loop.apply(event(.reopened, "2026-11-24T13:00:00Z", ["reason": "red again"]))
        #expect(loop.state == .open && loop.blockedAt == nil && loop.blockReason == nil)
    }

    @Test func unblockingALoopThatNeverStartedReturnsItToOpen() {
        let loop = fold(
            event(.blocked, "2026-11-24T10:00:00Z", ["reason": "x"]),
            event(.unblocked, "2026-11-24T11:00:00Z")
        )
        #expect(loop.state == .open)
    }

    @Test func changesToPlanAreKeptWithWhoWasTold() {
        let loop = fold(
            event(
                .scopeChanged,
                "2026-11-24T10:00:00Z",
                ["note": "also the cache key", "estimateHours": 10, "told": ["release-team"]]
            ),
            event(.dueChanged, "2026-11-25T10:00:00Z", ["due": "2026-12-08", "reason": "image delayed"]),
            event(.risk, "2026-11-25T11:00:00Z", ["note": "release may slip"])
        )
        #expect(loop.estimateHours == 10)
        #expect(loop.due == .day(CivilDate(year: 2026, month: 12, day: 8)))
        #expect(loop.changes.map(\.type) == [.scopeChanged, .dueChanged, .risk])
        #expect(loop.changes[0].told == ["release-team"])
        #expect(loop.changes[1].note == "image delayed")
        #expect(loop.changes[1].value == "2026-12-08")
        #expect(loop.changes[2].told.isEmpty)
        #expect(loop.lastCommunicationAt == instant("2026-11-25T11:00:00Z"))
    }

    @Test func stagedReportedDone() {
        let loop = fold(
            event(.staged, "2026-11-24T10:00:00Z", ["stage": "deploy"]),
            event(
                .done,
                "2026-11-25T10:00:00Z",
                ["outcome": "green 10/10", "verified": true, "monitoredBy": "CI alert"]
            ),
            event(.reported, "2026-11-25T12:00:00Z", ["channel": "standup"])
        )
        #expect(loop.stage == .deploy)
        #expect(loop.state == .done)
        #expect(loop.outcome == "green 10/10")
        #expect(loop.verified)
        #expect(loop.monitoredBy == "CI alert")
        #expect(loop.reports == [Loop.Report(at: instant("2026-11-25T12:00:00Z"), channel: .standup)])
        #expect(loop.isSettled)
    }

    @Test func aDoneLoopNobodyHeardAboutIsNotSettled() {
        let loop = fold(event(.done, "2026-11-25T10:00:00Z", ["verified": true]))
        #expect(!loop.isSettled)
    }

    @Test func droppedIsTerminal() {
        let dropped = fold(event(.dropped, "2026-11-24T10:00:00Z", ["reason": "superseded", "told": ["lead"]]))
        #expect(dropped.state == .dropped)
        #expect(dropped.closeReason == "superseded")
        #expect(dropped.isSettled)
    }

    @Test func aHandOffMakesTheRecipientTheOwnerOfAnOpenLoop() {
        let handed = fold(
            event(.started, "2026-11-23T10:00:00Z"),
            event(.blocked, "2026-11-23T11:00:00Z", ["reason": "keys"]),
            event(.handedOff, "2026-11-24T10:00:00Z", ["to": "bob", "note": "his service"])
        )
        #expect(handed.owner == "bob")
        #expect(handed.delegatedBy == "ana")
        #expect(handed.state == .open)
        #expect(handed.state.isLive && !handed.isSettled)
        #expect(handed.handedOffAt == instant("2026-11-24T10:00:00Z"))
        #expect(handed.acceptedAt == nil)
        #expect(handed.blockedAt == nil)
        #expect(handed.startedAt == instant("2026-11-23T10:00:00Z"), "the history is kept")
        #expect(handed.lastCommunicationAt == instant("2026-11-24T10:00:00Z"), "silence counts from the hand-off")
        var accepted = handed
        accepted.apply(event(.noted, "2026-11-24T12:00:00Z", by: "ana", ["note": "context in the doc"]))
        #expect(accepted.acceptedAt == nil, "the delegator's word is not the new owner's")
        accepted.apply(event(.started, "2026-11-25T09:00:00Z", by: "bob"))
        #expect(accepted.acceptedAt == instant("2026-11-25T09:00:00Z"))
        #expect(accepted.state == .active)
        accepted.apply(event(.handedOff, "2026-11-26T09:00:00Z", by: "bob", ["to": "carol"]))
        #expect(accepted.owner == "carol" && accepted.delegatedBy == "bob" && accepted.acceptedAt == nil)
        #expect(accepted.state == .open)
    }

    @Test func editChangesFieldsAndCanRequireApproval() {
        let loop = fold(
            event(.edited, "2026-11-24T10:00:00Z", ["title": "Fix the deploy", "stakes": "high", "due": "2026-12-01"])
        )
        #expect(loop.title == "Fix the deploy")
        #expect(loop.stakes == .high)
        #expect(loop.state == .proposed)
        #expect(loop.due == .day(CivilDate(year: 2026, month: 12, day: 1)))
    }

    @Test func aHistoryWithoutItsCreatedEventStillFolds() {
        let loop = Loop.fold([event(.noted, "2026-11-24T10:00:00Z", ["note": "x"]), created])!
        #expect(loop.title == "Fix the flaky deploy")
        #expect(loop.eventCount == 2)
    }

    @Test func theProjectionSurvivesStorage() {
        var loop = fold(
            event(.started, "2026-11-24T09:00:00Z"),
            event(.scopeChanged, "2026-11-24T10:00:00Z", ["note": "more", "estimateHours": 10.5, "told": ["x"]]),
            event(.blocked, "2026-11-24T11:00:00Z", ["reason": "r"]),
            event(.reported, "2026-11-24T12:00:00Z", ["channel": "notice"])
        )
        loop.number = 7
        #expect(Loop(storageJSON: loop.storageJSON) == loop)
    }

    @Test func planChangesKeepTheValueBeforeTheChangeThroughStorage() {
        let loop = Loop.fold([
            event(.created, "2026-11-23T09:00:00Z", ["title": "x", "due": "2026-12-01", "estimateHours": 16]),
            event(.scopeChanged, "2026-11-24T10:00:00Z", ["estimateHours": 80]),
            event(.dueChanged, "2026-11-24T11:00:00Z", ["due": "2026-12-15"]),
            event(.dueChanged, "2026-11-24T12:00:00Z", ["due": "2026-12-10"]),
            event(.risk, "2026-11-24T13:00:00Z", ["note": "vendor"]),
        ])!
        #expect(loop.changes.map(\.previous) == ["16", "2026-12-01", "2026-12-15", nil])
        #expect(loop.changes.map(\.value) == ["80", "2026-12-15", "2026-12-10", nil])
        #expect(Loop(storageJSON: loop.storageJSON) == loop)
    }

    /// A loop with every field of the projection set.
    func everyField() -> Loop {
        var loop = Loop.fold([
            event(
                .created,
                "2026-11-23T09:00:00Z",
                [
                    "title": "Répare \"le\" déploiement\n😀", "doneWhen": "10 green runs",
                    "due": "2026-12-01T17:30:00+09:00",
                    "stakes": "high", "kind": "debt", "autonomy": 4, "stage": "design", "affects": ["release", "ops"],
                    "estimateHours": 6.5, "origin": "incident 12", "ux": "none", "touches": "ci", "ifItFails": "revert",
                ]
            ),
            event(.approved, "2026-11-23T10:00:00Z"),
            event(.started, "2026-11-23T11:00:00Z"),
            event(.helpAsked, "2026-11-23T12:00:00Z", ["from": "infra", "note": "ticket"]),
            event(.blocked, "2026-11-23T12:30:00Z", ["reason": "image"]),
            event(.dueChanged, "2026-11-24T11:00:00Z", ["due": "2026-12-15", "reason": "slip", "told": ["lead"]]),
            event(.reported, "2026-11-24T12:00:00Z", ["channel": "weekly"]),
            event(.handedOff, "2026-11-25T12:00:00Z", ["to": "data-team", "note": "theirs"]),
            event(.noted, "2026-11-25T13:00:00Z", by: "data-team", ["note": "on it"]),
        ])!
        loop.number = 12
        loop.verified = true
        loop.outcome = "green"
        loop.startedWithoutQuestions = true
        return loop
    }

    @Test func everyFieldSurvivesStorage() throws {
        let loop = everyField()
        #expect(loop.delegatedBy == "ana" && loop.handedOffAt != nil && loop.acceptedAt != nil)
        let stored = loop.storageJSON
        #expect(Loop(storageJSON: stored) == loop)
        // Members it does not know are passed over; a loop without its key, or with text after it, is not one.
        #expect(Loop(storageJSON: "{\"extra\":{\"a\":[1,{}]}," + stored.dropFirst()) == loop)
        #expect(Loop(storageJSON: stored.replacingOccurrences(of: "\"key\":", with: "\"kee\":")) == nil)
        // A skipped string ends at the first quote that no odd run of backslashes escapes.
        #expect(Loop(storageJSON: #"{"extra":["a\\","b\"c\\\"",{"\"":"\\\\"}],"# + stored.dropFirst()) == loop)
        #expect(Loop(storageJSON: #"{"extra":"a\\"b","# + stored.dropFirst()) == nil)
        // A member's name written with escapes is read decoded.
        #expect(Loop(storageJSON: stored.replacingOccurrences(of: "\"title\":", with: #""titl\u0065":"#)) == loop)
        #expect(Loop(storageJSON: stored + "x") == nil)
        #expect(Loop(storageJSON: "[]") == nil)
    }

    @Test func aProjectionReadsTheSameWhateverTheOrderOfItsMembers() throws {
        var loop = everyField()
        loop.guards = [Loop.Guard(at: loop.createdAt, by: "ana", text: "a test")]
        let stored = loop.storageJSON
        #expect(!loop.changes.isEmpty && !loop.reports.isEmpty)
        // The reader looks for members in the order they are written; sorted by name, reversed, or
        // with a name written with escapes, they read the same.
        let object = try JSONSerialization.jsonObject(with: Data(stored.utf8))
        let sorted = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        #expect(String(decoding: sorted, as: UTF8.self) != stored)
        #expect(Loop(storageJSON: String(decoding: sorted, as: UTF8.self)) == loop)
        let members = try #require(object as? [String: Any])
        let reversed = try members.keys.sorted(by: >).map { name in
            let value = try JSONSerialization.data(withJSONObject: members[name]!, options: [.fragmentsAllowed])
            return "\"\(name)\":" + String(decoding: value, as: UTF8.self)
        }
        #expect(Loop(storageJSON: "{" + reversed.joined(separator: ",") + "}") == loop)
        let escaped = stored.replacingOccurrences(of: "\"owner\":", with: "\"\\u006fwner\":")
        #expect(escaped != stored)
        #expect(Loop(storageJSON: escaped) == loop)
    }

    @Test func theStandupsReadingLeavesOutPlanChangesOnlyWhenAllAreBeforeItsWindow() throws {
        let loop = everyField()
        #expect(!loop.changes.isEmpty && !loop.notes.isEmpty)
        let stored = loop.storageJSON
        var expected = loop
        expected.notes = []
        // Quiet since before the window: every change is older (a change is an event), so none is read.
        let after = loop.lastEventAt.addingTimeInterval(1)
        let quiet = try #require(Loop(storageJSON: stored, reading: .withoutNotesOrChangesBefore(after)))
        #expect(quiet.changes.isEmpty)
        var withoutChanges = expected
        withoutChanges.changes = []
        #expect(quiet == withoutChanges)
        // An event in the window (its last, at the window's start): the changes are read.
        #expect(Loop(storageJSON: stored, reading: .withoutNotesOrChangesBefore(loop.lastEventAt)) == expected)
        // Stored with the changes before `lastEventAt`, they are read: the reader cannot tell yet.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stored.utf8)) as? [String: Any])
        let changesFirst = ["changes"] + object.keys.filter { $0 != "changes" }.sorted()
        let members = try changesFirst.map { name in
            let value = try JSONSerialization.data(withJSONObject: object[name]!, options: [.fragmentsAllowed])
            return "\"\(name)\":" + String(decoding: value, as: UTF8.self)
        }
        let reordered = "{" + members.joined(separator: ",") + "}"
        #expect(Loop(storageJSON: reordered, reading: .withoutNotesOrChangesBefore(after)) == expected)
    }

    @Test func aListingReadsWhatAListShowsAndOrdersBy() throws {
        var loop = Loop.fold([
            event(
                .created,
                "2026-11-23T09:00:00Z",
                [
                    "title": "Pay \"the\" vendor\\", "due": "2026-12-01", "project": "billing", "tags": ["q4"],
                    "affects": ["ops"], "estimateHours": 3, "doneWhen": "paid", "ux": "none", "touches": "ledger",
                    "ifItFails": "pay by hand", "origin": "email",
                ]
            ),
            event(.noted, "2026-11-23T10:00:00Z", ["note": "a \"quoted\" note, a \\ and a }"]),
            event(.started, "2026-11-23T11:00:00Z"),
            event(.risk, "2026-11-24T10:00:00Z", ["note": "vendor [late]", "told": ["lee"]]),
            event(.reported, "2026-11-24T12:00:00Z", ["channel": "weekly"]),
            event(.blocked, "2026-11-25T12:00:00Z", ["reason": "invoice"]),
        ])!
        loop.guards = [Loop.Guard(at: loop.createdAt, by: "ana", text: "a test {\"x\": [1]}")]
        (loop.number, loop.approvedBy, loop.helpAskedFrom) = (3, "lead", "infra")
        (loop.verified, loop.monitoredBy) = (true, "an alert")
        #expect(!loop.notes.isEmpty && !loop.changes.isEmpty && !loop.reports.isEmpty && loop.startedAt != nil)
        let listed = try #require(Loop(storageJSON: loop.storageJSON, reading: .listing))
        // What the list's table, its JSON and its order read: as stored.
        #expect(
            LoopJSON.string(listed, now: loop.lastEventAt, calendars: Calendars())
                == LoopJSON.string(loop, now: loop.lastEventAt, calendars: Calendars())
        )
        #expect(
            [listed.key, listed.title, listed.owner, listed.createdBy, listed.blockReason, listed.delegatedBy]
                == [loop.key, loop.title, loop.owner, loop.createdBy, loop.blockReason, loop.delegatedBy]
        )
        #expect(listed.createdAt == loop.createdAt && listed.lastCommunicationAt == loop.lastCommunicationAt)
        #expect(listed.number == 3 && listed.state == .blocked && listed.blockedAt == loop.blockedAt)
        // The rest is left out: history, who approved or was asked.
        #expect(listed.notes.isEmpty && listed.changes.isEmpty && listed.reports.isEmpty && listed.guards.isEmpty)
        #expect(listed.startedAt == nil && listed.lastProgressAt == nil && listed.eventCount == 0)
        #expect(listed.approvedBy == nil && listed.helpAskedFrom == nil)
        // Stepping over a member checks its brackets and strings: a cut one is no loop.
        let cut = loop.storageJSON.replacingOccurrences(of: "\"approvedBy\":\"", with: "\"approvedBy\":")
        #expect(Loop(storageJSON: cut, reading: .listing) == nil)
        let notesCut = loop.storageJSON.replacingOccurrences(of: "\"notes\":[\"", with: "\"notes\":[")
        #expect(Loop(storageJSON: notesCut, reading: .withoutNotes) == nil)
        let unclosed = loop.storageJSON.replacingOccurrences(of: "\"type\":\"risk\"}", with: "\"type\":\"risk\"")
        #expect(unclosed != loop.storageJSON)
        #expect(Loop(storageJSON: unclosed, reading: .withoutNotes) == nil)
        let colonless = loop.storageJSON.replacingOccurrences(of: "\"told\":", with: "\"told\" ")
        #expect(colonless != loop.storageJSON)
        #expect(Loop(storageJSON: colonless, reading: .withoutNotes) == nil)
        // A listing ends at the history, which it never reads (the ledger checked it when it wrote it).
        #expect(Loop(storageJSON: notesCut, reading: .listing) == listed)
        // The table's reading stops at the due date: what the table shows and orders by, as stored.
        let row = try #require(Loop(storageJSON: notesCut, reading: .table))
        #expect([row.title, row.owner] == [loop.title, loop.owner])
        #expect(row.number == 3 && row.state == .blocked && row.stakes == loop.stakes && row.kind == loop.kind)
        #expect(row.due == loop.due && row.createdAt == loop.createdAt)
        #expect(row.doneWhen == nil && row.project == nil && row.tags.isEmpty && row.blockReason == nil)
        // Nor the key, who created it, or when it last changed: stepped over, though a loop has them.
        #expect(row.key.isEmpty && row.createdBy.isEmpty && row.lastEventAt == Date(timeIntervalSince1970: 0))
        let keyless = loop.storageJSON.replacingOccurrences(of: "\"key\":", with: "\"kee\":")
        #expect(keyless != loop.storageJSON)
        #expect(Loop(storageJSON: keyless, reading: .table) == nil)
        // The doctor's reading leaves out only the notes.
        var judged = loop
        judged.notes = []
        #expect(Loop(storageJSON: loop.storageJSON, reading: .withoutNotes) == judged)
        // Read from the bytes where they lie, the same as from a string.
        var stored = loop.storageJSON
        #expect(stored.withUTF8 { Loop(storageJSON: $0, reading: .whole) } == loop)
    }

    @Test func aReopenTakesADoneOrDroppedLoopBackToOpenKeepingItsHistory() {
        let done = fold(
            event(.started, "2026-11-23T10:00:00Z"),
            event(.done, "2026-11-24T10:00:00Z", ["outcome": "green", "verified": true]),
            event(.reopened, "2026-11-25T10:00:00Z", ["reason": "flaky again"])
        )
        #expect(done.state == .open)
        #expect(done.doneAt == nil)
        #expect(done.outcome == nil)
        #expect(!done.verified)
        #expect(done.startedAt == instant("2026-11-23T10:00:00Z"))
        #expect(done.lastCommunicationAt == instant("2026-11-25T10:00:00Z"), "saying why is word from the owner")
        let dropped = fold(
            event(.dropped, "2026-11-24T10:00:00Z", ["reason": "superseded"]),
            event(.reopened, "2026-11-25T10:00:00Z", ["reason": "the replacement was cancelled"])
        )
        #expect(dropped.state == .open)
        #expect(dropped.closedAt == nil)
        #expect(dropped.closeReason == nil)
        let high = Loop.fold([
            event(.created, "2026-11-23T09:00:00Z", ["title": "Migrate", "stakes": "high"]),
            event(.dropped, "2026-11-24T10:00:00Z"), event(.reopened, "2026-11-25T10:00:00Z"),
        ])!
        #expect(high.state == .proposed, "still waits for approval")
        let live = fold(event(.started, "2026-11-23T10:00:00Z"), event(.reopened, "2026-11-25T10:00:00Z"))
        #expect(live.state == .active, "a reopen of a live loop (an import can bring one) changes nothing")
    }
}

@Suite("Clearing: an edit that gives a field as null clears it")
struct ClearingTests {
    @Test func nullClearsEveryClearableFieldAndNothingElse() throws {
        let created = event(
            .created,
            "2026-11-23T09:00:00Z",
            [
                "title": "Fix", "doneWhen": "green", "due": "2026-12-04", "autonomy": 5, "stage": "design",
                "affects": ["release-team"], "estimateHours": 6, "origin": "retro", "project": "infra", "ux": "none",
                "touches": "ci", "ifItFails": "red builds", "tags": ["ops"],
            ]
        )
        let verified = event(.edited, "2026-11-23T10:00:00Z", ["verified": true, "monitoredBy": "deploy-check"])
        var fields: EventFields = [:]
        for name in Loop.clearableFields { fields[name] = .null }
        fields["title"] = .null
        let loop = try #require(Loop.fold([created, verified, event(.edited, "2026-11-24T09:00:00Z", fields)]))
        // Tags, verified and what monitors it are a loop's to be without too, as the event format says.
        #expect(loop.tags.isEmpty && !loop.verified && loop.monitoredBy == nil)
        for name in ["tags", "verified", "monitoredBy"] {
            let line = #"{"id":"e","loop":"L1","at":"2026-11-24T09:00:00Z","by":"ana","type":"edited","\#(name)":null}"#
            #expect(try Event(jsonLine: line, makeID: { "" }).fields[name] == .null, "\(name)")
        }
        #expect(loop.title == "Fix", "a title cannot be cleared")
        #expect(loop.doneWhen == nil && loop.due == nil && loop.stage == nil && loop.estimateHours == nil)
        #expect(loop.affects.isEmpty && loop.autonomyOverride == nil && loop.origin == nil && loop.project == nil)
        #expect(loop.ux == nil && loop.touches == nil && loop.ifItFails == nil)
        #expect(loop.changedFields(["due": .null]).isEmpty, "clearing what is already clear changes nothing")
    }

    @Test func anEditLineMayClearAndACreatedLineMayNot() throws {
        let edit = #"{"id":"e","loop":"L1","at":"2026-11-24T09:00:00Z","by":"ana","type":"edited","due":null}"#
        let read = try Event(jsonLine: edit, makeID: { "" })
        #expect(read.fields["due"] == .null)
        #expect(throws: CoreError.self) {
            try Event(
                jsonLine:
                    #"{"id":"e","loop":"L1","at":"2026-11-24T09:00:00Z","by":"ana","type":"edited","title":null}"#,
                makeID: { "" }
            )
        }
        #expect(throws: CoreError.self) {
            try Event(
                jsonLine:
                    #"{"id":"c","loop":"L1","at":"2026-11-24T09:00:00Z","by":"ana","type":"created","title":"x","due":null}"#,
                makeID: { "" }
            )
        }
    }
}
