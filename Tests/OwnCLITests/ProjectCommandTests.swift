import Foundation
import OwnCore
import Testing

@Suite("own project list and show")
struct ProjectCommandTests {
    /// `own project show web` and `own weekly --project web` judge web with its sub-projects, as
    /// `own list --project web` lists them; `own project list` judges each as it is named.
    @Test func showAndTheProjectUpdateTakeInSubProjects() throws {
        let own = OwnBinary(now: "2026-11-30T10:00:00Z")
        own.succeeds("add", "Parent", "--project", "web", "--due", "2026-12-11", "--done-when", "d")
        own.succeeds(
            "add",
            "Child",
            "--project",
            "web.auth",
            "--due",
            "2026-11-27",
            "--done-when",
            "d",
            "--now",
            "2026-11-23T09:00:00Z"
        )
        own.succeeds("add", "Other", "--project", "website", "--due", "2026-12-11", "--done-when", "d")
        let listed = own("project", "list").stdout
        #expect(listed.hasPrefix("web: on track\n"), "\(listed)")
        #expect(listed.contains("\nweb.auth: off track\n"), "\(listed)")
        let shown = own("project", "show", "web").stdout
        #expect(shown.hasPrefix("web: off track\n  #2 overdue (was due Nov 27)\n"), "\(shown)")
        #expect(shown.contains("  #1 Parent (ana") && shown.contains("  #2 Child (ana"), "\(shown)")
        #expect(!shown.contains("Other"), "\(shown)")
        let update = try #require(
            try JSONParser.parse(own("weekly", "--project", "web", "--json").stdout).objectValue
        )
        #expect(update["health"]?.objectValue?["status"] == "off track")
        #expect(update["health"]?.objectValue?["live"] == .array([1, 2]), "\(update)")
        // New to the project is opened: a hand-off within it is no news there. A loop done has no
        // due date left to set.
        own.succeeds("handoff", "1", "--to", "kim")
        own.succeeds("add", "Quick fix", "--project", "web", "--done-when", "d")
        own.succeeds("done", "4")
        let text = own("weekly", "--project", "web").stdout
        #expect(text.contains("Parent - opened Mon 30 Nov, open, medium stakes, due Fri 11 Dec"), "\(text)")
        #expect(text.contains("Quick fix - opened Mon 30 Nov, done, medium stakes\n"), "\(text)")
        #expect(!text.contains("handed over"), "\(text)")
        #expect(own("weekly", "--owner", "kim").stdout.contains("Parent - handed over by ana Mon 30 Nov"))
    }

    @Test func listAndShow() throws {
        let own = OwnBinary(now: "2026-11-30T10:00:00Z")
        own.succeeds(
            "add",
            "Invoice export",
            "--project",
            "billing",
            "--due",
            "2026-12-11",
            "--done-when",
            "d",
            "--estimate",
            "10h"
        )
        own.succeeds(
            "add",
            "Old report",
            "--project",
            "reports",
            "--due",
            "2026-11-27",
            "--done-when",
            "d",
            "--now",
            "2026-11-23T09:00:00Z"
        )
        own.succeeds("add", "No project", "--due", "2026-12-11", "--done-when", "d")
        // Before the billing loop was added, only the reports project was.
        let before = own("project", "list", "--now", "2026-11-24T09:00:00Z").stdout
        #expect(before.hasPrefix("reports: on track\n"), "\(before)")
        #expect(!before.contains("billing"), "\(before)")
        var run = own("project", "list")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            run.stdout.hasPrefix(
                "billing: on track\n  1 live loop: none overdue, blocked alone or dark; 10 h estimated left of 59.2 h\n"
                    + "reports: off track\n  #2 overdue (was due Nov 27)\n  #2 silent "
            ),
            "\(run.stdout)"
        )
        // In Markdown each project is a heading of its own, its reasons a list under it.
        let markdown = own("project", "list", "--format", "md").stdout
        #expect(markdown.hasPrefix("## billing: on track\n\n- 1 live loop"), "\(markdown)")
        #expect(markdown.contains("\n## reports: off track\n\n- #2 overdue"), "\(markdown)")
        run = own("project", "show", "billing")
        #expect(run.stdout.hasSuffix("  #1 Invoice export (ana, open due Dec 11)\n"))
        let array = try #require(try JSONParser.parse(own("project", "list", "--json").stdout).arrayValue)
        #expect(array.compactMap { $0.objectValue?["status"]?.stringValue } == ["on track", "off track"])
        run = own("project", "show", "nothing")
        #expect(run.code == 2)
        #expect(run.stderr == "own: no loop names the project \"nothing\"; `own project list` shows the projects\n")
        #expect(own("project", "frobnicate").code == 2)
        let exported = own("export").stdout
        #expect(exported.contains(#""project":"billing""#))
        let other = OwnBinary(now: "2026-11-30T10:00:00Z")
        other.succeeds("import", other.file("in.jsonl", exported))
        #expect(other("project", "list").stdout == own("project", "list").stdout)
    }

    @Test func weeklyProjectUpdate() throws {
        let own = OwnBinary(now: "2026-11-27T16:00:00Z")
        own.succeeds(
            "add",
            "Invoice export",
            "--project",
            "billing",
            "--due",
            "2026-12-11",
            "--done-when",
            "d",
            "--now",
            "2026-11-23T09:00:00Z"
        )
        own.succeeds(
            "add",
            "Tax rules",
            "--project",
            "billing",
            "--owner",
            "lee",
            "--due",
            "2026-11-26",
            "--done-when",
            "d",
            "--now",
            "2026-11-23T09:00:00Z"
        )
        own.succeeds(
            "done",
            "2",
            "--outcome",
            "rules live",
            "--verified",
            "--as",
            "lee",
            "--now",
            "2026-11-25T10:00:00Z"
        )
        own.succeeds("add", "Elsewhere", "--due", "2026-11-26", "--done-when", "d", "--now", "2026-11-23T09:00:00Z")
        own.succeeds("note", "1", "schema agreed", "--now", "2026-11-26T10:00:00Z")
        let run = own("weekly", "--project", "billing")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Project update: billing\n"), "\(run.stdout)")
        #expect(run.stdout.contains("Health: on track: 1 live loop: none overdue, blocked alone or dark."))
        #expect(
            run.stdout.contains(" Tax rules - rules live (verified in production)"),
            "lee's loop is in the update"
        )
        #expect(run.stdout.contains(" Invoice export"))
        // Named by key, not by this ledger's numbers.
        #expect(!run.stdout.contains("#1") && !run.stdout.contains("#2"))
        #expect(!run.stdout.contains("Elsewhere"))
        #expect(own("weekly", "--project", "nothing").code == 2)
        // Its JSON names the project and carries its health, as `own project show --json` has it.
        let json = try #require(
            try JSONParser.parse(own("weekly", "--project", "billing", "--json").stdout).objectValue
        )
        #expect(json["project"] == "billing")
        #expect(json["health"]?.objectValue?["status"] == "on track", "\(json)")
        let both = own("weekly", "--project", "billing", "--owner", "all")
        #expect(both.code == 2 && both.stderr.contains("leave --owner out"), "\(both.stderr)")

        // At an earlier instant the project is as it was then: lee's loop not yet done, and a loop
        // added to it later not in it (the update read every loop as it is now).
        own.succeeds("add", "Refunds", "--project", "billing", "--due", "2026-12-11", "--done-when", "d")
        let earlier = own("weekly", "--project", "billing", "--now", "2026-11-24T16:00:00Z")
        #expect(earlier.code == 0, "\(earlier.stderr)")
        #expect(!earlier.stdout.contains("Refunds"), "\(earlier.stdout)")
        #expect(!earlier.stdout.contains("rules live"), "\(earlier.stdout)")
        #expect(earlier.stdout.contains("Health: on track: 2 live loops"), "\(earlier.stdout)")
        // Its health names an overdue loop by key too (`own project show` by this ledger's number).
        let late = own("weekly", "--project", "billing", "--now", "2026-12-14T10:00:00Z")
        let key = try #require(try JSONParser.parse(own("show", "1", "--json").stdout).objectValue?["loop"])
            .objectValue?["key"]?.stringValue
        #expect(late.stdout.contains("Health: off track: \(key ?? "?") overdue"), "\(late.stdout)")
        #expect(!late.stdout.contains("#1"), "\(late.stdout)")
        let listed = own("project", "list", "--now", "2026-11-24T16:00:00Z").stdout
        #expect(listed.hasPrefix("billing: on track\n  2 live loops"), "\(listed)")
        #expect(own("project", "list", "--now", "2026-11-20").stdout.hasPrefix("no projects"))
    }

    /// A project update's week is the team's ([calendar], UTC here), whoever drafts it: ana in Tokyo,
    /// already on Monday, drafted an empty week dated Sunday.
    @Test func aProjectsWeekIsTheTeamsWhoeverDraftsIt() {
        let own = OwnBinary()
        let config = own.file("config.toml", "[people.ana]\ntz = \"Asia/Tokyo\"\n")
        own.succeeds(
            "add",
            "Billing export",
            "--project",
            "billing",
            "--due",
            "2026-12-20",
            "--done-when",
            "x",
            "--now",
            "2026-11-24T10:00:00Z"
        )
        own.succeeds("note", "1", "half done", "--now", "2026-11-26T10:00:00Z")
        func update(as person: String) -> String {
            own(
                "weekly",
                "--project",
                "billing",
                "--config",
                config,
                "--as",
                person,
                "--now",
                "2026-11-29T20:00:00Z"
            ).stdout
        }
        #expect(update(as: "ana") == update(as: "bob"))
        #expect(update(as: "ana").contains("half done"), "\(update(as: "ana"))")
    }

    /// A project update judges a loop overdue where its health does, on the owner's calendar: kai's
    /// loop due Friday, past in Kiritimati at noon UTC, read "off track: overdue" in its health and
    /// "due today and not done" in its risks, and was missing from next week's carried-over loops.
    /// Due today for sam (UTC-11) while it is already Saturday on the team's calendar, it is due
    /// today, a risk (it was in neither list).
    @Test func aProjectUpdateJudgesOverdueOnTheOwnersCalendarAsItsHealthDoes() throws {
        /// The update at `now` of one loop of `person`'s in `zone`, due Friday 27 March.
        func update(of person: String, in zone: String, at now: String) throws -> [String: JSONValue] {
            let own = OwnBinary()
            let config = own.file("config.toml", "[people.\(person)]\ntz = \"\(zone)\"\n")
            let add = ["add", "\(person) web", "--project", "web", "--due", "2026-03-27", "--done-when", "x"]
            #expect(own.run(add + ["--as", person, "--config", config, "--now", "2026-03-26T09:00:00Z"]).code == 0)
            let run = own("weekly", "--project", "web", "--json", "--config", config, "--now", now)
            return try #require(try JSONParser.parse(run.stdout).objectValue, "\(run.stderr)")
        }
        func risks(_ body: [String: JSONValue]) -> JSONValue? {
            body["risks"]?.arrayValue?.first?.objectValue?["risks"]
        }
        let kai = try update(of: "kai", in: "Pacific/Kiritimati", at: "2026-03-27T12:00:00Z")
        #expect(kai["health"]?.objectValue?["status"] == "off track", "\(kai)")
        #expect(risks(kai) == .array(["overdue"]), "\(kai)")
        #expect(kai["next"]?.arrayValue?.count == 1, "\(kai)")
        let sam = try update(of: "sam", in: "Pacific/Pago_Pago", at: "2026-03-28T05:00:00Z")
        #expect(risks(sam) == .array(["due-today"]), "\(sam)")
    }
}
