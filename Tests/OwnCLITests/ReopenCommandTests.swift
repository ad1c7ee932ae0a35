import Foundation
import OwnCore
import Testing

@Suite("own reopen: a done or dropped loop back to open, with a reason")
struct ReopenCommandTests {
    @Test func aDoneLoopReopensWithItsReasonAndHistory() throws {
        let own = OwnBinary()
        own.succeeds("add", "Fix the flaky deploy", "--now", "2026-11-26T09:00:00Z")
        own.succeeds("done", "1", "--outcome", "green", "--now", "2026-11-26T15:00:00Z")
        var run = own("reopen", "1", "--reason", "red again overnight")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout == "#1 open again: Fix the flaky deploy\n")
        run = own("show", "1")
        #expect(run.stdout.contains("state:     open"), "\(run.stdout)")
        #expect(run.stdout.contains("ana  done: green"))
        #expect(run.stdout.contains("ana  reopened: red again overnight"))
        #expect(own("list").stdout.contains("Fix the flaky deploy"))
        // The reason may also follow the loop, as for a note.
        own.succeeds("drop", "1", "--reason", "superseded")
        run = own("reopen", "1", "the replacement was cancelled")
        #expect(run.code == 0, "\(run.stderr)")
    }

    @Test func onlyAnEndedLoopReopensAndAReasonIsNeeded() {
        let own = OwnBinary()
        own.succeeds("add", "Fix the flaky deploy")
        var run = own("reopen", "1", "--reason", "why not")
        #expect(run.code == 2)
        #expect(run.stderr == "own: #1 is open; only a done or dropped loop can be reopened\n")
        own.succeeds("done", "1")
        run = own("reopen", "1")
        #expect(run.code == 2)
        #expect(run.stderr.contains("say why the loop is open again: own reopen 1 --reason TEXT"))
        run = own("reopen", "1", "--reason", "  ")
        #expect(run.code == 2)
        #expect(own("show", "1", "--json").stdout.contains(#""state":"done""#))
    }
}
