import Foundation
import OwnCore
import Testing

@Suite("Clearing a field: --due none, --affects none, --estimate none …")
struct ClearFieldTests {
    @Test func editClearsFieldsAndTheEventSaysSo() throws {
        let own = OwnBinary()
        own.succeeds(
            "add",
            "Fix the flaky deploy",
            "--due",
            "2026-12-04",
            "--affects",
            "release-team",
            "--estimate",
            "6h",
            "--stage",
            "design",
            "--project",
            "infra"
        )
        var run = own(
            "edit",
            "1",
            "--due",
            "none",
            "--affects",
            "none",
            "--estimate",
            "none",
            "--stage",
            "none",
            "--project",
            "None"
        )
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            run.stdout
                == "#1 edited: affects cleared, due cleared, estimateHours cleared, project cleared, stage cleared\n"
        )
        let shown = try #require(try JSONParser.parse(own("show", "1", "--json").stdout).objectValue)
        let loop = try #require(shown["loop"]?.objectValue)
        #expect(loop["due"] == .null)
        #expect(loop["estimateHours"] == .null)
        #expect(loop["affects"] == .array([]))
        #expect(loop["stage"] == .null)
        let edit = try #require(shown["events"]?.arrayValue?.last?.objectValue)
        #expect(edit["type"] == "edited")
        #expect(edit["due"] == .null)
        // Cleared again: nothing changes, nothing is recorded.
        run = own("edit", "1", "--due", "none")
        #expect(run.stdout == "#1 unchanged: it already has those values\n")
        // The export imports again into the same loop.
        let copy = OwnBinary()
        #expect(copy("import", copy.file("ledger.jsonl", own("export").stdout)).code == 0)
        #expect(copy("show", "1", "--json").stdout.contains(#""due":null"#))
    }

    @Test func noneOnANewLoopIsLeftOutAndPlanChangesPointToEdit() {
        let own = OwnBinary()
        var run = own("add", "Fix the flaky deploy", "--due", "none", "--done-when", "green")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(own("show", "1", "--json").stdout.contains(#""due":null"#))
        run = own("due", "1", "none")
        #expect(run.code == 2)
        #expect(run.stderr == "own: own due records a new date; `own edit 1 --due none` clears the due date\n")
        run = own("scope", "1", "smaller", "--estimate", "none")
        #expect(run.stderr == "own: own scope records a new estimate; `own edit 1 --estimate none` clears it\n")
    }
}
