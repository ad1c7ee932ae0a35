import Foundation
import OwnCore
import Testing

@Suite("own readiness: scope, lead duties, record, boring share and gaps")
struct ReadinessCommandTests {
    /// A loop that names only its owner affects no one: it was counted at their project and at
    /// organizational results.
    @Test func aLoopAffectingOnlyItsOwnerWidensNoScope() {
        let own = OwnBinary(now: "2026-11-30T12:00:00Z")
        own.succeeds("add", "Myself", "--stakes", "critical", "--affects", "ana", "--now", "2026-11-29T09:00:00Z")
        let run = own("readiness")
        #expect(run.stdout.contains("Widest scope owned: your own tasks\n"), "\(run.stdout)")
    }

    /// A loop owned in the window and handed on is evidence of the scope and duty it showed; its done,
    /// by whoever finished it, is not theirs.
    @Test func aLoopHandedOnInTheWindowCounts() {
        let own = OwnBinary(now: "2026-11-30T12:00:00Z")
        own.succeeds(
            "add",
            "Release 2.0",
            "--done-when",
            "shipped",
            "--due",
            "2026-11-20",
            "--affects",
            "web,mobile",
            "--now",
            "2026-11-02T10:00:00Z"
        )
        own.succeeds("start", "1", "--now", "2026-11-02T11:00:00Z")
        own.succeeds("handoff", "1", "--to", "lee", "--note", "lee finishes", "--now", "2026-11-05T11:00:00Z")
        let run = own("readiness")
        #expect(run.stdout.contains("Widest scope owned: cross-team outcomes\n"), "\(run.stdout)")
        #expect(run.stdout.contains("  release                 #1\n"), "\(run.stdout)")
        #expect(!own("readiness", "--owner", "lee").stdout.contains("nothing owned"), "lee owns it now")
    }

    @Test func evidenceAndGaps() throws {
        let own = OwnBinary(now: "2026-11-30T12:00:00Z")
        own.succeeds("add", "Fix login", "--due", "2026-11-06", "--done-when", "d", "--now", "2026-11-02T09:00:00Z")
        own.succeeds("done", "1", "--now", "2026-11-05T09:00:00Z")
        var run = own("readiness")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Widest scope owned: your own tasks\n"))
        #expect(run.stdout.contains("  your project            none\n"))
        #expect(run.stdout.contains("  release                 none\n"))
        #expect(
            run.stdout.contains(
                "Record: 1 of 1 promises kept, 0 surprises (own record's surprises, going dark and untold drops)\n"
            )
        )
        #expect(run.stdout.contains("Boring parts: 0 of 1 done loops\n"))
        #expect(run.stdout.contains("  - Scope: nothing yet at your project. Next loop: own add"))
        #expect(
            run.stdout.contains(
                "  - Lead duty \"release\": never owned. Next loop: own add \"Release for <the next one>\""
            )
        )
        #expect(run.stdout.contains("  - Boring parts: 0 of 1 done loops"))

        own.succeeds(
            "add",
            "Cut the 4.2 release",
            "--kind",
            "process",
            "--affects",
            "support,sales",
            "--due",
            "2026-12-04",
            "--done-when",
            "d"
        )
        // A duty's words are words: "prerelease" is no release; its last word in the plural counts.
        own.succeeds("add", "Prerelease checks", "--due", "2026-12-04", "--done-when", "d")
        own.succeeds("add", "Hiring loops for Q1", "--due", "2026-12-04", "--done-when", "d")
        try FileManager.default.createDirectory(atPath: own.folder + "/config/own", withIntermediateDirectories: true)
        // Read without blanks around them, as names are: " release" matched no title.
        own.file("config/own/config.toml", "[team]\nlead-duties = [\" release\", \"hiring loop \"]\n")
        run = own("readiness")
        #expect(run.stdout.contains("Widest scope owned: cross-team outcomes\n"))
        #expect(run.stdout.contains("  release                 #2\n"))
        #expect(run.stdout.contains("  hiring loop             #4\n"), "\(run.stdout)")
        #expect(!run.stdout.contains("Lead duty \"release\""))
        #expect(run.stdout.contains("  - Scope: nothing yet at organizational results."))
        // As it was before the release loop was added: that loop is no evidence yet (it counted,
        // whatever the instant).
        run = own("readiness", "--now", "2026-11-20T12:00:00Z")
        #expect(run.stdout.contains("Widest scope owned: your own tasks\n"), "\(run.stdout)")
        #expect(run.stdout.contains("  release                 none\n"), "\(run.stdout)")
        #expect(run.stdout.contains("Record: 1 of 1 promises kept"), "\(run.stdout)")
        #expect(own("readiness", "--weeks", "0").code == 2)
        // Past ten years the window began before any ledger (99999999 weeks began in the year -1914509).
        for command in ["readiness", "record"] {
            let run = own(command, "--weeks", "99999999")
            #expect(run.code == 2 && run.stderr.contains("--weeks must be at most 520 (ten years)"), "\(run.stderr)")
            #expect(own(command, "--weeks", "520").code == 0)
        }
    }

    /// The record's surprises are named by number, each once, #2 before #10: #10 broke its promise
    /// first, and a sort by text put "#10" first.
    @Test func surprisesAreListedByNumber() {
        let own = OwnBinary(now: "2026-11-30T12:00:00Z")
        // #10 is late on Nov 3, #2 a week after; each is done a day after it began, never dark.
        for number in 1...10 {
            let day = number == 2 ? "2026-11-09" : "2026-11-02"
            let due = number == 10 || number == 2 ? day : "2026-11-25"
            own.succeeds("add", "Loop \(number)", "--done-when", "d", "--due", due, "--now", day + "T09:00:00Z")
        }
        for number in 1...10 {
            own.succeeds("done", "\(number)", "--now", (number == 2 ? "2026-11-10" : "2026-11-03") + "T09:00:00Z")
        }
        let run = own("readiness")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("  - Record: 2 surprises (#2, #10). Next: re-date"), "\(run.stdout)")
    }
}
