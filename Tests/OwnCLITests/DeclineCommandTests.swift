import Foundation
import OwnCore
import Testing

@Suite("own decline: the explicit not-mine, in the weekly, the doctor and the interchange")
struct DeclineCommandTests {
    /// The reason after the title, as every command that takes a reason takes it after the loop.
    @Test func theReasonIsGivenAfterTheTitleOrAsTheOption() throws {
        let own = OwnBinary()
        own.succeeds("decline", "rewrite the cron", "no capacity")
        own.succeeds("decline", "run the offsite", "--reason", "on leave")
        #expect(
            own("decline", "--list").stdout
                == "Nov 27  rewrite the cron: no capacity\nNov 27  run the offsite: on leave\n"
        )
        let both = own("decline", "port the alerts", "one way", "--reason", "the other")
        #expect(both.code == 2)
        #expect(
            both.stderr.contains("give the reason once: as --reason or after the title, not both"),
            "\(both.stderr)"
        )
        #expect(own("decline", "--list", "x").code == 2)
    }

    @Test func declineListWeeklyAndRoundTrip() throws {
        let own = OwnBinary(now: "2026-11-25T10:00:00Z")
        var run = own("decline", "rewrite the billing cron", "--reason", "no capacity until Q2", "--told", "lead")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout == "not taking on: rewrite the billing cron: no capacity until Q2 (told lead)\n")
        run = own("decline", "own the release train")
        #expect(run.stdout.hasSuffix("  tell whoever asked (--told), or they will assume you have it\n"))
        // Naming only yourself tells no one.
        run = own("decline", "review the roadmap", "--told", "ana")
        #expect(run.stdout.hasSuffix("  tell whoever asked (--told), or they will assume you have it\n"))
        own.succeeds("undo", "--yes")
        #expect(!own("list", "--all").stdout.contains("billing cron"), "a decline is no loop")
        #expect(
            own("decline", "--list").stdout
                == "Nov 25  rewrite the billing cron: no capacity until Q2 (told lead)\n"
                + "Nov 25  own the release train: no reason given\n"
        )
        let weekly = own("weekly", "--now", "2026-11-27T16:00:00Z").stdout
        #expect(weekly.contains("Not taking on\n  rewrite the billing cron - no capacity until Q2 (told lead)\n"))
        #expect(!own("weekly", "--now", "2026-12-04T16:00:00Z").stdout.contains("Not taking on"), "only this week's")
        // The JSON has them too, as `decline --list --json` writes them, and the time off ahead.
        own.succeeds("away", "2026-11-30..2026-12-01", "--backup", "lee", "--now", "2026-11-25T10:00:00Z")
        let json = try #require(
            try JSONParser.parse(own("weekly", "--json", "--now", "2026-11-27T16:00:00Z").stdout).objectValue
        )
        let listed = try JSONParser.parse(own("decline", "--list", "--json").stdout)
        #expect(json["notTakingOn"] == listed)
        #expect(json["notTakingOn"]?.arrayValue?.first?.objectValue?["title"] == "rewrite the billing cron")
        #expect(
            json["away"]
                == (try JSONParser.parse(own("away", "--list", "--json", "--now", "2026-11-27T16:00:00Z").stdout))
        )
        #expect(json["away"]?.arrayValue?.first?.objectValue?["backup"] == "lee")
        // Everyone's list names whose each is; someone known only by a decline is known, not a typo.
        own.succeeds("decline", "the on-call rota", "--reason", "on leave", "--as", "bob")
        let everyone = own("decline", "--list", "--owner", "all").stdout
        #expect(everyone.contains("Nov 25  bob: the on-call rota: on leave\n"), "\(everyone)")
        #expect(everyone.contains("Nov 25  ana: rewrite the billing cron: "), "\(everyone)")
        let bobs = own("weekly", "--owner", "bob", "--now", "2026-11-27T16:00:00Z")
        #expect(bobs.stdout.contains("the on-call rota") && !bobs.stderr.contains("check the name"), "\(bobs.stderr)")
        // and everyone's weeklies have his, though he owns no loop.
        let all = own("weekly", "--owner", "all", "--now", "2026-11-27T16:00:00Z").stdout
        #expect(all.contains("Weekly summary: bob\n") && all.contains("the on-call rota"), "\(all)")
        let exported = own("export").stdout
        #expect(exported.contains(#""loop":"@declined","at":"2026-11-25T10:00:00Z","by":"ana","type":"declined""#))
        let other = OwnBinary(now: "2026-11-25T10:00:00Z")
        #expect(other("import", other.file("in.jsonl", exported)).code == 0)
        #expect(other("export").stdout == exported)
        #expect(other("decline", "--list").stdout == own("decline", "--list").stdout)
    }

    @Test func overcommittedSuggestsDeclining() {
        let own = OwnBinary(now: "2026-11-23T10:00:00Z")
        for number in 1...4 {
            own.succeeds("add", "Task \(number)", "--due", "2026-12-18", "--done-when", "d")
            own.succeeds("start", String(number))
        }
        #expect(own("doctor").stdout.contains("own decline \"<what>\" --reason"))
    }

    @Test func listTakesFormatMdAndJson() throws {
        let own = OwnBinary(now: "2026-11-25T10:00:00Z")
        own.succeeds("decline", "rewrite the billing cron", "--reason", "no capacity until Q2", "--told", "lead")
        own.succeeds("decline", "own the release train")
        #expect(
            own("decline", "--list", "--format", "md").stdout
                == "## Declined by ana\n\n- Nov 25 rewrite the billing cron: no capacity until Q2 (told lead)\n"
                + "- Nov 25 own the release train: no reason given\n"
        )
        let json = own("decline", "--list", "--format", "json").stdout
        #expect(own("decline", "--list", "--json").stdout == json)
        let items = try #require(try JSONParser.parse(json).arrayValue).compactMap(\.objectValue)
        #expect(items.map { $0["title"] } == [.string("rewrite the billing cron"), .string("own the release train")])
        #expect(items.first?["told"] == .array([.string("lead")]))
        #expect(items.first?["at"] == .string("2026-11-25T10:00:00Z"))
        #expect(items.last?["reason"] == .null)
        #expect(own("decline", "--list", "--owner", "lee", "--json").stdout == "[]\n")
        #expect(own("decline", "more work", "--json").code == 2)
    }

    @Test func badInput() {
        let own = OwnBinary()
        #expect(own("decline").code == 2)
        let run = own("decline", "  ")
        #expect(run.code == 2)
        #expect(run.stderr == "own: the title is blank; say something in it\n", "blank, as every command says it")
    }
}
