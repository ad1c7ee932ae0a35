import Foundation
import OwnCore
import Testing

@Suite("Which state allows which action")
struct LoopActionTests {
    func loop(in state: LoopState, owner: String = "ana", approvedBy: String? = nil) -> Loop {
        var loop = Loop.fold([event(.created, "2026-11-23T09:00:00Z", ["title": "x"])])!
        loop.number = 7
        loop.state = state
        loop.owner = owner
        if let approvedBy {
            loop.approvedBy = approvedBy
            loop.approvedAt = instant("2026-11-23T10:00:00Z")
        }
        return loop
    }

    func refusal(_ action: LoopAction, _ loop: Loop, by actor: String = "ana") -> String? {
        do {
            try action.check(loop, by: actor)
            return nil
        } catch {
            return error.description
        }
    }

    @Test(arguments: LoopAction.allCases)
    func everyActionButNoteEditAndGuardIsRefusedOnAnEndedLoop(action: LoopAction) {
        for state in LoopState.ended {
            let message = refusal(action, loop(in: state), by: "ben")
            if action == .note || action == .edit || action == .guardAgainstRepeat
                || (action == .reopen && state != .handedOff)
            {
                #expect(message == nil)
            } else {
                #expect(message != nil, "\(action) on a \(state) loop")
            }
        }
    }

    @Test func eachRefusalSaysWhy() {
        #expect(refusal(.start, loop(in: .active)) == "#7 is already active")
        #expect(refusal(.start, loop(in: .blocked)) == "#7 is blocked; `own unblock 7` first")
        #expect(refusal(.start, loop(in: .dropped)) == "#7 is dropped; cannot start it; `own reopen 7 REASON` first")
        #expect(refusal(.block, loop(in: .blocked)) == "#7 is already blocked")
        #expect(refusal(.unblock, loop(in: .active)) == "#7 is active, not blocked")
        #expect(refusal(.done, loop(in: .done)) == "#7 is already done")
        #expect(refusal(.drop, loop(in: .dropped)) == "#7 is already dropped")
        #expect(refusal(.handOff, loop(in: .handedOff)) == "#7 is handed-off; cannot hand it off")
        #expect(refusal(.handOff, loop(in: .done)) == "#7 is done; cannot hand it off; `own reopen 7 REASON` first")
        #expect(
            refusal(.handOff, loop(in: .open), by: "lee")
                == "#7 is ana's: only its owner hands it off; ask ana to hand it off"
        )
        var untaken = loop(in: .open)
        untaken.handedOffAt = untaken.createdAt
        #expect(
            refusal(.handOff, untaken, by: "lee")
                == "#7 is ana's: only its owner hands it off; ask ana to hand it off, "
                + "or take it yourself first (`own edit 7 --owner lee`)"
        )
        #expect(refusal(.approve, loop(in: .proposed)) == "ana owns #7; someone else must approve it (`--by NAME`)")
        #expect(refusal(.approve, loop(in: .open, approvedBy: "lead"), by: "ben") == "#7 was already approved by lead")
        #expect(
            refusal(.approve, loop(in: .open), by: "lead")
                == "#7 needs no approval: at autonomy 4 its owner goes ahead without one"
        )
        #expect(refusal(.reopen, loop(in: .active)) == "#7 is active; only a done or dropped loop can be reopened")
        #expect(
            refusal(.reopen, loop(in: .handedOff)) == "#7 is handed-off; only a done or dropped loop can be reopened"
        )
    }

    @Test func liveLoopsAllowTheirActions() {
        #expect(refusal(.start, loop(in: .open)) == nil)
        #expect(refusal(.start, loop(in: .proposed)) == nil)
        #expect(refusal(.unblock, loop(in: .blocked)) == nil)
        #expect(refusal(.approve, loop(in: .proposed), by: "lead") == nil)
        for action in [LoopAction.risk, .rescope, .moveDue, .stage, .askForHelp, .handOff, .done, .drop, .block] {
            #expect(refusal(action, loop(in: .active)) == nil, "\(action)")
        }
    }

    @Test func eachActionRecordsItsEvent() {
        #expect(Set(LoopAction.allCases.map(\.eventType)).count == LoopAction.allCases.count)
        #expect(LoopAction.moveDue.eventType == .dueChanged)
    }
}
