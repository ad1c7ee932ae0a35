import Foundation
import OwnCore
import Testing

@testable import OwnCLI

/// Colour and column widths on a terminal: `own list` and `own doctor`.
@Suite("On a terminal")
struct TerminalTests {
    static let escape = "\u{1B}["

    /// The text with its colour escapes removed: what the terminal shows.
    static func plain(_ text: String) -> String {
        text.replacing(/\x{1B}\[[0-9;]*m/, with: "")
    }

    @Test func colourOnlyOnATerminalOrWhenForcedAndNeverWithNO_COLOR() {
        #expect(Terminal.colour([:], isTerminal: true))
        #expect(!Terminal.colour([:], isTerminal: false))
        #expect(!Terminal.colour(["TERM": "dumb"], isTerminal: true))
        #expect(!Terminal.colour(["NO_COLOR": "1"], isTerminal: true))
        #expect(Terminal.colour(["NO_COLOR": ""], isTerminal: true))
        #expect(Terminal.colour(["CLICOLOR_FORCE": "1"], isTerminal: false))
        #expect(!Terminal.colour(["CLICOLOR_FORCE": "0"], isTerminal: false))
        #expect(!Terminal.colour(["CLICOLOR_FORCE": "1", "NO_COLOR": "1"], isTerminal: true))
    }

    @Test func listPaintsOverdueRedAndBlockedYellowAndKeepsColumnsAligned() {
        let own = OwnBinary()
        own.succeeds("add", "Overdue thing", "--due", "2026-11-20")
        own.succeeds("add", "Blocked thing")
        own.succeeds("block", "2", "waiting")
        own.succeeds("add", "Calm thing", "--due", "2026-12-20")
        let coloured = own("list", environment: ["CLICOLOR_FORCE": "1"])
        #expect(coloured.stdout.contains(Self.escape + "31m2026-11-20!" + Self.escape + "0m"))
        #expect(coloured.stdout.contains(Self.escape + "33mblocked" + Self.escape + "0m"))
        #expect(!coloured.stdout.split(separator: "\n").last!.contains(Self.escape), "a calm loop is not painted")
        let plain = own("list")
        #expect(!plain.stdout.contains(Self.escape), "not a terminal: no colour")
        #expect(Self.plain(coloured.stdout) == plain.stdout, "colour changes nothing else")
        let lines = plain.stdout.split(separator: "\n")
        let titleColumns = zip(lines, ["title", "Overdue", "Blocked", "Calm"]).map { line, title in
            line.distance(from: line.startIndex, to: line.firstRange(of: title)!.lowerBound)
        }
        #expect(Set(titleColumns).count == 1, "titles start in one column: \(plain.stdout)")
        #expect(!own("list", environment: ["CLICOLOR_FORCE": "1", "NO_COLOR": "1"]).stdout.contains(Self.escape))
    }

    /// On a narrow terminal a long owner's name is cut, not dropped: the line said nothing of whose the
    /// loop was.
    @Test func doctorCutsALongOwnersNameOnANarrowTerminalAndKeepsIt() throws {
        let own = OwnBinary()
        own.succeeds(
            "add",
            "A title long enough to be cut on any narrow terminal",
            "--as",
            "bartholomew-of-the-platform-team",
            "--due",
            "2026-11-20"
        )
        let run = own("doctor", environment: ["COLUMNS": "60"])
        let line = try #require(run.stdout.split(separator: "\n").first { $0.contains("overdue") })
        #expect(line.contains("(bart") && line.contains("…)"), "\(line)")
    }

    /// A long owner's name is cut on a terminal, as a long title is: it pushed every row past the width.
    @Test func listCutsALongOwnersNameToKeepRowsWithinTheTerminal() {
        let own = OwnBinary()
        let long = "a-person-with-an-extremely-long-name-from-the-directory"
        own.succeeds("add", "Short")
        own.succeeds("add", "A long title again that should be cut to the width", "--as", long)
        let lines = own("list", "--all", environment: ["COLUMNS": "60"]).stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(lines)")
        #expect(lines.last?.contains("a-person-with-a… ") == true, "\(lines)")
        // Not on a terminal (no width): the name whole, for a script.
        #expect(own("list", "--all").stdout.contains(long))
    }

    @Test func doctorPaintsEachRuleBySeverityAndCutsLongTitlesToKeepItsColumns() {
        let own = OwnBinary()
        let long = String(repeating: "a very long title ", count: 8)
        own.succeeds("add", long, "--stakes", "high", "--now", "2026-11-02T09:00:00Z")
        own.succeeds("add", "Short one", "--now", "2026-11-02T09:00:00Z")
        let coloured = own("doctor", environment: ["CLICOLOR_FORCE": "1", "COLUMNS": "200"])
        #expect(coloured.code == 0, "\(coloured.stderr)")
        // going-dark on a high-stakes loop is a warning; open-loop is information. The severity is
        // written, and painted on a terminal.
        #expect(
            coloured.stdout.contains(Self.escape + "33mwarning" + Self.escape + "0m   going-dark"),
            "\(coloured.stdout)"
        )
        #expect(coloured.stdout.contains(Self.escape + "36minfo" + Self.escape + "0m      open-loop"))
        let plain = own("doctor", environment: ["COLUMNS": "200"])
        #expect(!plain.stdout.contains(Self.escape))
        #expect(Self.plain(coloured.stdout) == plain.stdout)
        let findings = plain.stdout.split(separator: "\n").filter { !$0.hasPrefix("  → draft") }
        #expect(findings.count >= 3)
        #expect(findings.allSatisfy { !$0.contains(long) }, "the long title is cut")
        #expect(plain.stdout.contains("…"))
        // Every message starts in one column.
        let messages = own("doctor", "--json").stdout.matches(of: /"message":"([^"]*)"/).map { String($0.1) }
        #expect(messages.count == findings.count)
        let messageColumns = zip(findings, messages).map { line, message in
            line.distance(from: line.startIndex, to: line.firstRange(of: message)!.lowerBound)
        }
        #expect(Set(messageColumns).count == 1, "\(plain.stdout)")
    }
}

extension TerminalTests {
    /// A message too long for the terminal is wrapped under itself (or, on a narrow one, under the
    /// finding), so no line of a finding runs past the width and breaks the columns; the drafts stay
    /// whole, to be copied.
    @Test func doctorWrapsMessagesToTheTerminalWidth() throws {
        let own = OwnBinary()
        own.succeeds(
            "add",
            String(repeating: "a long title ", count: 6),
            "--stakes",
            "high",
            "--now",
            "2026-11-02T09:00:00Z"
        )
        own.succeeds("add", "Short one", "--now", "2026-11-02T09:00:00Z")
        let messages = own("doctor", "--json").stdout.matches(of: /"message":"([^"]*)"/).map { String($0.1) }
        #expect(messages.count >= 3)
        for columns in [80, 60, 40] {
            let run = own("doctor", environment: ["COLUMNS": "\(columns)"])
            #expect(run.code == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("  → draft: ") }
            #expect(lines.allSatisfy { $0.columnCount <= max(columns, 48) }, "\(columns):\n\(run.stdout)")
            // Every message is there, its words in order, across the lines of its finding.
            let text = lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
            for message in messages { #expect(text.contains(message), "\(columns): \(message)") }
            // A finding's further lines start in one column: the message's, or four spaces in.
            let starts = Set(lines.filter { $0.hasPrefix(" ") }.map { $0.prefix { $0 == " " }.count })
            #expect(starts.count == 1, "\(columns): \(starts)")
            #expect(run.stdout.split(separator: "\n").filter { $0.hasPrefix("  → draft: ") }.count == messages.count)
        }
        // Wide enough, each message stays on its finding's line.
        let wide = own("doctor", environment: ["COLUMNS": "200"]).stdout.split(separator: "\n")
        #expect(wide.count == 2 * messages.count, "\(wide)")
    }
}

/// `own tour` without --db: a scratch ledger that every shown step names, removed at the end.
@Suite("own tour")
struct TourTests {
    @Test func showsTheScratchLedgerInEveryStepRemovesItAndNamesTheRealOne() throws {
        let own = OwnBinary()
        let temporary = own.folder + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let run = own("tour", environment: ["TMPDIR": temporary + "/", "OWN_DB": ""])
        #expect(run.code == 0, "\(run.stderr)")
        let steps = run.stdout.split(separator: "\n").filter { $0.hasPrefix("$ own ") }
        #expect(steps.count == 11)
        #expect(steps.allSatisfy { $0.contains(" --db \(temporary)/own-tour-") })
        #expect(steps.contains { $0.contains("'asked in #infra, ticket INF-12'") }, "quoted as a shell reads it")
        let real = own.folder + "/data/own/ledger.sqlite"
        #expect(run.stdout.contains("Your own ledger is \(real) (created on first use)."), "XDG_DATA_HOME")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty, "the scratch ledger is gone")
        #expect(!FileManager.default.fileExists(atPath: real))
        // Once the real ledger is there, the tour says where it is, not that it will be made.
        #expect(own("add", "Mine", environment: ["OWN_DB": ""]).code == 0)
        let again = own("tour", environment: ["TMPDIR": temporary + "/", "OWN_DB": ""])
        #expect(again.stdout.contains("Your own ledger is \(real).\n"), "\(again.stdout)")
    }

    @Test func refusesALedgerThatHoldsLoopsAndLeavesThemAsTheyWere() throws {
        let own = OwnBinary()
        let ledger = own.folder + "/mine.sqlite"
        for title in ["first", "second", "third"] { #expect(own("add", title, "--db", ledger).code == 0) }
        let before = own("list", "--db", ledger, "--json").stdout
        let run = own("tour", "--db", ledger)
        #expect(run.code == 2)
        #expect(run.stderr.contains("\(ledger) already holds events (loops, time off or declines)"), "\(run.stderr)")
        #expect(run.stdout.isEmpty, "no step ran")
        #expect(own("list", "--db", ledger, "--json").stdout == before)
    }

    @Test func keepsANewLedgerGivenWithDb() throws {
        let own = OwnBinary()
        let ledger = own.folder + "/tour.sqlite"
        #expect(own("tour", "--db", ledger).code == 0)
        let list = own("list", "--db", ledger, "--all", "--json")
        #expect(list.code == 0, "\(list.stderr)")
        #expect(list.stdout.contains("Fix the flaky deploy pipeline"))
    }
}
